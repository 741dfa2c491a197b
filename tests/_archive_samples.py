"""Three agency reports as an archive holds them: a folder with metadata.csv, corpus.jsonl, corpus.csv.

Their day of publication is in the metadata, not in the text. Written for these tests
(news style); the Persian one is typed with Arabic-form ي and ك, as agencies do.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

TEXTS = {
    "ar_lavrov": (
        "لافروف يلتقي الجبير في موسكو\n"
        "موسكو (رويترز) - التقى وزير الخارجية الروسي سيرغي لافروف نظيره السعودي عادل الجبير "
        "أمس في موسكو، وبحثا الأزمة السورية.\n"
    ),
    # Persian as agencies type it on Arabic systems: Arabic-form ي and ك throughout
    "fa_bishkek": (
        "سفر رئيس جمهور به بيشكك\n"
        "رئيس جمهور امروز وارد بيشكك شد تا در اجلاس سران سازمان همكاري شانگهاي "
        "شركت كند.\n"
    ),
    "en_geneva": (
        "Talks to resume in Geneva\n"
        "GENEVA (Reuters) - Negotiators said yesterday that the deal signed on July 14 would be reviewed.\n"
    ),
}
META = {
    "ar_lavrov": {
        "published": "2015-08-11T09:30+03:00",
        "url": "https://example.org/ar/2015/08/11/lavrov",
        "outlet": "Reuters Arabic",
        "title": "لافروف والجبير في موسكو",
        "language": "ar",
    },
    "fa_bishkek": {"published": "2019-06-13", "url": "http://example.org/fa/bishkek", "outlet": "IRNA"},
    "en_geneva": {"published": "2015-08-20", "url": "javascript:alert(1)"},
}
COLUMNS = ("published", "url", "outlet", "title", "language")


def as_folder(root: Path) -> Path:
    return write_folder(root, TEXTS, META)


def write_folder(root: Path, texts: dict[str, str], meta: dict[str, dict[str, str]]) -> Path:
    """root/news with a NAME.txt per text and a metadata.csv row per `meta` entry."""
    folder = root / "news"
    folder.mkdir()
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    with (folder / "metadata.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["file", *COLUMNS])
        for name, row in meta.items():
            writer.writerow([f"{name}.txt", *(row.get(c, "") for c in COLUMNS)])
    return folder


def as_jsonl(root: Path) -> Path:
    path = root / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for name, text in TEXTS.items():
            f.write(json.dumps({"id": name, "text": text, **META[name]}, ensure_ascii=False) + "\n")
    return path


def as_csv(root: Path) -> Path:
    path = root / "corpus.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "text", *COLUMNS])
        for name, text in TEXTS.items():
            writer.writerow([name, text, *(META[name].get(c, "") for c in COLUMNS)])
    return path
