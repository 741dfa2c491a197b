"""The places and actors gazetteers as data: three languages for every entry, no spelling
naming two entries unless declared ambiguous, and the right entry found in news passages."""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from importlib import resources
from typing import Any

import pytest

from mctimeline.gazetteer import (
    ACTOR_KINDS,
    LANGS,
    actor_by_id,
    actor_entries,
    actors_in,
    find_place,
    fold,
    place_by_name,
    place_matches,
    places_named,
)


def data(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("mctimeline").joinpath(f"data/{name}").read_text("utf-8"))


PLACES = data("places.toml")
ACTORS = data("actors.toml")
GAZETTEERS = [("places.toml", PLACES, "place", "name"), ("actors.toml", ACTORS, "actor", "id")]


@pytest.mark.parametrize(("file", "table", "entries", "key"), GAZETTEERS)
def test_every_entry_has_its_three_languages(
    file: str, table: dict[str, Any], entries: str, key: str
) -> None:
    for entry in table[entries]:
        for lang in LANGS:
            forms = entry.get(lang, [])
            assert forms and all(f.strip() for f in forms), f"{file}: {entry[key]} has no {lang} name"
            # Folding makes ي/ك, hamza and alef variants one spelling: none is written twice.
            assert len({fold(f) for f in forms}) == len(forms), f"{file}: {entry[key]} repeats a {lang} form"


@pytest.mark.parametrize(("file", "table", "entries", "key"), GAZETTEERS)
def test_no_spelling_names_two_entries_unless_declared_ambiguous(
    file: str, table: dict[str, Any], entries: str, key: str
) -> None:
    for lang in LANGS:
        owners: dict[str, set[str]] = defaultdict(set)
        for entry in table[entries]:
            for form in entry[lang]:
                owners[fold(form)].add(entry[key])
        shared = {form for form, names in owners.items() if len(names) > 1}
        declared = {fold(f) for f in table.get("ambiguous", {}).get(lang, [])}
        assert shared == declared, f"{file} [{lang}]: shared {sorted(shared)}, declared {sorted(declared)}"


def test_the_entries_keys_are_unique_and_the_places_many() -> None:
    names = [p["name"] for p in PLACES["place"]]
    assert len(names) == len(set(names))
    assert len(names) >= 250  # every capital (about 195) and the region's main cities
    ids = [a["id"] for a in ACTORS["actor"]]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


# A capital of each continent and of the region, by its country as written in English:
# a sample any reader can check against an atlas.
CAPITALS = {
    "Afghanistan": "Kabul", "Argentina": "Buenos Aires", "Australia": "Canberra", "Azerbaijan": "Baku",
    "Belarus": "Minsk", "Brazil": "Brasília", "Canada": "Ottawa", "China": "Beijing", "Egypt": "Cairo",
    "Ethiopia": "Addis Ababa", "France": "Paris", "Georgia": "Tbilisi", "India": "New Delhi",
    "Iran": "Tehran", "Iraq": "Baghdad", "Japan": "Tokyo", "Jordan": "Amman", "Kazakhstan": "Astana",
    "Kyrgyzstan": "Bishkek", "Nigeria": "Abuja", "Pakistan": "Islamabad", "Peru": "Lima",
    "Saudi Arabia": "Riyadh", "Tajikistan": "Dushanbe", "Turkmenistan": "Ashgabat", "Uzbekistan": "Tashkent",
    "Venezuela": "Caracas", "Yemen": "Sanaa", "Armenia": "Yerevan", "Syria": "Damascus",
}  # fmt: skip


@pytest.mark.parametrize(("country", "capital"), sorted(CAPITALS.items()))
def test_the_capitals_are_there_with_their_country(country: str, capital: str) -> None:
    (entry,) = [p for p in PLACES["place"] if p["name"] == capital]
    assert entry["country"] == country


# --- places in news passages -----------------------------------------------------------------

PLACE_VECTORS = [
    ("وزیر امور خارجه روسیه روز دوشنبه در ایروان با همتای ارمنی خود دیدار کرد", "fa", "Yerevan"),
    ("نشست سران کشورهای حاشیه خزر در عشق‌آباد برگزار شد", "fa", "Ashgabat"),  # ZWNJ
    ("هیئت ایرانی در شهر دوشنبه با مقامات تاجیک گفت‌وگو کرد", "fa", "Dushanbe"),
    ("رایزنی های دو کشور در باكو ادامه یافت", "fa", "Baku"),  # Arabic kaf in a Persian text
    ("وصل وزير الخارجية الإيراني إلى يريفان في زيارة رسمية", "ar", "Yerevan"),
    ("عقدت الجولة الجديدة من المحادثات في الدوحة بحضور الوسطاء", "ar", "Doha"),
    ("اختتمت في طشقند أعمال الاجتماع الوزاري", "ar", "Tashkent"),
    ("افتتح المعرض بمدينة قم وسط البلاد", "ar", "Qom"),
    ("The two ministers met in Islamabad on Tuesday", "en", "Islamabad"),
    ("Talks resumed in Addis Ababa after a pause", "en", "Addis Ababa"),
    ("A summit was held in Bogota last week", "en", "Bogotá"),
]


@pytest.mark.parametrize(("clause", "lang", "place"), PLACE_VECTORS)
def test_the_grown_places_are_found(clause: str, lang: str, place: str) -> None:
    assert find_place(clause, lang) == place


@pytest.mark.parametrize(
    ("clause", "lang"),
    [
        ("وصل الوفد إلى طرابلس صباح اليوم", "ar"),  # the Libyan capital or the Lebanese city
        ("The envoy arrived in Tripoli on Monday", "en"),
        ("التقى وزير خارجية الأردن في عمان", "ar"),  # Amman or Oman
        ("نشست بعدی روز دوشنبه برگزار می شود", "fa"),  # Monday, not Dushanbe
        ("لم يزد حجم التبادل التجاري على مليار دولار", "ar"),  # a verb, not Yazd
    ],
)
def test_an_ambiguous_or_common_word_is_not_taken_for_a_place(clause: str, lang: str) -> None:
    assert find_place(clause, lang) is None


def test_a_qualified_form_names_the_place_an_ambiguous_one_cannot() -> None:
    assert find_place("وصل الوفد إلى طرابلس الغرب", "ar") == "Tripoli"
    assert find_place("اجتماع في طرابلس الشام", "ar") == "Tripoli (Lebanon)"
    assert [name for _, name, _ in place_matches("from Tripoli, Libya to Tripoli, Lebanon", "en")] == [
        "Tripoli",
        "Tripoli (Lebanon)",
    ]


# --- actors --------------------------------------------------------------------------------------


def test_every_actor_is_well_formed() -> None:
    ids = {a.actor_id for a in actor_entries()}
    for a in actor_entries():
        assert a.kind in ACTOR_KINDS, a.actor_id
        assert a.name_en and a.name_fa and a.name_ar, a.actor_id
        if a.country:
            assert a.country in ids and actor_by_id(a.country).kind == "country", a.actor_id
    kinds = {k: sum(a.kind == k for a in actor_entries()) for k in ACTOR_KINDS}
    assert kinds["person"] >= 40 and kinds["organisation"] >= 25 and kinds["country"] >= 40
    assert {"sco", "brics", "csto", "eaeu", "un", "iaea"} <= ids


def test_an_unknown_actor_is_a_key_error() -> None:
    with pytest.raises(KeyError, match=r"actors\.toml"):
        actor_by_id("nobody")


ACTOR_VECTORS = [
    (
        "سرگئی لاوروف وزیر امور خارجه روسیه روز سه‌شنبه در مسکو با عباس عراقچی همتای ایرانی خود دیدار کرد",
        "fa",
        ("sergey-lavrov", "russia", "abbas-araghchi"),
    ),
    (  # Persian typed with Arabic ي and ك
        "پوتين و پزشكيان در حاشيه نشست سران بريكس در كازان گفت‌وگو كردند",
        "fa",
        ("vladimir-putin", "masoud-pezeshkian", "brics"),
    ),
    (
        "ایران از سال ۲۰۲۳ عضو کامل سازمان همکاری شانگهای است و به بریکس نیز پیوسته است",
        "fa",
        ("iran", "sco", "brics"),
    ),
    (  # the longest wins: Russia's Security Council, not the UN's
        "دبیر شورای امنیت روسیه با دبیر شورای عالی امنیت ملی ایران دیدار کرد",
        "fa",
        ("russia-security-council", "iran-snsc", "iran"),
    ),
    (
        "بحث وزير الخارجية الروسي سيرغي لافروف مع نظيره الإيراني عباس عراقجي الملف النووي",
        "ar",
        ("sergey-lavrov", "abbas-araghchi"),
    ),
    (  # without hamza on the alef, ي for ى: still Iran, Russia and the IAEA
        "اكد الرئيس الايراني ان التعاون مع الوكالة الدولية للطاقة الذرية مستمر وان روسيا شريك",
        "ar",
        ("iaea", "russia"),
    ),
    (
        "وقالت زاخاروفا إن منظمة معاهدة الأمن الجماعي والاتحاد الاقتصادي الأوراسي سيعقدان قمة في مينسك",
        "ar",
        ("maria-zakharova", "csto", "eaeu"),
    ),
    (  # proclitics: و, ل attached
        "وأعلنت طهران دعمها لمنظمة شنغهاي للتعاون ولبريكس",
        "ar",
        ("sco", "brics"),
    ),
    (
        "Putin and Pezeshkian signed the treaty as Lavrov told the UN Security Council the deal stands",
        "en",
        ("vladimir-putin", "masoud-pezeshkian", "sergey-lavrov", "unsc"),
    ),
    (
        "OPEC+ ministers met as the Eurasian Economic Union and the CSTO convened in Minsk",
        "en",
        ("opec-plus", "eaeu", "csto"),
    ),
]


@pytest.mark.parametrize(("text", "lang", "actors"), ACTOR_VECTORS)
def test_actors_in_news_passages(text: str, lang: str, actors: tuple[str, ...]) -> None:
    assert actors_in(text, lang) == actors


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("او بر اجرای این توافق مصر است", "fa"),  # "insistent", not Egypt
        ("این طرح نقش رئيسي در توسعه دارد", "ar"),  # "main", not Raisi
        ("یک روحانی در این مراسم سخنرانی کرد", "fa"),  # a cleric, not Rouhani
        ("give us the figures for the year", "en"),  # "us", not the United States
    ],
)
def test_a_common_word_is_no_actor(text: str, lang: str) -> None:
    assert actors_in(text, lang) == ()


def test_an_actor_named_twice_is_given_once_in_order_of_first_naming() -> None:
    text = "Lavrov met Araghchi; Sergey Lavrov said later that Araghchi agreed"
    assert actors_in(text, "en") == ("sergey-lavrov", "abbas-araghchi")


def test_an_ambiguous_spelling_lists_what_it_may_name() -> None:
    assert places_named("طرابلس", "ar") == ("Tripoli", "Tripoli (Lebanon)")
    assert places_named("عمّان", "ar") == ("Oman", "Amman")  # the shadda folds away
    assert places_named("باكو", "fa") == ("Baku",)
    assert places_named("Atlantis", "en") == ()
    assert place_by_name("Amman").country == "Jordan"
    with pytest.raises(KeyError, match=r"places\.toml"):
        place_by_name("Atlantis")
