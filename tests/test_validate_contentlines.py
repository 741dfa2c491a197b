"""validate.feeds.contentlines parses each distinct content line once: its tree is ical's own
`parse_content` tree, no two components share a property, and whatever ical's parse
rejects it rejects with ical's message."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ical.parsing.component import parse_content
from ical.parsing.property import ParsedProperty

from mctimeline.validate.feeds import contentlines
from mctimeline.validate.feeds.reading import strict_reading

SEEDS_PACKAGE = Path(__file__).resolve().parent.parent / "datapackage"

# Lines of every kind ical's parser meets: components (cases mixed, closed by another
# name), properties with and without parameters (quoted, several values, caret escapes),
# repeated lines, folds, blank lines, and lines it rejects.
_LINES = [
    "BEGIN:VCALENDAR",
    "END:VCALENDAR",
    "begin:vcalendar",
    "End:VCalendar",
    "BEGIN:VEVENT",
    "END:VEVENT",
    "BEGIN:VALARM",
    "END:VALARM",
    "BEGIN:VTIMEZONE",
    "END:VTIMEZONE",
    "BEGIN:STREAM",
    "END:STREAM",
    "END:VTODO",
    "VERSION:2.0",
    "PRODID:-//test//EN",
    "UID:ev-1@x",
    "UID:ev-2@x",
    "UID:ev\\;3\\n@x",
    "UID;X-P=1:ev-4@x",
    "DTSTART;VALUE=DATE:20240105",
    "DTEND;VALUE=DATE:20240106",
    "DTSTART:20240105T100000Z",
    "DTSTART;TZID=Asia/Tehran:20240105T100000",
    "DTSTAMP:20240101T000000Z",
    "X-DAY;VALUE=DATE:2024010",
    "X-DAYS;VALUE=DATE:20240101,20240230",
    "CATEGORIES:day,confirmed",
    "CATEGORIES:a\\,b,c",
    "STATUS:CONFIRMED",
    "SUMMARY:Talks\\, then \\;",
    'LOCATION;ALTREP="http://x/;y":Tehran',
    "ATTENDEE;ROLE=CHAIR,X;CN=^'A^'^n:mailto:a@x",
    "SUMMARY:",
    " folded",
    "\tfolded",
    "",
    "NOCOLON",
    "BAD NAME:x",
    'X;P="open:x',
    "X;=v:x",
    "DESCRIPTION:line\\nnext",
    "SUMMARY:\x01control",
]


def _same(text: str) -> None:
    """contentlines.parse gives ical's tree of `text`, or raises what ical raises."""
    try:
        want = parse_content(text)
    except Exception as exc:
        with pytest.raises(type(exc)) as got:
            contentlines.parse(text)
        assert str(got.value) == str(exc)
        return
    parsed = contentlines.parse(text)
    assert parsed.components == want
    everything = list(contentlines._everything(parsed.components))
    # What ical's models are given (which they may change) shares no property, nor a
    # property's parameter, with the parse or within itself, and is equal to it.
    given = contentlines.copied([c.as_dict() for c in parsed.components])
    assert given == [c.as_dict() for c in want]
    props = list(_properties(given))
    tree = {id(p) for c in everything for p in c.properties}
    assert len({id(p) for p in props}) == len(props) and not tree & {id(p) for p in props}
    params = [q for p in props for q in p.params or ()]
    tree = {id(q) for c in everything for p in c.properties for q in p.params or ()}
    assert len({id(q) for q in params}) == len(params) and not tree & {id(q) for q in params}
    for c in everything:  # what the checks read of each property is read from that property
        assert parsed.of(c) == [contentlines.line_of(p) for p in c.properties]
        assert parsed.of(c) == [contentlines.read_line(p) for p in c.properties]  # plain TEXT too


def _properties(value: object) -> Iterator[ParsedProperty]:
    """Every parsed property in `value` (dicts and lists of them, as ical's models take)."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            yield from _properties(item)
    elif isinstance(value, ParsedProperty):
        yield value


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_LINES), max_size=30), st.sampled_from(["\r\n", "\n"]))
def test_the_tree_is_ical_s_or_ical_s_rejection(lines: list[str], end: str) -> None:
    _same(end.join(lines) + end)


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param(["BEGIN:VCALENDAR", "END:VEVENT"], id="END closes another component"),
        pytest.param(["END:VCALENDAR"], id="END with nothing open"),
        pytest.param(["END:STREAM"], id="END of the parser's own root"),
        pytest.param(["BEGIN:VCALENDAR", "NOCOLON", "END:VCALENDAR"], id="a line with no value"),
        pytest.param(["BEGIN:VCALENDAR", "SUMMARY:\x01", "END:VCALENDAR"], id="a control character"),
        pytest.param(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:a"], id="left open (ical keeps nothing)"),
    ],
)
def test_what_ical_rejects_is_rejected_in_its_words(lines: list[str]) -> None:
    text = "\r\n".join(lines) + "\r\n"
    _same(text)
    try:
        parse_content(text)
    except Exception as exc:
        assert strict_reading(text)["rejects"] == " ".join(str(exc).split())


def test_the_seeds_package_feeds_parse_as_ical_parses_them() -> None:
    feeds = sorted(SEEDS_PACKAGE.glob("*.ics"))
    assert feeds
    for path in feeds:
        _same(path.read_text(encoding="utf-8"))


def test_repeated_lines_are_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = contentlines.reading

    def counted(content: str, plain: bool) -> tuple[object, object]:
        calls.append(content)
        return real(content, plain)

    monkeypatch.setattr(contentlines, "reading", counted)
    event = ["BEGIN:VEVENT", "DTSTAMP:20240101T000000Z", "STATUS:CONFIRMED", "UID:ev-1@x", "END:VEVENT"]
    text = "\r\n".join(["BEGIN:VCALENDAR", *event, *event, *event, "END:VCALENDAR"]) + "\r\n"
    parsed = contentlines.parse(text)
    assert sorted(calls) == sorted(set(calls)) and len(calls) == 7
    assert parsed.components == parse_content(text)


# Lines a plain-name reading must read as ical does, or leave to it: names of every case,
# digits and hyphens, a colon or semicolon inside the value, an empty value, names ical
# rejects (a space, a non-ASCII letter, `_`), parameters, and control characters.
_ODD_LINES = [
    "SUMMARY:a;b:c",
    "summary:x",
    "X-WR-CALNAME:a:b",
    "UID:",
    "Dtstart:20240101",
    "X-1-2:v",
    "SUMMARY;LANGUAGE=fa:سلام",
    "NAME_X:v",
    "NÄME:v",
    "ſUMMARY:x",
    "SUMMARY :x",
    ":x",
    "SUMMARY:\x7f",
    "SUMMARY:tab\there",
    "SUMMARY:\x1b[0m",
    "DESCRIPTION:ok",
    "DTSTART;VALUE=DATE:20240101",
    "DTEND;VALUE=DATE-TIME:20240101T000000Z",
    "X;value=x:y",
    "X;Vä=x:y",
    "X;P=a^nb:c",
    "X;P=a^^b:c",
    "X;P=:v",
    'X;P="q":v',
    'X;P=a"b:v',
    "X;P=a,b:v",
    "X;P=a;Q=b:v",
    "X;P=a",
    "X;P:v",
    "X;=a:v",
    "SUMMARY;LANGUAGE=fa:a;b:c",
    "LOCATION;X-1=\x01:v",
    "X;P=a\tb:v",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_ODD_LINES + _LINES), max_size=12),
    st.text(alphabet=st.characters(max_codepoint=0x17F), max_size=12),
)
def test_plain_lines_read_as_ical_reads_them(lines: list[str], value: str) -> None:
    """The plain-name reading gives ical's ParsedProperty, or leaves the line to ical."""
    from ical.parsing.property import ParsedProperty

    for line in [*lines, f"SUMMARY:{value}", f"X-{value}:v", f"X;P={value}:v", f"X;{value}=a:v"]:
        if "\r" in line or "\n" in line:
            continue
        try:
            want = ParsedProperty.from_ics(line)
        except Exception as exc:
            with pytest.raises(type(exc)):
                contentlines.reading(line, contentlines._CONTROL.search(line) is None)
            continue
        assert contentlines.reading(line, contentlines._CONTROL.search(line) is None)[0] == want
    _same("\r\n".join(lines) + "\r\n")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("BEGIN:VCALENDAR\r\n|folded\r\nEND:VCALENDAR\r\n", id="a bar ical takes for a fold"),
        pytest.param("BEGIN:VCALENDAR\r\nX:a\rb\r\nEND:VCALENDAR\r\n", id="a bare CR inside a line"),
        pytest.param("BEGIN:VCALENDAR\nX:a\r\n b\nEND:VCALENDAR\n", id="LF and CRLF mixed"),
        pytest.param("BEGIN:VCALENDAR\r\nX:a\r\n\r\n b\r\n\t\tc\r\nEND:VCALENDAR\r\n", id="folds and blanks"),
        pytest.param("BEGIN:VCALENDAR\r\nSUMMARY:a\x0bb\r\nEND:VCALENDAR\r\n", id="a vertical tab"),
    ],
)
def test_the_unfolding_is_ical_s(text: str) -> None:
    from ical.parsing.component import unfolded_lines

    if contentlines._crlf_only(text):
        assert contentlines._unfolded(text) == list(unfolded_lines(text))
    _same(text)
