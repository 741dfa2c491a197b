"""iCalendar content lines folded (RFC 5545, 3.1) on their UTF-8 bytes, as icalendar folds them.

icalendar writes every content line (its name, parameters and escaped value) and folds
it in `Contentline.to_ical`, which encodes the line one character at a time to count
its octets: at corpus scale that loop was most of a feed's CPU. `fold` gives the same
bytes from the line encoded once, cutting it where icalendar would:

- a piece holds at most 74 octets (icalendar folds when the next character would make
  75), every continuation then starting with the one space of the fold;
- never inside a character's UTF-8 sequence (RFC 5545 allows the cut but no reader
  wants half a character);
- never right after a backslash or a caret, so that a TEXT escape (``\\,``) or an
  RFC 6868 parameter escape (``^n``) stays on one line: that character opens the next
  piece instead (icalendar's rule since its issue #1501).

Tests compare `fold` with icalendar's own folding on random text (tests/test_feeds_folding.py).
"""

from __future__ import annotations

from icalendar import Component

# icalendar's `_foldline` folds before a character that would bring a piece to 75 octets.
PIECE_OCTETS = 74
FOLD = b"\r\n "
_ESCAPES = frozenset(b"\\^")  # ASCII: never part of a longer UTF-8 sequence


def fold(line: str) -> bytes:
    """`line` (one unfolded content line, no line break) as UTF-8, folded as icalendar folds it."""
    return fold_bytes(line.encode("utf-8"))


def fold_bytes(data: bytes) -> bytes:
    """`fold` of a content line already encoded as UTF-8."""
    if len(data) <= PIECE_OCTETS:
        return data  # most lines: nothing to cut
    pieces = []
    start = 0
    while len(data) - start > PIECE_OCTETS:
        end = start + PIECE_OCTETS
        while data[end] & 0xC0 == 0x80:  # a continuation byte: the cut would split a character
            end -= 1
        if data[end - 1] in _ESCAPES:
            end -= 1  # the escape's first character starts the next piece
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return FOLD.join(pieces)


def component_bytes(component: Component) -> bytes:
    """`component.to_ical()`: the content lines icalendar writes for it, each folded by `fold`."""
    return b"".join(fold(line) + b"\r\n" for line in component.content_lines() if line)
