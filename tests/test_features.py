"""Morphology and the linguistic features the classifier reads."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taskqual.features import analyze
from taskqual.morphology import cache_info, parse


@pytest.mark.parametrize(
    "form, lemma, tag",
    [
        ("отправлю", "отправить", "1per"),
        ("вышлите", "выслать", "impr"),
        ("вышли", "выслать", "impr"),  # the imperative, not the past tense of «выйти»
        ("согласовать", "согласовать", "INFN"),
        ("договорам", "договор", "NOUN"),
    ],
)
def test_lemmas_and_verb_forms(form, lemma, tag):
    w = parse(form)
    assert w.lemma == lemma
    assert tag in w.tags


def test_unknown_words_keep_their_form_as_lemma():
    assert parse("лпр").lemma == "лпр"
    assert not parse("лпр").known


def test_morphology_is_cached():
    parse("перезвонить")
    before = cache_info()["parse"]["hits"]
    parse("перезвонить")
    assert cache_info()["parse"]["hits"] == before + 1


@pytest.mark.parametrize(
    "text, vf",
    [("отправить КП", "vf:infn"), ("отправь КП", "vf:impr"), ("отправлю КП", "vf:1per"),
     ("согласование договора", "vf:deverbal"), ("звонок клиенту", "vf:actnoun")],
)
def test_action_forms(text, vf):
    a = analyze(text)
    assert vf in a.features and a.has_action


@pytest.mark.parametrize("text", ["Открытие", "Согласие", "Решение", "«Решение»", 'ООО "Согласие"', "Победа"])
def test_word_like_names_are_not_actions(text):
    a = analyze(text)
    assert not a.has_action
    assert "vf:deverbal" not in a.features


def test_deverbal_noun_inside_a_task_is_an_action():
    assert analyze("согласование цены с Решением").has_action


def test_quoted_words_are_names():
    a = analyze("Звонок в «Согласие»")
    assert "q:согласие" in a.features and "w:согласие" not in a.features


@pytest.mark.parametrize(
    "text", ["ООО Ромашка", "ИП Сидоров А.В.", "ТОО «Turan»", "Общество с ограниченной ответственностью Вектор"]
)
def test_legal_forms(text):
    assert "s:legal_any" in analyze(text).features


@pytest.mark.parametrize(
    "text, has_deadline",
    [("отправить КП до 15.03", True), ("завтра в 10:00", True), ("созвон в пн", True),
     ("до конца месяца оплатить", True), ("в пятницу подписать", True), ("отправить КП", False),
     ("ООО Ромашка 7701234567", False)],
)
def test_deadlines(text, has_deadline):
    assert analyze(text).has_deadline is has_deadline


@pytest.mark.parametrize(
    "text, company",
    [('ООО "Альфа-Трейд"', 'ООО «Альфа-Трейд»'), ("ИП Сидоров А.В.", "ИП Сидоров А.В."),
     ("Ромашка — договориться о встрече с ЛПР", "Ромашка"), ("позвонить в «Вектор»", "Вектор"),
     ("Звонок: ООО Ромашка", "ООО Ромашка"), ("отправить КП", None)],
)
def test_company_is_found(text, company):
    assert analyze(text).company == company


@pytest.mark.parametrize(
    "text, complement",
    [("уточнить дату поставки", "vo:obj"), ("уточнить по оплате", "vo:topic"), ("позвонить", "vo:bare"),
     ("узнать, утвердили ли бюджет", "vo:clause"), ("перезвонить Ивану", "vo:bare")],
)
def test_what_follows_the_verb(text, complement):
    assert complement in analyze(text).features


def test_phone_email_and_numbers_are_structure_not_words():
    f = analyze("Иванов +7 (912) 345-67-89 ivanov@romashka.ru сделка #4512").features
    assert {"s:phone", "s:email", "s:docno"} <= set(f)
    assert not any(x.startswith("w:") and any(c.isdigit() for c in x) for x in f)


@pytest.mark.parametrize(
    "text",
    ["Ромашка - договориться о встрече с ЛПР на 15.03 10:00, тел. +7 (912) 345-67-89",
     'ООО "Альфа-Трейд" (Казань) ИНН 7701234567', "отправить КП: www.vector.ru / info@vector.ru!!!",
     "сделка #4512; счет №А-118 на 350к", "т.е. к 12ч", "follow-up по Bitrix24 и amoCRM..."],
)
def test_chunk_cache_tokenises_exactly_like_spacy(text):
    from taskqual.tokenize import tokenize, tokenizer

    assert tokenize(text) == [t.text for t in tokenizer()(text)]


def test_homoglyphs_inside_cyrillic_words_are_fixed():
    from taskqual.normalize import fix_homoglyphs

    assert fix_homoglyphs("пoзвoнить по KП") == "позвонить по КП"  # Latin o and K
    assert fix_homoglyphs("ПромTech") == "ПромTech"  # a real mixed brand


def test_words_after_a_legal_form_are_the_name():
    a = analyze("ООО Звонок")
    assert not a.has_action and "q:звонок" in a.features


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(categories=("L", "Nd")), min_size=1, max_size=12))
def test_letter_or_digit_chunks_are_single_tokens_as_in_spacy(chunk):
    from taskqual.tokenize import tokenize, tokenizer

    assert tokenize(chunk) == [t.text for t in tokenizer()(chunk)]
