"""What a date's happening is read with beyond its words: its place and its actors.

Both come from the sentence that reports the happening (see mctimeline.events, rule 3
and "Actors"): the place is the scene it marks, the nearest to the date when it marks
several («در ۱۲ دسامبر در عشق‌آباد و در یک سپتامبر در تیانجین»); the actors are those it
names, or points back to, or, for the day's news, the article title's.

**A visit's destination.** When neither the date's clause nor its sentence marks a scene,
a visit, journey or arrival happens where it goes: the place is the destination
(gazetteer.destinations_in_folded, words in data/places.toml [destination]) that a travel
word governs — a place right after «به», «إلى», "to" with a travel or visit word a few
words before («سفر دو روزه خود به مسکو», «وصل وزير الخارجية ... إلى طهران», "will
travel to Beijing") or just after it («به تهران آمده», «إلى موسكو في زيارة»), or right
after a word that takes it directly («وارد مسکو شد», «عازم پکن», «يزور موسكو», "visited
Ankara"). Read in the date's clause and in the stretch of its sentence with no clause
break (a comma, a relative word) between it and the date; elsewhere in the sentence only
when the date's clause itself names a visit (kinds.toml's visit kind). Not a place: an
origin («از تهران», «من موسكو», "from Moscow": no cue marks it), a return home (no
return word is a travel word: «بازگشت به تهران» ends the visit elsewhere), a place «به»,
«إلى», "to" name without a travel word («پیامی به مسکو»), a trip another clause tells of
(«... گفت‌وگو کرد، و قرار است ماه آینده به پکن سفر کند»). A scene marked anywhere in the
sentence wins: the destination is only read where the report names no scene.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from mctimeline import gazetteer, titles
from mctimeline.events.kinds import may_point, pointed_kinds, pointed_kinds_at
from mctimeline.events.models import _CONTEXT_SENTENCES
from mctimeline.gazetteer.text import ambiguous
from mctimeline.mentions import Mention

if TYPE_CHECKING:
    from mctimeline.events.scope import Scope


def _nearest_marked(scope: Scope, lo: int, hi: int, at: tuple[int, int]) -> str:
    """The place marked as a scene in text[lo:hi] nearest to the date at text[at[0]:at[1]]
    ("" when none): a sentence that dates two happenings places each beside its date."""
    return _nearest(scope, lo, scope.marked(lo, hi), at)


def _nearest(scope: Scope, lo: int, found: list[tuple[int, str]], at: tuple[int, int] | None) -> str:
    """Of places found in text[lo:…] (positions in its fold), the one nearest to the date at
    text[at[0]:at[1]], the first when there is no date; "" when none."""
    if len(found) <= 1 or at is None:
        return found[0][1] if found else ""
    return min(found, key=lambda pm: (_gap(scope, lo, pm[0], at), pm[0]))[1]


def _gap(scope: Scope, lo: int, pos: int, at: tuple[int, int]) -> int:
    """Folded characters between a place at `pos` (in the fold of text[lo:…]) and the date at `at`."""
    start = len(scope.folded.slice(lo, max(lo, at[0])))
    end = start + len(scope.folded.slice(*at))
    return start - pos if pos < start else max(0, pos - end)


def _destination_beside(scope: Scope, sentence: tuple[int, int], at: tuple[int, int]) -> str:
    """A visit's destination in the date's piece that stands nearer the date than any scene its
    sentence marks («أعلن ... في مدينة اسطنبول أنه سيقوم بزيارة إلى موسكو الأحد»: the visit
    is to Moscow; Istanbul is where it was announced), else ""."""
    piece = titles.piece_around(scope.text, *at)
    if not scope.names_kind(*piece, "visit"):
        return ""
    lo = sentence[0]
    p0 = len(scope.folded.slice(lo, max(lo, piece[0])))  # the piece's bounds in the sentence's fold
    p1 = p0 + len(scope.folded.slice(*piece))
    here = [(pos, name) for pos, name in scope.destinations(lo, sentence[1]) if p0 <= pos < p1]
    if not here:
        return ""
    dest = min(here, key=lambda pm: (_gap(scope, lo, pm[0], at), pm[0]))
    near = _gap(scope, lo, dest[0], at)
    scenes = [_gap(scope, lo, pos, at) for pos, _, locative in scope.places(*sentence) if locative]
    return dest[1] if all(near < gap for gap in scenes) else ""


def _destination(
    scope: Scope,
    clause: tuple[int, int],
    sentence: tuple[int, int],
    at: tuple[int, int] | None,
    kinds: frozenset[str] = frozenset(),
) -> str:
    """Where the visit, journey or arrival the date's clause reports goes («به تهران آمده»,
    «وصل إلى طهران», "will travel to Beijing"; gazetteer.destinations_in_folded): named in the
    clause, or with no clause break (a comma, a relative word) between it and the date (a
    Persian verb ends a long clause: «... برای گفت‌وگو با همتای ایرانی خود به تهران آمد»),
    or anywhere in the sentence when the clause itself names a visit, or names no kind in a
    sentence of a visit («وصل الوزير، على رأس وفد، يوم الأحد إلى الدوحة»). A trip another clause
    tells of is not the date's («روز ۸ اوت با لاوروف گفت‌وگو کرد، و قرار است ماه آینده به
    پکن سفر کند»)."""
    lo, hi = clause
    if at is not None:
        piece = titles.piece_around(scope.text, *at)
        lo, hi = min(lo, piece[0]), max(hi, piece[1])
    place = _nearest(scope, lo, scope.destinations(lo, hi), at)
    if place or (lo, hi) == sentence:
        return place
    own = scope.kinds(*clause)
    if "visit" not in (own or kinds):
        return ""
    return _nearest(scope, sentence[0], scope.destinations(*sentence), at)


def place_for(
    scope: Scope,
    clause: tuple[int, int],
    sentence: tuple[int, int],
    kinds: frozenset[str],
    at: tuple[int, int] | None = None,
) -> str:
    """The scene of the happening the date's sentence reports: a place marked as the scene
    («در مسکو», «في موسكو», «مسکو میزبان») in its clause, else in its sentence, else a
    meeting's named city there («مؤتمر موسكو»). Never a place of another sentence: the
    sentence before a date often tells where something else happened («... گفت‌وگو کرد.
    پیش از آن، روز ۱۰ مهر در تهران ...»), and a place taken from it mistitled the event."""
    beside = _destination_beside(scope, sentence, at) if at else ""
    if beside:
        return beside
    for lo, hi in (clause, sentence):
        place = _nearest_marked(scope, lo, hi, at) if at else scope.place(lo, hi, True)
        if place:
            return place
    place = _destination(scope, clause, sentence, at, kinds)
    if place:
        return place
    # «این نشست که در روزهای ۲۷ تا ۲۹ مه»: the clause points back to a happening an earlier
    # sentence named, and that sentence's scene is this one's, if it names the same kind.
    folded = scope.folded.slice(*clause)
    if at is None:
        pointed = pointed_kinds(folded, scope.lang)
    elif may_point(folded, scope.lang):  # most clauses hold no demonstrative: the date's place is not read
        lo = clause[0]
        start = len(scope.folded.slice(lo, max(lo, at[0])))
        end = start + len(scope.folded.slice(*at))
        pointed = pointed_kinds_at(folded, scope.lang, start, end, scope.kind_patterns)
    else:
        pointed = frozenset()
    if pointed:
        for lo, hi in scope.context(sentence, _CONTEXT_SENTENCES)[1:]:
            if pointed & scope.kinds(lo, hi):
                place = scope.place(lo, hi, True)
                if place:
                    return place
    if "meeting" in kinds:  # «مؤتمر موسكو», «کنفرانس امنیت بین المللی مسکو»: named after its city
        for lo, hi in (clause, sentence):
            place = scope.place(lo, hi, False)
            if place:
                return place
    return ""


@cache
def _ambiguous_spellings(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    prefix = "(?:[وفبل]|ال|بال)?" if lang == "ar" else ""
    return tuple(
        (spelling, re.compile(rf"(?<!\w){prefix}{re.escape(spelling)}(?!\w)"))
        for spelling in sorted(ambiguous("places.toml", lang))
    )


@cache
def _place_country(name: str) -> str:
    return gazetteer.place_by_name(name).country


@cache
def _actor_country(actor_id: str) -> str:
    """The English name of an actor's country: its own for a country, else its country's ("" when none)."""
    actor = gazetteer.actor_by_id(actor_id)
    if actor.kind == "country":
        return actor.name_en
    return gazetteer.actor_by_id(actor.country).name_en if actor.country else ""


def ambiguous_place(scope: Scope, sentence: tuple[int, int]) -> str:
    """A place named by a spelling several places share («طرابلس»), told apart by the countries of
    the actors the sentence names (Lebanon's prime minister: Tripoli of Lebanon); "" when they do not."""
    folded = scope.folded.slice(*sentence)
    for spelling, pattern in _ambiguous_spellings(scope.lang):
        if spelling not in folded or not pattern.search(folded):
            continue
        countries = {_actor_country(a) for a in scope.actors(*sentence)} - {""}
        fits = [p for p in gazetteer.places_named(spelling, scope.lang) if _place_country(p) in countries]
        if len(fits) == 1:
            return fits[0]
    return ""


def actors_for(scope: Scope, sentence: tuple[int, int], m: Mention) -> tuple[str, ...]:
    """Who a date's happening involves: the actors its sentence names or points back to
    (Scope.reported_actors); when there are none, the article title's, for the news the
    title announces: a date counted from the publication day («امروز», «أمس»), or one in
    the lead (the headline and the paragraph after it). A date deeper in the text with
    no actor of its own tells of something else, and borrows none."""
    found = scope.reported_actors(sentence)
    if found or not scope.title_actors:
        return found
    if m.calendar == "relative" or sentence[0] < scope.lead_end:
        return scope.title_actors
    return ()


def lead_end(text: str) -> int:
    """Where the lead ends: after the first two non-empty lines (a headline, the paragraph
    after it), or the first alone when it is a whole paragraph (ends in a full stop)."""
    lines = 0
    pos = 0
    for line in text.splitlines(keepends=True):
        pos += len(line)
        stripped = line.strip()
        if not stripped:
            continue
        lines += 1
        if lines == 2 or stripped[-1] in ".؟?!؛":
            return pos
    return pos

