"""Sources: one seed text, its identity and what can be read from it (headline, outlet, date).

`source_from_bytes` (pure) and `read_source` (reads the file) describe one text:
its id (the file stem, e.g. "000_fccd591ebb60e645"), its path as the package
records it, the SHA-256 of its exact bytes, its language, its headline (the first
non-empty line, markdown «#» marks removed), the outlet that publishes it and the
agencies it cites, and its publication date when a dated «today» fixes it.

Outlets come from data/outlets.toml and are reported by their canonical English
names. A name right after a `self` cue («به گزارش آران نیوز») is the outlet; one
right after a `cite` cue («به نقل از تسنیم», «به نوشته اسپوتنیک», «نقلته وكالة
"تاس"», «المصدر: تاس») is a cited agency. A name with no cue before it (a text
that merely talks about «راشاتودی») is neither.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path, PurePath
from typing import Any

from mctimeline import gazetteer, normalize
from mctimeline import published as published_mod
from mctimeline.gazetteer.triggers import _Held
from mctimeline.mentions import Mention
from mctimeline.published import Published
from mctimeline.records import pickled_by_fields
from mctimeline.seeds import NO_META, Meta


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Source:
    """A seed text and what the builder reads from it."""

    source_id: str  # stable: from the file name stem
    path: str  # relative to the package root's parent, POSIX form, e.g. "seeds/000_x.txt"
    language: str  # fa | ar | en
    sha256: str
    characters: int
    headline: str
    outlet: str  # "" when not named
    agencies: tuple[str, ...]  # news agencies the text cites
    published: str  # the publication day, YYYY-MM-DD, or ""
    published_basis: str  # "metadata" (given), "text" (a dated «today» in it) or ""
    published_note: str = ""  # how, in words
    url: str = ""  # as given by the archive's metadata
    title: str = ""  # as given, else the headline


# --- language ------------------------------------------------------------------------

# The one language detector: normalize's (the tagger uses the same).
detect_language = normalize.detect_language


# --- headline ------------------------------------------------------------------------------


# A headline is at most this many characters, its ellipsis included. A text with no line
# break is one long first line: its headline is a headline's length, not the text.
HEADLINE_CHARS = 200
_HEADLINE_EDGE = " ،,:؛;-–—"


def headline(text: str) -> str:
    """The first non-empty line, without «#» marks, white space collapsed, cut to HEADLINE_CHARS.

    A longer line is cut at a word boundary and ends in «…».
    """
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            # Only the start of a long line is read: collapsing white space never lengthens it.
            words = re.sub(r"\s+", " ", line[: 4 * HEADLINE_CHARS])
            if len(line) > 4 * HEADLINE_CHARS and len(words) < HEADLINE_CHARS:
                words = words.rstrip(_HEADLINE_EDGE) + "…"
            return cut_words(words, HEADLINE_CHARS)
    return ""


def cut_words(text: str, limit: int) -> str:
    """`text` if at most `limit` characters, else its first words within `limit` with «…» after."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:  # a word boundary not too far back; else a very long word is cut
        cut = cut[:space]
    return cut.rstrip(_HEADLINE_EDGE) + "…"


# --- outlets and agencies -------------------------------------------------------------------


@cache
def _outlets() -> dict[str, Any]:
    raw = resources.files("mctimeline").joinpath("data/outlets.toml").read_bytes()
    return tomllib.loads(raw.decode("utf-8"))


def _alternation(phrases: Sequence[str]) -> str:
    folded = sorted({gazetteer.fold(p) for p in phrases if p.strip()}, key=len, reverse=True)
    return "|".join(" ?".join(re.escape(w) for w in p.split(" ")) for p in folded)


@cache
def _cue_pattern() -> re.Pattern[str]:
    data = _outlets()
    cues = data["cues"]
    assert isinstance(cues, dict)
    names: dict[str, str] = {}
    for outlet in data["outlet"]:
        for lang in gazetteer.LANGS:
            for form in outlet.get(lang, []):
                names[gazetteer.fold(form)] = outlet["name"]
    fillers = _alternation(cues["fillers"])
    name_alt = _alternation(list(names))
    pattern = (
        rf"(?<![\w])(?P<cue>(?P<self>{_alternation(cues['self'])})|(?P<cite>{_alternation(cues['cite'])}))"
        rf"\s*(?:[:،,]\s*)?(?:(?:{fillers})\s*)*[\"'«»“”]?\s*(?P<name>{name_alt})(?![\w])"
    )
    return re.compile(pattern)


@cache
def _outlet_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for outlet in _outlets()["outlet"]:
        for lang in gazetteer.LANGS:
            for form in outlet.get(lang, []):
                names[gazetteer.fold(form).replace(" ", "")] = outlet["name"]
    return names


def outlets_in(
    text: str, folded: str | None = None, words: frozenset[str] | None = None
) -> tuple[str, tuple[str, ...]]:
    """(outlet, cited agencies) named in a text, as canonical English names; "" when no outlet.

    `folded` is gazetteer.fold(text) when the caller has it already, and `words` its distinct
    words (FoldedText.words), which tell which cue words it holds without a search for each.
    """
    outlet = ""
    agencies: list[str] = []
    folded = folded if folded is not None else gazetteer.fold(text)
    for m in _cue_matches(folded, words):
        name = _outlet_names().get(m.group("name").replace(" ", ""), "")
        if not name:
            continue
        if m.group("self") and not outlet:
            outlet = name
        elif name not in agencies:
            agencies.append(name)
    return outlet, tuple(a for a in agencies if a != outlet)


def _cue_matches(folded: str, words: frozenset[str] | None = None) -> Iterator[re.Match[str]]:
    """`_cue_pattern().finditer(folded)`, tried only where a cue phrase may start (`_cue_leads`):
    the pattern opens with a look back, and re would try it at every character, and its cues'
    first letters («ب», «ا», "a») stand everywhere. Leftmost first and not overlapping, as finditer.
    `words`, when given, are folded's: a lead word (no space) none of them holds is not searched."""
    pattern = _cue_pattern()
    held = _lead_words().present(words) if words is not None else None
    starts: list[int] = []
    for word, low, high in _cue_leads():
        if held is not None and word not in held:
            continue
        q = folded.find(word)
        while q >= 0:  # a cue holding `word` at q starts from `high` to `low` characters before it
            starts.extend(range(max(0, q - high), q - low + 1))
            q = folded.find(word, q + 1)
    pos = 0  # where the next match may start
    for at in sorted(set(starts)):
        if at < pos:
            continue
        m = pattern.match(folded, at)  # the look back sees the text before it, as in finditer
        if m is not None:
            yield m
            pos = m.end()


@cache
def _lead_words() -> _Held:
    """The cue phrases' lead words (`_cue_leads`), and which of them each word of a text holds."""
    return _Held(frozenset(word for word, _, _ in _cue_leads()))


@cache
def _cue_leads() -> tuple[tuple[str, int, int], ...]:
    """For each cue phrase (folded, its words written together or apart: `_alternation`), its
    longest word and how far after the phrase's start it stands: from the length of the words
    before it (written together) to that and one space between each (written apart). A cue
    starting at p holds one of these words within that reach of p."""
    cues = _outlets()["cues"]
    assert isinstance(cues, dict)
    out = set()
    for phrase in {gazetteer.fold(p) for p in (*cues["self"], *cues["cite"]) if p.strip()}:
        words = phrase.split(" ")
        i = max(range(len(words)), key=lambda k: len(words[k]))
        before = sum(map(len, words[:i]))
        out.add((words[i], before, before + i))
    return tuple(sorted(out))


# --- publication date --------------------------------------------------------------------------


def publication_date(
    text: str, mentions: Sequence[Mention], given: Published | None = None
) -> tuple[str, str]:
    """(YYYY-MM-DD, how) of the text's publication day, else ("", ""): the tagger's one rule.

    A `given` day (metadata) wins; else a day-precise mention of «today» fixes it.
    """
    found = publication_day(text, list(mentions), given)
    return (found.day, found.how) if found is not None else ("", "")


def publication_day(text: str, mentions: list[Mention], given: Published | None) -> Published | None:
    """`tagger.publication_day`, not asked when there is nothing to read a day from."""
    if not mentions and given is None:
        return None
    from mctimeline.tagger import publication_day as tagger_publication_day

    return tagger_publication_day(text, mentions, given)


# --- the record -------------------------------------------------------------------------------


def source_from_bytes(
    path: str,
    data: bytes,
    text: str | None = None,
    mentions: Sequence[Mention] = (),
    folded: str | None = None,
    meta: Meta = NO_META,
    source_id: str = "",
    language: str = "",
    *,
    words: frozenset[str] | None = None,
) -> Source:
    """Describe a text from its exact bytes; `path` is the POSIX path the package records.

    `text` defaults to the bytes decoded as UTF-8 (no newline translation: offsets
    count code points of the file as it is); `folded`, when given, is gazetteer.fold(text).
    What `meta` gives (an archive's metadata) is taken as given and wins over what is
    read from the text: publication day, language, outlet, title; the URL only it gives.
    `source_id` defaults to the file's stem; `language`, when given, is detect_language(text);
    `words`, when given, are folded's distinct words (FoldedText.words).
    """
    if text is None:
        text = data.decode("utf-8")
    outlet, agencies = outlets_in(text, folded, words)
    given = published_mod.given(meta.published, published_mod.IN_METADATA)
    pub = publication_day(text, list(mentions), given)
    first_line = headline(text)
    pure = PurePath(path)
    return Source(
        source_id=source_id or pure.stem,
        path=pure.as_posix(),
        language=meta.language or language or detect_language(text),
        sha256=hashlib.sha256(data).hexdigest(),
        characters=len(text),
        headline=first_line,
        outlet=meta.outlet or outlet,
        agencies=tuple(a for a in agencies if a != meta.outlet),
        published=pub.day if pub else "",
        published_basis=pub.basis if pub else "",
        published_note=pub.how if pub else "",
        url=meta.url,
        title=meta.title or first_line,
    )


def source_from_text(path: str, text: str, mentions: Sequence[Mention] = (), meta: Meta = NO_META) -> Source:
    """Describe a text decoded from UTF-8: its bytes are its UTF-8 encoding, exactly."""
    return source_from_bytes(path, text.encode("utf-8"), text, mentions, meta=meta)


def read_source(path: Path, root: Path, text: str | None = None, mentions: Sequence[Mention] = ()) -> Source:
    """Read a seed file and describe it; its recorded path is relative to `root` (e.g. "seeds/000_x.txt")."""
    data = path.read_bytes()
    try:
        relative = path.resolve().relative_to(root.resolve())
    except ValueError:
        raise ValueError(f"{path} is not under {root}: pass the folder that holds the seeds folder") from None
    return source_from_bytes(relative.as_posix(), data, text, mentions)
