"""Company extraction on the labelled set (tests/data/companies.jsonl) and the rules behind it:
a wrong company is worse than none, and the name is reported as the manager wrote it."""

from __future__ import annotations

import pytest
from company_set import load_set, score

import taskqual
from taskqual.companies import company_in, find_company
from taskqual.morphology import parse
from taskqual.normalize import normalize


def found(text: str) -> str | None:
    return company_in(text, normalize(text))


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return load_set()


def test_the_set_is_large_and_varied(records):
    assert len(records) >= 400
    assert len({r["text"] for r in records}) == len(records)
    share_without = sum(r["company"] is None for r in records) / len(records)
    assert 0.2 <= share_without <= 0.4
    assert len({r["voice"] for r in records}) >= 6


def test_precision_and_recall_on_the_set(records):
    s = score(found, records)
    assert s.precision >= 0.97, s.errors
    assert s.recall >= 0.90, s.errors


def test_nothing_reported_is_a_city_a_first_name_shorthand_or_a_number(records):
    for r in records:
        got = found(r["text"])
        if got is None or " " in got:
            continue
        w = parse(got.lower().replace("ё", "е"))
        assert not (w.known and w.tags & {"Geox", "Name", "Patr"} and "Orgn" not in w.tags), (r["text"], got)
        assert any(c.isalpha() for c in got), (r["text"], got)


@pytest.mark.parametrize(
    "text",
    [
        "Казань — перезвонить",
        "поездка в Казань на выставку",
        "Екатеринбург: встреча с дилерами",
        "Питер — отгрузка",
        "Позвонить Ивану",
        "Я должна написать Алексею по поводу договора",
        "Сергей Николаевич — встреча",
        "ИНН 7451234567",
        "проверить по ИНН 7701234567",
        "8 (343) 222-33-44 перезвонить",
        "Лид #55123",
        "Сделка #4512",
        "закупка №0373100012325000017",
        "Счёт №418 — получить решение об оплате",
        "Мониторить тендеры",
        "Отсканить договор и отправить",
        "Дорого, думают",
        "DIY сегмент — собрать базу",
        "Созвон в Zoom в 15:00",
        "Написать в WhatsApp",
        "Выгрузить отгрузки из 1С",
        "Отчёт РОПу за неделю",
        "Решение по КП до пятницы",
        "Согласие на обработку данных собрать",
        "Оплата — ждём",
        "Юрист — проверить договор",
        "ЛВР — согласовать бюджет",
        "встреча с ГД в четверг",
        "Ген. дир — подписать",
        "визитки с Иннопрома разобрать",
        "стенд на Мебель-2026 заказать",
        "после форума «Стройтех» написать участникам",
        "Чек-ин с клиентом",
        "Фоллоу-ап по демо",
        "продлить ОСАГО до конца месяца",  # insurance, tax and IT products are what is sold, not who buys
        "ЭЦП для директора выпустить",
        "Кузнецова Е.А. kuznetsova@example.ru",  # a surname with initials is a person
        "перезвонить Смирнову О.В. после обеда",
        "проверить адрес по ЕГРЮЛ",  # registers
        "выгрузить DXF файлы раскроя",  # file formats
        "заказать спецмашину для ВВ на карьер",  # explosives, the goods carried
        "ставка на рейс Мск-Кзн",  # a route
        "выписка на помещение по ул. Садовой",  # an address
    ],
)
def test_never_reported(text):
    """Roles, trade fairs and borrowed words are no clients (nor is anything after «выставка», «форум»)."""
    assert found(text) is None


@pytest.mark.parametrize(
    "text, company",
    [
        ("КП на 15 машин для Сити-Кар", "Сити-Кар"),
        ("ПромЛогистик — сверка за квартал", "ПромЛогистик"),
        ("отправить каталог в Зелёный Дом", "Зелёный Дом"),
        ("Магнит Плюс — ждём ответа по ценам", "Магнит Плюс"),
        ("Северный Альянс — договор поставки", "Северный Альянс"),
        ("ООО «Магазин №40» — отгрузка", "ООО «Магазин №40»"),
        ("счёт для ООО «Надёжный» на 50%", "ООО «Надёжный»"),
        ('ооо "сити-кар" счёт', "ООО «сити-кар»"),
        ("ИП Сидоров А.В. — выставить счёт", "ИП Сидоров А.В."),
        ("СК «Согласие» — перезвонить по КАСКО", "СК «Согласие»"),
        ("Победа — отправить счёт за рекламу", "Победа"),
        ("Иванов Пётр, Техносила", "Техносила"),
        ("Ромашка (Казань) — отправить счёт", "Ромашка"),
        ("Leroy Merlin — отправить КП на ламинат", "Leroy Merlin"),
        ("перезвонить в Volvo Trucks", "Volvo Trucks"),
        ("Газпром нефть — КП на трубы", "Газпром нефть"),  # a lower-case second word is kept, not cut
        ("Сбербанк лизинг ждёт акт", "Сбербанк лизинг"),
        ("Транснефть-Западная Сибирь — счёт", "Транснефть-Западная Сибирь"),  # an adjective and its place
        ("перезвонить в Росэкспорт", "Росэкспорт"),  # «экспо» inside a name is no trade fair
        ("Вектор-2000 — счёт", "Вектор-2000"),  # nor is an old year in a name
        ("полис ДМС для Ингосстраха продлить", "Ингосстрах"),  # the client, not the product before it
        ("ДГКБ №9 им. Сперанского — КП на мебель", "ДГКБ №9 им. Сперанского"),  # «им. X» belongs to the name
        ("МГУ им. М.В. Ломоносова — счёт", "МГУ им. М.В. Ломоносова"),
    ],
)
def test_names_are_reported_as_written(text, company):
    assert found(text) == company


@pytest.mark.parametrize(
    "text, company",
    [
        ("перезвонить Ромашке", "Ромашка"),  # dictionary word, every analysis says dative/locative of «ромашка»
        ("напомнить Вектору о КП", "Вектор"),
        ("Перезвонить «Согласию» по продлению полиса", "Согласие"),
        ("КП для «Решения» на 200 шт.", "Решения"),  # also a plural nominative: left as written
        ("Сделать презентацию для Техносилы", "Техносилы"),  # a guess: left as written
        ("Встреча у Зелёного Дома в 12:00", "Зелёного Дома"),  # several words: left as written
    ],
)
def test_nominative_only_when_certain(text, company):
    assert found(text) == company


def test_wrong_keyboard_layout_is_decoded():
    assert found("Cnhjqvfhrtn — позвонить в четверг") == "Строймаркет"
    assert found("gthtpdjybnm d Hjvfire") == "Ромашка"


def test_verdict_and_features_report_the_same_company_rules():
    v = taskqual.classify("счёт для ООО «Надёжный» №40")
    assert v.company == "ООО «Надёжный»"
    assert find_company(normalize("позвонить в «Вектор»")) == "Вектор"


@pytest.mark.parametrize(
    "text",
    [
        "позвонить в Xjqrf",  # Latin without a vowel: Russian in the wrong layout, not a brand
        "написать в Ntcnjdsq",
        "счёт для Vbnf;",  # a key of a Russian letter at the end of the word
        "Ntkt2 — сим-карты",  # digits do not make Latin gibberish a brand («Tele2» is one)
        "сделать 3D визуализацию офиса",  # digits with a unit are technology, not a client
        "4K монитор в переговорку",
        "настроить 5G модем",
        "ПВХ панели — заказать образцы",
        "позвонить в Центр",  # an institution's head alone is a truncated name
        "Fwd: счёт на оплату",  # an e-mail prefix
    ],
)
def test_gibberish_technology_and_truncated_names_are_never_reported(text):
    assert found(text) is None


@pytest.mark.parametrize(
    "text, company",
    [
        ("gjpdjybnm d Cnfkm,tnjy", "Стальбетон"),  # «,» inside the word is the key of «б»
        ("Bosch — согласовать скидку", "Bosch"),  # brands keep their vowels and stay Latin
        ("Twitch — реклама на стриме", "Twitch"),
        ("сделать 3D модель цеха для Газпромнефти", "Газпромнефти"),  # «3D» is no client; the case as written
        ("заведующий Центра гигиены Иванов И.И.", "Центр гигиены"),  # the head and its genitive, whole
        ("КП в Дом книги на стеллажи", "Дом книги"),
        ("Министерство образования Республики Татарстан — тендер", "Министерство образования Республики Татарстан"),
        ("Школа №1234 — интерактивные доски", "Школа №1234"),
        ('ООО ПКФ "Рассвет" — счёт', "ООО ПКФ «Рассвет»"),  # the abbreviation belongs to the legal form
        ("ЗАО НПО «Прибор» — договор", "ЗАО НПО «Прибор»"),
        ("ООО «Торговый дом «Север»» — акт сверки", "ООО «Торговый дом «Север»»"),  # quotes inside the name
        ('АО "Комбинат "Заря"" — договор', "АО «Комбинат «Заря»»"),
    ],
)
def test_layout_institutions_and_form_abbreviations(text, company):
    assert found(text) == company


@pytest.mark.parametrize(
    "text, company",
    [
        ("заказать отводы Ду150 для Теплосети", "Теплосети"),  # a size glued to letters is the product's
        ("счёт на бетон В25 и арматуру А500", None),
        ("затворы PN40 DN200 — уточнить сроки", None),
        ("масло для тягача МАЗ-5440 найти у дилера", None),  # a model code
        ("КП на дизель-генератор 30кВт", None),
        ("Tele2 — счёт за связь", "Tele2"),  # a name with a digit stays a name
        ("X5 - отправить прайс", "X5"),
        ("Копицентр 42", "Копицентр 42"),  # a name-only text: the bare number is the name's
        ("Бистро 2012", "Бистро 2012"),
        ("Гефест 12.05", "Гефест"),  # a date is no part of the name
        ("Гефест 14:30", "Гефест"),  # nor a time
        ("Гефест 200 тыс", "Гефест"),  # nor a sum
        ("обзвонить дилеров по СКФО", None),  # federal districts and regions are never a company
        ("логистика по ДФО и в РФ", None),
        ("Продэкспо — обойти стенды поставщиков", None),  # walking the stands of a fair
        ("АгроФарм: походить по стендам", None),
        ("встретить Ростсельмаш на Золотой осени", "Ростсельмаш"),  # the fair's name is not the client
    ],
)
def test_specifications_numbers_regions_and_fairs(text, company):
    assert found(text) == company


def test_a_legal_form_and_name_typed_in_the_latin_layout_decode_with_the_shifted_keys():
    assert found("JJJ @Cnhjqnhtcn@") == "ООО «Стройтрест»"  # Shift+2 is «"» in the Russian layout
    assert found("@Cnhjqnhtcn@") == "Стройтрест"


@pytest.mark.parametrize(
    "text, company",
    [
        ("составить КП для ДК «Заря» на прожекторы", "ДК «Заря»"),
        ("ДШИ «Камертон» — ждут бюджет", "ДШИ «Камертон»"),
        ("ЦКиД «Юность» — договор на свет", "ЦКиД «Юность»"),
        ("ДК Металлургов", "ДК Металлургов"),
    ],
)
def test_a_culture_house_abbreviation_is_a_form_like_gbu(text, company):
    assert company_in(text, normalize(text)) == company


@pytest.mark.parametrize(
    "text, company",
    [
        ("Уголь Кузбасса (Кемерово) Сомов Д.А.", "Уголь Кузбасса"),  # a place in the genitive is the name's
        ("Сталь Урала — ждут образцы", "Сталь Урала"),
        ("Пекарня 5 (Тверь)", "Пекарня 5"),  # a name and its number, before the city in brackets
        ("Ромашка Казань", "Ромашка"),  # a city in the nominative is where the client is
        ("бар Хмель Пушкина 3", "Хмель"),  # a street named after a person is an address
    ],
)
def test_a_name_is_not_cut_to_its_first_word(text, company):
    assert company_in(text, normalize(text)) == company


@pytest.mark.parametrize(
    "text, company",
    [
        ("Хлеб и Соль", "Хлеб и Соль"),  # two capitalised nouns and «и» heading the line are one name
        ("Гранит & Мрамор — ждут образцы", "Гранит & Мрамор"),
        ("Иванов и Петров", None),  # people
        ("Москва и Казань", None),  # places
    ],
)
def test_a_pair_of_capitalised_nouns_heading_the_line_is_one_name(text, company):
    assert company_in(text, normalize(text)) == company


@pytest.mark.parametrize(
    "text, company",
    [
        ("фортуна — концепция", "фортуна"),  # typed without capitals: words no sales task uses, before the dash
        ("gipsbau: потенциальный клиент", "gipsbau"),
        ("элемент — презентация продукции для главного инженера", "элемент"),
        ("получить ок от директора на скидку для «чистого льна»", "чистого льна"),  # a quotation needs no capital then
        ("ООО Стройцемент груп — КП", "ООО Стройцемент груп"),  # a name's lower-case tail after its legal form
        ("ООО Газпром нефть — КП на трубы", "ООО Газпром нефть"),
    ],
)
def test_a_name_typed_without_capitals_or_with_a_tail_is_found(text, company):
    assert found(text) == company


@pytest.mark.parametrize(
    "text",
    [
        "договор подряда — сроки",
        "монтаж опалубки — 12.08",
        "срочно: позвонить",
        "статус: ждём оплату",
        "москва: отправить кп",
    ],
)
def test_sales_words_places_and_people_heading_a_lower_case_text_are_no_name(text):
    assert found(text) is None


@pytest.mark.parametrize(
    "text, company",
    [
        # typed without capitals, a form or an organisation prefix before a quotation is the name's
        ("довести жк «солнечный берег» до подписания", "ЖК «солнечный берег»"),
        ("согласовать с ао «стальмост» отсрочку 30 дней", "АО «стальмост»"),
        ("ливадон — кп", "ливадон"),  # pymorphy3 guesses a first name for a word it does not know
        # a Latin word is read as the capitalised text would have it: a brand, unless sales jargon
        ("выставить счёт nordlight на оплату до пятницы", "nordlight"),
        ("отправить кп для bright star logistics", "bright star logistics"),
    ],
)
def test_a_name_in_a_text_typed_without_capitals_is_the_capitalised_texts_name(text, company):
    assert found(text) == company


@pytest.mark.parametrize(
    "text, company",
    [
        # a name alone, or before a comma and only a contact or a place, as «Арктик Газ» would be
        ("арктик газ", "арктик газ"),
        ("кварц-энерго, лапин +7 913 402-18-77", "кварц-энерго"),
        ("альфа-банк", "альфа-банк"),
        ("дальтранс, ирина петровна", "дальтранс"),
        ("сибпромкомплект, новосибирск", "сибпромкомплект"),
    ],
)
def test_a_lower_case_text_that_is_only_a_name_keeps_its_name(text, company):
    assert found(text) == company


@pytest.mark.parametrize(
    "text, company",
    [
        # typed without capitals, the words after a legal form up to the end or a separator are the name's
        ("зао пивоварня ураган", "ЗАО пивоварня ураган"),
        ("ооо аргус секьюрити, новосибирск", "ООО аргус секьюрити"),
        # unless one of them may be the task, or the name is not in the nominative
        ("ооо вектор договор", "ООО вектор"),
        ("ооо технопром задача по сделке 61351", "ООО технопром"),
        ("ип зайцева фикс место", "ИП зайцева"),
        ("предложить ип белову франшизу 30 000 руб.", "ИП белову"),
    ],
)
def test_a_lower_case_name_after_its_legal_form_runs_to_the_end_of_its_words(text, company):
    assert found(text) == company


@pytest.mark.parametrize(
    "text",
    [
        "бизнес-план",  # a hyphenated name ends in «-банк», «-энерго», «-газ», not in a common noun
        "промо-код",
        "уралтруба металлопрокат",  # a dictionary word: a name and a product, not one name
        "встерча",  # a typo of a word sales tasks use
        "сзр",  # three letters: shorthand as often as a name
        "составление сметы",
        "кедр договор",
    ],
)
def test_a_lower_case_text_of_words_typos_or_shorthand_has_no_name(text):
    assert found(text) is None


@pytest.mark.parametrize(
    "text",
    ["созвон по kpi с директором", "найти лпр через linkedin", "написать на info@vector.ru", "олег — перезвонить"],
)
def test_jargon_tools_addresses_and_known_first_names_stay_words_in_lower_case(text):
    assert found(text) is None


@pytest.mark.parametrize(
    "text, company",
    [
        ("Дог-р Техснаб на подпись", "Техснаб"),  # shorthand the features write out is never the name
        ("Перезв. Вектору", "Вектор"),
        ("Допник Вектор на подпись", "Вектор"),
        ("Подготовить отчёт по KPI для клиента Союз", "Союз"),  # English sales jargon is no name either
        ("Запросить VIN у Автомира", "Автомира"),
    ],
)
def test_shorthand_and_sales_jargon_leave_the_name_to_the_client(text, company):
    assert found(text) == company
