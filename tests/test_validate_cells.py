"""validate.tables reads Frictionless's cells memoized in its streamed pass: the same values and
notes as Frictionless's own readers, a broken cell still found, Frictionless left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from _builder_samples import written_package
from mctimeline.validate import frictionless_pass, tables


def _date_field() -> object:
    from frictionless import fields

    return fields.DateField(name="day", constraints={"required": True, "minimum": "1900-01-01"})


# Cells of every outcome, each again later: a date, one before the minimum, one that is no
# date, one strptime alone reads (single-digit month), empty (required), and long text.
_CELLS = ["2024-03-05", "1800-01-01", "2024-02-30", "2024-3-5", "", "x" * 60, "2024-03-05", "1800-01-01"]


def test_a_memoized_reader_answers_as_frictionless_s_own() -> None:
    field = _date_field()
    memoized = tables._memoized(field.create_cell_reader())  # type: ignore[attr-defined]
    for cell in _CELLS * 3:
        fresh = field.create_cell_reader()(cell)  # type: ignore[attr-defined]
        answer = memoized(cell)
        assert answer == fresh, cell
        if answer[1] is not None:  # a row changes its notes: never an answer given before
            answer[1].clear()
    assert memoized("2024-02-30")[1] == {"type": 'type is "date/default"'}


def test_the_memo_starts_again_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables, "_MEMO_CELLS", 4)
    field = _date_field()
    memoized = tables._memoized(field.create_cell_reader())  # type: ignore[attr-defined]
    days = [f"2024-01-{d:02d}" for d in range(1, 29)]
    for day in days + days[::-1]:
        assert memoized(day) == field.create_cell_reader()(day)  # type: ignore[attr-defined]


@pytest.fixture
def pkg(tmp_path: Path) -> Path:
    return written_package(tmp_path / "datapackage")


@pytest.mark.parametrize("bad", ["2024-02-30", "1403-13-01", ""])
def test_a_bad_cell_among_good_copies_is_found(pkg: Path, bad: str) -> None:
    path = pkg / "events.csv"
    header, *rows = path.read_text(encoding="utf-8").split("\n")
    names = header.split(",")
    # The last row's end_date becomes the bad cell: every row before has read good dates.
    last = max(i for i, row in enumerate(rows) if row)
    cells = rows[last].split(",")
    cells[names.index("end_date")] = bad
    rows[last] = ",".join(cells)
    path.write_text("\n".join([header, *rows]), encoding="utf-8", newline="")
    desc = pkg / "datapackage.json"
    assert not frictionless_pass._streamed_clean(desc)
    assert frictionless_pass.frictionless_problems(desc) == frictionless_pass._reported(desc) != []


def test_frictionless_is_left_as_it_was(pkg: Path) -> None:
    from frictionless.resources import table as module

    real = module.create_cell_handlers
    with tables._cells_memoized():
        with tables._cells_memoized():
            assert module.create_cell_handlers is not real
        assert module.create_cell_handlers is not real
    assert module.create_cell_handlers is real
    assert frictionless_pass._streamed_clean(pkg / "datapackage.json")
    assert module.create_cell_handlers is real


def test_handlers_of_another_shape_are_used_as_given() -> None:
    # Another Frictionless's handlers (here plain functions, no field or reader) are not
    # wrapped: its cells are read as it reads them, no error.
    def reader(cell: object) -> tuple[object, None]:
        return cell, None

    given = {"day": reader}
    assert tables._memoized_handlers(lambda fields: given, ["day"]) is given


@pytest.mark.parametrize("answer", [("2024-03-05",), "2024-03-05", ("2024-03-05", None, None)])
def test_a_reader_answering_otherwise_is_not_memoized(answer: object) -> None:
    calls: list[str] = []

    def reader(cell: str) -> object:
        calls.append(cell)
        return answer

    memoized = tables._memoized(reader)
    assert [memoized("2024-03-05") for _ in range(3)] == [answer] * 3
    assert len(calls) == 3


def _schema_fields(*descriptors: dict[str, object], missing: list[str] | None = None) -> list[object]:
    from frictionless import Schema

    schema = Schema.from_descriptor({"fields": list(descriptors), "missingValues": missing or [""]})
    return list(schema.fields)


def test_fields_of_one_definition_share_a_memo_and_others_do_not() -> None:
    start, end, floor, fmt, text, untyped = _schema_fields(
        {"name": "start", "type": "date", "constraints": {"required": True}, "description": "first"},
        {"name": "end", "type": "date", "constraints": {"required": True}, "title": "last"},
        {"name": "floor", "type": "date", "constraints": {"required": True, "minimum": "2000-01-01"}},
        {"name": "fmt", "type": "date", "format": "%d/%m/%Y", "constraints": {"required": True}},
        {"name": "text", "type": "string", "constraints": {"required": True}},
        {"name": "untyped", "type": "date", "constraints": {"required": True}, "missingValues": ["-"]},
    )
    keys = [tables._definition(f) for f in (start, end, floor, fmt, text, untyped)]
    assert keys[0] == keys[1]
    assert len(set(keys[1:])) == 5
    # Schemas with other missing values read an empty cell otherwise.
    start_na = {"name": "start", "type": "date", "constraints": {"required": True}}
    [other] = _schema_fields(start_na, missing=["NA"])
    assert tables._definition(other) != keys[0]


def test_shared_memos_answer_as_each_field_s_own_reader() -> None:
    from frictionless.table import create_cell_handlers

    fields = _schema_fields(
        {"name": "start", "type": "date", "constraints": {"required": True}},
        {"name": "end", "type": "date", "constraints": {"required": True}},
        {"name": "floor", "type": "date", "constraints": {"required": True, "minimum": "2000-01-01"}},
        {"name": "fmt", "type": "date", "format": "%d/%m/%Y"},
    )
    with tables._cells_memoized():
        handlers = tables._memoized_handlers(create_cell_handlers, fields)
        cells = ["1999-12-31", "2024-03-05", "05/03/2024", "2024-02-30", "", *_CELLS]
        for cell in cells * 2:
            for field in fields:
                want = field.create_cell_reader()(cell)  # type: ignore[attr-defined]
                got = handlers[field.name].reader(cell)  # type: ignore[attr-defined]
                assert got == want, (field.name, cell)  # type: ignore[attr-defined]
                if got[1] is not None:
                    got[1].clear()
        assert len(tables._memos) == 3  # start and end share theirs
    assert not tables._memos


def test_a_field_whose_definition_cannot_be_told_keeps_a_memo_of_its_own() -> None:
    class Odd:
        name = "day"

        def to_descriptor(self) -> dict[str, object]:
            raise RuntimeError("another Frictionless")

    assert tables._definition(Odd()) is None


@pytest.mark.parametrize("source", [{"title": 5}, "a text"])
def test_a_bad_source_in_a_later_run_of_sources_is_found(
    pkg: Path, monkeypatch: pytest.MonkeyPatch, source: object
) -> None:
    # The descriptor's sources are validated a run at a time (frictionless_pass._validate_sources):
    # a bad one in the last run is found, and reported as Frictionless's own validation does.
    import json

    monkeypatch.setattr(frictionless_pass, "_SOURCES_AT_ONCE", 1)
    desc = pkg / "datapackage.json"
    assert frictionless_pass._streamed_clean(desc)
    descriptor = json.loads(desc.read_bytes())
    assert len(descriptor["sources"]) >= 2
    descriptor["sources"][-1] = source
    desc.write_text(json.dumps(descriptor), encoding="utf-8")
    assert not frictionless_pass._streamed_clean(desc)
    assert frictionless_pass.frictionless_problems(desc) == frictionless_pass._reported(desc) != []
