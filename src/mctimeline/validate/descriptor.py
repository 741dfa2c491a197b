"""The package's descriptor read member by member, its large arrays an element at a time.

A corpus's datapackage.json grows with it (21 MB at 100,000 documents: a source a document,
a resource a feed), and `json.loads` of it held the text and every object at once (about
90 MB at that size, in the main process and in Frictionless's helper alike). Here the file
is read a block at a time and each member of the top-level object, or each element of an
array member asked for, is decoded by `json`'s own decoder, so that only one element is
held; the grammar and the values are `json.loads`'s. Anything else than a plain object
(not UTF-8, not JSON, not an object, an array asked for given twice) raises `NotPlain`:
the caller then reads the file whole, as before, for its exact verdict and message.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

_BLOCK = 1 << 16  # bytes read at a time
_SPACE = re.compile(r"[ \t\n\r]*")  # json's own whitespace (json.decoder.WHITESPACE)
_DECODER = json.JSONDecoder()
_SPARE = 8


class NotPlain(ValueError):
    """The file is not a plain JSON object in UTF-8 (or repeats an array asked for)."""


class Elements:
    """The elements of one array member, decoded one at a time as they are iterated;
    those not taken are read past (and so checked) when the next member is asked for."""

    def __init__(self, text: _Text) -> None:
        self._text = text
        self.count = 0
        self._items = self._read()

    def __iter__(self) -> Iterator[Any]:
        return self._items

    def _read(self) -> Iterator[Any]:
        text = self._text
        text.expect("[")
        if text.peek() == "]":
            text.expect("]")
            return
        while True:
            value = text.value()
            self.count += 1
            yield value
            if text.peek() == ",":
                text.expect(",")
                continue
            text.expect("]")
            return

    def drain(self) -> None:
        for _ in self._items:
            pass


def members(path: Path, arrays: frozenset[str] = frozenset()) -> Iterator[tuple[str, Any]]:
    """(name, value) of each member of the top-level object of the JSON file `path`, in the
    file's order; the value of a member named in `arrays` whose value is an array is an
    `Elements` (take its elements before asking for the next member). A name given twice
    comes twice (json.loads keeps the last); one of `arrays` given twice raises NotPlain.
    NotPlain (or OSError) on anything else than a plain object, and past its end."""
    with path.open("rb") as f:
        text = _Text(f)
        text.expect("{")
        if text.peek() == "}":
            text.expect("}")
            text.end()
            return
        seen: set[str] = set()
        while True:
            if text.peek() != '"':
                raise NotPlain("a member's name is not a string")
            name = text.value()
            text.expect(":")
            if name in arrays and text.peek() == "[":
                if name in seen:
                    raise NotPlain(f"{name!r} given twice")
                seen.add(name)
                elements = Elements(text)
                yield name, elements
                elements.drain()
            else:
                yield name, text.value()
            if text.peek() == ",":
                text.expect(",")
                continue
            text.expect("}")
            text.end()
            return


class _Text:
    """A UTF-8 file's text, read a block at a time as the decoding needs it."""

    def __init__(self, f: BinaryIO) -> None:
        self._f = f
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._buf = ""
        self._at = 0
        self._eof = False

    def _more(self) -> bool:
        """Read another block (dropping what was decoded); False at the end of the file."""
        if self._eof:
            return False
        data = self._f.read(_BLOCK)
        self._eof = not data
        try:
            text = self._decoder.decode(data, final=self._eof)
        except UnicodeDecodeError as exc:
            raise NotPlain(str(exc)) from None
        self._buf = self._buf[self._at :] + text
        self._at = 0
        return True

    def peek(self) -> str:
        """The next character past whitespace ("" at the end)."""
        while True:
            self._at = _SPACE.match(self._buf, self._at).end()  # type: ignore[union-attr]
            if self._at < len(self._buf) or not self._more():
                return self._buf[self._at : self._at + 1]

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise NotPlain(f"{char!r} expected at {self._buf[self._at : self._at + 20]!r}")
        self._at += 1

    def value(self) -> Any:
        """The next JSON value, decoded by json's decoder once it is whole in the buffer:
        on a failure the buffer is at least doubled and the value decoded again (so that
        each value costs a few decodings at most), until the file ends."""
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self._buf, self._at)
            except json.JSONDecodeError:
                if not self._grow():
                    raise NotPlain("not JSON") from None
                continue
            # A number near the end of the buffer may go on in the next block ("1.5e" read
            # as 1.5 leaves "e": a few characters to spare tell it).
            if end + _SPARE > len(self._buf) and self._grow():
                continue
            self._at = end
            return value

    def _grow(self) -> bool:
        """Read until what is left to decode has doubled (or the file ended); False when
        nothing more could be read."""
        want = 2 * (len(self._buf) - self._at) + _BLOCK
        grew = False
        while len(self._buf) - self._at < want and self._more():
            grew = True
        return grew

    def end(self) -> None:
        if self.peek() != "":
            raise NotPlain("more after the object")
