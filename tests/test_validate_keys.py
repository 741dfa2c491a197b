"""validate.keys: the tables' keys checked a row at a time; any problem still in Frictionless's words."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

import pytest

from _builder_samples import written_package
from mctimeline.validate import frictionless_pass, keys
from mctimeline.validate import validate as validate_package


@pytest.fixture
def pkg(tmp_path: Path) -> Path:
    return written_package(tmp_path / "datapackage")


def _replace_line(path: Path, starts: str, new: str | None) -> None:
    """Replace (or, with None, copy below itself) the one line of a CSV starting `starts`."""
    lines = path.read_text(encoding="utf-8").split("\n")
    [at] = [i for i, line in enumerate(lines) if line.startswith(starts)]
    lines[at : at + 1] = [lines[at], lines[at]] if new is None else [new]
    path.write_text("\n".join(lines), encoding="utf-8", newline="")


def _cell_replaced(path: Path, starts: str, old: str, new: str) -> None:
    [line] = [x for x in path.read_text(encoding="utf-8").split("\n") if x.startswith(starts)]
    _replace_line(path, starts, line.replace(old, new, 1))


def _duplicate_event(pkg: Path) -> None:
    _replace_line(pkg / "events.csv", "ev-minsk,", None)


def _dangling_event(pkg: Path) -> None:
    rows = (pkg / "mentions.csv").read_text(encoding="utf-8").split("\n")
    mention = next(x for x in rows if "ev-minsk" in x)
    _cell_replaced(pkg / "mentions.csv", mention[:30], "ev-minsk", "ev-nowhere")


def _dangling_series(pkg: Path) -> None:
    _cell_replaced(pkg / "events.csv", "ev-minsk,", ",minsk-eurasian-security,", ",no-such-series,")


def _duplicate_path(pkg: Path) -> None:
    rows = (pkg / "sources.csv").read_text(encoding="utf-8").split("\n")
    first, second = rows[1].split(","), rows[2].split(",")
    _cell_replaced(pkg / "sources.csv", second[0] + ",", second[1], first[1])


BROKEN: list[tuple[str, Callable[[Path], None], str]] = [
    ("duplicate-id", _duplicate_event, "events.csv, row 3: primary-key:"),
    ("dangling-foreign-key", _dangling_event, "foreign-key:"),
    ("dangling-series", _dangling_series, "foreign-key:"),
    ("duplicate-unique-field", _duplicate_path, "sources.csv, row 3, field path: unique-error:"),
]


def test_a_sound_package_is_proved_sound_by_the_streamed_pass(pkg: Path) -> None:
    assert frictionless_pass._streamed_clean(pkg / "datapackage.json")
    assert frictionless_pass.frictionless_problems(pkg / "datapackage.json") == []


@pytest.mark.parametrize("broken", [False, True])
def test_the_streamed_pass_leaves_the_collector_as_it_found_it(pkg: Path, broken: bool) -> None:
    # It freezes what is alive while it reads the resources; a caller that runs on (a test
    # session, a notebook) must get its objects back into the collector's reach.
    if broken:
        _duplicate_event(pkg)
    before = gc.get_freeze_count()
    assert frictionless_pass._streamed_clean(pkg / "datapackage.json") is not broken
    assert gc.get_freeze_count() == before


def test_a_caller_that_froze_for_itself_keeps_its_freeze(pkg: Path) -> None:
    # A validation helper freezes what outlives each task; the pass must not undo that.
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        assert frictionless_pass._streamed_clean(pkg / "datapackage.json")
        assert gc.get_freeze_count() >= before > 0
    finally:
        gc.unfreeze()


@pytest.mark.parametrize(("case", "edit", "reason"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_key_is_reported_as_frictionless_reports_it(
    pkg: Path, case: str, edit: Callable[[Path], None], reason: str
) -> None:
    edit(pkg)
    desc = pkg / "datapackage.json"
    assert not frictionless_pass._streamed_clean(desc)
    problems = frictionless_pass.frictionless_problems(desc)
    assert problems == frictionless_pass._reported(desc)  # Frictionless's own words, in full
    found = [p for p in problems if reason in p]
    assert found, problems
    assert all("\n" not in p for p in problems)
    assert found[0] in validate_package(pkg)


def test_the_dangling_key_is_named(pkg: Path) -> None:
    _dangling_event(pkg)
    [problem] = [
        p for p in frictionless_pass.frictionless_problems(pkg / "datapackage.json") if "foreign-key" in p
    ]
    assert problem.startswith("mentions.csv, row ")
    assert '"ev-nowhere" not found in the lookup table "events"' in problem


def test_a_collision_of_digests_costs_time_never_a_verdict(
    pkg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every key given the same digest: every table seems to repeat a key, so Frictionless
    # runs in full and finds the package sound.
    monkeypatch.setattr(keys, "key_digest", lambda cells: 7)
    desc = pkg / "datapackage.json"
    assert not frictionless_pass._streamed_clean(desc)
    assert frictionless_pass.frictionless_problems(desc) == []


def test_digests_prove_keys_sound_and_unsound() -> None:
    rules = [
        keys.KeyRules("a", ("id",), ("id",), ()),
        keys.KeyRules("b", ("id",), (), (keys.ForeignKey(("a_id",), "a", ("id",)),)),
    ]

    def digests(a_rows: list[str | None], b_refs: list[str | None]) -> bool:
        found = keys.KeyDigests(rules)
        take_a, take_b = found.row_taker("a"), found.row_taker("b")
        for value in a_rows:
            take_a({"id": value})
        for n, ref in enumerate(b_refs):
            take_b({"id": f"b{n}", "a_id": ref})
        return found.clean()

    assert digests(["x", "y"], ["x", "x", None, "y"])
    assert not digests(["x", "x"], ["x"])  # a repeated key
    assert not digests(["x", None], ["x"])  # a key all empty
    assert not digests(["x", "y"], ["z"])  # a dangling reference
    assert not digests([], ["z"])
    assert digests([], [None])


def test_runs_of_one_reference_and_keys_of_several_fields() -> None:
    # A reference kept only when it changes: runs of one, a gap of empty cells, a dangling one
    # between equal ones, and a cell equal to the one before but of another type (1 and 1.0
    # have other digests: each is checked); a key of two fields as well.
    rules = [
        keys.KeyRules("a", ("id",), (), ()),
        keys.KeyRules("b", ("x", "y"), (), (keys.ForeignKey(("a_id",), "a", ("id",)),)),
    ]

    Pairs = list[tuple[object, object]] | None

    def clean(a_rows: list[object], b_refs: list[object], pairs: Pairs = None) -> bool:
        found = keys.KeyDigests(rules)
        take_a, take_b = found.row_taker("a"), found.row_taker("b")
        for value in a_rows:
            take_a({"id": value})
        for n, ref in enumerate(b_refs):
            x, y = pairs[n] if pairs else (n, "k")
            take_b({"x": x, "y": y, "a_id": ref})
        return found.clean()

    assert clean(["p", "q"], ["p", "p", None, None, "p", "q", "q", "p"])
    assert not clean(["p", "q"], ["p", "p", "r", "p"])
    assert not clean(["p", "q"], ["p", None, "r", None, "p"])
    assert clean([1], [1, 1, None, 1])
    assert not clean([1], [1, 1.0])  # equal, but not the key the table holds
    assert not clean([1], [1, 2, 1])
    assert not clean(["p"], ["p", "p"], [(1, "k"), (1, "k")])  # a repeated key of two fields
    assert clean(["p"], ["p", "p"], [(1, "k"), (1, "j")])
    assert not clean(["p"], ["p"], [(None, None)])  # a primary key all empty


@pytest.mark.parametrize("spill", [1, 2, 3])
def test_digests_spilled_to_disk_give_the_same_verdicts(spill: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # Runs of a digest or a few written to the scratch file and merged back: every verdict
    # of the two tests above again.
    monkeypatch.setattr(keys, "_SPILL", spill)
    test_digests_prove_keys_sound_and_unsound()
    test_runs_of_one_reference_and_keys_of_several_fields()


@pytest.mark.parametrize(("name", "breaks", "found"), BROKEN)
def test_a_package_with_keys_spilled_is_clean_until_broken(
    pkg: Path, monkeypatch: pytest.MonkeyPatch, name: str, breaks: Callable[[Path], None], found: str
) -> None:
    monkeypatch.setattr(keys, "_SPILL", 2)
    desc = pkg / "datapackage.json"
    assert frictionless_pass._streamed_clean(desc)
    breaks(pkg)
    assert not frictionless_pass._streamed_clean(desc)
    assert any(found in p for p in frictionless_pass.frictionless_problems(desc))
