"""Sizes grow linearly: a one-line 400 KB text (its own first line) gives a page and a peak in proportion.

Each build runs in a fresh interpreter that reports its own peak resident memory (and its
helper processes'); the bound is a ratio to a peer build of a tenth of the text in the same run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

MONTHS = (
    *("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور"),
    *("مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"),
)
CITIES = ("تهران", "مشهد", "اصفهان", "تبریز", "شیراز")
SENTENCE = (
    "به گزارش خبرگزاری ایرنا، نشست کارشناسان امنیت منطقه‌ای روز {day} {month} ۱۴۰۲ در {city} برگزار شد "
    "و شرکت‌کنندگان درباره همکاری اقتصادی، انرژی و حمل‌ونقل میان کشورهای همسایه گفتگو کردند. "
)
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

PROBE = """
import json, resource, sys
from mctimeline.cli import main
code = 0
try:
    main(["build", "--quiet", "--seeds", sys.argv[1], "--out", sys.argv[2]], standalone_mode=False)
except SystemExit as exc:
    code = exc.code
peak = max(resource.getrusage(w).ru_maxrss for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(json.dumps({"code": code, "peak_kib": peak}))
"""


def one_line_text(size: int) -> str:
    """Sentences of news in one line (no line break at all) until `size` UTF-8 bytes."""
    parts, total, i = [], 0, 0
    while total < size:
        day = str(1 + i % 28).translate(PERSIAN_DIGITS)
        s = SENTENCE.format(day=day, month=MONTHS[(i // 28) % 12], city=CITIES[i % len(CITIES)])
        parts.append(s)
        total += len(s.encode("utf-8"))
        i += 1
    return "".join(parts).strip()


def build(folder: Path, size: int) -> tuple[int, int, int]:
    """(input bytes, bytes of every page, peak KiB) of a build of one one-line text of `size` bytes."""
    seeds = folder / "seeds"
    seeds.mkdir(parents=True)
    text = one_line_text(size)
    assert "\n" not in text
    (seeds / "200_one_line.txt").write_text(text, encoding="utf-8")
    out = folder / "datapackage"
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(seeds), str(out)], capture_output=True, text=True, check=True
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["code"] in (0, None), done.stderr
    pages = sum(p.stat().st_size for p in out.glob("index*.html"))
    return len(text.encode("utf-8")), pages, report["peak_kib"]


@pytest.fixture(scope="module")
def sizes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, int, int]]:
    root = tmp_path_factory.mktemp("sizes")
    return {"small": build(root / "small", 40_000), "large": build(root / "large", 400_000)}


def test_a_one_line_text_gives_a_page_a_small_multiple_of_it(sizes) -> None:
    text, pages, _ = sizes["large"]
    assert 400_000 <= text < 401_000
    assert pages <= 4 * text, f"{pages:,} bytes of page for {text:,} bytes of text"


def test_the_page_grows_in_proportion_to_the_text(sizes) -> None:
    (small_in, small_out, _), (large_in, large_out, _) = sizes["small"], sizes["large"]
    # Page beyond the peer's, per byte of the extra text: a quote per mention is linear; a
    # headline (here the whole text) per quote made this grow with the text itself.
    per_byte = (large_out - small_out) / (large_in - small_in)
    assert per_byte <= 4, f"{per_byte:.1f} bytes of page per byte of text ({sizes})"


def test_the_build_peak_grows_at_most_linearly(sizes) -> None:
    (small_in, _, small_peak), (large_in, _, large_peak) = sizes["small"], sizes["large"]
    # Memory beyond the peer's, per byte of the extra text: a few dozen bytes of Python
    # objects per byte is linear; the page of a headline per quote took a thousand.
    per_byte = (large_peak - small_peak) * 1024 / (large_in - small_in)
    assert per_byte <= 64, f"{per_byte:.0f} bytes of peak per byte of text ({sizes})"


def test_the_headline_of_a_one_line_text_is_cut() -> None:
    from mctimeline.sources import HEADLINE_CHARS, headline

    text = one_line_text(20_000)
    cut = headline(text)
    assert len(cut) <= HEADLINE_CHARS and cut.endswith("…")
    assert text.startswith(cut[:-1])
    assert text[len(cut) - 1] in " ،."  # cut at a word boundary
