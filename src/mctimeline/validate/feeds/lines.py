"""A feed's bytes: RFC 5545's line rules, its end line, its split into header and VEVENT blocks."""

from __future__ import annotations

import re
from pathlib import Path

# The longest line RFC 5545 allows, in octets, without its CRLF.
MAX_LINE_OCTETS = 75


def _read_feed(path: Path) -> bytes | str:
    """A feed's bytes, or the problem of reading it."""
    try:
        return path.read_bytes()
    except OSError as exc:
        return f"{path}: cannot read: {exc.strerror}"


def _not_utf8(path: Path, data: bytes) -> str:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"{path}: not UTF-8 at byte {exc.start}: {exc.reason}"
    return f"{path}: not UTF-8"  # pragma: no cover - only called on undecodable bytes


_TAIL = b"END:VCALENDAR\r\n"
# A line that starts neither a fold nor a property with a plain ASCII name: a blank
# line, a name folded or not ASCII (which the parsers may read as BEGIN or END), a line
# that only the `ical` parser takes for a fold ("|"). Such a feed is parsed whole.
_ODD_LINE = re.compile(rb"\r\n(?![ \t]|[A-Za-z0-9-]+[;:]|\Z)")
_BEGIN_END = re.compile(rb"\r\n(?i:begin|end)[;:][^\r\n]*")


def split_feed(data: bytes, *, crlf_only: bool = False) -> tuple[int, list[tuple[int, int]]] | None:
    """The end of a feed's header and the byte spans of its VEVENTs, when the feed is
    exactly `BEGIN:VCALENDAR`, header properties, VEVENTs one after the other (no
    component inside them), `END:VCALENDAR` and nothing after; None for any other shape.

    In such a feed each parser reads a VEVENT the same whether the other VEVENTs are
    there or not (no VTIMEZONE, nothing between or inside VEVENTs that one parser could
    read as a component boundary and the other not), so the header, a run of VEVENTs and
    the end line parse as the same components as they do in the whole feed.
    `crlf_only`: every CR and LF of `data` is known to be a CRLF (`line_check`), not counted again.
    """
    head = b"BEGIN:VCALENDAR\r\n"
    if not data.startswith(head) or data[len(head) : len(head) + 1] in (b" ", b"\t"):
        return None
    if not crlf_only:
        crlf = data.count(b"\r\n")
        if data.count(b"\r") != crlf or data.count(b"\n") != crlf:
            return None  # a bare CR or LF
    if _ODD_LINE.search(data):
        return None  # a blank line, or a line the parsers may read differently
    spans: list[tuple[int, int]] = []
    head_end = -1
    begin = -1
    for m in _BEGIN_END.finditer(data):
        start, end = m.start() + 2, m.end() + 2  # the line, with its CRLF
        line = m.group()[2:]
        if data[end : end + 1] in (b" ", b"\t"):
            return None  # a folded BEGIN or END line
        if line == b"BEGIN:VEVENT" and begin < 0 and start == (spans[-1][1] if spans else start):
            head_end = start if head_end < 0 else head_end
            begin = start
        elif line == b"END:VEVENT" and begin >= 0:
            spans.append((begin, end))
            begin = -1
        elif line == b"END:VCALENDAR" and begin < 0 and end == len(data):
            if spans and spans[-1][1] != start:
                return None  # properties after the VEVENTs
            return (start if head_end < 0 else head_end), spans
        else:
            return None
    return None


def _end_problems(path: Path, data: bytes) -> list[str]:
    """A feed ends with END:VCALENDAR (the strict parser takes a feed without it)."""
    last = data.removesuffix(b"\r\n").rsplit(b"\r\n", 1)[-1]
    return [] if last.upper() == b"END:VCALENDAR" else [f"{path}: does not end with END:VCALENDAR"]


def line_problems(path: Path, data: bytes) -> list[str]:
    """RFC 5545 §3.1 line rules: CRLF ends, at most 75 octets, folds between whole characters."""
    return line_check(path, data)[0]


def line_check(path: Path, data: bytes) -> tuple[list[str], bool]:
    """`line_problems`, and whether `data` is told sound at once: every CR and LF a CRLF, no
    line too long, the whole UTF-8 (so that the caller need not count or decode it again)."""
    problems = []
    if data and not data.endswith(b"\r\n"):
        problems.append(f"{path}: the last line does not end with CRLF")
    if _only_crlf_utf8_short(data):
        return problems, True
    lines = data.split(b"\r\n")
    for number, line in enumerate(lines, 1):
        if b"\n" in line or b"\r" in line:
            problems.append(f"{path}, line {number}: a bare LF or CR (RFC 5545 lines end with CRLF)")
        if len(line) > MAX_LINE_OCTETS:
            problems.append(f"{path}, line {number}: {len(line)} octets (RFC 5545 allows 75 before folding)")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(
                f"{path}, line {number}: byte {exc.start} splits a UTF-8 character (fold between characters)"
            )
    return problems, False


def _only_crlf_utf8_short(data: bytes) -> bool:
    """No line of `data` breaks a rule: every CR and LF is a CRLF, no line is too long,
    and the whole is UTF-8 (so is each line: a cut at a CRLF splits no character)."""
    crlf = data.count(b"\r\n")
    if data.count(b"\r") != crlf or data.count(b"\n") != crlf:
        return False
    if max(map(len, data.split(b"\r\n"))) > MAX_LINE_OCTETS:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
