"""Hand-made tagger output for the five seeds, written from reading the texts (not from running the tagger).

Each entry names the words of a date mention (and which occurrence of them), what
they denote as inclusive Gregorian bounds, and the status and note the conventions
(notes/conventions.md) prescribe. Offsets are looked up in the seed text so that
`text[start:end] == mention.text` holds.
"""

from __future__ import annotations

from pathlib import Path

from mctimeline.mentions import Mention
from mctimeline.sources import Source, source_from_bytes

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def find(text: str, words: str, occurrence: int = 0) -> int:
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(words, at + 1)
    return at


def mention(
    text: str,
    words: str,
    calendar: str,
    start_date: str,
    end_date: str,
    precision: str,
    status: str = "ok",
    note: str = "",
    gloss_of: int | None = None,
    occurrence: int = 0,
) -> Mention:
    start = find(text, words, occurrence)
    return Mention(
        start, start + len(words), words, calendar, start_date, end_date, precision, status, note, gloss_of
    )


def seed(name: str) -> tuple[str, bytes, str]:
    path = next(SEEDS.glob(f"{name}_*.txt"))
    data = path.read_bytes()
    return f"seeds/{path.name}", data, data.decode("utf-8")


def seed_000(text: str) -> list[Mention]:
    return [
        mention(text, "۲۷ تا ۲۹ مه ۲۰۲۵", "gregorian", "2025-05-27", "2025-05-29", "day"),
        mention(text, "سال ۲۰۱۱", "gregorian", "2011-01-01", "2011-12-31", "year"),
        mention(text, "سال ۲۰۱۴", "gregorian", "2014-01-01", "2014-12-31", "year"),
        mention(text, "سال ۲۰۲۳", "gregorian", "2023-01-01", "2023-12-31", "year"),
    ]


def seed_001(text: str) -> list[Mention]:
    return [mention(text, "۱۵ اوت ۲۰۲۳", "gregorian", "2023-08-15", "2023-08-15", "day")]


def seed_002(text: str) -> list[Mention]:
    return [
        # «اليوم» with no publication date known: no bounds.
        mention(
            text,
            "اليوم الأربعاء",
            "relative",
            "",
            "",
            "day",
            "unresolved",
            "today: the publication date is unknown",
        ),
        mention(
            text,
            "23 إلى 24 يونيو",
            "gregorian",
            "2021-06-23",
            "2021-06-24",
            "day",
            "inferred",
            "no year written; 2021 is the year after 2020 in which 23 June is a Wednesday (اليوم الأربعاء)",
        ),
        mention(text, "23 أبريل 2020م", "gregorian", "2020-04-23", "2020-04-23", "day"),
        mention(
            text,
            "يوم 25 من الشهر ذاته",
            "gregorian",
            "2020-04-25",
            "2020-04-25",
            "day",
            "ok",
            "month and year from the antecedent «23 أبريل 2020م»",
        ),
    ]


def seed_003(text: str) -> list[Mention]:
    return [
        mention(
            text,
            "اليوم الخميس 31 أكتوبر/تشرين الأول وحتى يوم غد الجمعة 1 نوفمبر/تشرين الثاني 2024",
            "gregorian",
            "2024-10-31",
            "2024-11-01",
            "day",
        ),
        mention(text, "عام 2023", "gregorian", "2023-01-01", "2023-12-31", "year"),
        mention(text, "26 - 27 أكتوبر 2023", "gregorian", "2023-10-26", "2023-10-27", "day"),
    ]


GLOSS_NOTE = (
    "the gloss is exactly one year early: 7–9 Khordad 1403 is 2024-05-27..2024-05-29; "
    "27–29 May 2025 is 6–8 Khordad 1404"
)
SUSPECT_NOTE = (
    "9 Ordibehesht 1403 (2024-04-28); if it shares the gloss's one-year slip, 9 Ordibehesht 1404 = 2025-04-29"
)


def seed_004(text: str) -> list[Mention]:
    out = [
        mention(text, "سال ۲۰۲۲", "gregorian", "2022-01-01", "2022-12-31", "year"),  # 0 the war began
        mention(text, "مارس ۲۰۲۵", "gregorian", "2025-03-01", "2025-03-31", "month"),  # 1 Peskov said
        mention(text, "سال ۲۰۲۲", "gregorian", "2022-01-01", "2022-12-31", "year", occurrence=1),  # 2 heading
        mention(text, "ژانویه ۲۰۲۵", "gregorian", "2025-01-01", "2025-01-31", "month"),  # 3 the signing
        mention(text, "آوریل ۲۰۲۵", "gregorian", "2025-04-01", "2025-04-30", "month"),  # 4 the oil deal
        mention(text, "اواخر ۲۰۲۴", "gregorian", "2024-09-01", "2024-12-31", "part-of-year"),  # 5
        mention(text, "اوایل ۲۰۲۵", "gregorian", "2025-01-01", "2025-04-30", "part-of-year"),  # 6 echo
        mention(text, "سال ۲۰۲۵", "gregorian", "2025-01-01", "2025-12-31", "year"),  # 7 the talks
        mention(
            text,
            "ژانویه",
            "gregorian",
            "2025-01-01",
            "2025-01-31",
            "month",
            "inferred",
            "no year written: «پیمان ژانویه» echoes «ژانویه ۲۰۲۵»",
            occurrence=1,
        ),  # 8
        mention(text, "۲۷ تا ۲۹ مه ۲۰۲۵", "gregorian", "2025-05-27", "2025-05-29", "day"),  # 9 the forum
    ]
    gloss = mention(
        text,
        "7 تا 9 خرداد \n\n1403",
        "jalali",
        "2024-05-27",
        "2024-05-29",
        "day",
        "conflict",
        GLOSS_NOTE,
        gloss_of=9,
    )
    out.append(gloss)  # 10
    out += [
        mention(
            text, "9 اردیبهشت 1403", "jalali", "2024-04-28", "2024-04-28", "day", "suspect", SUSPECT_NOTE
        ),
        mention(text, "اکتبر ۲۰۲۴", "gregorian", "2024-10-01", "2024-10-31", "month"),  # 12 BRICS in Kazan
        mention(text, "می۲۰۲۵", "gregorian", "2025-05-01", "2025-05-31", "month"),  # 13 echo of the forum
    ]
    return out


BUILDERS = {"000": seed_000, "001": seed_001, "002": seed_002, "003": seed_003, "004": seed_004}


def corpus(names: tuple[str, ...] = tuple(BUILDERS)) -> list[tuple[Source, str, list[Mention]]]:
    out = []
    for name in names:
        path, data, text = seed(name)
        mentions = BUILDERS[name](text)
        out.append((source_from_bytes(path, data, text, mentions), text, mentions))
    return out
