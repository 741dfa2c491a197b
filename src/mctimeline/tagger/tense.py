"""The tense around a time in the token stream: a future word near it, a done act's verb before it.

«ستعقد», «خواهد», "will" make a yearless day or a weekday one to come; «وقع في 17 يناير», "signed
on January 17", or an Arabic sentence a past verb opens, one that is done.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mctimeline.tagger.tokens import _COMMAS, _SENTENCE_END

if TYPE_CHECKING:
    from mctimeline.tagger.scan import _Scanner


_VERB_FIRST_REACH = 14  # tokens back to a verb that opens an Arabic sentence


def opened_by_verb(s: _Scanner, i: int) -> bool:
    """Whether the Arabic sentence of token i opens with a past verb at most _VERB_FIRST_REACH
    tokens back: the verb-subject order names its subject, often set off by commas, before
    the time («وصل وزير الخارجية الإيراني عباس عراقجي إلى موسكو، الأحد، لبحث …»)."""
    first = _sentence_start(s, i)
    # a done act only («وصل»): «يصل ... الثلاثاء» may be the coming Tuesday, and is left unread
    return first is not None and first < i and _is_past(s, first)


def _sentence_start(s: _Scanner, i: int) -> int | None:
    """The first token of the sentence of token i, if at most _VERB_FIRST_REACH tokens back
    (a stop, or a line break: a headline ends without one), else None."""
    toks = s.toks
    for k in range(i, max(i - _VERB_FIRST_REACH, 0) - 1, -1):
        if k == 0:
            return 0
        if toks[k - 1] in _SENTENCE_END or _line_break_before(s, k):
            return k
    return None


def _line_break_before(s: _Scanner, k: int) -> bool:
    """Whether a line break stands between tokens k-1 and k in the original text (the normalized
    one has made it a space)."""
    gap = s.norm.original_span(s.token_span(k - 1, k)[1], s.token_span(k, k + 1)[0])
    return "\n" in s.norm.original[gap[0] : gap[1]]


_TENSE_REACH = 6  # tokens either side, within the sentence
_TENSE_REACH_FAR = 20  # for a weekday: either side (the nearest verb decides, so a far one only counts alone)
_TENSE_REACH_FA = 24  # for a weekday: after it, in Persian


def future_near(s: _Scanner, i: int, j: int, far: bool = False) -> bool:
    """Whether the verb nearest tokens i..j-1 in their sentence (a few tokens either side) is of
    the future («سوف», «ستعقد», «خواهد», "will"): the time named is then to come. A reporting
    verb nearer («أعلن يوم الأحد أن الوفد سيصل») makes it the day of the report."""
    toks = s.toks
    before, after = True, True
    # `far` (a weekday): a Persian clause ends with its verb, however long after the time; an
    # English or Arabic one may put a clause between («scheduled to resume talks in Muscat, Oman,
    # on Sunday»). A yearless day looks nearer: told wrong, it moves a whole year.
    near = _TENSE_REACH_FAR if far else _TENSE_REACH
    reach = _TENSE_REACH_FA if far and s.lang == "fa" else near
    for d in range(1, reach + 1):
        for k, alive in ((i - d, before), (j + d - 1, after)):
            if not alive or not 0 <= k < len(toks) or (k < i and d > near):
                continue
            if toks[k] in _SENTENCE_END:
                if k < i:
                    before = False
                else:
                    after = False
                continue
            if k >= j and s.is_kind(k, "complementizer"):
                # «أكد يوم الاثنين أن الجولة ستعقد …», "said on Monday that talks will resume":
                # the future after "that" is what was said, not when
                after = False
                continue
            if _is_future(s, k):
                return True
            if s._is_verb(k):  # «برگزار خواهد شد»: a Persian auxiliary of the future follows its verb
                if s.is_kind(k + 1, "future") or s.is_kind(k + 2, "future"):
                    return True
                # "which will be signed in Moscow, was agreed on Monday": a clause set off
                # before the time is another act's
                return _future_aux_before(s, k) and not any(t in _COMMAS for t in toks[k:i])
    return False


def _future_aux_before(s: _Scanner, k: int) -> bool:
    """Whether an English future stands in the three tokens before the verb at token k ("will be
    signed", "is expected to be signed"): English puts it before the verb, Persian after."""
    return s.lang == "en" and any(_is_future(s, b) for b in range(max(k - 3, 0), k))


def set_off_after_past(s: _Scanner, i: int, k: int) -> bool:
    """«أعلنت الوزارة، الأربعاء، أن …»: an Arabic weekday at tokens i..k-1 set off by commas right
    after a clause whose verb tells a done act, as agencies write the day of the report; the clause
    after it («أن الوفد سيصل») does not make it a day to come. Not one of a list of days («السبت،
    الأحد، الاثنين»), nor after a present verb («يصل الوفد، الثلاثاء،» may be the coming one)."""
    if s.lang != "ar" or s.tok(i - 1) not in _COMMAS or s.tok(k) not in _COMMAS:
        return False
    if s.is_kind(i - 2, "weekday") or s.is_kind(k + 1, "weekday"):
        return False
    for j in range(i - 2, max(-1, i - 2 - _SET_OFF_REACH), -1):
        if s.toks[j] in _SENTENCE_END or s.toks[j] in _COMMAS:
            return False
        if _is_past(s, j) or _is_said(s, j):
            return True
        if s._is_verb(j) or _is_future(s, j):
            return False
    return False


_SET_OFF_REACH = 10  # «قال المتحدث باسم الكرملين في مؤتمر صحفي، الأربعاء، …»


_PAST_REACH = 4  # tokens before a yearless day: its verb, a short object and a preposition («في», "on")


def past_before(s: _Scanner, i: int) -> bool:
    """Whether a verb of a done act stands right before token i («وقع في 17 يناير», "signed on
    January 17"), within _PAST_REACH tokens and its sentence, and is no future's («سيوقع»). Persian,
    whose verb ends its clause and shares Arabic's letters («وزارت» is no «زارت»), has none."""
    if s.lang == "fa":
        return False
    for k in range(i - 1, max(i - 1 - _PAST_REACH, -1), -1):
        if s.toks[k] in _SENTENCE_END or s.toks[k] in _COMMAS:
            return False
        if _is_past(s, k):
            return k == 0 or s.toks[k - 1].lower() not in _TO_BE  # "due to be held on May 23": to come
    return False


def past_after(s: _Scanner, j: int) -> bool:
    """Whether the verb that ends a Persian clause after a yearless day ending at token j tells a
    done act («قرارداد در بیست‌وپنجم ژوئیه امضا شد»): the first verb of the past or of the future
    after it in its sentence decides («برگزار خواهد شد», «برگزار می‌شود» are to come)."""
    if s.lang != "fa":
        return False
    for k in range(j, min(j + _TENSE_REACH_FA, len(s.toks))):
        if s.toks[k] in _SENTENCE_END or _is_future(s, k):
            return False
        if s.is_kind(k, "past"):
            return True
    return False


_TO_BE = frozenset({"be", "being"})  # before a participle: a passive yet to come ("will be signed")


def _is_past(s: _Scanner, k: int) -> bool:
    """A verb of a done act at token k, or one behind an Arabic «و»/«ف» («ووقع الرئيسان») or
    before its object pronoun («وغادرها», «زاره»)."""
    if s.is_kind(k, "past"):
        return True
    text = s.toks[k]
    if s.lang != "ar" or len(text) < 4:
        return False
    stems = (text[1:], text) if text[0] in "وف" else (text,)
    return any(
        s.lex.lookup(stem[: len(stem) - len(end)] if end else stem, "past") != ()
        for stem in stems
        for end in _OBJECT_PRONOUNS
        if stem.endswith(end) and len(stem) - len(end) >= 3
    )


_OBJECT_PRONOUNS = ("", "ها", "هما", "هم", "ه")  # the bare verb first


def _is_said(s: _Scanner, k: int) -> bool:
    """A verb of saying in the past at token k, or one behind an Arabic «و»/«ف» («وقالت»)."""
    if s.is_kind(k, "said"):
        return True
    text = s.toks[k]
    return s.lang == "ar" and len(text) > 3 and text[0] in "وف" and s.lex.lookup(text[1:], "said") != ()


def past_verb_first(s: _Scanner, i: int, j: int) -> bool:
    """Whether an Arabic sentence tells a done act around a yearless day at tokens i..j-1: it
    opens with a past verb at most _VERB_FIRST_REACH tokens before («وقع الرئيسان المعاهدة في 17
    يناير»), or the day opens it and such a verb follows its comma («وفي 17 يناير، وقع …»)."""
    if opened_by_verb(s, i):
        return True
    return j + 1 < len(s.toks) and s.toks[j] in _COMMAS and _is_past(s, j + 1)


def _is_future(s: _Scanner, k: int) -> bool:
    """A word of the future at token k, or one behind an Arabic «و»/«ف» («وستختتم الزيارة»)."""
    if s.is_kind(k, "future"):
        return True
    text = s.toks[k]
    return len(text) > 4 and text[0] in "وف" and s.lex.lookup(text[1:], "future") != ()
