"""Gazetteers read from data: conference series with their edition ordinals, places and actors.

Everything is matched on *folded* text (`fold`): mctimeline.normalize's fold
(digits to ASCII, ي/ى → ی, ك → ک, alef forms → ا, ة/ۀ → ه, no diacritics, tatweel
or bidi marks, lower-case Latin, one space for any white space), with ZWNJ read
as a space and the hamza seats ئ/ؤ read as ی/و. A name's words may be
written together or apart («بین المللی», «بین‌المللی», «بینالمللی» are one name),
as PDF extraction often drops or adds the space. An Arabic name may carry the
proclitics و ف ب ل ك («للمؤتمر», «بموسكو»).

`find_series` answers which series (and which edition) a clause names;
`find_place` which place, as the canonical English name from places.toml, so that
one place written in three languages is one value (`destinations_in_folded` which
places a visit, a journey or an arrival goes to); `actors_in` which people,
organisations and countries (actors.toml), as their ids. All are pure and cached.
A spelling a gazetteer lists under [ambiguous] names several of its entries and is
never matched alone («عمان»: Oman or Amman).

The modules, by concern: `text` (folding, FoldedText, the patterns every gazetteer is
matched with), `series`, `places` and `actors`; everything is imported from here.
"""

from __future__ import annotations

from mctimeline.gazetteer.actors import (
    ACTOR_KINDS,
    Actor,
    actor_by_id,
    actor_entries,
    actors_in,
    actors_in_folded,
)
from mctimeline.gazetteer.places import (
    Place,
    PlaceSpan,
    destinations_in_folded,
    find_place,
    place_by_name,
    place_entries,
    place_in_folded,
    place_matches,
    place_spans_in_folded,
    places_in_folded,
    places_named,
)
from mctimeline.gazetteer.series import (
    SeriesEntry,
    all_series,
    edition_in_folded,
    editions_possible,
    find_edition,
    find_series,
    ordinal_en,
    series_by_id,
    series_entries,
    series_in_folded,
    series_title_en,
)
from mctimeline.gazetteer.text import LANGS, FoldedText, ambiguous, fold

__all__ = [
    "ACTOR_KINDS",
    "LANGS",
    "Actor",
    "FoldedText",
    "Place",
    "PlaceSpan",
    "SeriesEntry",
    "actor_by_id",
    "actor_entries",
    "actors_in",
    "actors_in_folded",
    "all_series",
    "ambiguous",
    "destinations_in_folded",
    "edition_in_folded",
    "editions_possible",
    "find_edition",
    "find_place",
    "find_series",
    "fold",
    "ordinal_en",
    "place_by_name",
    "place_entries",
    "place_in_folded",
    "place_matches",
    "place_spans_in_folded",
    "places_in_folded",
    "places_named",
    "series_by_id",
    "series_entries",
    "series_in_folded",
    "series_title_en",
]
