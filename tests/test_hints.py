"""Hints: the golden cases in tests/hints.tsv, the hint table's shape, the caller's company, and the
rules every hint keeps (no long echo of the text, status only for status notes, Russian grammar)."""

from __future__ import annotations

import difflib

import pytest
from golden_cases import read_cases

import taskqual
from taskqual.companies import company_in
from taskqual.features import analyze
from taskqual.hints import hint_key, hint_table
from taskqual.phrases import EXCERPT_LIMIT, Phrase, about, agree, excerpt, find_object, nominative_name, with_

GOLDEN = read_cases("hints.tsv")


@pytest.mark.parametrize("text, hint", GOLDEN, ids=[t for t, _ in GOLDEN])
def test_golden_hint(text, hint):
    assert taskqual.classify(text).hint == hint


def _key(text: str) -> str:
    v = taskqual.classify(text)
    a = analyze(text)
    return hint_key(v.label, a, text=text, found=company_in(text, a.normalized))


def test_every_row_of_the_table_has_a_golden_case():
    covered = {_key(text) for text, _ in GOLDEN}
    assert set(hint_table()) - covered == set()


def test_each_situation_has_two_to_four_phrasings():
    for situation, rows in hint_table().items():
        assert 2 <= len(rows) <= 4, situation


def test_the_same_text_always_gets_the_same_hint_and_phrasings_vary_across_texts():
    assert taskqual.classify("перезвонить Ромашке").hint == taskqual.classify("перезвонить Ромашке").hint
    calls = {
        taskqual.classify(t).hint.split(",")[0]
        for t in ("позвонить", "перезвонить Ромашке", "Звонок", "набрать Вектор", "позвонить в Спектр", "созвон")
    }
    assert len(calls) >= 2


@pytest.mark.parametrize(
    "text",
    [
        "Встреча",
        "Звонок",
        "Планёрка в 9:30",
        "Отчёт руководителю",
        "Я должна написать Алексею по поводу договора",
        "позвонить",
        "напомнить о себе",
    ],
)
def test_status_hint_only_for_status_notes(text):
    assert "статус" not in taskqual.classify(text).hint.lower()


@pytest.mark.parametrize("text", ["ждём ответа", "Ромашка — думают", "Клиент пропал", "висит", "в процессе"])
def test_status_notes_get_the_status_hint(text):
    assert _key(text).startswith("status")


def test_the_callers_company_is_used_instead_of_the_text():
    v = taskqual.classify("Екатеринбург — перезвонить", company="ООО «Клиника Доктор Плюс»")
    assert v.company == "ООО «Клиника Доктор Плюс»"
    assert "ООО „Клиника Доктор Плюс“" in v.hint and "Екатеринбург" not in v.hint
    assert "Екатеринбург" not in taskqual.classify("Екатеринбург — перезвонить").hint
    v = taskqual.classify("перезвонить Ромашке", company="Вектор")
    assert v.company == "Вектор" and "Вектор" in v.hint and "Ромашк" not in v.hint


def test_classify_many_takes_one_company_per_text():
    verdicts = taskqual.classify_many(["позвонить", "позвонить Ромашке", ""], companies=["Вектор", None, "X"])
    assert [v.company for v in verdicts] == ["Вектор", "Ромашка", None]
    assert "Вектор" in verdicts[0].hint and verdicts[2].error
    assert taskqual.classify_many(["позвонить"]) == taskqual.classify_many(["позвонить"], companies=[None])


def test_a_wrong_companies_argument_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="companies has 1 items but there are 2 texts"):
        taskqual.classify_many(["позвонить", "написать"], companies=["Вектор"])
    with pytest.raises(TypeError, match="one company"):
        taskqual.classify_many(["позвонить"], companies="Вектор")
    with pytest.raises(TypeError, match="company must be str"):
        taskqual.classify("позвонить", company=42)


def test_blank_company_means_find_it_in_the_text():
    assert taskqual.classify("перезвонить Ромашке", company="  ").company == "Ромашка"


@pytest.mark.parametrize(
    "text",
    [
        "перезвонить " + "очень " * 30 + "важному клиенту",
        "ООО «" + "Очень Длинное Название Компании Которое Никто Не Дочитает " * 2 + "»",
        "Сделка #4512 " + "и ещё много слов про эту сделку " * 5,
    ],
)
def test_no_hint_echoes_more_than_a_short_excerpt(text):
    hint = taskqual.classify(text).hint
    m = difflib.SequenceMatcher(None, text, hint, autojunk=False).find_longest_match(0, len(text), 0, len(hint))
    assert m.size <= EXCERPT_LIMIT


def test_objects_come_from_the_text_as_written():
    assert str(find_object("Получить решение об оплате счёта №418")) == "счёт №418"
    assert str(find_object("отправить КП на 200 шт. в Вектор")) == "КП на 200 шт."
    assert str(find_object("выслать коммерческое предложение")) == "коммерческое предложение"
    assert find_object("позвонить") is None


def test_phrases_are_inflected_by_pymorphy():
    invoice = Phrase(("счёт",), "№418")
    assert [invoice.form(c) for c in ("gent", "datv", "ablt", "loct")] == [
        "счёта №418",
        "счёту №418",
        "счётом №418",
        "счёте №418",
    ]
    assert Phrase(("коммерческое", "предложение")).form("datv") == "коммерческому предложению"
    assert Phrase(("КП",), "на 200 шт.").form("datv") == "КП на 200 шт."
    assert about("акте") == "об акте" and about("договоре") == "о договоре"
    assert with_("счётом") == "со счётом" and with_("договором") == "с договором"
    assert [agree(n, "день") for n in (1, 2, 5, 21)] == ["1 день", "2 дня", "5 дней", "21 день"]
    with pytest.raises(ValueError, match="unknown case"):
        invoice.form("dative")


def test_excerpt_cuts_at_a_word():
    assert excerpt("короткий текст") == "короткий текст"
    cut = excerpt("слово " * 30)
    assert len(cut) <= EXCERPT_LIMIT and cut.endswith("…") and "  " not in cut


@pytest.mark.parametrize("text", ["аукцион №0348100007125000412", "закупка №0348300012425000077"])
def test_the_text_is_quoted_as_the_manager_wrote_it(text):
    hint = taskqual.classify(text).hint
    assert f"«{text}»" in hint and f"«{text} — " in hint and "No0348" not in hint


@pytest.mark.parametrize("text", ["ЛПР", "ЛВР", "ген. дир", "Главбух"])
def test_a_role_is_never_the_client_of_the_example(text):
    hint = taskqual.classify(text).hint
    assert f"«{text} —" not in hint
    assert "«позвонить ЛПР" in hint or "«узнать у ЛПР" in hint


def test_a_role_with_the_callers_company_heads_the_example_with_the_company():
    hint = taskqual.classify("ЛПР", company="Вектор").hint
    assert "«Вектор — " in hint


@pytest.mark.parametrize(
    "text, name",
    [
        ("сверстать буклет для Стройтеха", "Стройтеха"),
        ("встреча с Техноплексом по срокам", "Техноплексом"),
        ("разобраться с доставкой для Ромашки", "Ромашки"),
    ],
)
def test_a_name_in_an_oblique_case_is_not_quoted_as_the_client(text, name):
    assert name not in taskqual.classify(text).hint


@pytest.mark.parametrize(
    "name, text, slot",
    [
        ("Газпром нефть", "Газпром нефть — счёт", "Газпром нефть"),  # every word a certain nominative
        ("Газпром нефтью", "сверка с Газпром нефтью", None),  # instrumental: never «клиентом «Газпром нефтью»»
        ("Агрохолдингом Заря", "связаться с Агрохолдингом Заря", None),
        ("Вентала", "возражения Вентала", None),  # «Вентала» or «Вентал»? not certain
        ("Венталу", "позвонить Венталу", None),
        ("Транслайн", "страховка Транслайн", "Транслайн"),  # zero ending: the nominative as written
        ("Ромашке", "позвонить Ромашке", "Ромашка"),  # one lemma, one nominative: pymorphy3 inflects it
        ("Техносила", "Техносила", "Техносила"),  # the head of the line, readable as a nominative
        ("ООО Ромашки", "ООО Ромашки", "ООО Ромашки"),  # after a legal form: the name as registered
        ("«Заря»", "с «Зарёй»", "«Заря»"),
        ("ГКБ №1 им. Пирогова", "ГКБ №1 им. Пирогова", "ГКБ №1 им. Пирогова"),  # «им. X» never declines
        ("Petrol Lab", "Petrol Lab", "Petrol Lab"),
        ("ТрансКарго", "31.10 — ТрансКарго", "ТрансКарго"),  # «Карго» never declines
        ("Сигнал-Телеком", "созвон с Сигнал-Телеком", "Сигнал-Телеком"),  # the organisation's reading wins
        ("ПромЛогистике", "ПромЛогистике позвонить", None),
        ("Ромашки", "КП для Ромашки", None),  # genitive, or a plural name «Ромашки»? not certain
        ("Ладушки", "написать в «Ладушки»", None),
        ("ПИКа", "бетон для ПИКа", None),  # an abbreviation with a case ending
        ("Продукты", "магазин Продукты 24", None),  # a lone plural word
    ],
)
def test_a_name_takes_a_nominative_slot_only_when_its_case_is_certain(name, text, slot):
    assert nominative_name(name, text) == slot


def test_an_undeclined_name_after_a_preposition_is_kept():
    assert "«Транснефть-Сервис — " in taskqual.classify("обсудить с Транснефть-Сервис объёмы").hint


@pytest.mark.parametrize("text", ["обсудить с Ромашкой", "обсудить с Транснефть-Сервис объёмы", "выяснить по Вектору"])
def test_only_the_managers_own_verb_is_quoted(text):
    hint = taskqual.classify(text).hint
    verb = text.split()[0]
    assert "«Уточнить»" not in hint and f"«{verb.capitalize()}»" in hint


@pytest.mark.parametrize(
    "text, topic",
    [
        ("обсудить с Транснефть-Сервис объёмы", "по объёмам"),
        ("перезвонить Спектру по срокам поставки", "по срокам"),
        ("написать в Спектр насчёт скидки", "по скидке"),
        ("Мечел по редукторам", "по редукторам"),
        ("дожать Вектор по цене", "по цене"),
        ("напомнить про сроки", "о сроках"),
    ],
)
def test_vague_examples_reuse_the_topic_of_the_text(text, topic):
    assert topic in taskqual.classify(text).hint


def test_find_topic_reads_the_topic_and_skips_channels_and_names():
    from taskqual.phrases import find_topic

    assert str(find_topic("обсудить новые цены")) == "цены"
    assert str(find_topic("написать насчёт скидки")) == "скидка"
    assert str(find_topic("думают над ценой")) == "цена"
    assert find_topic("позвонить по телефону") is None
    assert find_topic("перезвонить по итогам встречи") is None
    assert find_topic("написать про Ивана") is None
    assert find_topic("позвонить по Вектору", skip="Вектору") is None


@pytest.mark.parametrize(
    "text, whom",
    [
        ("напечатать листовки к конференции", "ассистент"),
        ("отсканировать договор и положить в папку", "ассистент"),
        ("смонтировать витрину в Ленте", "технического специалиста"),
        ("рассчитать доставку до Тюмени", "логиста"),
    ],
)
def test_work_is_handed_to_the_right_colleague(text, whom):
    hint = taskqual.classify(text).hint
    assert whom in hint
    assert "дизайнер" not in hint and "юрист" not in hint and "курьер" not in hint


def test_the_hint_family_comes_from_the_labels_registry():
    from taskqual.hints import missing_parts, situation
    from taskqual.labels import DEFAULT_REGISTRY, Label, use_registry

    duplicate = Label("duplicate", "дубль", "дубль задачи", "#6d4c41", "the same task twice", "add_result")
    a = analyze("перезвонить Ромашке")
    with use_registry(DEFAULT_REGISTRY.with_label(duplicate)):
        assert situation("duplicate", a) == situation("vague", a) == "call"
        assert missing_parts("duplicate", a) == missing_parts("vague", a)


@pytest.mark.parametrize(
    "text, key",
    [
        ("ужин с заказчиком из Сибура", "meeting"),  # a meal with a client is a meeting without a goal
        ("написать в Северсталь до обеда", "write"),  # «до обеда» is a time, not an event
        ("обед", "internal"),
    ],
)
def test_a_meal_is_a_meeting_only_with_a_client(text, key):
    assert _key(text) == key


@pytest.mark.parametrize(
    "text, quoted",
    [
        ("бухгалтеру подготовить акт сверки по Вектору", "клиенту „Вектор“"),
        ("юристу проверить договор с ООО «Альфа»", "ООО „Альфа“"),
        ('ООО "Ромашка"', "ООО „Ромашка“"),
    ],
)
def test_a_company_inside_a_quoted_example_takes_inner_quotes(text, quoted):
    hint = taskqual.classify(text).hint
    assert quoted in hint
    depth = 0
    for c in hint:  # «…» never opens inside «…»
        depth += {"«": 1, "»": -1}.get(c, 0)
        assert depth in (0, 1), hint


def test_nest_quotes_is_one_rule_for_every_slot():
    from taskqual.phrases import nest_quotes

    assert nest_quotes("клиенту «Кредо»", inside=True) == "клиенту „Кредо“"
    assert nest_quotes('ООО "Вектор"', inside=True) == "ООО „Вектор“"
    assert nest_quotes("клиентом «Кредо»", inside=False) == "клиентом «Кредо»"


@pytest.mark.parametrize(
    "text, absent, present",
    [
        ("Hfleuf", "Hfleuf", "«Радуга»"),  # a wrong-layout text is quoted decoded, never as gibberish
        ("ljujdjh c Xjqrf", "Xjqrf", ""),
        ("сделать 3D визуализацию цеха для Ромашки", "«3D»", "дизайнер"),
        ("бухгалтерии отправить закрывашки Ромашке", "показать", "получил закрывающие документы"),
        ("офис-менеджеру заказать такси в аэропорт на пятницу", "для клиента", "передавайте как есть"),
        ("заменить лого в шаблоне коммерческого предложения", "готовый шаблон", "дизайнер"),
        ("сформировать выгрузку по оплатам за квартал", "ассистент", "Внутренняя задача"),
    ],
)
def test_hints_fit_the_kind_of_task(text, absent, present):
    hint = taskqual.classify(text).hint
    assert absent not in hint
    assert present in hint


def test_hyphenated_roles_and_plural_documents_inflect():
    assert Phrase(("офис-менеджер",)).form("gent") == "офис-менеджера"
    assert Phrase(("закрывающие", "документы")).form("accs") == "закрывающие документы"
    assert Phrase(("коммерческое", "предложение")).form("accs") == "коммерческое предложение"


@pytest.mark.parametrize(
    "text",
    [
        "лид №7781 от партнёрской программы по франшизе кофеен",
        "сделка 4417 тендерная закупка металлопроката 2026 год",
        "маркетологу - лендинг под акцию на обогреватели",
    ],
)
def test_an_example_is_never_built_on_the_managers_text_cut_mid_phrase(text):
    assert text[:20] not in taskqual.classify(text).hint


@pytest.mark.parametrize(
    "text, name",
    [
        ("бухгалтерии подготовить акт сверки для ИП Соколова", "ИП Соколова"),  # Соколов's genitive or Соколова
        ("выставить счёт главе КФХ Петровой", "Петров"),
    ],
)
def test_a_person_after_ip_whose_case_is_uncertain_is_not_put_in_a_nominative_slot(text, name):
    assert name not in taskqual.classify(text).hint


def test_an_addressed_errand_with_a_day_is_not_asked_for_a_deadline():
    for text in ("ассистенту оформить пропуск в Техностиль на чт", "секретарю забронировать переговорку на пн"):
        hint = taskqual.classify(text).hint
        assert "срок" not in hint.split(":")[0] and "сред" not in hint, hint


@pytest.mark.parametrize("company", ['"Мир вывесок"', "«Мир вывесок»"])
def test_a_callers_company_in_quotes_is_not_quoted_twice(company):
    hint = taskqual.classify("перезвонить", company=company).hint
    assert "Мир вывесок —" in hint and "„" not in hint and '"' not in hint


@pytest.mark.parametrize("text", ["Смирнова О.В. smirnova@example.com", "Олег, 8 (912) 345-67-89"])
def test_a_phone_or_an_e_mail_never_heads_an_example(text):
    hint = taskqual.classify(text).hint
    assert "@" not in hint and "345-67-89" not in hint


def test_a_latin_text_decoded_only_in_part_is_not_quoted_back():
    from taskqual.hints import _decoded_in_part

    assert _decoded_in_part("Xyzabc J,kfrf", "Xyzabc Облака")  # half a word salad: asked to be retyped
    assert not _decoded_in_part("Bosch", "Bosch") and not _decoded_in_part("Вектор J,kfrf", "Вектор Облака")


def test_a_name_in_an_oblique_case_never_heads_the_example():
    hint = taskqual.classify("переговоры с АгроВиллом по цене").hint
    assert "АгроВиллом —" not in hint
