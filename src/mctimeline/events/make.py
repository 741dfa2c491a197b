"""Events from clusters: the kept reading, the title, EDTF, other calendars and reconciliation rows."""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

from mctimeline import calendars, gazetteer
from mctimeline.events.kinds import _linking_kinds, kind_title_en
from mctimeline.events.merge import _kept_anchor
from mctimeline.events.models import (
    _DOUBTFUL,
    NOTE_KINDS,
    PERIOD_JOINED,
    RANGE_END_DAYS,
    Event,
    EventStatus,
    Reconciliation,
    _Anchor,
    _maker,
    _reading,
    _rec_id,
    whole,
)
from mctimeline.mentions import Mention

_EVENT = _maker(Event)


def _edtf(first: dt.date, last: dt.date, precision: str, inferred: bool) -> str:
    mark = "?" if inferred else ""
    if precision == "year" and first == dt.date(first.year, 1, 1) and last == dt.date(first.year, 12, 31):
        return f"{first.year:04d}{mark}"
    if precision == "month" and first.day == 1 and last.month == first.month and last.year == first.year:
        length = calendars.month_length("gregorian", first.year, first.month)
        if last.day == length:
            return f"{first.year:04d}-{first.month:02d}{mark}"
    if precision == "part-of-year" and first.year == last.year:
        thirds = {(1, 4): 37, (5, 8): 38, (9, 12): 39}
        code = thirds.get((first.month, last.month))
        length = calendars.month_length("gregorian", last.year, last.month)
        if code and first.day == 1 and last.day == length:
            return f"{first.year:04d}-{code}{mark}"
    if first == last:
        return f"{first.isoformat()}{mark}"
    return f"{first.isoformat()}{mark}/{last.isoformat()}{mark}"


@lru_cache(maxsize=1 << 14)
def _shared_edtf(first: dt.date, last: dt.date, precision: str, inferred: bool) -> str:
    # One string per interval, shared by the events on it; events repeat intervals, so most are
    # found here (a bounded table: a corpus of many intervals makes a few twice, never a wrong one).
    return sys.intern(_edtf(first, last, precision, inferred))


@cache
def _iso(day: dt.date) -> str:
    # One string per day, shared by every event on it: a corpus has far fewer days than events.
    return day.isoformat()


def forget_shared() -> None:
    """Let go of the strings the events shared (`_shared_edtf`, `_iso`) once a reduce put its events
    on disk: none is held in memory then, and the tables (some 50,000 entries at 4,000 documents)
    stayed through the writers and validation."""
    _shared_edtf.cache_clear()
    _iso.cache_clear()


def _event_id(first_anchor: _Anchor) -> str:
    return "ev-" + hashlib.sha1(first_anchor.key).hexdigest()[:12]


def _in_text_order(a: _Anchor) -> tuple[str, int, int, int]:
    return (a.source_id, a.start, a.end, a.rank)


def _best_anchor(members: Sequence[_Anchor], kept: _Anchor, roles: dict[int, str]) -> _Anchor:
    """The anchor whose clause titles the event: one naming its series, then the kept reading's,
    then one whose clause tells a happening rather than words said of it."""
    if len(members) == 1:  # most events: an anchor alone, the best whatever it is
        return members[0]
    candidates = [a for a in members if roles.get(a.rank, "anchor") != "gloss"] or list(members)
    return min(
        candidates,
        key=lambda a: (
            not a.series_in_clause,
            not a.series_id,
            (a.first, a.last) != (kept.first, kept.last),
            roles.get(a.rank, "anchor") != "anchor",
            a.main_kind not in _linking_kinds(),  # the clause that tells the happening, not words said of it
            not a.place,
            a.rank,
        ),
    )


def _make_event(
    members: list[_Anchor],
    roles: dict[int, str],
    glosses: dict[int, _Anchor],
    written: dict[dt.date, tuple[str, str]],
) -> tuple[Event, list[Reconciliation]]:
    one = len(members) == 1  # most events: nothing to order, nor to compare, nor to look up below
    if not one:
        members = sorted(members, key=_in_text_order)
    kept = _kept_anchor(members, roles)
    # Only the members' roles, copied: a copy of the corpus-wide table per event made the reduce quadratic.
    roles = {a.rank: roles[a.rank] for a in members if a.rank in roles}
    for a in () if one else members:  # an anchor alone is kept: it ends no range of its own
        # «حتى يوم 25» of the same edition: it ends the kept range rather than disputing it.
        if (
            a.ends_range
            and roles.get(a.rank, "anchor") == "anchor"
            and 0 < (a.first - kept.first).days <= RANGE_END_DAYS
            and a.last > kept.last
            and kept.mention.precision == "day"
        ):
            roles[a.rank] = "range-end"
    # Glosses only when gloss_of links form a cycle (no tagger writes one): then any member names it.
    # Supporting mentions (rule 8) neither: the event keeps the id it had before a coarser date joined it.
    if one:
        first_anchor = kept
    else:
        glossed = [a for a in members if roles.get(a.rank, "anchor") not in ("gloss", "support")] or members
        first_anchor = glossed[0] if len(glossed) == 1 else min(glossed, key=_in_text_order)
    event_id = _event_id(first_anchor)
    first, last = kept.first, kept.last
    for a in members if roles else ():
        if roles.get(a.rank) == "range-end" and a.last > last:
            last = a.last
    recs: list[Reconciliation] = []
    # An anchor alone with no role, trusted and not Hijri (most events) is kept with no row to write.
    quiet = one and not roles and kept.mention.status not in _DOUBTFUL and kept.mention.calendar != "hijri"
    stated = () if quiet else members
    stated_by = sorted({a.source_id for a in stated if (a.first, a.last) == (kept.first, kept.last)})
    kept_reading = "" if quiet else _reading(first, last)  # what the rows say only
    for a in () if quiet else members:
        role = roles.get(a.rank, "anchor")
        m = whole(a)
        if role == "gloss" and m.status == "conflict":
            target = glosses.get(a.rank)
            target_text = f"«{whole(target).text}»" if target else "the date it glosses"
            recs.append(
                _rec(
                    event_id,
                    a,
                    "gloss-conflict",
                    m.note or f"the gloss «{m.text}» does not denote the days of {target_text}",
                    kept_reading,
                    a.reading,
                    f"a gloss restates the date it follows, so the event keeps {target_text} "
                    f"({kept_reading}), which {_sources_phrase(stated_by)} state(s); "
                    f"the gloss's own reading ({a.reading}) is the slip",
                )
            )
        elif m.status in _DOUBTFUL:
            kind = "suspect" if m.status == "suspect" else _conflict_kind(m)
            if a is kept:
                reason = (
                    f"no other mention of this happening gives a trusted reading; the event keeps the words "
                    f"as written ({kept_reading}) and is marked conflict"
                )
                rejected = ""
            else:
                reason = f"the event keeps {kept_reading}, stated by {_sources_phrase(stated_by)}"
                rejected = a.reading if (a.first, a.last) != (kept.first, kept.last) else ""
            recs.append(
                _rec(event_id, a, kind, m.note or f"«{m.text}» is {m.status}", kept_reading, rejected, reason)
            )
        elif role == "support":
            recs.append(
                _rec(
                    event_id,
                    a,
                    PERIOD_JOINED,
                    f"{a.source_id} dates this happening only to the {m.precision} {a.reading} («{m.text}»), "
                    f"which holds the event's day {kept_reading}",
                    kept_reading,
                    "",
                    f"the only day event of another source in that {m.precision} with a kind of happening "
                    "in common, agreeing actors and no other place (or, of days a few apart, the one most "
                    "sources tell): the coarser date joins it as a supporting mention, and the event "
                    "keeps its day",
                )
            )
        elif role == "anchor" and a is not kept and not (a.contains(kept) or kept.contains(a)):
            recs.append(
                _rec(
                    event_id,
                    a,
                    "source-disagreement",
                    f"{a.source_id} dates this happening {a.reading} («{m.text}»); "
                    f"{kept.source_id} dates it {kept.reading} («{whole(kept).text}»)",
                    kept_reading,
                    a.reading,
                    "the event keeps the most precise reading that most sources state: "
                    f"{kept_reading} ({_sources_phrase(stated_by)})",
                )
            )
        elif m.calendar == "hijri" and m.note and ("±" in m.note or "tolerance" in m.note.casefold()):
            recs.append(
                _rec(
                    event_id,
                    a,
                    "hijri-tolerance",
                    m.note,
                    kept_reading,
                    "",
                    "within the tolerance for "
                    "lunar months that begin a day or two apart in Iran and in the Umm al-Qura table",
                )
            )
    # A Hijri date within the tolerance of Iran's month starts, a coarser date joined: notes, not conflicts.
    if quiet:
        status: EventStatus = "inferred" if kept.mention.status == "inferred" else "confirmed"
    else:
        conflict = any(r.kind not in NOTE_KINDS for r in recs) or any(
            a.mention.status in _DOUBTFUL for a in members
        )
        all_inferred = all(a.mention.status == "inferred" for a in members)
        status = "conflict" if conflict else "inferred" if all_inferred else "confirmed"
    best = _best_anchor(members, kept, roles)
    if one:  # what the members' counts would answer, for a member alone
        series_id, edition = (best.series_id, best.edition) if best.series_id else ("", None)
        location = best.place
    else:
        series_id, edition = _series_of(members, best)
        location = best.place or _most_common(a.place for a in members if a.place)
    # Slot by slot, in Event's field order: the frozen __init__ cost an event a tenth of its making.
    event = _EVENT(
        (
            event_id,
            _iso(first),
            _iso(last),
            kept.mention.precision,
            _shared_edtf(first, last, kept.mention.precision, kept.mention.status == "inferred"),
            written[first][0],
            written[last][0],
            written[first][1],
            written[last][1],
            status,
            best.title,
            gazetteer.series_title_en(series_id, edition)
            if series_id
            else _composed_title_en(members, best, location),
            series_id,
            edition,
            location,
            len({a.source_id for a in members}),
            best.language,
            tuple(a.ref for a in members),
        )
    )
    return event, recs


TITLE_ACTORS = 3  # the most actors an English title names


def _composed_title_en(members: Sequence[_Anchor], best: _Anchor, location: str) -> str:
    """«Talks: Hakan Fidan, Sergey Lavrov — Ankara»: the kind, who, where; "" when neither kind
    nor actor is known (a place alone says nothing of what happened).

    The kind is, of the kinds each member's clause names nearest its date, the first in the
    title order (a visit told by one report and its signing by another is an Agreement),
    else any member's; the actors are the members',
    first seen first: the people when any is named, else the countries and organisations.
    """
    if len(members) == 1:  # most events: the member's own kinds, with no set to make
        label = _main_kind_title(best.main_kind) or kind_title_en(best.kinds)
        seen = list(dict.fromkeys(best.actors))
    else:
        label = (
            kind_title_en(frozenset(a.main_kind for a in members if a.main_kind))
            or kind_title_en(best.kinds)
            or kind_title_en(frozenset().union(*(a.kinds for a in members)))
        )
        seen = list(dict.fromkeys(actor_id for a in members for actor_id in a.actors))
    people = [_actor_name(x) for x in seen if _actor_kind(x) == "person"]
    names = (people or [_actor_name(x) for x in seen])[:TITLE_ACTORS]
    who = ", ".join(names)
    head = f"{label}: {who}" if label and who else label or who
    if head and location:
        return f"{head} — {location}"
    return head


@cache
def _main_kind_title(main_kind: str) -> str:
    return kind_title_en(frozenset((main_kind,)) if main_kind else frozenset())


@cache
def _actor_name(actor_id: str) -> str:
    return gazetteer.actor_by_id(actor_id).name_en


@cache
def _actor_kind(actor_id: str) -> str:
    return gazetteer.actor_by_id(actor_id).kind


def _conflict_kind(m: Mention) -> str:
    note = m.note.casefold()
    return (
        "weekday-conflict"
        if "weekday" in note
        or any(
            day in note
            for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
        else "conflict"
    )


def _series_of(members: Sequence[_Anchor], best: _Anchor) -> tuple[str, int | None]:
    series_id = best.series_id or _most_common(a.series_id for a in members if a.series_id)
    if not series_id:
        return "", None
    editions = [a.edition for a in members if a.series_id == series_id and a.edition is not None]
    if best.series_id == series_id and best.edition is not None:
        return series_id, best.edition
    return series_id, Counter(editions).most_common(1)[0][0] if editions else None


def _most_common(values: Iterable[str]) -> str:
    found = list(values)
    if len(set(found)) <= 1:  # most events: none or one value, no count needed
        return found[0] if found else ""
    counts = Counter(found)
    return min(counts, key=lambda v: (-counts[v], v))


def _sources_phrase(source_ids: Sequence[str]) -> str:
    if not source_ids:
        return "no trusted mention"
    if len(source_ids) == 1:
        return f"source {source_ids[0]}"
    return f"{len(source_ids)} sources ({', '.join(source_ids)})"


def _rec(
    event_id: str, a: _Anchor, kind: str, diagnosis: str, kept: str, rejected: str, reason: str
) -> Reconciliation:
    return Reconciliation(
        reconciliation_id=_rec_id(a.ref.mention_id, kind),
        event_id=event_id,
        mention_id=a.ref.mention_id,
        kind=kind,
        diagnosis=diagnosis,
        kept=kept,
        rejected=rejected,
        reason=reason,
    )


# --- the whole corpus ---------------------------------------------------------------------


def _in_other_calendars(days: Iterable[dt.date]) -> dict[dt.date, tuple[str, str]]:
    """Each day written in the Jalali and the Hijri calendar (YYYY-MM-DD), converted in bulk by the core.

    A day outside a calendar's supported range gets "" there (as from_gregorian's
    OutOfRange would); the bulk path agrees with the scalar one day for day.
    """
    import numpy as np

    ordered = sorted(days)
    ordinals = np.array([d.toordinal() for d in ordered], dtype=np.int64)
    columns: list[list[str]] = []
    for calendar in ("jalali", "hijri"):
        ok = calendars.supported_mask(ordinals, calendar)
        column = [""] * len(ordered)
        if ok.any():
            years, months, days_ = calendars.to_calendar_bulk(ordinals[ok], calendar)
            for i, y, m, d in zip(
                np.flatnonzero(ok).tolist(), years.tolist(), months.tolist(), days_.tolist(), strict=True
            ):
                column[i] = f"{y:04d}-{m:02d}-{d:02d}"
        columns.append(column)
    return dict(zip(ordered, zip(columns[0], columns[1], strict=True), strict=True))
