"""Normalisation: the same words, without typographic noise."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taskqual import normalize
from taskqual.normalize import _CHARS, _CHARS_RE, _char_of, decode_layout, fix_layout


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("  отправить   КП  ", "отправить КП"),
        ("Ёлка счёт", "Елка счет"),
        ("«Ромашка» „Вектор“ “Альфа”", '"Ромашка" "Вектор" "Альфа"'),
        ("Ромашка — счёт – КП", "Ромашка - счет - КП"),
        ("🔥 позвонить 👍", "позвонить"),
        ('ООО"Альфа"', 'ООО "Альфа"'),
        ("строка\nвторая\tтретья", "строка вторая третья"),
        ("ｆｕｌｌ ｗｉｄｔｈ", "full width"),
    ],
)
def test_normalize(raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    "latin, cyrillic",
    [("yfgbcfnm", "написать"), ("gjpdjybnm", "позвонить"), ("rg", "кп"), ("cxtn", "счет")],
)
def test_wrong_keyboard_layout_is_decoded(latin, cyrillic):
    assert decode_layout(latin).lower().replace("ё", "е") == cyrillic


@pytest.mark.parametrize("word", ["Jira", "demo", "ok", "Yandex", "SLA", "CRM", "amoCRM"])
def test_real_latin_words_stay(word):
    assert fix_layout(word) == word


def test_brand_names_survive_next_to_a_slip():
    assert fix_layout("gjpdjybnm в Yandex") == "позвонить в Yandex"


def test_mixed_text_keeps_english_when_most_latin_words_are_real():
    assert fix_layout("созвон по Bitrix24 и amoCRM") == "созвон по Bitrix24 и amoCRM"


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("«»„“”‟″〝〞＂‹›‘’‚‛′`´‐‑‒–—―−ёЁ\"'- аяAz1.,"), max_size=40) | st.text(max_size=40)
)
def test_typography_is_replaced_exactly_as_the_translation_table_says(text):
    assert _CHARS_RE.sub(_char_of, text) == text.translate(_CHARS)


@pytest.mark.parametrize(
    "latin, cyrillic",
    [
        ("Hfleuf", "Радуга"),  # a short text: one dictionary word is enough
        ("Ukj,ec", "Глобус"),  # «,» is the key of «б»
        ("Cnfkm,tnjy", "Стальбетон"),  # a name no dictionary knows, with a letter's key inside
        ("Cnhjqlfdjh", "Стройдавор"),  # long, no Latin vowel, spelled like Russian once decoded
        ("pfdnhf d Kt,tlm", "завтра в Лебедь"),
    ],
)
def test_short_wrong_layout_texts_decode(latin, cyrillic):
    assert normalize(latin) == cyrillic


@pytest.mark.parametrize(
    "text",
    ["Bosch", "Securika", "Volvo Trucks", "Twitch", "PVsyst", "заказ на ozon.ru", "HSBC", "Strength", "BrightLab Rent"],
)
def test_latin_brands_and_domains_stay(text):
    assert normalize(text) == text


@pytest.mark.parametrize(
    "latin, cyrillic",
    [
        ("JJJ @Fhrneh@", 'ООО "Арктур"'),  # Shift+2: «"»; «JJJ» is «ООО» before a decoded name
        ("#Cltkrf gjlgbcfnm", "№Сделка подписать"),  # Shift+3: «№»
    ],
)
def test_shifted_digit_keys_of_a_wrong_layout_text_decode(latin, cyrillic):
    assert normalize(latin) == cyrillic


def test_an_email_keeps_its_at_sign():
    assert normalize("написать на info@vector.ru") == "написать на info@vector.ru"


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("BG Gtnhjdf F/C/", "ИП Петрова А.С."),  # «/» is the key of «.»: the dots of decoded initials
        ("Rjkjvtz F/", "Коломея А."),
        ("gjpdjybnm Gtnhjde? jy ;ltn", "позвонить Петрову, он ждет"),  # «?» is the key of «,»
        ("cxtn 1/2 lkz Dtrnjhf", "счет 1/2 для Вектора"),  # a real slash between digits stays
        ("Jira QA/QC", "Jira QA/QC"),  # Latin that is no slip stays as written
    ],
)
def test_wrong_layout_initials_and_commas_come_from_their_keys(typed, meant):
    assert normalize(typed) == meant


@pytest.mark.parametrize(
    "typed, meant",
    [
        (";l`v gjlgbcfyysq ljujdjh", "ждем подписанный договор"),  # «`» is the key of «ё»
        ("dsuhepbnm jcnfnrb d 'rctkm", "выгрузить остатки в эксель"),  # «'» before letters: «э», no quote
        ("ghjdtcnb ltvj lkz jnltkf pfregjr Flowbase", "провести демо для отдела закупок Flowbase"),
        ("Gthtujdjhs c Test Company", "Переговоры с Test Company"),  # brands do not outvote the slip
        ("jnghfdbnm rg gj Hfccdtne", "отправить кп по Рассвету"),  # an unknown name that reads as Russian
    ],
)
def test_brands_typed_right_inside_a_wrong_layout_text_stay(typed, meant):
    assert normalize(typed) == meant


@pytest.mark.parametrize("text", ["Mc`Donalds", "`Ромашка`"])
def test_a_backtick_outside_a_wrong_layout_word_is_an_apostrophe(text):
    assert normalize(text) == text.replace("`", "'")


def test_most_training_texts_typed_in_the_wrong_layout_decode_back():
    """Each text of data/ retyped with the Russian layout off normalises back to the original's normal form
    (up to case) for 82.9% of its 9,639 (74.5% before «ё», «э» and brands were decoded right): a floor."""
    from training.data import load_training
    from training.metamorphic import wrong_layout

    pairs = [(r.text, typed) for r in load_training(with_generated=False) if (typed := wrong_layout(r.text))]
    back = sum(normalize(typed).lower() == normalize(text).lower() for text, typed in pairs)
    assert len(pairs) > 9000
    assert back / len(pairs) >= 0.82, f"{back} of {len(pairs)} decode back"
