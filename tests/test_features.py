"""Morphology and the linguistic features the classifier reads."""

from __future__ import annotations

import pymorphy3
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taskqual import features, morphology
from taskqual.features import _CONTACT_RE, _model_view, _space, _sub_lower, analyze, expand_shorthand
from taskqual.morphology import analyzer, cache_info, guessing_budget, parse


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
    "form, lemma",
    [("дебиторку", "дебиторка"), ("гарантийка", "гарантийка"), ("допродажи", "допродажа"), ("стендапе", "стендап")],
)
def test_sales_slang_is_a_known_noun_not_a_typo(form, lemma):
    assert parse(form) == parse(form)._replace(lemma=lemma, pos="NOUN", known=True)
    assert morphology.is_known_word(form)
    assert analyze(form).lemmas == (lemma,)  # «дебиторка» is no «дебитора», «стендап» no «стендам»


MADE_UP = [f"зубр{c}ыкл{d}ан" for c in "бвгдж" for d in "мнпрст"]  # 30 distinct forms no dictionary has


def test_a_text_guesses_the_readings_of_its_first_24_unknown_forms_only():
    """pymorphy3 guesses an unknown form from its ending at ten times a dictionary form's cost: one
    text pays for at most 24 of them (a text of made-up words is a request's worst case)."""
    with guessing_budget():
        readings = [parse(w) for w in MADE_UP + MADE_UP[:3]]
        after = parse("позвонить")
    assert readings[:24] == [parse(w) for w in MADE_UP[:24]]  # as outside any text
    assert readings[24:30] == [morphology.Word(w, "", frozenset({"UNKN"}), False) for w in MADE_UP[24:]]
    assert readings[30:] == readings[:3]  # a form seen again keeps its guess
    assert after.pos == "INFN"  # dictionary forms are always read


def test_the_analysis_of_a_text_does_not_depend_on_what_was_read_before():
    text = "позвонить " + " ".join(MADE_UP)
    first = analyze.__wrapped__(text)
    for w in MADE_UP:
        parse(w)  # every form guessed and cached outside any text
    assert analyze.__wrapped__(text) == first


def test_full_analyses_are_cached_and_match_pymorphy3():
    plain = pymorphy3.MorphAnalyzer(lang="ru")
    for form in ("вышли", "договорам", "ромашке", "лпр", "позвонитт"):
        first = analyzer().parse(form)
        assert [(p.word, str(p.tag), p.normal_form, p.score) for p in first] == [
            (p.word, str(p.tag), p.normal_form, p.score) for p in plain.parse(form)
        ]
        first.clear()  # a caller's list is its own: the cached analyses stay whole
        assert analyzer().parse(form)[0].normal_form == plain.parse(form)[0].normal_form
        for case in ({"loct"}, {"ablt", "plur"}):  # inflection reads the cached lexemes
            ours, theirs = analyzer().parse(form)[0].inflect(case), plain.parse(form)[0].inflect(case)
            assert (ours and (ours.word, str(ours.tag))) == (theirs and (theirs.word, str(theirs.tag)))


def test_analysis_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(morphology, "MAX_CACHED_PARSES", 2)
    monkeypatch.setattr(analyzer(), "_parses", {})  # whatever earlier tests parsed
    for form in ("звонок", "встреча", "письмо", "договор"):
        analyzer().parse(form)
    assert len(analyzer()._parses) <= 2


@pytest.mark.parametrize(
    "text, vf",
    [
        ("отправить КП", "vf:infn"),
        ("отправь КП", "vf:impr"),
        ("отправлю КП", "vf:1per"),
        ("согласование договора", "vf:deverbal"),
        ("звонок клиенту", "vf:actnoun"),
    ],
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
    assert "w:Ⓞ" in a.features and "w:согласие" not in a.features
    assert a.char_text == "звонок в Ⓞ"


@pytest.mark.parametrize("text", ["ООО Ромашка", "ИП Сидоров А.В.", "ТОО «Turan»"])
def test_a_company_with_its_legal_form_is_one_placeholder(text):
    a = analyze(text)
    assert a.company and a.char_text == "Ⓞ" and "s:all_names" in a.features


def test_legal_form_written_out():
    assert "s:legal_any" in analyze("Общество с ограниченной ответственностью Вектор").features


@pytest.mark.parametrize(
    ("text", "view"),
    [
        ("ООО «Согласие» — выставить счёт №418 до 15.03", "Ⓞ - выставить счет № 0"),
        ("Позвонить Ромашке в пн 10:00 +7 912 345-67-89", "позвонить Ⓞ"),
        ("дог-р Техснаб на подпись", "договор Ⓞ на подпись"),
        ("перезв. Иванову завтра", "перезвонить Ⓟ"),
        ("обсудить с Мариной условия тел. 8 (495) 123-45-67", "обсудить с Ⓟ условия"),
        ("Петров моб.: +7 912 345-67-89 e-mail: petrov@vector.ru", "Ⓟ"),
        (
            "позвонить по телефону 8 912 345 67 89 и отправить на почту kp@vector.ru",
            "позвонить по телефону и отправить на почту",
        ),
    ],
)
def test_the_model_reads_the_task_not_whom_or_when(text, view):
    """Names become placeholders, shorthand is written out, dates and phones (with a label such as
    «тел.» before them) are not read; «по телефону», «на почту» are words of the task."""
    assert analyze(text).char_text == view


@pytest.mark.parametrize(
    ("text", "status", "last"),
    [
        ("КП отправил, перезвонить в пн", "cl:status+action", "cl:last_contact_bare"),
        ("Договор у юристов, ждём. Набрать в четверг", "cl:status+action", "cl:last_contact_bare"),
        ("договор подписан", "cl:status_only", None),
        ("КП отправил, в пн получить решение по КП", "cl:status+action", "cl:last_result_obj"),
    ],
)
def test_a_report_of_what_happened_informs_the_next_step_decides(text, status, last):
    f = analyze(text).features
    assert status in f
    assert "vo:отправить_obj" not in f  # the past-tense report is not read as the action
    if last:
        assert last in f


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("согласовать скидку 5% с директором", "cr:result_internal"),
        ("с нашим финдиректором согласовать маржу", "cr:result_internal"),
        ("согласовать спецификацию с закупщиком клиента", "cr:result_client"),
        ("подтвердить у перевозчика машину", "cr:result_supplier"),
        ("Замер", "tech:замер"),
    ],
)
def test_whose_people_and_technical_work(text, mark):
    assert mark in analyze(text).features


@pytest.mark.parametrize(
    "text, topic",
    [
        ("Альфа-Лизинг ДКП", True),  # shorthand for a document after the name is what the task is about
        ("Уралхим КИПиА", True),
        ("Стимул фланцы", True),
        ("ООО Ромашка ИНН 7701234567", False),  # a registration label identifies
        ("Вершина, набрать ЛПР", False),  # a role is whom to reach
        ("пекарня Колосок", False),  # a kind of business identifies
        ("ПАО «Победа-Ресурс», отдел кадров", False),  # and so does the genitive after it
        ("ООО «Вершина» г. Пермь", False),  # an address
        ("агрохолдинг Заречье", False),
    ],
)
def test_a_subject_beside_a_name_is_a_topic_an_identifier_is_not(text, topic):
    assert ("tn:any" in analyze(text).features) is topic


@pytest.mark.parametrize(
    "text, token",
    [("Договор", "sw:task"), ("КП", "sw:task"), ("недозвон", "sw:task"), ("Сделка #4512", "sw:task_num")],
)
def test_a_word_of_sales_work_alone_is_a_stage_or_with_a_number_an_identifier(text, token):
    assert token in analyze(text).features


@pytest.mark.parametrize("text", ["Партнёр", "Согласие", "позвонить"])  # a role, a word-like name, a verb
def test_other_single_words_are_no_stage(text):
    assert not any(f.startswith("sw:task") for f in analyze(text).features)


@pytest.mark.parametrize(
    "text, plural",
    [
        ("Бурьян стеллажи", True),  # goods beside a name: the subject of the task
        ("вентпром воздуховоды", True),
        ("Четыре лапы", False),  # a name whose noun agrees with the word before it
        ("Белые росы", False),
        ("Бурьян", False),
    ],
)
def test_goods_in_the_plural_beside_a_name_are_the_subject(text, plural):
    assert ("tn:plural" in analyze(text).features) is plural


@pytest.mark.parametrize(
    "text, addressed",
    [
        ("Оле: выставить счёт Вектору", True),  # a colleague by first name, in the dative
        ("@Ира баннер на сайт", True),  # tagged in the CRM
        ("юристу - протокол разногласий", True),
        ("Лена, подготовь договор", True),  # called by name and told what to do
        ("Ромашка: выставить счёт", False),  # a company heads the line
        ("выставить счёт Оле", False),
    ],
)
def test_a_line_handed_to_a_colleague_is_read_as_such(text, addressed):
    assert ("ad:line" in analyze(text).features) is addressed


@pytest.mark.parametrize("text", ["ГК Луч — светотехнический расчёт для сквера", "подбор насоса для Вектора"])
def test_an_engineers_calculation_is_technical_work(text):
    assert any(f.startswith("tech:") for f in analyze(text).features)


def test_capitalised_slang_opening_a_line_is_no_company():
    assert analyze("Допродажа").company is None
    assert analyze("Альфа-Лизинг ДКП").company == "Альфа-Лизинг"  # the shorthand is not part of the name


@pytest.mark.parametrize(
    "text",
    ["ТрансРоссия - походить по стендам перевозчиков", "обойти павильоны поставщиков на выставке"],
)
def test_the_owners_of_a_fairs_booths_are_neither_our_suppliers_nor_technical_work(text):
    assert not any(f.startswith(("role:", "tech:", "cr:")) for f in analyze(text).features)


@pytest.mark.parametrize(
    "text, has_deadline",
    [
        ("отправить КП до 15.03", True),
        ("завтра в 10:00", True),
        ("созвон в пн", True),
        ("до конца месяца оплатить", True),
        ("в пятницу подписать", True),
        ("отправить КП", False),
        ("ООО Ромашка 7701234567", False),
        ("позвонить в Кедр в 10.30", True),
        ("получить подписанный акт до 5 числа", True),
        ("до обеда выставить счёт", True),
        ("подписать ДС к договору 58/26", False),  # a contract's number: no day 58, no month 26
        ("обед с главбухом Кедра: получить график платежей", False),  # a meal, not a time of day
    ],
)
def test_deadlines(text, has_deadline):
    assert analyze(text).has_deadline is has_deadline


@pytest.mark.parametrize(
    "text, company",
    [
        ('ООО "Альфа-Трейд"', "ООО «Альфа-Трейд»"),
        ("ИП Сидоров А.В.", "ИП Сидоров А.В."),
        ("Ромашка — договориться о встрече с ЛПР", "Ромашка"),
        ("позвонить в «Вектор»", "Вектор"),
        ("Звонок: ООО Ромашка", "ООО Ромашка"),
        ("Общество с огрниченной ответственностью «Вектор»", "Общество с огрниченной ответственностью «Вектор»"),
        ("отправить КП", None),
    ],
)
def test_company_is_found(text, company):
    assert analyze(text).company == company


@pytest.mark.parametrize(
    "text, complement",
    [
        ("уточнить дату поставки", "vo:obj"),
        ("уточнить по оплате", "vo:topic"),
        ("позвонить", "vo:bare"),
        ("узнать, утвердили ли бюджет", "vo:clause"),
        ("перезвонить Ивану", "vo:bare"),
        ("позвонитт", "vo:bare"),
        ("провести переговоры с Альфой по условиям", "vc:send_act_topic"),
    ],
)
def test_what_follows_the_verb(text, complement):
    assert complement in analyze(text).features


def test_phone_email_and_numbers_are_not_words():
    a = analyze("Иванов +7 (912) 345-67-89 ivanov@romashka.ru сделка #4512")
    assert "s:docno" in a.features
    assert not any(x.startswith("w:") and any(c.isdigit() for c in x) for x in a.features)
    assert "912" not in a.char_text and "romashka" not in a.char_text


@pytest.mark.parametrize(
    "text",
    [
        "Ромашка - договориться о встрече с ЛПР на 15.03 10:00, тел. +7 (912) 345-67-89",
        'ООО "Альфа-Трейд" (Казань) ИНН 7701234567',
        "отправить КП: www.vector.ru / info@vector.ru!!!",
        "сделка #4512; счет №А-118 на 350к",
        "т.е. к 12ч",
        "follow-up по Bitrix24 и amoCRM...",
    ],
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
    assert not a.has_action and "w:звонок" not in a.features


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(categories=("L", "Nd")), min_size=1, max_size=12))
def test_letter_or_digit_chunks_are_single_tokens_as_in_spacy(chunk):
    from taskqual.tokenize import tokenize, tokenizer

    assert tokenize(chunk) == [t.text for t in tokenizer()(chunk)]


@settings(max_examples=600, deadline=None)
@given(
    st.sampled_from(["", "(", '"', "#"]),
    st.one_of(
        st.text(alphabet=st.characters(categories=("L",)), min_size=1, max_size=12),
        st.text(alphabet="0123456789", min_size=1, max_size=8),
    ),
    st.sampled_from(["", ",", ";", ":", "!", "?", ")", '"']),
)
def test_a_word_or_number_in_one_bracket_or_mark_splits_as_in_spacy(lead, core, trail):
    from taskqual.tokenize import tokenize, tokenizer

    chunk = lead + core + trail  # «Петрову,», «(сделка», «#418», «"Вектор"»: the fast path
    assert tokenize(chunk) == [t.text for t in tokenizer()(chunk)]


@pytest.mark.parametrize(
    "text",
    [
        "позвонить +7 912 345-67-89 или 8(343)123-45-67, почта ivan.petrov@vector.ru",
        "скинуть ссылку http://crm/deal и www.vector.ru, сайт vector.рф",
        "ИНН 7701234567 проверить, счет 123-45-67",
        "написать на sales@romashka.com до 15.03",
        "Открыть HTTP://CRM без точки",
        "просто текст без контактов.",
    ],
)
def test_contacts_are_cut_as_by_the_full_pattern(text):
    full = expand_shorthand(text)
    if any(c.isdigit() for c in full) or "@" in full or "." in full:  # as before the alternatives were pruned
        full = _sub_lower(_CONTACT_RE, full, _space)[0]
    assert _model_view(text, None)[0] == " ".join(_sub_lower(features.WHEN_RE, full, _space)[0].split())


def test_lower_case_twin_is_built_once_per_pattern():
    import re

    from taskqual.features import _lower_twin
    from taskqual.lang_ru import WHEN_RE

    twin = _lower_twin(WHEN_RE)
    assert twin is _lower_twin(WHEN_RE)
    assert twin.pattern == WHEN_RE.pattern and not twin.flags & re.IGNORECASE
    other = re.compile(r"пн", re.I)
    assert _lower_twin(other).pattern == "пн" and _lower_twin(other) is not twin


def test_the_analysis_keeps_where_its_company_stands_read_with_the_teams_terms():
    """The hint judges the span the model read («Ромашка»), not one found without the team's terms."""
    text = "ЗМР Ромашка, Тверская 5"
    with_terms, without = analyze(text, frozenset({"змр"})), analyze(text)
    assert with_terms.normalized[with_terms.found.start : with_terms.found.end] == "Ромашка" == with_terms.company
    assert without.normalized[without.found.start : without.found.end] == "ЗМР Ромашка"
    assert analyze("позвонить завтра").found is None


@pytest.mark.parametrize(
    "text, view",
    [
        ("подписать допник до пт", "подписать дополнительное соглашение до пт"),
        ("Допник на подпись", "дополнительное соглашение на подпись"),
        ("дог-р на подпись", "договор на подпись"),
    ],
)
def test_crm_shorthand_is_written_out(text, view):
    assert expand_shorthand(text) == view
