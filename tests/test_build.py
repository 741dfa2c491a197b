"""The build: reading seeds, atomic replacement of the package, determinism across machines."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import mctimeline.builder
import mctimeline.package
import mctimeline.swap
import mctimeline.validate
from _builder_samples import sample_timeline
from mctimeline.builder import BuildError, InvalidPackage, write_timeline
from mctimeline.ownership import BUILD_MARK, BUILD_MARK_TEXT
from mctimeline.validate import validate

TESTS = Path(__file__).resolve().parent


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def siblings(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir())


# --- writing atomically -----------------------------------------------------------------


def test_write_creates_a_valid_package_and_nothing_else(tmp_path: Path) -> None:
    out = tmp_path / "datapackage"
    summary = write_timeline(sample_timeline(), out)
    assert (summary.sources, summary.mentions, summary.events, summary.conflicts) == (2, 4, 3, 1)
    assert set(summary.feeds) == {"all.ics", "fa.ics", "ar.ics", "series-minsk-eurasian-security.ics"}
    assert validate(out) == []
    assert siblings(out) == ["datapackage"]


def test_rewrite_replaces_the_package_with_exactly_the_new_one(tmp_path: Path) -> None:
    out, fresh = tmp_path / "datapackage", tmp_path / "fresh"
    write_timeline(sample_timeline(hostile=True), out)
    write_timeline(sample_timeline(), out)  # fewer feeds: the old package's extra files go too
    write_timeline(sample_timeline(), fresh)
    assert snapshot(out) == snapshot(fresh)
    assert siblings(out) == ["datapackage", "fresh"]


def test_a_writer_that_fails_midway_leaves_the_old_package(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "datapackage"
    write_timeline(sample_timeline(), out)
    before = snapshot(out)

    def broken(folder: Path, *args: object, **kwargs: object) -> None:
        (folder / "events.csv").write_bytes(b"half a tab")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(mctimeline.package, "write_package", broken)
    with pytest.raises(OSError, match="No space left"):
        write_timeline(sample_timeline(hostile=True), out)
    assert snapshot(out) == before
    assert siblings(out) == ["datapackage"]


def test_an_invalid_result_leaves_the_old_package(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "datapackage"
    write_timeline(sample_timeline(), out)
    before = snapshot(out)
    monkeypatch.setattr(mctimeline.validate, "validate", lambda folder: ["events.csv: made up"])
    with pytest.raises(InvalidPackage) as info:
        write_timeline(sample_timeline(hostile=True), out)
    assert info.value.problems == ["events.csv: made up"]
    assert snapshot(out) == before
    assert siblings(out) == ["datapackage"]


def test_a_failed_swap_puts_the_old_package_back(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "datapackage"
    write_timeline(sample_timeline(), out)
    before = snapshot(out)
    real_rename = os.rename
    calls = []

    def rename(src: object, dst: object) -> None:
        calls.append((src, dst))
        if len(calls) == 2:  # the new package into place
            raise OSError(13, "Permission denied")
        real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    monkeypatch.setattr(mctimeline.swap, "exchange", lambda a, b: False)  # the two-rename fallback
    with pytest.raises(OSError, match="Permission denied"):
        write_timeline(sample_timeline(hostile=True), out)
    assert snapshot(out) == before
    assert siblings(out) == ["datapackage"]


def test_leftovers_of_a_killed_build_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "datapackage"
    killed = tmp_path / ".datapackage.build-abc123"  # as a build killed while writing leaves it
    killed.mkdir()
    (killed / BUILD_MARK).write_bytes(BUILD_MARK_TEXT)
    (killed / "events.csv").write_text("partial", encoding="utf-8")
    (tmp_path / ".datapackage.build-empty1").mkdir()  # killed before the mark: nothing to lose
    summary = write_timeline(sample_timeline(), out)
    assert siblings(out) == ["datapackage"]
    assert sum("interrupted build" in w for w in summary.warnings) == 2


@pytest.mark.parametrize(
    "name", [".datapackage.build-abc123", ".datapackage.old-abc123"], ids=["build", "old"]
)
def test_a_look_alike_of_a_leftover_is_kept_with_a_warning(tmp_path: Path, name: str) -> None:
    mine = tmp_path / name  # a name like a leftover's, but no build mark and no signed package
    mine.mkdir()
    (mine / "events.csv").write_text("my own edits", encoding="utf-8")
    summary = write_timeline(sample_timeline(), tmp_path / "datapackage")
    assert snapshot(mine) == {"events.csv": b"my own edits"}
    assert any(w.startswith(f"{mine}: kept") for w in summary.warnings)
    assert validate(tmp_path / "datapackage") == []


def test_a_marked_leftover_with_a_user_folder_inside_is_kept(tmp_path: Path) -> None:
    mine = tmp_path / ".datapackage.build-abc123"
    (mine / "drafts").mkdir(parents=True)
    (mine / BUILD_MARK).write_bytes(BUILD_MARK_TEXT)
    (mine / "drafts" / "notes.md").write_text("mine", encoding="utf-8")
    write_timeline(sample_timeline(), tmp_path / "datapackage")
    assert (mine / "drafts" / "notes.md").read_text(encoding="utf-8") == "mine"


def test_refuses_to_replace_a_folder_that_is_not_a_package(tmp_path: Path) -> None:
    out = tmp_path / "home"
    out.mkdir()
    (out / "thesis.tex").write_text("precious", encoding="utf-8")
    with pytest.raises(BuildError, match=r"refusing to replace it.*would be lost: thesis\.tex"):
        write_timeline(sample_timeline(), out)
    assert snapshot(out) == {"thesis.tex": b"precious"}
    assert siblings(out) == ["home"]


def test_an_empty_folder_is_replaced_but_not_one_with_a_gitkeep(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    write_timeline(sample_timeline(), empty)
    assert validate(empty) == []
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / ".gitkeep").write_bytes(b"")  # the user's, committed in their repository
    with pytest.raises(BuildError, match=r"would be lost: \.gitkeep"):
        write_timeline(sample_timeline(), kept)
    assert snapshot(kept) == {".gitkeep": b""}


def test_refuses_a_file_in_the_way(tmp_path: Path) -> None:
    out = tmp_path / "datapackage"
    out.write_text("a file", encoding="utf-8")
    with pytest.raises(BuildError, match="exists and is not a folder"):
        write_timeline(sample_timeline(), out)


# --- determinism ------------------------------------------------------------------------------

_WRITE = (
    "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
    "from _builder_samples import sample_timeline; from mctimeline.builder import write_timeline;"
    "write_timeline(sample_timeline(hostile=True), Path(sys.argv[2]))"
)


@pytest.mark.parametrize(
    "env",
    [
        {"TZ": "Asia/Tehran", "LC_ALL": "C"},
        {"TZ": "America/Los_Angeles", "LC_ALL": "C.UTF-8", "LANG": "fa_IR.UTF-8"},
        {"TZ": "Pacific/Kiritimati", "PYTHONHASHSEED": "123"},
    ],
    ids=lambda e: e["TZ"],
)
def test_same_bytes_in_any_time_zone_and_locale(tmp_path: Path, env: dict[str, str]) -> None:
    here = tmp_path / "here"
    write_timeline(sample_timeline(hostile=True), here)
    there = tmp_path / "there"
    subprocess.run(
        [sys.executable, "-c", _WRITE, str(TESTS), str(there)],
        env={**os.environ, **env},
        check=True,
    )
    assert snapshot(there) == snapshot(here)


# --- the real pipeline on the real seeds ----------------------------------------------------

ROOT = TESTS.parent
SEEDS = ROOT / "seeds"
COMMITTED = ROOT / "datapackage"

# Texts written for this test (not seeds): a Persian report with a weekday, and an
# Arabic one with a Hijri date and its Gregorian equivalent. ICU gives
# 12 Mehr 1403 = Thursday 2024-10-03 and 15 Ramadan 1446 = Saturday 2025-03-15.
NEW_FA = (
    "رایزنی تهران و آنکارا\n\n"
    "به گزارش خبرگزاری ایرنا، وزیران امور خارجه ایران و ترکیه روز پنجشنبه ۱۲ مهر ۱۴۰۳ "
    "در آنکارا دیدار و درباره همکاری‌های منطقه‌ای گفتگو کردند.\n"
)
NEW_AR = (
    "اجتماع وزاري طارئ في الرياض\n\n"
    "قالت وكالة الأنباء السعودية إن وزراء الخارجية العرب عقدوا اجتماعاً طارئاً في الرياض "
    "يوم السبت 15 رمضان 1446 هـ الموافق 15 مارس 2025 لبحث الأوضاع الإقليمية.\n"
)


def read_rows(folder: Path, table: str) -> list[dict[str, str]]:
    return mctimeline.package.read_csv((folder / f"{table}.csv").read_bytes())


@pytest.fixture(scope="module")
def seeds_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mctimeline.builder import build

    out = tmp_path_factory.mktemp("seeds-build") / "datapackage"
    build(SEEDS, out)
    return out


def test_seeds_build_is_valid(seeds_build: Path) -> None:
    assert validate(seeds_build) == []
    sources = read_rows(seeds_build, "sources")
    assert [s["path"] for s in sources] == [f"seeds/{p.name}" for p in sorted(SEEDS.glob("*.txt"))]


def test_the_may_2025_forum_is_one_event_of_four_mentions_from_two_sources(seeds_build: Path) -> None:
    # Read off the texts: 000 says «از ۲۷ تا ۲۹ مه ۲۰۲۵»; 004 says «۲۷ تا ۲۹ مه ۲۰۲۵ )7 تا 9
    # خرداد 1403(» (a gloss that names the wrong Jalali days and year) and later «می۲۰۲۵».
    events = read_rows(seeds_build, "events")
    [forum] = [e for e in events if (e["start_date"], e["end_date"]) == ("2025-05-27", "2025-05-29")]
    mentions = [m for m in read_rows(seeds_build, "mentions") if m["event_id"] == forum["event_id"]]
    assert len(mentions) == 4, [m["text"] for m in mentions]
    assert len({m["source_id"] for m in mentions}) == 2
    assert forum["source_count"] == "2"
    assert forum["jalali_start"] == "1404-03-06" and forum["jalali_end"] == "1404-03-08"
    gloss = next(m for m in mentions if "خرداد" in m["text"])
    assert gloss["calendar"] == "jalali"
    rows = [r for r in read_rows(seeds_build, "reconciliation") if r["mention_id"] == gloss["mention_id"]]
    assert [r["event_id"] for r in rows] == [forum["event_id"]]
    assert "2025-05-27" in rows[0]["kept"]


def test_a_new_text_dropped_into_seeds_yields_its_events(seeds_build: Path, tmp_path: Path) -> None:
    from mctimeline.builder import build

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in SEEDS.glob("*.txt"):
        (seeds / path.name).write_bytes(path.read_bytes())
    (seeds / "900_new_fa.txt").write_text(NEW_FA, encoding="utf-8")
    (seeds / "901_new_ar.txt").write_text(NEW_AR, encoding="utf-8")
    out = tmp_path / "datapackage"
    build(seeds, out)
    assert validate(out) == []
    events = {e["event_id"]: e for e in read_rows(out, "events")}
    mentions = read_rows(out, "mentions")

    def event_days(source_id: str) -> set[tuple[str, str]]:
        ids = {m["event_id"] for m in mentions if m["source_id"] == source_id and m["event_id"]}
        return {(events[i]["start_date"], events[i]["end_date"]) for i in ids}

    assert ("2024-10-03", "2024-10-03") in event_days("900_new_fa")
    assert ("2025-03-15", "2025-03-15") in event_days("901_new_ar")
    # Unrelated texts leave every earlier event id as it was.
    assert {e["event_id"] for e in read_rows(seeds_build, "events")} <= set(events)


def test_the_committed_package_is_the_build_of_the_seeds(seeds_build: Path) -> None:
    if not (COMMITTED / "datapackage.json").is_file():
        pytest.fail(
            f"{COMMITTED} holds no package: run `mctimeline build` at the repository root and commit it"
        )
    built, committed = snapshot(seeds_build), snapshot(COMMITTED)
    stale = sorted(name for name in built.keys() | committed.keys() if built.get(name) != committed.get(name))
    assert not stale, (
        f"datapackage/ is stale ({', '.join(stale)} differ from a fresh build): "
        "run `mctimeline build` at the repository root and commit datapackage/"
    )


def test_frictionless_cli_passes_on_the_seeds_build(seeds_build: Path) -> None:
    done = subprocess.run(
        ["frictionless", "validate", str(seeds_build / "datapackage.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:]


def test_the_build_command_gives_the_same_bytes_in_tehran_under_the_c_locale(
    seeds_build: Path, tmp_path: Path
) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    env = {**os.environ, "TZ": "Asia/Tehran", "LC_ALL": "C", "PYTHONHASHSEED": "7"}
    subprocess.run(
        [sys.executable, "-m", "mctimeline", "build"], cwd=tmp_path, env=env, check=True, capture_output=True
    )
    assert snapshot(tmp_path / "datapackage") == snapshot(seeds_build)


# --- faults across processes -------------------------------------------------------------------

_SLOW_WRITE = (
    "import sys, time; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
    "import mctimeline.validate as v; real = v.validate;"
    "v.validate = lambda folder: ("
    "print('validating', flush=True), time.sleep(float(sys.argv[3])), real(folder))[2];"
    "from _builder_samples import sample_timeline; from mctimeline.builder import write_timeline;"
    "write_timeline(sample_timeline(hostile=True), Path(sys.argv[2]))"
)


def test_a_build_killed_midway_leaves_the_old_package_and_the_next_build_cleans_up(tmp_path: Path) -> None:
    out = tmp_path / "datapackage"
    write_timeline(sample_timeline(), out)
    before = snapshot(out)
    proc = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITE, str(TESTS), str(out), "60"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "validating\n"
        proc.kill()  # SIGKILL: no cleanup handler runs
    finally:
        proc.wait()
    assert snapshot(out) == before
    assert len(siblings(out)) == 2  # the killed build's temporary folder
    summary = write_timeline(sample_timeline(), out)
    assert siblings(out) == ["datapackage"]
    assert any("interrupted build" in w for w in summary.warnings)


def test_two_builds_at_once_take_turns(tmp_path: Path) -> None:
    out = tmp_path / "datapackage"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _SLOW_WRITE, str(TESTS), str(out), "0.5"], stdout=subprocess.PIPE
        )
        for _ in range(2)
    ]
    assert [p.wait() for p in procs] == [0, 0]
    assert validate(out) == []
    assert siblings(out) == ["datapackage"]


# --- the seeds with hand-annotated mentions (independent of the tagger) ------------------------


@pytest.fixture(scope="module")
def annotated_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import _seed_mentions
    from mctimeline.builder import timeline_from_corpus

    out = tmp_path_factory.mktemp("annotated") / "datapackage"
    write_timeline(timeline_from_corpus(_seed_mentions.corpus()), out)
    return out


def test_annotated_seeds_give_a_valid_package(annotated_build: Path) -> None:
    assert validate(annotated_build) == []
    feeds_written = sorted(p.name for p in annotated_build.glob("*.ics"))
    assert feeds_written[:3] == ["all.ics", "ar.ics", "fa.ics"]
    events = read_rows(annotated_build, "events")
    # Year and part-of-year events go to periods.ics only (README: subscribing to the feeds).
    coarse = {"year", "part-of-year"}
    series = {r["series_id"] for r in events if r["series_id"] and r["precision"] not in coarse}
    periods = ["periods.ics"] if any(r["precision"] in coarse for r in events) else []
    assert feeds_written[3:] == periods + sorted(f"series-{s}.ics" for s in series)


def test_annotated_forum_is_one_event_of_four_mentions_with_its_gloss_conflict(annotated_build: Path) -> None:
    events = read_rows(annotated_build, "events")
    [forum] = [e for e in events if (e["start_date"], e["end_date"]) == ("2025-05-27", "2025-05-29")]
    mentions = [m for m in read_rows(annotated_build, "mentions") if m["event_id"] == forum["event_id"]]
    assert sorted(m["text"] for m in mentions) == sorted(
        ["۲۷ تا ۲۹ مه ۲۰۲۵", "۲۷ تا ۲۹ مه ۲۰۲۵", "7 تا 9 خرداد \n\n1403", "می۲۰۲۵"]
    )
    assert len({m["source_id"] for m in mentions}) == 2 and forum["source_count"] == "2"
    gloss = next(m for m in mentions if "خرداد" in m["text"])
    [row] = [
        r for r in read_rows(annotated_build, "reconciliation") if r["mention_id"] == gloss["mention_id"]
    ]
    assert (row["event_id"], row["kind"]) == (forum["event_id"], "gloss-conflict")
    assert (row["kept"], row["rejected"]) == ("2025-05-27/2025-05-29", "2024-05-27/2024-05-29")
    # In the feeds: one VEVENT, all-day 27-29 May, the Jalali days in Persian digits in fa.ics.
    fa = (annotated_build / "fa.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
    block = fa.split(f"UID:{forum['event_id']}@mctimeline")
    assert len(block) == 2
    assert "SUMMARY:۶ تا ۸ خرداد ۱۴۰۴: " in fa
    assert "DTSTART;VALUE=DATE:20250527\r\nDTEND;VALUE=DATE:20250530\r\n" in fa


def test_every_feed_of_the_seeds_build_is_read_by_ics_icalendar_and_ical(seeds_build: Path) -> None:
    import icalendar
    import ics
    from ical.calendar_stream import IcsCalendarStream

    events = read_rows(seeds_build, "events")
    event_ids = {e["event_id"] for e in events}
    coarse = {e["event_id"] for e in events if e["precision"] in ("year", "part-of-year")}
    assert coarse and coarse != event_ids
    feed_paths = sorted(seeds_build.glob("*.ics"))
    assert len(feed_paths) >= 3
    for path in feed_paths:
        text = path.read_bytes().decode("utf-8")
        uids = {
            "ics": {e.uid for e in ics.Calendar(text).events},
            "icalendar": {str(e["UID"]) for e in icalendar.Calendar.from_ical(text).walk("VEVENT")},
            "ical": {e.uid for e in IcsCalendarStream.calendar_from_ics(text).events},
        }
        assert uids["ics"] == uids["icalendar"] == uids["ical"], path.name
        assert {u.removesuffix("@mctimeline") for u in uids["ics"]} <= event_ids
        if path.name in ("all.ics", "fa.ics", "ar.ics"):
            assert {u.removesuffix("@mctimeline") for u in uids["ics"]} == event_ids - coarse
        if path.name == "periods.ics":
            assert {u.removesuffix("@mctimeline") for u in uids["ics"]} == coarse


def test_the_build_frees_its_timeline_before_validating(tmp_path: Path, monkeypatch) -> None:
    # A corpus's Timeline and the validation's tables are each large: they must not coexist.
    import gc
    import weakref

    from mctimeline import corpus

    made: list[weakref.ref] = []
    real_timeline, real_validate = corpus.timeline, mctimeline.validate.validate

    def timeline(*args, **kwargs):
        t = real_timeline(*args, **kwargs)
        made.append(weakref.ref(t))
        return t

    def validate_after_the_timeline_is_gone(folder: Path) -> list[str]:
        gc.collect()
        assert made and made[0]() is None, "the Timeline is still alive while the package is validated"
        return real_validate(folder)

    monkeypatch.setattr(corpus, "timeline", timeline)
    monkeypatch.setattr(mctimeline.validate, "validate", validate_after_the_timeline_is_gone)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("The talks opened on 12 May 2025 in Moscow.\n", encoding="utf-8")
    summary = mctimeline.builder.build(seeds, tmp_path / "out")
    assert (summary.sources, summary.mentions, summary.events) == (1, 1, 1)
    assert validate(tmp_path / "out") == []
