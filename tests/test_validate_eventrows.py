"""validate.eventrows: events.csv's columns held coded read back as the rows were, and each id's row found."""

from __future__ import annotations

import io
from collections.abc import Iterator

from mctimeline.reading import csv_rows
from mctimeline.validate.eventrows import EVENT_KEYS, EventRows
from mctimeline.validate.keys import _repeats, _within

TABLE = (
    "event_id,start_date,end_date,precision,jalali_start,status,title,series_id\n"
    "ev-minsk,2024-10-31,2024-11-01,day,1403-08-10,confirmed,مینسک,minsk\n"
    "ev-january,2025-01-01,2025-01-31,month,1403-10-12,confirmed,پیمان,\n"
    'ev-forum,2025-05-27,2025-05-29,day,1404-03-06,conflict,"Forum, Moscow",\n'
    "ev-minsk,2024-10-31,2024-11-02,day,1403-08-10,tentative,again,minsk\n"
    "ev-short,2025-06-01\n"
)


def _rows() -> list[dict[str, str]]:
    return list(csv_rows(io.StringIO(TABLE, newline="")))


def test_rows_read_back_in_the_columns_the_checks_read() -> None:
    rows = _rows()
    kept = EventRows(iter(rows))
    want = [{k: r[k] for k in EVENT_KEYS if k in r} for r in rows]
    assert len(kept) == 5
    assert list(kept) == want
    assert kept[-1] == {"event_id": "ev-short", "start_date": "2025-06-01", "end_date": None,
                        "status": None, "series_id": None, "precision": None}  # fmt: skip
    assert "edtf" not in kept[0] and "title" not in kept[0]
    assert list(kept.ids()) == ["ev-minsk", "ev-january", "ev-forum", "ev-minsk", "ev-short"]


def test_each_id_finds_its_row_the_last_of_two_as_a_dict_would() -> None:
    rows = _rows()
    kept = EventRows(iter(rows))
    index = {r["event_id"]: i for i, r in enumerate(rows)}
    for event_id in [*index, "ev-nowhere", "", "ev-minsk ", "EV-MINSK"]:
        assert kept.get(event_id) == index.get(event_id), event_id


def test_many_ids_each_found() -> None:
    ids = [f"ev-{n:012x}" for n in range(0, 50_000, 7)]
    kept = EventRows({"event_id": i, "start_date": "2025-01-01"} for i in ids)
    assert all(kept.get(i) == n for n, i in enumerate(ids))
    assert kept.get("ev-000000000001") is None
    assert EventRows(iter(())).get("ev-x") is None


def test_digests_are_put_in_order_a_run_on_disk_at_a_time(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from mctimeline.validate import keys

    # Runs of 16 spilled (each read back in blocks of 5), the rest held: merged in order.
    monkeypatch.setattr(keys, "_SPILL", 16)
    monkeypatch.setattr(keys, "_BLOCK", 5)
    values = [(n * 2654435761) % 1000 for n in range(200)] + [999]  # 999 is one already

    def in_order(held: list[int]) -> Iterator[int]:
        found = keys.KeyDigests([keys.KeyRules("t", ("id",), (), ())])
        take = found.row_taker("t")
        for value in held:
            take({"id": value})
        return found._in_order(("t", ("id",)))

    monkeypatch.setattr(keys, "key_digest", lambda cells: cells[0])
    assert list(in_order(values)) == sorted(values)
    assert _repeats(in_order(values))
    assert not _repeats(in_order(sorted(set(values), reverse=True)))
    assert _within(in_order(values[::3]), in_order(values))
    assert not _within(in_order([*values[:40], 5000]), in_order(values))


def test_the_rows_are_kept_in_a_scratch_file_of_their_own_removed_on_close(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    kept = EventRows(iter(_rows()))
    folder = kept.scratch.folder
    assert folder.parent == tmp_path and (folder / "events.sqlite").is_file()
    want = {"start_date": "2025-05-27", "status": "conflict"}
    assert kept.row_in(2, ("start_date", "status", "edtf")) == want
    assert list(kept.cells(("status", "edtf"))) == [
        ("confirmed", None), ("confirmed", None), ("conflict", None), ("tentative", None), (None, None)
    ]  # fmt: skip
    kept.close()
    assert not folder.exists()
    assert list(tmp_path.iterdir()) == []
