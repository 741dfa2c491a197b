"""ical's models run once per VEVENT shape (validate.feeds.models): a VEVENT that differs from
one they accepted only in its plain TEXT values is accepted without them; any other
difference (a value of another type, a parameter, a property more or less) is modelled."""

from __future__ import annotations

from pathlib import Path

import pytest
from ical.calendar_stream import IcsCalendarStream
from ical.parsing.component import parse_content

from mctimeline.validate.feeds import models
from mctimeline.validate.feeds.reading import strict_reading

HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
TAIL = "END:VCALENDAR\r\n"


def _vevent(summary: str = "Talks", dtstamp: str = "20240101T000000Z", extra: str = "") -> str:
    return (
        "BEGIN:VEVENT\r\n"
        f"SUMMARY:{summary}\r\n"
        "DTSTART;VALUE=DATE:20240105\r\nDTEND;VALUE=DATE:20240106\r\n"
        f"DTSTAMP:{dtstamp}\r\nUID:ev-{summary.lower()}@test\r\n{extra}"
        "STATUS:CONFIRMED\r\nEND:VEVENT\r\n"
    )


@pytest.fixture(autouse=True)
def _fresh_memo() -> None:
    models._accepted.clear()


def _modelled(text: str) -> int:
    """How many VEVENTs of `text` the models are given."""
    thinned, _ = models.for_models(parse_content(text))
    return sum(len(c.get("vevent", [])) for c in thinned["vcalendar"])


def test_the_text_fields_are_ical_s_plain_text_ones() -> None:
    text = models._text_fields()
    assert {"summary", "description", "location", "uid", "categories"} <= text
    # Typed by ical's models: their values are part of a shape.
    assert not text & {"dtstart", "dtend", "dtstamp", "status", "duration", "rrule", "url", "sequence"}


def test_vevents_that_differ_only_in_text_are_modelled_once() -> None:
    text = HEAD + _vevent("Talks") + _vevent("Summit") + TAIL
    assert _modelled(text) == 1
    assert strict_reading(text)["rejects"] is None
    # Once accepted, the shape is not modelled again in another calendar.
    assert _modelled(HEAD + _vevent("Visit") + TAIL) == 0


@pytest.mark.parametrize(
    "other",
    [
        _vevent("Summit", dtstamp="20240102T000000Z"),  # another value of a typed property
        _vevent("Summit", extra="LOCATION;LANGUAGE=fa:Tehran\r\n"),  # a parameter on a TEXT one
        _vevent("Summit", extra="LOCATION:Tehran\r\n"),  # one property more
    ],
)
def test_any_other_difference_is_modelled(other: str) -> None:
    assert _modelled(HEAD + _vevent("Talks") + other + TAIL) == 2


def test_a_broken_vevent_after_an_accepted_shape_is_rejected_as_in_the_whole() -> None:
    # The second VEVENT differs from the first only in a DTSTAMP that is no DATE-TIME: its
    # shape is new, so the models see it and reject it, with the message of the whole.
    text = HEAD + _vevent("Talks") + _vevent("Summit", dtstamp="2024-01-02") + TAIL
    strict_reading(HEAD + _vevent("Talks") + TAIL)  # the first shape accepted before
    with pytest.raises(Exception) as whole:
        IcsCalendarStream.calendar_from_ics(text)
    assert strict_reading(text)["rejects"] == " ".join(str(whole.value).split())


def test_a_rejected_shape_is_not_remembered() -> None:
    bad = HEAD + _vevent("Summit", dtstamp="2024-01-02") + TAIL
    assert strict_reading(bad)["rejects"]
    assert strict_reading(bad)["rejects"]


def test_a_vevent_with_components_inside_is_always_modelled() -> None:
    alarm = "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nDESCRIPTION:x\r\nEND:VALARM\r\n"
    with_alarm = _vevent("Talks").replace("END:VEVENT", alarm + "END:VEVENT")
    text = HEAD + with_alarm + TAIL
    assert strict_reading(text)["rejects"] is None
    thinned, new = models.for_models(parse_content(text))
    assert new == [] and len(thinned["vcalendar"][0]["vevent"]) == 1


def test_the_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(models, "MAX_SHAPES", 2)
    for day in range(1, 6):
        stamp = f"202401{day:02d}T000000Z"
        assert strict_reading(HEAD + _vevent("Talks", dtstamp=stamp) + TAIL)["rejects"] is None
        assert len(models._accepted) <= 2


def _dated(summary: str, start: str, end: str, extra: str = "") -> str:
    return (
        _vevent(summary, extra=extra)
        .replace("DTSTART;VALUE=DATE:20240105", f"DTSTART;VALUE=DATE:{start}")
        .replace("DTEND;VALUE=DATE:20240106", f"DTEND;VALUE=DATE:{end}")
    )


def _given(text: str) -> list[list[str]]:
    """The names of the properties of each VEVENT the models are given."""
    thinned, _ = models.for_models(parse_content(text))
    return [[name for name in v if name != "name"] for c in thinned["vcalendar"] for v in c.get("vevent", [])]


def test_vevents_that_differ_in_their_days_give_the_models_their_dates_alone() -> None:
    text = HEAD + _dated("Talks", "20240105", "20240106") + _dated("Summit", "19990301", "19990401") + TAIL
    whole, dates = _given(text)
    assert "summary" in whole and sorted(dates) == ["dtend", "dtstamp", "dtstart", "uid"]
    assert strict_reading(text)["rejects"] is None
    # Once both are accepted, neither is modelled again; new days are, by their dates alone.
    assert _given(HEAD + _dated("Visit", "19990301", "19990401") + TAIL) == []
    assert [sorted(v) for v in _given(HEAD + _dated("Visit", "20010101", "20010102") + TAIL)] == [
        ["dtend", "dtstamp", "dtstart", "uid"]
    ]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        pytest.param("20240230", "20240301", id="a day no calendar has"),
        pytest.param("2024010", "20240106", id="seven digits"),
        pytest.param("20240105", "20240106T000000Z", id="a DATE-TIME where DATE is said"),
    ],
)
def test_a_broken_day_in_a_known_shape_is_rejected_as_in_the_whole(start: str, end: str) -> None:
    strict_reading(HEAD + _dated("Talks", "20240105", "20240106") + TAIL)  # its shape accepted
    text = HEAD + _dated("Talks", "20240105", "20240106") + _dated("Summit", start, end) + TAIL
    with pytest.raises(Exception) as whole:
        IcsCalendarStream.calendar_from_ics(text)
    assert strict_reading(text)["rejects"] == " ".join(str(whole.value).split())


def test_days_stay_in_the_shape_beside_anything_a_validator_may_read_with_them() -> None:
    rule = "RRULE:FREQ=YEARLY\r\n"
    text = _dated("Talks", "20240105", "20240106", rule) + _dated("Summit", "20250105", "20250106", rule)
    assert [len(v) > 4 for v in _given(HEAD + text + TAIL)] == [True, True]


def test_the_event_model_s_validators_are_those_read() -> None:
    """The days are apart from a shape because no validator of ical's Event reads DTSTART or
    DTEND with a property of `_BESIDE_DAYS` (the module's docstring): a new version of ical
    that changes its validators fails here, to be read again."""
    from ical.event import Event

    assert sorted(Event.__pydantic_decorators__.model_validators) == sorted(
        [
            "_parse_component",
            "_inspect_date_types",
            "_validate_until_dtstart",
            "_validate_recurrence_dates",
            "_validate_date_types",
            "_validate_datetime_timezone",
            "_validate_one_end_or_duration",
            "_validate_same_day_dtend",
            "_validate_duration_unit",
        ]
    )
    assert not Event.__pydantic_decorators__.field_validators


# --- the helper processes tell each other the shapes they accepted (validate.pool) ---------


def test_shapes_accepted_are_told_once_and_a_process_told_them_does_not_model_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(models, "_told", [])  # a helper process's state, as models.tell() leaves it
    strict_reading(HEAD + _vevent("Talks") + TAIL)
    told = models.told()
    assert len(told) == 2 and models.told() == []  # its shape, and its dates
    models._accepted.clear()  # another process, which knows only what it is told
    models.learn(told)
    assert _modelled(HEAD + _vevent("Visit") + TAIL) == 0
    assert _modelled(HEAD + _vevent("Visit", dtstamp="20240102T000000Z") + TAIL) == 1


def test_a_rejected_shape_is_never_told(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(models, "_told", [])
    assert strict_reading(HEAD + _vevent("Summit", dtstamp="2024-01-02") + TAIL)["rejects"]
    assert models.told() == []


def test_a_helper_learns_the_shapes_it_is_given_and_answers_with_those_it_accepted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc
    import hashlib
    import io
    import json
    import sys

    from mctimeline.validate import pool

    def request(text: str, shapes: list[str]) -> bytes:
        data = text.encode("utf-8")
        path = tmp_path / f"{hashlib.sha256(data).hexdigest()}.ics"
        path.write_bytes(data)
        sha = hashlib.sha256(data).hexdigest()
        task = {"kind": "ical", "path": str(path), "spans": [[0, len(data)]], "sha256": sha, "shapes": shapes}
        return json.dumps(task).encode("utf-8") + b"\n"

    talks = HEAD + _vevent("Talks") + TAIL
    shapes = [key.hex() for key in models.for_models(parse_content(talks))[1]]  # its shape and dates
    other = HEAD + _vevent("Talks", dtstamp="20240102T000000Z") + TAIL
    lines = request(other, []) + request(talks, shapes)
    out = io.BytesIO()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines)))
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out))
    monkeypatch.setattr(models, "_told", None)
    try:
        pool._helper_main()
    finally:
        gc.unfreeze()
        gc.enable()
    sys.stdout.flush()
    first, second = (json.loads(line) for line in out.getvalue().splitlines())
    assert first["value"]["rejects"] is None and len(first["shapes"]) == 2
    assert not set(first["shapes"]) & set(shapes)
    # The shape it was given is known: not modelled, so not accepted (and told) again.
    assert second["value"]["rejects"] is None and second["shapes"] == []
