"""Normalization for matching: folded forms, offsets back to the original, language detection."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mctimeline.normalize import _normalize_slow, detect_language, fold, key, normalize, tokens

ZWNJ = "\u200c"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("۲۷ مه ۲۰۲۵", "27 مه 2025", id="persian-digits"),
        pytest.param("٢٧ مايو ٢٠٢٥", "27 مایو 2025", id="arabic-indic-digits-and-ya"),
        pytest.param("۱۵ اوت 2023", "15 اوت 2023", id="mixed-digits"),
        pytest.param("نوفمبـــر", "نوفمبر", id="tatweel"),
        pytest.param("غداً", "غدا", id="tanween"),
        pytest.param(f"سه{ZWNJ}شنبه", "سهشنبه", id="zwnj-removed"),
        pytest.param("كنفرانس يكشنبه", "کنفرانس یکشنبه", id="arabic-kaf-ya-in-persian"),
        pytest.param("أبريل إبريل آذار", "ابریل ابریل اذار", id="alef-forms"),
        pytest.param("الشهر ذاته\n\n1403", "الشهر ذاته 1403", id="blank-lines"),
        pytest.param("a\u00a0 \t b", "a b", id="nbsp-and-tabs"),
        pytest.param("\u200f(7 \u202bتا\u202c 9)", "(7 تا 9)", id="bidi-controls"),
        pytest.param("ذو القعدة", "ذو القعده", id="ta-marbuta"),
        pytest.param("May 2025", "may 2025", id="latin-lowercase"),
        pytest.param("  lead", "lead", id="leading-space-dropped"),
        pytest.param("\ufefb \ufe8d", "لا ا", id="presentation-forms"),
        pytest.param("﴾١﴿", "﴾1﴿", id="ornate-parens-kept"),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # the normalized word's original span: first char of the first token, last of the last
        pytest.param("از ۷ \n\nمرداد ۱۴۰۳ گذشت", "7 مرداد 1403", "۷ \n\nمرداد ۱۴۰۳", id="blank-lines-inside"),
        pytest.param("في ١٢ نوفمبـــر 2024،", "12 نوفمبر 2024", "١٢ نوفمبـــر 2024", id="tatweel-inside"),
        pytest.param("سيتوجه غداً إلى", "غدا", "غداً", id="trailing-tanween-kept"),
        pytest.param(f"روز سه{ZWNJ}شنبه ۶", "سهشنبه 6", f"سه{ZWNJ}شنبه ۶", id="zwnj-inside"),
        pytest.param(f"امروز{ZWNJ} گفت", "امروز", "امروز", id="trailing-zwnj-excluded"),
        pytest.param("(7 تا 9 خرداد)", "7 تا 9 خرداد", "7 تا 9 خرداد", id="parens-outside"),
    ],
)
def test_original_span(text: str, word: str, expected: str) -> None:
    n = normalize(text)
    start = n.text.index(word)
    a, b = n.original_span(start, start + len(word))
    assert text[a:b] == expected


@pytest.mark.parametrize(
    ("phrase", "same_as"),
    [
        (f"ربیع{ZWNJ}الاول", "ربیع الاول"),
        (f"سه{ZWNJ}شنبه", "سه شنبه"),
        ("سهشنبه", "سه شنبه"),
        ("ه.ش", "ه . ش"),
        ("تشرين الأول", "تشرین الاول"),
    ],
)
def test_key_ignores_spaces_and_joiners(phrase: str, same_as: str) -> None:
    assert key(phrase) == key(same_as)


def test_tokens_split_digits_from_letters() -> None:
    text = fold("می۲۰۲۵ و 2020م و 1446هـ،")
    assert [text[s:e] for s, e in tokens(text)] == ["می", "2025", "و", "2020", "م", "و", "1446", "ه", "،"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        pytest.param("این رویداد از ۲۷ تا ۲۹ مه ۲۰۲۵ در پایتخت روسیه برگزار خواهد شد.", "fa", id="fa"),
        pytest.param("قالت وزارة الدفاع الروسية، اليوم الأربعاء، إن أكثر من 600 ضيف", "ar", id="ar"),
        pytest.param("The treaty was signed on Friday, January 17, 2025.", "en", id="en"),
        # Persian typed with Arabic ي and ك: decided by Persian function words
        pytest.param(
            "وزير خارجه روز يكشنبه در حاشيه كنفرانس با همتاي خود ديدار كرد", "fa", id="fa-arabic-letters"
        ),
        # Arabic typed with Persian ی and ک: decided by the article and Arabic words
        pytest.param(
            "وأکد الوزیر یوم الخمیس أن الاتفاق یشمل التعاون فی مجال الطاقة", "ar", id="ar-persian-letters"
        ),
        # A Persian agency report typed on an Arabic system: every ی and ک in Arabic form
        # (three of seven real Persian agency texts were read as Arabic before).
        pytest.param(
            "رئيس جمهوري اسلامي ايران صبح امروز سه شنبه براي شركت در اجلاس سران كشورهاي عضو سازمان "
            "همكاري شانگهاي وارد پايتخت قرقيزستان شد. وي در بدو ورود با استقبال رسمي مقامات ميزبان "
            "روبرو شد و سپس با رئيس جمهور اين كشور ديدار و درباره توسعه مناسبات تجاري گفتگو كرد.",
            "fa",
            id="fa-agency-arabic-ya-kaf",
        ),
        pytest.param(
            "وزير امور خارجه كشورمان كه براي شركت در نشست وزيران به نيويورك سفر كرده بود، امروز با "
            "همتاي آمريكايي خود ديدار كرد.",
            "fa",
            id="fa-arabic-ya-kaf-no-persian-letter-but-gaf",
        ),
        # Arabic with no ة or hamza in it is still Arabic: its article and its words
        pytest.param("وقال الرئيس في كلمته امس ان الحكومه ستعمل على دعم الاقتصاد", "ar", id="ar-bare"),
        pytest.param("", "en", id="empty"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@given(st.text())
def test_offsets_are_increasing_and_point_into_the_original(text: str) -> None:
    n = normalize(text)
    assert len(n.offsets) == len(n.text)
    assert all(0 <= o < len(text) for o in n.offsets)
    assert list(n.offsets) == sorted(n.offsets)
    assert "  " not in n.text and not n.text.startswith(" ")


@given(st.text(min_size=1))
def test_every_token_maps_to_a_nonempty_original_span(text: str) -> None:
    n = normalize(text)
    for s, e in tokens(n.text):
        a, b = n.original_span(s, e)
        assert 0 <= a < b <= len(text)
        assert not text[a].isspace()


# Characters that exercise every branch of the fold: removed marks and joiners, spaces of
# every kind, letter variants, digits of three scripts, ligatures that fold to several.
_TRICKY = st.sampled_from(
    list("ab A\u200c\u200d\u200f\n\r\t\u00a0ـيىكةأآ۱٢3\u064e\u0651\u0670\ufefb\ufe8dİ\u212a\ufdfa\uffff")
)


@given(st.one_of(st.text(), st.lists(_TRICKY, max_size=30).map("".join)))
def test_fast_path_equals_the_reference(text: str) -> None:
    fast, slow = normalize(text), _normalize_slow(text)
    assert (fast.text, fast.offsets) == (slow.text, slow.offsets)
    assert (fast.seg_starts, fast.seg_origins) == (slow.seg_starts, slow.seg_origins)
    for s, e in tokens(fast.text):
        assert fast.original_span(s, e) == slow.original_span(s, e)


def test_the_text_normalized_last_is_answered_again_and_another_text_is_read_afresh() -> None:
    """The per-document stage normalizes a text for the tagger, then for its FoldedText: the same
    object is answered from the last call; an equal text of another object, or another text, is
    normalized anew, the same as ever."""
    first = "در  تهران\u200cو ۱۲ مه"
    other = "Hello,\n\n  world"
    once = normalize(first)
    assert normalize(first) is once
    assert normalize(other).text == _normalize_slow(other).text
    again = normalize("".join(list(first)))  # equal, another object
    assert (again.text, again.offsets) == (once.text, once.offsets)
    assert (again.text, again.offsets) == (_normalize_slow(first).text, _normalize_slow(first).offsets)


@given(
    st.text(alphabet=[" ", "a", "\u0628"], max_size=40) | st.text(alphabet=[" ", "a", "\uffff"], max_size=40)
)
def test_irregular_spans_are_the_regex_s(text: str) -> None:
    # The fast path (no removed character) and the slow one both give the regex's spans.
    from mctimeline.normalize import _IRREGULAR, _irregular_spans

    assert _irregular_spans(text) == [m.span() for m in _IRREGULAR.finditer(text)]


@pytest.mark.parametrize(
    "text",
    [
        *(" ", "  ", " a", "a ", " a ", "a  b", "  a", "a  ", " a  b ", "a"),
        *("\uffff", " \uffff", "\uffff ", "a\uffff", "\uffffa", "a \uffff b", "a\uffff\uffffb", " a\uffffb "),
    ],
)
def test_irregular_spans_at_the_edges(text: str) -> None:
    from mctimeline.normalize import _IRREGULAR, _irregular_spans

    assert _irregular_spans(text) == [m.span() for m in _IRREGULAR.finditer(text)]
