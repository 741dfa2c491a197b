"""Assembling the events of one long text grows linearly with it (issue 13: a 19 MB seed).

Not timed: the work is the number of lines of mctimeline's code that run, the same on
any machine. Each sentence pair below gives a day, a range end («تا ۱۲ مه», rule 6)
and a month that repeats it («در مه ۱۹۹۵», rule 5); every echo and every range end
used to look at every anchor of its source, and each mention's series context copied
the spans of all the others, so four times the text cost fourteen times the work.
"""

from __future__ import annotations

from _linecount import lines_run
from mctimeline.events import assemble
from mctimeline.sources import source_from_text
from mctimeline.tagger import tag

# The Gregorian months as Persian news writes them.
MONTHS = (
    *("ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن"),
    *("ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر"),
)
DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def _unit(i: int) -> str:
    year, month = 1995 + i // 12, MONTHS[i % 12]  # a different month of a different year each time
    return (
        f"نشست امنیتی شماره {i} روز ۱۰ {month} {year} در مسکو آغاز شد و تا ۱۲ {month} ادامه یافت. "
        f"این نشست در {month} {year} برگزار شد. "
    ).translate(DIGITS)


def _assembled(units: int) -> tuple[int, list[list[tuple[int, int]]]]:
    """Lines run to assemble a text of `units` sentence pairs, and its events as lists of mention spans."""
    text = "".join(_unit(i) for i in range(units))
    mentions = tag(text)
    source = source_from_text("seeds/long.txt", text, mentions)
    assemble([(source, text, mentions)])  # warm: lexicons, gazetteers, patterns
    count, (events, _, _) = lines_run(lambda: assemble([(source, text, mentions)]))
    return count, sorted(sorted(_span(ref.mention_id) for ref in e.mentions) for e in events)


def _span(mention_id: str) -> tuple[int, int]:
    start, end = mention_id.rsplit(":", 1)[1].split("-")
    return int(start), int(end)


def test_four_times_the_text_is_four_times_the_work_and_the_same_events() -> None:
    small_lines, small = _assembled(100)
    large_lines, large = _assembled(400)
    assert large_lines <= 4.4 * small_lines, (small_lines, large_lines)
    assert len(large) == 4 * len(small)
    # The first hundred sentence pairs make the same events in both texts.
    end = max(span[1] for event in small for span in event)
    assert [e for e in large if e[-1][1] <= end] == small
    # Rules 5 and 6 did join: each pair's three dates are not three events.
    assert len(small) < 300
