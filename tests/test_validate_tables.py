"""validate's table readers: a corpus's tables are read a row at a time, with the same problems."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from mctimeline.validate import _iter_table, mention_status_problems, mention_text_problems


def test_a_table_is_read_row_by_row_and_one_not_utf8_gives_no_rows(tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_bytes('a,b\n1,"x\ny"\n2,تهران\n'.encode())
    assert list(_iter_table(good)) == [{"a": "1", "b": "x\ny"}, {"a": "2", "b": "تهران"}]
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"a,b\n1,2\n" * 100_000 + b"3,\xff\n")  # the bad byte is far past the first rows
    assert list(_iter_table(bad)) == []
    assert list(_iter_table(tmp_path / "missing.csv")) == []


def _source(folder: Path, name: str, text: str) -> dict[str, str]:
    data = text.encode("utf-8")
    (folder / name).write_bytes(data)
    return {"source_id": name, "path": name, "sha256": hashlib.sha256(data).hexdigest()}


def _mention(source_id: str, start: int, end: int, text: str) -> dict[str, str]:
    return {"mention_id": f"{source_id}:{start}-{end}", "source_id": source_id, "start": str(start),
            "end": str(end), "text": text}  # fmt: skip


def test_mentions_of_sources_in_any_order_are_checked_against_their_own_text(tmp_path: Path) -> None:
    package = tmp_path / "datapackage"
    package.mkdir()
    sources = [_source(tmp_path, "a.txt", "در ۱۲ مهر ۱۴۰۳"), _source(tmp_path, "b.txt", "on 12 May 2025")]
    mentions = iter(  # a generator, as validate reads mentions.csv; sources interleaved
        [
            _mention("a.txt", 3, 14, "۱۲ مهر ۱۴۰۳"),
            _mention("b.txt", 3, 14, "12 May 2025"),
            _mention("a.txt", 3, 14, "۱۲ مهر ۱۴۰۴"),  # not the text there
            _mention("b.txt", 3, 14, "12 May 2025"),
        ]
    )
    problems = mention_text_problems(package, sources, mentions)
    wrong = "text '۱۲ مهر ۱۴۰۴' is not the source's text at 3-14 ('۱۲ مهر ۱۴۰۳')"
    assert problems == [f"mentions.csv, mention a.txt:3-14: {wrong}"]


@pytest.mark.parametrize(
    ("status", "start", "end", "wrong"),
    [
        ("unresolved", "", "", False),
        ("invalid", "", "", False),
        ("ok", "2015-08-10", "2015-08-10", False),
        ("inferred", "2015-08-10", "2015-08-12", False),
        ("ok", "", "", True),  # what the tagger wrote for an undated «أمس» before statuses were honest
        ("inferred", "2015-08-10", "", True),
        ("unresolved", "2015-08-10", "2015-08-10", True),
        ("invalid", "2015-08-10", "2015-08-10", True),
    ],
)
def test_a_mention_is_undated_exactly_when_its_status_says_so(
    status: str, start: str, end: str, wrong: bool
) -> None:
    row = {**_mention("a.txt", 0, 3, "أمس"), "status": status, "start_date": start, "end_date": end}
    problems = mention_status_problems(row)
    assert bool(problems) == wrong
    if wrong:
        assert problems[0].startswith(f"mentions.csv, mention a.txt:0-3: status {status}")
