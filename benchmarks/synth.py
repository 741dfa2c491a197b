"""A reproducible synthetic news corpus: Persian, Arabic and English texts full of dates and other numbers.

    python benchmarks/synth.py --docs 1000 --out DIR --seed 1 [--truth FILE]

Document i depends only on (seed, i), so a corpus of 1,000 is the prefix of the
corpus of 100,000 with the same seed. Every date is drawn as a real Gregorian day
and written in its calendar through mctimeline's conversion core; month names,
markers, connectors and parts of the year are read from mctimeline's own data
files (data/lexicon.toml, else data/calendar_names.toml), never copied here. The
sentences, places and amounts around them are this generator's own vocabulary.
`--truth` writes one JSON line per generated date expression (document, code-point
offsets, text, calendar, Gregorian start/end), for precision/recall measurements.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from mctimeline import calendars
from mctimeline.calendars import Calendar

LANG_WEIGHTS = {"fa": 45, "ar": 40, "en": 15}
CALENDAR_WEIGHTS: dict[str, dict[Calendar, int]] = {
    "fa": {"jalali": 60, "gregorian": 30, "hijri": 10},
    "ar": {"gregorian": 60, "hijri": 33, "jalali": 7},
    "en": {"gregorian": 88, "hijri": 8, "jalali": 4},
}
DIGIT_WEIGHTS = {"fa": {"fa": 70, "latin": 25, "ar": 5}, "ar": {"ar": 40, "latin": 60}, "en": {"latin": 100}}
DIGITS = {"latin": "0123456789", "fa": "۰۱۲۳۴۵۶۷۸۹", "ar": "٠١٢٣٤٥٦٧٨٩"}
FORM_WEIGHTS = {"day": 40, "range": 12, "month": 14, "part": 7, "year": 12, "gloss": 8, "weekday": 7}
FIRST_DAY, LAST_DAY = dt.date(1990, 1, 1).toordinal(), dt.date(2030, 12, 31).toordinal()

# The generator's own vocabulary: a {D} is a date expression, the other slots are not dates.
SENTENCES = {
    "fa": [
        "وزیر امور خارجه {D} در سفر به {P} با همتای خود دیدار و گفت‌وگو کرد.",
        "نشست امنیتی {P} {D} با حضور {COUNT} هیئت خارجی برگزار می‌شود.",
        "به گزارش {O}، سند همکاری راهبردی دو کشور {D} به امضا رسید.",
        "حجم مبادلات تجاری دو کشور به {AMOUNT} میلیارد دلار رسید و {PCT} درصد رشد داشت.",
        "در این همایش {COUNT} نماینده از {SMALL} کشور حضور داشتند و {SMALL} بیانیه صادر شد.",
        "این مجمع {D} در {P} آغاز به کار کرد و نشست بعدی آن {D} خواهد بود.",
        "سخنگوی وزارت خارجه {D} اعلام کرد که مذاکرات در {P} ادامه خواهد یافت.",
        "{LIST}. گسترش همکاری‌های اقتصادی و امنیتی در منطقه",
        "رئیس‌جمهور در سخنانی که {O} منتشر کرد بر اجرای توافق‌ها تأکید کرد.",
        "این طرح که از {D} اجرا می‌شود تا {D} به پایان می‌رسد.",
        "ساخت این خط لوله به طول {COUNT} کیلومتر حدود {AMOUNT} میلیون یورو هزینه دارد.",
        "کارشناسان می‌گویند تحولات منطقه پس از {D} شتاب گرفته است.",
    ],
    "ar": [
        "التقى وزير الخارجية نظيره في {P} {D} وبحث معه العلاقات الثنائية.",
        "تنطلق أعمال المؤتمر الأمني في {P} {D} بمشاركة {COUNT} وفدا.",
        "وذكرت {O} أن الجانبين وقعا مذكرة تفاهم {D} في {P}.",
        "بلغ حجم التبادل التجاري {AMOUNT} مليار دولار بزيادة {PCT} في المئة.",
        "شارك في المنتدى {COUNT} مشارك من {SMALL} دولة وصدرت عنه {SMALL} توصيات.",
        "وأعلنت الوزارة {D} أن المحادثات ستستأنف في {P}.",
        "{LIST}. تعزيز التعاون الاقتصادي والأمني في المنطقة",
        "وأكد الرئيس في كلمة نقلتها {O} على أهمية تنفيذ الاتفاقات.",
        "يبدأ تنفيذ المشروع {D} ويستمر حتى {D}.",
        "تبلغ كلفة خط الأنابيب البالغ طوله {COUNT} كيلومتر نحو {AMOUNT} مليون يورو.",
        "ويرى محللون أن التطورات تسارعت منذ {D}.",
        "عقدت الدورة السابقة {D} في {P} وحضرها {COUNT} ضيف.",
    ],
    "en": [
        "The foreign minister met his counterpart in {P} on {D} to discuss bilateral ties.",
        "The security conference opens in {P} on {D} with {COUNT} foreign delegations.",
        "According to {O}, the two sides signed a memorandum of understanding on {D}.",
        "Bilateral trade reached {AMOUNT} billion dollars, up {PCT} percent.",
        "The forum drew {COUNT} participants from {SMALL} countries and adopted {SMALL} resolutions.",
        "The ministry announced on {D} that talks would resume in {P}.",
        "{LIST}. Expanding economic and security cooperation in the region",
        "The president stressed the implementation of the agreements, {O} reported.",
        "The project starts on {D} and runs until {D}.",
        "The {COUNT} km pipeline is expected to cost about {AMOUNT} million euros.",
        "Analysts say developments in the region have accelerated since {D}.",
        "The previous session was held in {P} on {D} and attended by {COUNT} guests.",
    ],
}
PLACES = {
    "fa": ["تهران", "مسکو", "مینسک", "پکن", "دوحه", "آنکارا", "ایروان", "باکو", "دوشنبه", "آستانه"],
    "ar": ["طهران", "موسكو", "مينسك", "بكين", "الدوحة", "أنقرة", "القاهرة", "الرياض", "بغداد", "دمشق"],
    "en": ["Tehran", "Moscow", "Minsk", "Beijing", "Doha", "Ankara", "Cairo", "Riyadh", "Baku", "Astana"],
}
OUTLETS = {
    "fa": ["خبرگزاری ایرنا", "خبرگزاری تسنیم", "خبرگزاری ایسنا", "روزنامه ایران"],
    "ar": ["وكالة الأنباء", "وكالة سبوتنيك", "صحيفة الشرق", "قناة العالم"],
    "en": ["IRNA", "TASS", "Reuters", "the state news agency"],
}
HEADLINES = {
    "fa": "گزارش خبری شماره {N} درباره همکاری‌های منطقه‌ای",
    "ar": "تقرير إخباري رقم {N} حول التعاون الإقليمي",
    "en": "News report no. {N} on regional cooperation",
}
# Used only when data/lexicon.toml is missing a table: words around numbers, not month names.
FALLBACK_CONNECTORS = {"fa": ["تا"], "ar": ["إلى"], "en": ["to"]}
GLOSS_OPEN, GLOSS_CLOSE = " (", ")"


@dataclass(frozen=True)
class Truth:
    """One generated date expression: where it is and the Gregorian days it names."""

    doc: str
    start: int
    end: int
    text: str
    calendar: str
    form: str
    start_date: str
    end_date: str


@dataclass(frozen=True)
class Document:
    name: str
    lang: str
    text: str
    truth: tuple[Truth, ...]


# --- the lexicon, read from mctimeline's data files ------------------------------------------------


def _data(name: str) -> dict[str, Any] | None:
    path = resources.files("mctimeline").joinpath(f"data/{name}")
    if not path.is_file():
        return None
    return tomllib.loads(path.read_text(encoding="utf-8"))


@cache
def month_names(calendar: str, lang: str) -> tuple[tuple[str, ...], ...]:
    """Twelve tuples of spellings of `calendar`'s months in `lang`: the display name first."""
    names = _data("calendar_names.toml")
    assert names is not None, "mctimeline's data/calendar_names.toml is missing"
    months: list[list[str]] = [[entry[lang]] for entry in names[calendar]]
    lexicon = _data("lexicon.toml") or {}
    for table in lexicon.get("months", []):
        if table.get("calendar") == calendar and table.get("lang") == lang and len(table["names"]) == 12:
            for spellings, forms in zip(months, table["names"], strict=True):
                spellings.extend(f for f in forms if f not in spellings)
    return tuple(tuple(m) for m in months)


@cache
def weekday_names(lang: str) -> tuple[str, ...]:
    names = _data("calendar_names.toml")
    assert names is not None
    return tuple(entry[lang] for entry in names["weekday"])


@cache
def lexicon_words(table: str, key: str, lang: str) -> tuple[str, ...]:
    """Forms of lexicon.toml's [table.key] (or [table] when key is empty) in `lang`; () if absent."""
    lexicon = _data("lexicon.toml") or {}
    node = lexicon.get(table, {})
    if key:
        node = node.get(key, {})
    return tuple(node.get(lang, ()))


# --- rendering ---------------------------------------------------------------------------------------


def digits(number: int, style: str) -> str:
    return str(number).translate(str.maketrans("0123456789", DIGITS[style]))


def pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def month_word(rng: random.Random, calendar: str, lang: str, month: int) -> str:
    spellings = month_names(calendar, lang)[month - 1]
    # Mostly the display name; sometimes a variant spelling the lexicon lists.
    return spellings[0] if rng.random() < 0.8 or len(spellings) == 1 else rng.choice(spellings[1:])


def year_text(rng: random.Random, calendar: str, lang: str, year: int, style: str) -> str:
    text = digits(year, style)
    markers = lexicon_words("markers", calendar, lang)
    # Hijri years in running text usually carry a marker; the others only sometimes.
    chance = 0.8 if calendar == "hijri" else 0.15 if calendar != CALENDAR_DEFAULT[lang] else 0.05
    if markers and rng.random() < chance:
        text += " " + markers[0] if rng.random() < 0.7 else " " + rng.choice(markers)
    return text


CALENDAR_DEFAULT = {"fa": "jalali", "ar": "gregorian", "en": "gregorian"}


def day_text(rng: random.Random, date: calendars.CalendarDate, lang: str, style: str) -> str:
    month = month_word(rng, date.calendar, lang, date.month)
    year = year_text(rng, date.calendar, lang, date.year, style)
    if lang == "en" and rng.random() < 0.5 and date.calendar == "gregorian":
        return f"{month} {digits(date.day, style)}, {year}"
    return f"{digits(date.day, style)} {month} {year}"


def render_date(rng: random.Random, lang: str, style: str) -> list[tuple[str, str, str, dt.date, dt.date]]:
    """One date expression as pieces: (text, calendar, form, first day, last day); a gloss adds a second."""
    calendar: Calendar = pick(rng, CALENDAR_WEIGHTS[lang])  # type: ignore[assignment]
    form = pick(rng, FORM_WEIGHTS)
    day = dt.date.fromordinal(rng.randint(FIRST_DAY, LAST_DAY))
    if calendar == "hijri" and not calendars.supported_mask([day.toordinal()], "hijri")[0]:
        calendar = "gregorian"
    here = calendars.from_gregorian(day, calendar)
    if form == "day":
        return [(day_text(rng, here, lang, style), calendar, form, day, day)]
    if form == "weekday":
        name = weekday_names(lang)[day.weekday()]
        sep = ", " if lang == "en" else " "
        return [(f"{name}{sep}{day_text(rng, here, lang, style)}", calendar, form, day, day)]
    if form == "range":
        length = calendars.month_length(calendar, here.year, here.month)
        last_day = rng.randint(here.day, min(length, here.day + 4)) if here.day < length else here.day
        if last_day == here.day:
            last_day = here.day + 1 if here.day < length else here.day
        if last_day == here.day:  # the last day of a month: write a plain day instead
            return [(day_text(rng, here, lang, style), calendar, "day", day, day)]
        connector = rng.choice(lexicon_words("connectors", "", lang)[:2] or FALLBACK_CONNECTORS[lang])
        last = calendars.to_gregorian(calendars.CalendarDate(calendar, here.year, here.month, last_day))
        month = month_word(rng, calendar, lang, here.month)
        year = year_text(rng, calendar, lang, here.year, style)
        if lang == "en" and connector in ("-", "–"):
            text = f"{digits(here.day, style)}{connector}{digits(last_day, style)} {month} {year}"
        else:
            text = f"{digits(here.day, style)} {connector} {digits(last_day, style)} {month} {year}"
        return [(text, calendar, form, day, last)]
    if form == "month":
        span = calendars.month_span(calendar, here.year, here.month)
        month = month_word(rng, calendar, lang, here.month)
        text = f"{month} {year_text(rng, calendar, lang, here.year, style)}"
        return [(text, calendar, form, span.start, span.end)]
    if form == "year":
        span = calendars.year_span(calendar, here.year)
        keyword = lexicon_words("year_keywords", "", lang)
        year = year_text(rng, calendar, lang, here.year, style)
        text = f"{keyword[0]} {year}" if keyword and lang != "en" else f"{year}"
        return [(text, calendar, form, span.start, span.end)]
    if form == "part":
        part = rng.choice(["early", "mid", "late"])
        words = lexicon_words("parts_of_year", part, lang)
        if not words:
            return [(day_text(rng, here, lang, style), calendar, "day", day, day)]
        first_month = {"early": 1, "mid": 5, "late": 9}[part]
        start = calendars.month_span(calendar, here.year, first_month).start
        end = calendars.month_span(calendar, here.year, first_month + 3).end
        year = year_text(rng, calendar, lang, here.year, style)
        return [(f"{words[0]} {year}", calendar, form, start, end)]
    # A day glossed in a second calendar, in parentheses: «۶ خرداد ۱۴۰۴ (۲۷ مه ۲۰۲۵)».
    other: Calendar = "gregorian" if calendar != "gregorian" else CALENDAR_DEFAULT[lang]  # type: ignore[assignment]
    if other == "gregorian" and calendar == "gregorian":
        other = "hijri" if calendars.supported_mask([day.toordinal()], "hijri")[0] else "jalali"
    there = calendars.from_gregorian(day, other)
    return [
        (day_text(rng, here, lang, style), calendar, "day", day, day),
        (day_text(rng, there, lang, style), other, "gloss", day, day),
    ]


# --- documents -----------------------------------------------------------------------------------------


def document(seed: int, index: int) -> Document:
    """Document `index` of the corpus of `seed`: the same text whatever the corpus size."""
    rng = random.Random(f"mctimeline-synth:{seed}:{index}")
    lang = pick(rng, LANG_WEIGHTS)
    style = pick(rng, DIGIT_WEIGHTS[lang])
    name = f"doc_{index:07d}.txt"
    parts: list[str] = []
    truth: list[Truth] = []
    length = 0

    def emit(text: str, date: tuple[str, str, str, dt.date, dt.date] | None = None) -> None:
        nonlocal length
        if date is not None:
            truth.append(
                Truth(
                    name,
                    length,
                    length + len(text),
                    text,
                    date[1],
                    date[2],
                    date[3].isoformat(),
                    date[4].isoformat(),
                )
            )
        parts.append(text)
        length += len(text)

    emit(HEADLINES[lang].format(N=digits(index + 1, style)) + "\n")
    # The dateline: place, outlet, publication day.
    emit(f"{rng.choice(PLACES[lang])} - {rng.choice(OUTLETS[lang])} - ")
    published = render_date(rng, lang, style)[0]
    emit(published[0], published)
    emit("\n")
    for _ in range(rng.randint(8, 30)):
        sentence = rng.choice(SENTENCES[lang])
        for piece in _split_slots(sentence):
            if piece == "{D}":
                rendered = render_date(rng, lang, style)
                emit(rendered[0][0], rendered[0])
                if len(rendered) > 1:
                    emit(GLOSS_OPEN)
                    emit(rendered[1][0], rendered[1])
                    emit(GLOSS_CLOSE)
            elif piece.startswith("{") and piece.endswith("}"):
                emit(_filler(rng, piece[1:-1], lang, style))
            else:
                emit(piece)
        emit("\n" if rng.random() < 0.3 else " ")
    return Document(name, lang, "".join(parts), tuple(truth))


def _split_slots(sentence: str) -> Iterator[str]:
    rest = sentence
    while "{" in rest:
        before, _, after = rest.partition("{")
        slot, _, rest = after.partition("}")
        if before:
            yield before
        yield "{" + slot + "}"
    if rest:
        yield rest


def _filler(rng: random.Random, slot: str, lang: str, style: str) -> str:
    """A slot that is not a date: a place, an outlet, or a number that merely counts or measures."""
    if slot == "P":
        return rng.choice(PLACES[lang])
    if slot == "O":
        return rng.choice(OUTLETS[lang])
    if slot == "COUNT":
        # Sometimes a four-digit count in the range of years: the hard case for a tagger.
        return digits(rng.choice([rng.randint(12, 950), rng.randint(1300, 2030)]), style)
    if slot == "SMALL":
        return digits(rng.randint(2, 60), style)
    if slot == "AMOUNT":
        whole, frac = rng.randint(1, 999), rng.randint(1, 9)
        sep = "/" if style == "fa" else "٫" if style == "ar" else "."
        return (
            f"{digits(whole, style)}{sep}{digits(frac, style)}"
            if rng.random() < 0.5
            else digits(whole, style)
        )
    if slot == "PCT":
        return digits(rng.randint(1, 99), style)
    if slot == "LIST":
        return digits(rng.randint(1, 12), style)
    raise ValueError(f"unknown slot {{{slot}}} in a sentence template")


def generate(docs: int, seed: int) -> Iterator[Document]:
    """The first `docs` documents of the corpus of `seed`."""
    for index in range(docs):
        yield document(seed, index)


def write_corpus(out: Path, docs: int, seed: int, truth: Path | None = None) -> int:
    """Write the corpus into `out` (one UTF-8 *.txt per document); return the number of characters."""
    out.mkdir(parents=True, exist_ok=True)
    chars = 0
    handle = truth.open("w", encoding="utf-8") if truth else None
    try:
        for doc in generate(docs, seed):
            (out / doc.name).write_text(doc.text, encoding="utf-8")
            chars += len(doc.text)
            if handle:
                for t in doc.truth:
                    handle.write(json.dumps(t.__dict__, ensure_ascii=False) + "\n")
    finally:
        if handle:
            handle.close()
    return chars


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000, help="number of documents (default 1000)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write doc_*.txt into")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--truth", type=Path, help="also write the generated date expressions here (JSONL)")
    parser.add_argument("--smoke", action="store_true", help="a tiny corpus of 20 documents")
    args = parser.parse_args(argv)
    docs = 20 if args.smoke else args.docs
    chars = write_corpus(args.out, docs, args.seed, args.truth)
    print(f"wrote {docs} documents, {chars:,} characters, into {args.out} (seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
