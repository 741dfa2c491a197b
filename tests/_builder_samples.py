"""Hand-made timelines for the writer tests: records written by hand, not produced by the pipeline.

The calendar values were read off ICU (PyICU, calendars persian and islamic-umalqura)
independently of mctimeline's core: 2025-05-27..29 is 6..8 Khordad 1404 and
29 Dhu al-Qadah..2 Dhu al-Hijjah 1446; 2024-10-31..11-01 is 10..11 Aban 1403 and
28..29 Rabi al-Thani 1446; January 2025 is 1403-10-12..1403-11-12 and
1446-07-01..1446-08-01.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from mctimeline.events import Event, MentionRef, Reconciliation
from mctimeline.mentions import Mention
from mctimeline.sources import Source
from mctimeline.timeline import PlacedMention, Series, Timeline

FA_TEXT = "مجمع امنیتی مسکو از ۲۷ تا ۲۹ مه ۲۰۲۵ (۶ تا ۹ خرداد ۱۴۰۴) برگزار شد.\nپیمان ژانویه ۲۰۲۵ امضا شد.\n"
AR_TEXT = 'انطلاق المؤتمر الدولي الثاني حول الأمن الأوراسي في مينسك يوم 31 أكتوبر 2024، حسب "تاس".\n'
# Everything a feed must survive: iCalendar syntax, escapes, bidi overrides, controls.
HOSTILE = 'Forum; "quoted", a\\b\nEND:VEVENT\nBEGIN:VEVENT\u202eRLO\u2066iso\u2069\x07bell ZWNJ:می\u200cشود'


def _placed(source_id: str, text: str, words: str, event_id: str, **kw: object) -> PlacedMention:
    start = text.index(words)
    m = Mention(start=start, end=start + len(words), text=words, **kw)  # type: ignore[arg-type]
    return PlacedMention(f"{source_id}:{m.start}-{m.end}", source_id, m, event_id)


def _source(source_id: str, language: str, text: str, **kw: str) -> Source:
    return Source(
        source_id=source_id,
        path=f"seeds/{source_id}.txt",
        language=language,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        characters=len(text),
        headline=text.splitlines()[0],
        outlet=kw.get("outlet", ""),
        agencies=tuple(kw.get("agencies", "").split("|")) if kw.get("agencies") else (),
        published=kw.get("publication_date", ""),
        published_basis="text" if kw.get("publication_date") else "",
        published_note=kw.get("basis", ""),
    )


def sample_timeline(hostile: bool = False) -> Timeline:
    """Three events from a Persian and an Arabic source; `hostile` puts attack text in titles."""
    fa = _source("100_fa", "fa", FA_TEXT, outlet="آران نیوز", agencies="تسنیم|اسپوتنیک")
    ar = _source(
        "200_ar",
        "ar",
        AR_TEXT,
        agencies="تاس",
        publication_date="2024-10-31",
        basis="«اليوم الخميس 31 أكتوبر» in the first sentence",
    )
    m_forum = _placed(
        "100_fa",
        FA_TEXT,
        "۲۷ تا ۲۹ مه ۲۰۲۵",
        "ev-forum",
        calendar="gregorian",
        start_date="2025-05-27",
        end_date="2025-05-29",
        precision="day",
    )
    m_gloss = _placed(
        "100_fa",
        FA_TEXT,
        "۶ تا ۹ خرداد ۱۴۰۴",
        "ev-forum",
        calendar="jalali",
        start_date="2025-05-27",
        end_date="2025-05-30",
        precision="day",
        status="conflict",
        note="gloss ends a day later than the Gregorian range",
        gloss_of=0,
    )
    m_jan = _placed(
        "100_fa",
        FA_TEXT,
        "ژانویه ۲۰۲۵",
        "ev-january",
        calendar="gregorian",
        start_date="2025-01-01",
        end_date="2025-01-31",
        precision="month",
    )
    m_minsk = _placed(
        "200_ar",
        AR_TEXT,
        "31 أكتوبر 2024",
        "ev-minsk",
        calendar="gregorian",
        start_date="2024-10-31",
        end_date="2024-11-01",
        precision="day",
    )
    forum_title = HOSTILE if hostile else "مجمع امنیتی مسکو برگزار شد"
    forum = Event(
        event_id="ev-forum",
        start_date="2025-05-27",
        end_date="2025-05-29",
        precision="day",
        edtf="2025-05-27/2025-05-29",
        jalali_start="1404-03-06",
        jalali_end="1404-03-08",
        hijri_start="1446-11-29",
        hijri_end="1446-12-02",
        status="conflict",
        title=forum_title,
        title_en="Moscow security forum" if not hostile else HOSTILE,
        series_id="",
        edition=None,
        location="مسکو",
        source_count=1,
        language="fa",
        mentions=(
            MentionRef(m_forum.mention_id, "100_fa", 0),
            MentionRef(m_gloss.mention_id, "100_fa", 1),
        ),
    )
    january = Event(
        event_id="ev-january",
        start_date="2025-01-01",
        end_date="2025-01-31",
        precision="month",
        edtf="2025-01",
        jalali_start="1403-10-12",
        jalali_end="1403-11-12",
        hijri_start="1446-07-01",
        hijri_end="1446-08-01",
        status="confirmed",
        title="پیمان ژانویه ۲۰۲۵ امضا شد",
        title_en="",
        series_id="",
        edition=None,
        location="",
        source_count=1,
        language="fa",
        mentions=(MentionRef(m_jan.mention_id, "100_fa", 2),),
    )
    minsk = Event(
        event_id="ev-minsk",
        start_date="2024-10-31",
        end_date="2024-11-01",
        precision="day",
        edtf="2024-10-31/2024-11-01",
        jalali_start="1403-08-10",
        jalali_end="1403-08-11",
        hijri_start="1446-04-28",
        hijri_end="1446-04-29",
        status="confirmed",
        title="المؤتمر الدولي الثاني حول الأمن الأوراسي",
        title_en="2nd International Conference on Eurasian Security",
        series_id="minsk-eurasian-security",
        edition=2,
        location="مينسك",
        source_count=1,
        language="ar",
        mentions=(MentionRef(m_minsk.mention_id, "200_ar", 0),),
    )
    rec = Reconciliation(
        reconciliation_id="rec-forum-gloss",
        event_id="ev-forum",
        mention_id=m_gloss.mention_id,
        kind="gloss-conflict",
        diagnosis=(
            "the Jalali gloss «۶ تا ۹ خرداد ۱۴۰۴» ends on 2025-05-30, the Gregorian range on 2025-05-29"
        ),
        kept="2025-05-27/2025-05-29",
        rejected="2025-05-27/2025-05-30",
        reason="the Gregorian range is the text's primary statement; the gloss is a conversion",
    )
    series = Series(
        series_id="minsk-eurasian-security",
        name_en="International Conference on Eurasian Security",
        name_fa="کنفرانس بین‌المللی امنیت اوراسیا",
        name_ar="المؤتمر الدولي حول الأمن الأوراسي",
        organizer="Belarus Ministry of Foreign Affairs",
        location="Minsk",
    )
    return Timeline(
        sources=(fa, ar),
        mentions=(m_forum, m_gloss, m_jan, m_minsk),
        events=(forum, january, minsk),
        reconciliations=(rec,),
        series=(series,),
    )


SOURCE_TEXTS = {"100_fa": FA_TEXT, "200_ar": AR_TEXT}


def written_package(folder: Path) -> Path:
    """The sample timeline's tables and feeds written into `folder` (made here), no views."""
    from mctimeline import feeds, package

    folder.mkdir()
    timeline = sample_timeline()
    package.write_package(folder, timeline, feeds.write_feeds(folder, timeline))
    return folder
