"""Cells longer than csv's default limit (131,072 characters): the same package, exit codes and
plot on one CPU and on two, through build, validate, plot and the loaders; never a traceback.

A build no longer writes such cells (headlines and titles are bounded), but a package from
an earlier build, or another tool's tables, may hold them: the readers are tried on a copy
of the built package whose headline and title cells are widened to the whole text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from mctimeline.cli import main
from mctimeline.feeds import WORKERS_ENV
from mctimeline.reading import FIELD_LIMIT, csv_rows
from mctimeline.validate import pool as validate_mod

CSV_DEFAULT_LIMIT = 128 * 1024  # csv's limit in a fresh process (documented: 131,072)

# A one-line article (a scraper joined its paragraphs): its headline, the first line, is all of it.
_SENTENCES = (
    "به گزارش خبرنگار سیاسی ایرنا، نشست وزیران خارجه کشورهای حاشیه خزر روز ۱۴ مهر ۱۴۰۳ در تهران برگزار شد",
    "در این نشست نمایندگان روسیه، قزاقستان، ترکمنستان و آذربایجان درباره کشتیرانی در خزر گفتگو کردند",
    "سخنگوی وزارت امور خارجه گفت دور بعدی رایزنی‌های کارشناسی در مسکو دنبال خواهد شد",
    "کارشناسان انرژی معتقدند همکاری در سوآپ گاز و ترانزیت کالا هزینه‌های حمل را برای هر پنج کشور کاهش می‌دهد",
    "طرفین همچنین درباره تکمیل خط ریلی شمال به جنوب و تسهیل صدور روادید برای بازرگانان تبادل نظر کردند",
)
# A PDF extraction that lost its spaces: one long word on either side of the date, so the
# title (the words around the date) is as long as the text.
_GLUED = (
    "بهگزارشخبرگزاریایسنارایزنیهایکنسولیدوکشوردرآستاراادامهیافتومقامهایمرزیدربارهسادهسازی"
    "رفتوآمدکامیونهاوساختپایانهمشترکباربهتوافقاولیهرسیدند"
)
# 1 Farvardin 1403 was 20 March 2024 (Iran's official calendar); Mehr is the 7th month and
# Aban the 8th, after six months of 31 days.
FARVARDIN_1_1403 = dt.date(2024, 3, 20)
MEHR_14_1403 = FARVARDIN_1_1403 + dt.timedelta(days=6 * 31 + 13)
ABAN_2_1403 = FARVARDIN_1_1403 + dt.timedelta(days=6 * 31 + 30 + 1)


def one_line_article() -> str:
    parts: list[str] = []
    clause = 0
    while sum(map(len, parts)) <= CSV_DEFAULT_LIMIT + 10_000:
        sentence = _SENTENCES[clause % len(_SENTENCES)]
        parts.append(sentence if clause < len(_SENTENCES) else f"{sentence} (بند {clause} گزارش)")
        clause += 1
    return "؛ ".join(parts) + ".\n"


def glued_article() -> str:
    side = _GLUED * (CSV_DEFAULT_LIMIT // 2 // len(_GLUED) + 20)
    return f"{side} روز ۲ آبان ۱۴۰۳ {side}\n"


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("long") / "seeds"
    folder.mkdir()
    (folder / "001_one_line.txt").write_text(one_line_article(), encoding="utf-8")
    (folder / "002_glued.txt").write_text(glued_article(), encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def default_limit() -> Iterator[None]:
    """csv's limit as a fresh process has it: frictionless, imported by other tests, raises it
    for the whole process, which would hide a reader that relies on it."""
    before = csv.field_size_limit(CSV_DEFAULT_LIMIT)
    yield
    csv.field_size_limit(before)


def on_cpus(monkeypatch: pytest.MonkeyPatch, cpus: int) -> list[int]:
    """Make this process see `cpus` CPUs, with validation's helper processes used at any size
    (they start only past a few MB of feeds otherwise); the list counts the helpers started."""
    started: list[int] = []
    start = validate_mod._start_helper

    def counted() -> object:
        started.append(1)
        return start()

    monkeypatch.setattr(validate_mod, "_cpus", lambda: cpus)
    monkeypatch.setattr(validate_mod, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(validate_mod, "_start_helper", counted)
    monkeypatch.setenv(WORKERS_ENV, str(cpus))
    return started


def widen(built: Path, widened: Path, seeds: Path) -> None:
    """`built` copied to `widened`, each headline the text's whole first line and each title
    the text itself, as the build before bounded headlines and titles wrote them."""
    shutil.copytree(built, widened)
    firsts = {p.stem: p.read_text("utf-8").splitlines()[0] for p in seeds.glob("*.txt")}
    for table, column, key in (("sources", "headline", "source_id"), ("events", "title", "event_id")):
        path = widened / f"{table}.csv"
        rows = list(csv_rows(io.StringIO(path.read_text("utf-8"), newline="")))
        for i, row in enumerate(rows):
            row[column] = firsts[row[key]] if key == "source_id" else sorted(firsts.values())[i % len(firsts)]
        buf = io.StringIO(newline="")
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_bytes(buf.getvalue().encode("utf-8"))


def tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def runs(seeds: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[int, dict[str, object]]:
    """build, validate and plot of the long seeds on 1 and on 2 CPUs: exit codes, output, files."""
    results: dict[int, dict[str, object]] = {}
    for cpus in (1, 2):
        with pytest.MonkeyPatch.context() as monkeypatch:
            before = csv.field_size_limit(CSV_DEFAULT_LIMIT)
            started = on_cpus(monkeypatch, cpus)
            out = tmp_path_factory.mktemp(f"cpus{cpus}") / "datapackage"
            wide = out.parent / "widened"
            svg = out.parent / "plot.svg"
            runner = CliRunner()
            built = runner.invoke(main, ["build", "--seeds", str(seeds), "--out", str(out)])
            widen(out, wide, seeds)
            checked = runner.invoke(main, ["validate", str(wide)])
            plotted = runner.invoke(main, ["plot", str(wide), "-o", str(svg)])
            csv.field_size_limit(before)
        results[cpus] = {
            "codes": (built.exit_code, checked.exit_code, plotted.exit_code),
            "output": [r.output.replace(str(out.parent), "HERE") for r in (built, checked, plotted)],
            "tracebacks": [
                r.exc_info
                for r in (built, checked, plotted)
                if not isinstance(r.exception, SystemExit | None)
            ],
            "files": tree(out) if out.is_dir() else {},
            "svg": svg.read_bytes() if svg.is_file() else b"",
            "helpers": len(started),
            "out": out,
            "wide": wide,
        }
    return results


def test_the_build_bounds_headlines_and_titles(runs: dict[int, dict[str, object]]) -> None:
    out = runs[1]["out"]
    assert isinstance(out, Path)
    sources = list(csv_rows(io.StringIO((out / "sources.csv").read_text("utf-8"), newline="")))
    events = list(csv_rows(io.StringIO((out / "events.csv").read_text("utf-8"), newline="")))
    assert max(len(s["headline"]) for s in sources) <= 201
    assert max(len(e["title"]) for e in events) <= 300
    assert {e["start_date"] for e in events} == {MEHR_14_1403.isoformat(), ABAN_2_1403.isoformat()}


def test_the_widened_copy_has_cells_past_the_default_limit(runs: dict[int, dict[str, object]]) -> None:
    out = runs[1]["wide"]
    assert isinstance(out, Path)
    sources = list(csv_rows(io.StringIO((out / "sources.csv").read_text("utf-8"), newline="")))
    events = list(csv_rows(io.StringIO((out / "events.csv").read_text("utf-8"), newline="")))
    assert max(len(s["headline"]) for s in sources) > CSV_DEFAULT_LIMIT
    assert max(len(e["title"]) for e in events) > CSV_DEFAULT_LIMIT
    # The long cells are the texts' own words, and the dates in them read right.
    assert one_line_article().strip() in {s["headline"] for s in sources}


def test_two_cpus_start_validation_helpers_and_one_does_not(runs: dict[int, dict[str, object]]) -> None:
    assert runs[1]["helpers"] == 0
    assert runs[2]["helpers"] == 4  # two for the build's validation, two for `validate`


@pytest.mark.parametrize("cpus", [1, 2])
def test_build_validate_and_plot_succeed_without_a_traceback(
    runs: dict[int, dict[str, object]], cpus: int
) -> None:
    run = runs[cpus]
    assert run["tracebacks"] == []
    assert run["codes"] == (0, 0, 0), run["output"]
    assert "valid" in str(run["output"])


def test_one_and_two_cpus_give_the_same_bytes(runs: dict[int, dict[str, object]]) -> None:
    assert runs[1]["files"] and runs[1]["files"] == runs[2]["files"]
    assert tree(runs[1]["wide"]) == tree(runs[2]["wide"])
    assert runs[1]["svg"] and runs[1]["svg"] == runs[2]["svg"]
    assert runs[1]["output"] == runs[2]["output"]


def test_the_reader_leaves_the_limit_raised_not_lowered() -> None:
    text = "id,title\n1," + "ا" * (CSV_DEFAULT_LIMIT + 1) + "\n"
    with pytest.raises(csv.Error):
        list(csv.DictReader(io.StringIO(text)))  # the limit this test reads against
    assert len(next(csv_rows(io.StringIO(text)))["title"]) == CSV_DEFAULT_LIMIT + 1
    assert csv.field_size_limit() == FIELD_LIMIT
    csv.field_size_limit(FIELD_LIMIT + 1)
    list(csv_rows(io.StringIO(text)))
    assert csv.field_size_limit() == FIELD_LIMIT + 1  # never lowered: another reader may need it


def test_pandas_reads_the_long_cells(runs: dict[int, dict[str, object]]) -> None:
    pytest.importorskip("pandas")
    from mctimeline.load import read_package

    out = runs[2]["wide"]
    assert isinstance(out, Path)
    tables = read_package(out)
    assert tables["events"]["title"].str.len().max() > CSV_DEFAULT_LIMIT
    assert tables["sources"]["headline"].str.len().max() > CSV_DEFAULT_LIMIT


def test_r_reads_the_long_cells(runs: dict[int, dict[str, object]], tmp_path: Path) -> None:
    from test_r_loader import parse_report, rscript

    r = rscript()
    out = runs[2]["wide"]
    assert isinstance(out, Path)
    done = subprocess.run([r, str(out / "load.R")], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    tables = parse_report(done.stdout)
    assert tables["events"][0] == 2 and tables["sources"][0] == 2


def test_plot_in_a_fresh_process_reads_the_long_titles(
    runs: dict[int, dict[str, object]], tmp_path: Path
) -> None:
    """A process that never imported frictionless (which raises csv's limit) still plots them."""
    out = runs[1]["wide"]
    assert isinstance(out, Path)
    done = subprocess.run(
        [sys.executable, "-m", "mctimeline", "plot", str(out), "-o", str(tmp_path / "plot.svg")],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert (tmp_path / "plot.svg").read_bytes() == runs[1]["svg"]
