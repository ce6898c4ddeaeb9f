"""Synthetic training records for taskqual: CRM task texts built from templates.

The generator combines small hand-written component lists (company names, people, client-facing
actions with a result, vague verbs and status notes, internal jobs that can be delegated, CRM
template titles, deadlines) into task texts for the four labels of the labeling guide
(/work/shared/labeling-guide.md): ``concrete``, ``vague``, ``company_only`` and ``delegable``.
pymorphy3 inflects company names, people, objects and verbs so that the texts read like Russian
written by a manager, and a noise step adds the typos, lower case, missing punctuation, emoji and
phone numbers that real CRM texts have.

Every record carries ``"source": "generated"`` and the id of the template that produced it.

Generated texts are regular by construction: the same frames repeat with different fillers. They
are a supplement that teaches morphology and the tie-breakers, not a substitute for real tasks.
**Generated data must not dominate the training set**: keep it a minority next to handwritten
and real records, and never evaluate on it.

Usage::

    python -m training.generate --n 3000 --seed 13 -o data/generated.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pymorphy3
from tqdm import tqdm

from taskqual.batch.russian import MONTHS_GENT
from taskqual.labels import DEFAULT_REGISTRY

LABELS: tuple[str, ...] = DEFAULT_REGISTRY.ids()  # taskqual/labels.py; TEMPLATES below has generators for each
SOURCE = "generated"
DEFAULT_N = 3000
DEFAULT_SEED = 13
DEFAULT_OUTPUT = Path("data/generated.jsonl")

# Noise rates (per word for typos, per text for the rest).
TYPO_RATE = 0.03
LOWERCASE_RATE = 0.30
STRIP_PUNCT_RATE = 0.20
EMOJI_RATE = 0.07
PHONE_RATE = 0.04

# Verb forms and how often each is used.
FORMS: tuple[str, ...] = ("inf", "impr_sg", "impr_pl", "1sg")
FORM_WEIGHTS: tuple[float, ...] = (0.55, 0.15, 0.10, 0.20)

# ---------------------------------------------------------------------------------------------
# Component lists
# ---------------------------------------------------------------------------------------------

# Single Russian words: inflected after prepositions and verbs («для Вектора», «с Зарёй»).
WORD_COMPANIES: tuple[str, ...] = (
    "Вектор",
    "Рассвет",
    "Эталон",
    "Союз",
    "Гранит",
    "Меридиан",
    "Сапфир",
    "Орбита",
    "Прогресс",
    "Импульс",
    "Кристалл",
    "Горизонт",
    "Радуга",
    "Маяк",
    "Полюс",
    "Парус",
    "Факел",
    "Каскад",
    "Монолит",
    "Ресурс",
    "Спектр",
    "Заря",
    "Доверие",
    "Развитие",
    "Перспектива",
    "Успех",
    "Выбор",
    "Стимул",
    "Магистраль",
    "Основа",
)
# Everything else keeps its written form; bare Cyrillic compounds get «» after a preposition.
COMPOUND_COMPANIES: tuple[str, ...] = (
    "СеверСталь-Трейд",
    "ПромТехСнаб",
    "СтройИнвестГрупп",
    "АгроТрейд",
    "ТехноПарк-Урал",
    "УралМетКомплект",
    "ЭнергоСервис",
    "МедТехника Плюс",
    "ВолгаХимПром",
    "СибЛесЭкспорт",
    "ТрансЛогистик",
    "НефтеГазМонтаж",
    "КамаАгроСнаб",
    "ДальРыбПорт",
)
LATIN_COMPANIES: tuple[str, ...] = (
    "Nordwind Logistics",
    "BrightLine",
    "Kraft Solutions",
    "Delta Pack",
    "Greenfield Agro",
    "MetaBuild",
    "Orion Tech",
    "BlueRiver",
    "Polymax",
    "Technoflex",
)
LEGAL_COMPANIES: tuple[str, ...] = (
    "ООО «Вектор Плюс»",
    "АО «НПО Квант»",
    "ПАО «Северный альянс»",
    "ООО «Ладога-Сервис»",
    "ИП Кузьмин А.В.",
    "ИП Зайцева О.Н.",
    "ИП Хабибуллин Р.Р.",
    "ТОО «Астана Строй Комплект»",
    "ГБУЗ «Городская больница №3»",
    "ООО ТД «Агромаш»",
    'ООО "Технопром"',
    "ЗАО «Балтпродукт»",
)
CAPS_COMPANIES: tuple[str, ...] = (
    'ООО "ГАЗСТРОЙМОНТАЖ"',
    'ООО "СТРОЙРЕСУРС"',
    'АО "ЮГТРАНСПРОМ"',
    'ООО "ЛИДЕР-АВТО"',
    'МУП "ГОРЭЛЕКТРОСЕТЬ"',
    'ООО "ТОРГОВЫЙ ДОМ СИБИРЬ"',
)
# A word company with a city or an INN after it: the head word still inflects.
SUFFIXED_COMPANIES: tuple[str, ...] = (
    "Ориентир (Казань)",
    "Стройдвор (Тюмень)",
    "Арсенал (Уфа)",
    "Кедр (Томск)",
    "Фрегат (СПб)",
    "Домострой (Краснодар)",
    "Бастион ИНН 7728401956",
    "Эверест, ИНН 1655098765",
)
FIXED_WITH_INN: tuple[str, ...] = ("ООО «Ресурс-М» ИНН 5406123987", "СибЛесТорг 2465039811")

LEGAL_FORMS: tuple[str, ...] = ("ООО", "АО", "ПАО", "ЗАО", "ТОО")

# Client-side people: (surname, first name, patronymic, gender).
PEOPLE: tuple[tuple[str, str, str, str], ...] = (
    ("Соколов", "Андрей", "Викторович", "masc"),
    ("Гусев", "Павел", "Игоревич", "masc"),
    ("Лебедев", "Максим", "Олегович", "masc"),
    ("Кравцов", "Денис", "Юрьевич", "masc"),
    ("Морозов", "Илья", "Сергеевич", "masc"),
    ("Фролов", "Константин", "Андреевич", "masc"),
    ("Никитин", "Роман", "Владимирович", "masc"),
    ("Зуев", "Артём", "Евгеньевич", "masc"),
    ("Тарасов", "Виктор", "Николаевич", "masc"),
    ("Орлов", "Станислав", "Петрович", "masc"),
    ("Мельников", "Олег", "Дмитриевич", "masc"),
    ("Галиев", "Тимур", "Рашидович", "masc"),
    ("Сафин", "Ринат", "Ильдарович", "masc"),
    ("Беляев", "Глеб", "Алексеевич", "masc"),
    ("Ковалёв", "Кирилл", "Борисович", "masc"),
    ("Белова", "Ольга", "Викторовна", "femn"),
    ("Захарова", "Елена", "Андреевна", "femn"),
    ("Смирнова", "Марина", "Сергеевна", "femn"),
    ("Крылова", "Анна", "Павловна", "femn"),
    ("Воронина", "Ирина", "Олеговна", "femn"),
    ("Полякова", "Светлана", "Игоревна", "femn"),
    ("Киселёва", "Наталья", "Юрьевна", "femn"),
    ("Ершова", "Татьяна", "Николаевна", "femn"),
    ("Сорокина", "Дарья", "Максимовна", "femn"),
    ("Миронова", "Юлия", "Александровна", "femn"),
    ("Титова", "Ксения", "Владимировна", "femn"),
    ("Медведева", "Вера", "Михайловна", "femn"),
    ("Осипова", "Людмила", "Геннадьевна", "femn"),
    ("Ильина", "Алина", "Романовна", "femn"),
    ("Гарипова", "Лилия", "Ринатовна", "femn"),
)
PERSON_STYLES: tuple[str, ...] = ("surname_first", "first_surname", "first_patr", "surname_init", "surname", "first")

# Roles on the client side; the part before "|" inflects, the rest is kept.
ROLES: tuple[str, ...] = (
    "юрист|клиента",
    "технический директор",
    "финансовый директор",
    "главный инженер",
    "закупщик",
    "руководитель|отдела закупок",
    "ЛПР",
    "собственник|бизнеса",
    "коммерческий директор",
)
CITIES_GENT: tuple[str, ...] = (
    "Казани",
    "Самары",
    "Перми",
    "Тюмени",
    "Уфы",
    "Екатеринбурга",
    "Новосибирска",
    "Краснодара",
)
WEEKDAYS: tuple[str, ...] = ("понедельник", "вторник", "среда", "четверг", "пятница")
WEEKDAY_SHORT: tuple[str, ...] = ("пн", "вт", "ср", "чт", "пт")
EMOJI: tuple[str, ...] = ("🔥", "❗", "‼️", "⚡", "✅", "📞", "👉", "⏰", "🙏", "!!!")
INTERNAL_EMAIL_USERS: tuple[str, ...] = ("zakupki", "info", "sales", "office", "snab", "d.orlov", "m.smirnova")

# Deverbal nouns for the verbs that have a common one.
DEVERBAL: dict[str, str] = {
    "отправить": "отправка",
    "согласовать": "согласование",
    "подписать": "подписание",
    "выставить": "выставление",
    "обсудить": "обсуждение",
    "запросить": "запрос",
    "получить": "получение",
    "провести": "проведение",
    "подготовить": "подготовка",
    "составить": "составление",
    "оформить": "оформление",
    "распечатать": "распечатка",
    "перевести": "перевод",
    "внести": "внесение",
    "обновить": "обновление",
}
# Verbs whose first pymorphy lexeme is the wrong homonym: (impr sing, impr plur, 1st person).
VERB_OVERRIDES: dict[str, tuple[str, str, str]] = {
    "дожать": ("дожми", "дожмите", "дожму"),
    "поджать": ("подожми", "подожмите", "подожму"),
}


@dataclass(frozen=True)
class Action:
    """A verb with the objects it takes and the ways the client can be attached to it.

    ``objects`` are noun phrases put in the accusative after the verb and in the genitive after
    the deverbal noun («отправить спецификацию» / «отправка спецификации»); ``complements`` are
    fixed strings that the verb already governs («о встрече с ЛПР ...»). ``parties`` lists the
    attachment styles understood by :func:`party_phrase`.
    """

    verb: str
    objects: tuple[str, ...] = ()
    complements: tuple[str, ...] = ()
    parties: tuple[str, ...] = ("",)
    party_first: bool = False  # «напомнить Вектору о …» rather than «напомнить о … Вектору»


DOCS_TO_SEND: tuple[str, ...] = (
    "КП",
    "коммерческое предложение|на поставку",
    "счёт|на предоплату",
    "договор|на подпись",
    "спецификация",
    "обновлённый прайс",
    "проект договора",
    "акт сверки",
    "закрывающие документы",
    "КП|с новыми ценами",
    "счёт|без скидки",
    "расчёт|стоимости монтажа",
)

# Client-facing actions whose result can be checked: label `concrete`.
CONCRETE_ACTIONS: tuple[Action, ...] = (
    Action("отправить", DOCS_TO_SEND, parties=("datv", "v", "", "role_datv")),
    Action("выслать", DOCS_TO_SEND, parties=("datv", "v", "")),
    Action(
        "выставить",
        (
            "счёт|на 30% предоплаты",
            "счёт|на вторую партию",
            "новый счёт|с учётом доставки",
            "счёт|на остаток суммы",
            "счёт|за монтаж",
        ),
        parties=("datv", ""),
    ),
    Action(
        "согласовать",
        (
            "спецификация|на первую партию",
            "договор",
            "график поставок",
            "условия оплаты",
            "дата отгрузки",
            "итоговая цена",
            "техническое задание",
            "макет|упаковки",
            "объём|первой партии",
        ),
        parties=("s", "role_s"),
    ),
    Action(
        "подписать",
        (
            "договор",
            "акт сверки",
            "дополнительное соглашение",
            "спецификация|к договору",
            "акт|выполненных работ",
            "протокол разногласий",
        ),
        parties=("s", ""),
    ),
    Action(
        "запросить",
        (
            "реквизиты|для договора",
            "карточка|предприятия",
            "подписанный акт",
            "гарантийное письмо",
            "список|позиций на тендер",
            "контакт|финансового директора",
            "техническое задание|на проект",
        ),
        parties=("u",),
    ),
    Action(
        "получить",
        (
            "решение|по оплате счёта №{num}",
            "ответ|по КП",
            "обратная связь|по презентации",
            "предоплата|по счёту №{num}",
            "подписанный договор",
            "заявка|на вторую партию",
            "гарантийное письмо|об оплате",
            "согласие|на пробную поставку",
        ),
        parties=("ot", ""),
    ),
    Action(
        "уточнить",
        (
            "дата поставки",
            "объём|закупки на квартал",
            "количество|рабочих мест",
            "адрес доставки",
            "бюджет|на {year} год",
            "сроки монтажа",
            "срок|оплаты по счёту №{num}",
        ),
        parties=("u", ""),
    ),
    Action("обсудить", ("условия договора", "скидка|за объём", "график платежей"), parties=("s", "role_s")),
    Action(
        "провести",
        (
            "демо|для их отдела снабжения",
            "презентация|для руководства",
            "демонстрация|системы онлайн",
            "выездная презентация|для ЛПР",
            "тестовый запуск|на их площадке",
        ),
        parties=("v_loct", ""),
    ),
    Action(
        "договориться",
        complements=(
            "о встрече с ЛПР на {weekday_accs}",
            "о демо на {weekday_accs}",
            "о выезде на объект",
            "о пробной поставке",
            "о дате подписания договора",
            "о созвоне с техническим директором",
        ),
        parties=("s", "role_s"),
        party_first=True,
    ),
    Action(
        "напомнить",
        complements=(
            "о сроке действия КП до {date}",
            "об оплате счёта №{num}",
            "о подписании акта до {date}",
            ", что скидка действует до {weekday_gent}",
        ),
        parties=("datv", "role_datv"),
        party_first=True,
    ),
)

# Second half of «позвонить ... и <результат>»: (verb, complement).
CALL_RESULTS: tuple[tuple[str, str], ...] = (
    ("узнать", ", утвердили ли бюджет на {year}"),
    ("узнать", ", подписан ли договор"),
    ("получить", "ответ по КП"),
    ("получить", "решение по оплате"),
    ("договориться", "о встрече на {weekday_accs}"),
    ("уточнить", "дату поставки"),
    ("выяснить", "причину отказа"),
    ("зафиксировать", "дату подписания"),
    ("получить", "контакт ЛПР"),
    ("назначить", "демо на {weekday_accs}"),
    ("согласовать", "объём первой партии"),
    ("узнать", ", когда будет оплата по счёту №{num}"),
    ("запросить", "реквизиты для счёта"),
)
CALL_VERBS: tuple[tuple[str, str], ...] = (
    ("позвонить", "datv"),
    ("позвонить", "v"),
    ("перезвонить", "datv"),
    ("связаться", "s"),
    ("набрать", "person_accs"),
    ("написать", "datv"),
)
OFFERS: tuple[str, ...] = (
    "рассрочку на три месяца",
    "отсрочку платежа на 30 дней",
    "скидку 5% при предоплате",
    "пробную партию",
    "бесплатную доставку",
    "замену на аналог подешевле",
)

# Vague verbs: (verb, complement, attachment styles).
VAGUE_VERBS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("позвонить", "", ("datv", "v", "person_datv")),
    ("перезвонить", "", ("datv", "person_datv")),
    ("связаться", "", ("s", "person_s")),
    ("написать", "", ("datv", "person_datv")),
    ("написать", "в вотсап", ("datv", "person_datv")),
    ("написать", "в телеграм", ("datv", "person_datv")),
    ("набрать", "", ("person_accs",)),
    ("напомнить", "о себе", ("datv", "person_datv")),
    ("дожать", "", ("accs",)),
    ("уточнить", "по оплате", ("u",)),
    ("уточнить", "по срокам", ("u",)),
    ("уточнить", "по договору", ("u",)),
    ("уточнить", "по поставке", ("u",)),
    ("встретиться", "", ("s", "person_s")),
    ("отписаться", "", ("datv",)),
    ("обработать", "", ("accs",)),
    ("поработать", "с возражениями", ("gent_after",)),
    ("прозвонить", "", ("accs",)),
    ("проконтролировать", "", ("accs",)),
)
VAGUE_MODIFIERS: tuple[str, ...] = ("ещё раз", "повторно", "обязательно", "срочно", "снова")
# Vague time words: used instead of a deadline, never together with one.
VAGUE_TIMES: tuple[str, ...] = ("после обеда", "с утра", "на неделе", "как освободятся", "после праздников", "потом")
STATUS_NOTES: tuple[str, ...] = (
    "думают",
    "думают над КП",
    "ждём решения",
    "ждём обратки от закупщика",
    "на согласовании у них",
    "молчат",
    "молчат вторую неделю",
    "не берут трубку",
    "обещали вернуться после праздников",
    "клиент не выходит на связь",
    "в работе",
    "пока тишина",
    "отложили до осени",
    "сравнивают с конкурентами",
    "бюджет не утвердили, ждём",
    "висит с {date}",
    "на паузе",
    "сказали перезвонить через месяц",
    "у них отпуск",
    "ждём ответа по тендеру",
)
TOPICS: tuple[str, ...] = (
    "по редукторам",
    "по кабелю",
    "по спецтехнике",
    "по упаковке",
    "по новому объекту",
    "по отсрочке",
    "по логистике",
    "по второму этапу",
    "по цене",
    "по сервисному контракту",
    "по допродаже",
)
CRM_TITLES_VAGUE: tuple[str, ...] = (
    "Звонок: {c}",
    "Встреча — {c}",
    "Касание: {c}",
    "Follow-up {c}",
    "Созвон {with_c}",
    "Звонок {p_datv}",
    "Встреча {with_p}",
    "Повторный звонок: {c}",
    "Контроль — {c}",
)
VAGUE_NOUNS: tuple[str, ...] = (
    "касание",
    "follow-up",
    "работа с клиентом",
    "контроль",
    "повторный звонок",
    "звонок",
    "созвон",
    "встреча",
    "фоллоу-ап",
    "прозвон",
)
INTERNAL_ITEMS: tuple[str, ...] = (
    "планёрка отдела",
    "обед",
    "недельный отчёт для РОПа",
    "совещание отдела",
    "обучение по новому продукту",
    "1:1 с руководителем",
    "разбор воронки с РОПом",
    "созвон с отделом",
    "стратегическая сессия",
)
CRM_TITLES_CONCRETE: tuple[str, ...] = ("Звонок: {c}", "Встреча — {c}", "Созвон {with_c}", "Задача по сделке #{deal}")

# Internal jobs: label `delegable`.
PREP_VERBS: tuple[str, ...] = ("подготовить", "составить", "сделать", "оформить", "обновить")
INTERNAL_DOCS: tuple[str, ...] = (
    "КП",
    "презентация",
    "шаблон|коммерческого предложения",
    "доверенность|на водителя",
    "акт|сверки за квартал",
    "спецификация",
    "договор|по шаблону",
    "коммерческое предложение",
    "счёт",
    "технико-коммерческое предложение",
    "опросный лист",
    "сравнительная таблица|конкурентов",
    "расчёт|стоимости доставки",
    "тендерная документация",
)
DESIGN_JOBS: tuple[tuple[str, str], ...] = (
    ("нарисовать", "макет баннера для выставки"),
    ("нарисовать", "макет листовки"),
    ("сверстать", "прайс-лист на опт"),
    ("сверстать", "каталог на новый сезон"),
    ("сделать", "визитки для стенда"),
    ("обновить", "логотип в шаблоне презентации"),
    ("заказать", "печать буклетов"),
)
DATA_JOBS: tuple[tuple[str, str], ...] = (
    ("внести", "{k} контактов с выставки в CRM"),
    ("внести", "визитки с конференции в CRM"),
    ("заполнить", "таблицу остатков по складу"),
    ("заполнить", "таблицу по отгрузкам за {month}"),
    ("перенести", "сделки из Excel в CRM"),
    ("проставить", "теги клиентам в CRM"),
    ("обновить", "карточку {c_gent} в CRM"),
    ("выгрузить", "отчёт по продажам за квартал"),
    ("почистить", "дубли контактов в CRM"),
)
PRINT_JOBS: tuple[str, ...] = (
    "распечатать",
    "отсканировать",
    "распечатать и отсканировать",
    "распечатать и подписать у директора",
)
PRINT_DOCS: tuple[str, ...] = (
    "договор|поставки",
    "акт сверки",
    "доверенность",
    "счета|за март",
    "спецификация",
    "накладные",
)
COURIER_JOBS: tuple[str, ...] = (
    "{send} оригиналы договора {c_datv} курьером",
    "{send} {doc} {c_datv} почтой",
    "отвезти документы {v_c_accs}",
    "вызвать курьера для {c_gent}",
    "забрать у {c_gent} подписанные акты",
    "{send} {doc} через СДЭК",
    "передать пакет документов водителю для {c_gent}",
)
RESEARCH_JOBS: tuple[str, ...] = (
    "найти телефоны закупщиков {c_gent} в интернете",
    "найти сайт и почту {c_gent}",
    "собрать базу {segment} {city}",
    "проверить {c_accs} по ИНН на сайте налоговой",
    "посмотреть финансовую отчётность {c_gent}",
    "найти контакты отдела снабжения {c_gent}",
    "составить список дилеров {city}",
)
SEGMENTS: tuple[str, ...] = (
    "автодилеров",
    "стоматологий",
    "строительных компаний",
    "агрохолдингов",
    "гостиниц",
    "застройщиков",
)
MAILING_JOBS: tuple[str, ...] = (
    "сделать рассылку по базе дилеров",
    "разослать прайс по всей базе",
    "отправить рассылку об акции",
    "{send} новый каталог всем клиентам по списку",
    "запустить email-рассылку по холодной базе",
    "разослать приглашения на вебинар",
)
TENDER_JOBS: tuple[str, ...] = (
    "мониторить тендерные площадки",
    "проверить новые закупки на площадках",
    "настроить поиск тендеров по ключевым словам",
    "отслеживать закупки по {topic_gent}",
)
TENDER_TOPICS_GENT: tuple[str, ...] = ("кабельной продукции", "спецодежды", "медоборудования", "упаковки")
TRANSLATE_JOBS: tuple[str, ...] = (
    "сделать английскую версию презентации",
    "перевести КП на казахский",
    "перевести договор поставки на английский",
    "перевести каталог на китайский",
)


# ---------------------------------------------------------------------------------------------
# Morphology
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def morph() -> pymorphy3.MorphAnalyzer:
    """The pymorphy3 analyzer, built once per process."""
    return pymorphy3.MorphAnalyzer()


def match_case(template: str, word: str) -> str:
    """Give ``word`` the capitalisation of ``template`` (UPPER, Title or lower)."""
    if len(template) > 1 and template.isupper():
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _nominative_parse(word: str, pos: Sequence[str], extra: Iterable[str] = ()) -> pymorphy3.analyzer.Parse | None:
    """The first parse of ``word`` in the nominative with a POS from ``pos`` and all ``extra`` tags."""
    need = set(extra)
    for p in morph().parse(word.lower()):
        if p.tag.POS in pos and "nomn" in p.tag and need <= set(p.tag.grammemes):
            return p
    return None


@lru_cache(maxsize=4096)
def inflect_word(word: str, case: str, extra: tuple[str, ...] = ()) -> str | None:
    """Inflect a nominative noun into ``case``; None when pymorphy cannot do it.

    >>> inflect_word("Вектор", "gent")
    'Вектора'
    """
    if case == "nomn":
        return word
    p = _nominative_parse(word, ("NOUN",), extra)
    if p is None:
        return None
    result = p.inflect({case})
    return match_case(word, result.word) if result else None


def _inflect_adjective(word: str, case: str, gender: str | None, number: str, animacy: str) -> str:
    """Inflect an adjective or participle to agree with its noun; keep it when that fails."""
    extra = ["plur"] if number == "plur" else [gender or "masc", "sing"]
    p = _nominative_parse(word, ("ADJF", "PRTF"), extra)
    if p is None:
        return word
    grams = {case, animacy} if case == "accs" and (number == "plur" or gender == "masc") else {case}
    result = p.inflect(grams) or p.inflect({case})
    return match_case(word, result.word) if result else word


def _is_adjective(word: str) -> bool:
    """True when the first nominative parse of ``word`` is an adjective or participle."""
    for p in morph().parse(word.lower()):
        if "nomn" in p.tag:
            return p.tag.POS in ("ADJF", "PRTF")
    return False


def split_head(phrase: str) -> tuple[list[str], str]:
    """Split a noun phrase into its declining head (adjectives + first noun) and the kept tail.

    «протокол разногласий» → (["протокол"], "разногласий"); an explicit «|» marks the split.
    """
    if "|" in phrase:
        head, _, tail = phrase.partition("|")
        return head.split(), tail.strip()
    words = phrase.split()
    for i, word in enumerate(words):
        if word.isupper() or not _is_adjective(word):
            return words[: i + 1], " ".join(words[i + 1 :])
    return words, ""


def inflect_phrase(phrase: str, case: str) -> str:
    """Inflect a noun phrase «adj* noun tail» into ``case``; the tail («разногласий», «на подпись») is kept.

    Abbreviations in capitals («КП», «ЛПР») do not decline and are left alone.

    >>> inflect_phrase("коммерческое предложение|на поставку", "gent")
    'коммерческого предложения на поставку'
    """
    words, tail = split_head(phrase)
    out = list(words)
    noun = _nominative_parse(words[-1], ("NOUN",)) if not words[-1].isupper() else None
    if case != "nomn":
        if noun is not None:
            res = noun.inflect({case})
            out[-1] = match_case(words[-1], res.word) if res else words[-1]
            gender, number, animacy = noun.tag.gender, noun.tag.number or "sing", noun.tag.animacy or "inan"
            adjectives = range(len(words) - 1)
        else:  # a substantivised adjective («накладные») or an abbreviation
            first = _nominative_parse(words[-1], ("ADJF", "PRTF"))
            gender = first.tag.gender if first else None
            number = (first.tag.number if first else None) or "sing"
            animacy = "inan"
            adjectives = range(len(words) - (0 if first else 1))
        for i in adjectives:
            if not words[i].isupper():
                out[i] = _inflect_adjective(words[i], case, gender, number, animacy)
    return " ".join(out + ([tail] if tail else []))


@lru_cache(maxsize=1024)
def verb_form(verb: str, form: str) -> str:
    """Put the first word of a verb phrase into ``form``: inf, impr_sg, impr_pl or 1sg.

    >>> [verb_form("отправить", f) for f in ("inf", "impr_sg", "impr_pl", "1sg")]
    ['отправить', 'отправь', 'отправьте', 'отправлю']
    """
    first, _, rest = verb.partition(" ")
    if form == "inf":
        word = first
    elif first in VERB_OVERRIDES:
        word = VERB_OVERRIDES[first][("impr_sg", "impr_pl", "1sg").index(form)]
    else:
        word = _conjugate(first, form) or first
    return f"{word} {rest}".strip()


def _conjugate(infinitive: str, form: str) -> str | None:
    """Conjugate one infinitive with pymorphy3; None when no form is found."""
    parses = [p for p in morph().parse(infinitive) if "INFN" in p.tag]
    if not parses:
        return None
    wanted = {
        "impr_sg": [{"impr", "excl", "sing"}],
        "impr_pl": [{"impr", "excl", "plur"}],
        "1sg": [{"futr", "1per", "sing"}, {"pres", "1per", "sing"}],
    }[form]
    for grams in wanted:
        res = parses[0].inflect(grams)
        if res is not None:
            return res.word
    return None


def deverbal(verb: str) -> str | None:
    """The deverbal noun of a verb («согласовать» → «согласование»), None if there is none."""
    return DEVERBAL.get(verb.split()[0])


# ---------------------------------------------------------------------------------------------
# Companies and people
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Company:
    """A company as written in a task.

    ``name`` is the standalone form. ``head`` is the word that declines («Вектор» in «Вектор
    (Казань)»), ``tail`` what follows it; fixed names have no head and ``oblique`` is what is
    written after a preposition or verb (the nominative, in quotes when it is a bare name).
    """

    name: str
    head: str | None = None
    tail: str = ""
    oblique: str = ""


def all_company_names() -> list[str]:
    """Every company name of the component lists (about 80)."""
    return [
        *WORD_COMPANIES,
        *COMPOUND_COMPANIES,
        *LATIN_COMPANIES,
        *LEGAL_COMPANIES,
        *CAPS_COMPANIES,
        *SUFFIXED_COMPANIES,
        *FIXED_WITH_INN,
    ]


def quote(name: str, rng: random.Random) -> str:
    """Wrap a name in «» (mostly) or straight quotes."""
    return f"«{name}»" if rng.random() < 0.8 else f'"{name}"'


def pick_company(rng: random.Random) -> Company:
    """Choose a company and how it is decorated (plain, quoted, with a legal form)."""
    kind = rng.choices(("word", "compound", "latin", "legal", "caps", "suffixed", "inn"), (34, 16, 10, 14, 7, 13, 6))[0]
    if kind == "word":
        word = rng.choice(WORD_COMPANIES)
        roll = rng.random()
        if roll < 0.62:
            return Company(word, head=word, oblique=f"«{word}»")
        if roll < 0.82:
            q = quote(word, rng)
            return Company(q, head=word if rng.random() < 0.3 else None, oblique=q)
        legal = f"{rng.choice(LEGAL_FORMS)} {quote(word, rng)}"
        return Company(legal, oblique=legal)
    if kind == "compound":
        word = rng.choice(COMPOUND_COMPANIES)
        if rng.random() < 0.3:
            legal = f"{rng.choice(LEGAL_FORMS)} {quote(word, rng)}"
            return Company(legal, oblique=legal)
        return Company(word, oblique=quote(word, rng))
    if kind == "suffixed":
        name = rng.choice(SUFFIXED_COMPANIES)
        head = re.match(r"[А-ЯЁа-яё]+", name).group(0)
        return Company(name, head=head, tail=name[len(head) :], oblique=f"«{head}»{name[len(head) :]}")
    pool = {"latin": LATIN_COMPANIES, "legal": LEGAL_COMPANIES, "caps": CAPS_COMPANIES, "inn": FIXED_WITH_INN}[kind]
    name = rng.choice(pool)
    return Company(name, oblique=name)


def company_in(company: Company, case: str, rng: random.Random) -> str:
    """The company in a grammatical case: inflected head when possible, else fixed/quoted form.

    Inflectable names are still written in quoted nominative now and then, as managers do
    («позвонить в «Вектор»»).
    """
    if case == "nomn":
        return company.name
    if company.head and rng.random() < 0.8:
        inflected = inflect_word(company.head, case)
        if inflected:
            return inflected + company.tail
    return company.oblique or company.name


@lru_cache(maxsize=4096)
def inflect_name_part(word: str, case: str, kind: str, gender: str) -> str:
    """Inflect a surname/first name/patronymic (``kind`` Surn/Name/Patr); keep it if unknown."""
    if case == "nomn":
        return word
    for extra in ((kind, gender), (gender,)):
        p = _nominative_parse(word, ("NOUN",), extra)
        if p is not None:
            res = p.inflect({case})
            if res is not None:
                return match_case(word, res.word)
    return word


def person_in(person: tuple[str, str, str, str], style: str, case: str) -> str:
    """Render a person in a style («Соколов Андрей», «Андрей Викторович», «Соколов А.В.») and case."""
    surname, first, patr, gender = person

    def s() -> str:
        return inflect_name_part(surname, case, "Surn", gender)

    def f() -> str:
        return inflect_name_part(first, case, "Name", gender)

    def p() -> str:
        return inflect_name_part(patr, case, "Patr", gender)

    renders: dict[str, Callable[[], str]] = {
        "surname_first": lambda: f"{s()} {f()}",
        "first_surname": lambda: f"{f()} {s()}",
        "first_patr": lambda: f"{f()} {p()}",
        "surname_init": lambda: f"{s()} {first[0]}.{patr[0]}.",
        "surname": s,
        "first": f,
    }
    return renders[style]()


def pick_person(rng: random.Random, case: str) -> str:
    """A random client-side person in ``case``."""
    return person_in(rng.choice(PEOPLE), rng.choice(PERSON_STYLES), case)


# ---------------------------------------------------------------------------------------------
# Small random pieces: dates, numbers, phones, deadlines
# ---------------------------------------------------------------------------------------------


def weekday_in(rng: random.Random, case: str) -> str:
    """A weekday in a case, e.g. «среду» (accs) or «пятницы» (gent)."""
    return inflect_phrase(rng.choice(WEEKDAYS), case)


def on_weekday(rng: random.Random) -> str:
    """«в среду», «во вторник»."""
    day = weekday_in(rng, "accs")
    return f"{'во' if day == 'вторник' else 'в'} {day}"


def date_str(rng: random.Random) -> str:
    """A date like «15.03» or «7 апреля»."""
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    return f"{day:02d}.{month:02d}" if rng.random() < 0.7 else f"{day} {MONTHS_GENT[month - 1]}"


def deadline(rng: random.Random) -> str:
    """A deadline phrase: «до пятницы», «завтра к 12», «до 15.03», «в пн», «сегодня до 17:00»…"""
    hour = rng.randint(9, 18)
    options: list[Callable[[], str]] = [
        lambda: f"до {weekday_in(rng, 'gent')}",
        lambda: f"завтра к {hour}",
        lambda: f"до {date_str(rng)}",
        lambda: f"в {rng.choice(WEEKDAY_SHORT)}",
        lambda: f"сегодня до {hour}:00",
        lambda: on_weekday(rng),
        lambda: f"к {hour}:{rng.choice(('00', '30'))}",
        lambda: rng.choice(
            ("до конца недели", "на этой неделе", "до конца месяца", "на следующей неделе", "сегодня", "завтра")
        ),
        lambda: f"{rng.choice(WEEKDAY_SHORT)} {hour}:{rng.choice(('00', '15', '30', '45'))}",
    ]
    return rng.choice(options)()


def phone(rng: random.Random) -> str:
    """A Russian mobile number in one of the common spellings."""
    a, b, c, d = rng.randint(900, 999), rng.randint(100, 999), rng.randint(10, 99), rng.randint(10, 99)
    return rng.choice((f"+7 {a} {b}-{c}-{d}", f"8 ({a}) {b}-{c}-{d}", f"+7{a}{b}{c}{d}", f"8{a}{b}{c}{d}"))


def email(rng: random.Random) -> str:
    """An invented e-mail address."""
    domain = rng.choice(("vektor-plus", "promtehsnab", "orion-tech", "ladoga-s", "kaskad-kzn", "brightline"))
    return f"{rng.choice(INTERNAL_EMAIL_USERS)}@{domain}.ru"


def fill(text: str, rng: random.Random) -> str:
    """Fill {num}, {year}, {date}, {weekday_accs}, {weekday_gent} placeholders in a component."""
    return (
        text.replace("{num}", str(rng.randint(100, 9999)))
        .replace("{year}", str(rng.choice((2025, 2026, 2027))))
        .replace("{date}", date_str(rng))
        .replace("{weekday_accs}", weekday_in(rng, "accs"))
        .replace("{weekday_gent}", weekday_in(rng, "gent"))
    )


def pick_form(rng: random.Random) -> str:
    """A verb form, weighted towards the infinitive."""
    return rng.choices(FORMS, FORM_WEIGHTS)[0]


def maybe(rng: random.Random, p: float, make: Callable[[], str]) -> str:
    """``make()`` with probability ``p``, else an empty string."""
    return make() if rng.random() < p else ""


def join(*parts: str) -> str:
    """Join non-empty parts with spaces and tidy spaces before commas."""
    return re.sub(r"\s+,", ",", " ".join(p for p in parts if p)).strip()


def with_front(rng: random.Random, company: str, task: str) -> str:
    """Prefix a task with a company: «Вектор — …», «Вектор: …», «Вектор. …»."""
    sep = rng.choice((" — ", ": ", " - ", ". ", ", "))
    return f"{company}{sep}{task}"


# ---------------------------------------------------------------------------------------------
# Attaching the client to a verb
# ---------------------------------------------------------------------------------------------


_CONSONANTS = "бвгджзйклмнпрстфхцчшщ"


def prep(preposition: str, phrase: str) -> str:
    """Join «с»/«в» to a phrase, using «со»/«во» where Russian needs them.

    >>> prep("с", "Стимулом"), prep("с", "Сапфиром"), prep("в", "Фрегат")
    ('со Стимулом', 'с Сапфиром', 'во Фрегат')
    """
    letters = re.sub(r"[^А-Яа-яЁё]", "", phrase.split(" ")[0]).lower()
    if len(letters) >= 2 and letters[1] in _CONSONANTS:
        if preposition == "с" and (letters[0] in "сзшжщ" or letters.startswith("мн")):
            return f"со {phrase}"
        if preposition == "в" and letters[0] in "вф":
            return f"во {phrase}"
    return f"{preposition} {phrase}"


def party_phrase(style: str, rng: random.Random) -> str:
    """The client attached in ``style``: «Вектору», «в «Вектор»», «с Петровым», «у Зари», …"""
    if not style:
        return ""
    if style.startswith("person_"):
        case = {"person_datv": "datv", "person_accs": "accs", "person_s": "ablt"}[style]
        person = pick_person(rng, case)
        return prep("с", person) if style == "person_s" else person
    if style.startswith("role_"):
        case = "datv" if style == "role_datv" else "ablt"
        role = inflect_phrase(rng.choice(ROLES), case)
        return prep("с", role) if style == "role_s" else role
    c = pick_company(rng)
    forms = {
        "datv": lambda: company_in(c, "datv", rng),
        "accs": lambda: company_in(c, "accs", rng),
        "v": lambda: prep("в", company_in(c, "accs", rng)),
        "v_loct": lambda: prep("в", company_in(c, "loct", rng)),
        "s": lambda: prep("с", company_in(c, "ablt", rng)),
        "u": lambda: "у " + company_in(c, "gent", rng),
        "ot": lambda: "от " + company_in(c, "gent", rng),
        "dlya": lambda: "для " + company_in(c, "gent", rng),
        "gent_after": lambda: company_in(c, "gent", rng),
    }
    return forms[style]()


# ---------------------------------------------------------------------------------------------
# Templates: each returns one text of its label
# ---------------------------------------------------------------------------------------------


def _object(action: Action, case: str, rng: random.Random) -> str:
    """An object (in ``case``) or a complement of an action."""
    if action.objects and (not action.complements or rng.random() < 0.5):
        return fill(inflect_phrase(rng.choice(action.objects), case), rng)
    return fill(rng.choice(action.complements), rng)


_TIME_RE = re.compile(
    r"\b\d{1,2}[.:]\d{2}\b|\d (?:" + "|".join(MONTHS_GENT) + r")|понедельник|вторник|сред[уы]|четверг|пятниц|\bдо\b"
)


def has_time(text: str) -> bool:
    """True when a phrase already holds a date, weekday or «до …» (no second deadline then)."""
    return bool(_TIME_RE.search(text))


def t_c_action(rng: random.Random) -> str:
    """concrete: verb + object + client (+ deadline): «отправь КП Вектору до пятницы»."""
    action = rng.choice(CONCRETE_ACTIONS)
    verb, obj = verb_form(action.verb, pick_form(rng)), _object(action, "accs", rng)
    if rng.random() < 0.3:
        task = with_front(rng, pick_company(rng).name, join(verb, obj))
    else:
        party = party_phrase(rng.choice(action.parties), rng)
        if not party:  # a bare «verb + object» is too close to the guide's own examples
            return join(verb, obj, "" if has_time(obj) else deadline(rng))
        task = join(verb, party, obj) if action.party_first else join(verb, obj, party)
    return join(task, maybe(rng, 0.0 if has_time(obj) else 0.45, lambda: deadline(rng)))


def t_c_deverbal(rng: random.Random) -> str:
    """concrete: deverbal noun + genitive object: «согласование договора с Вектором до пн»."""
    action = rng.choice([a for a in CONCRETE_ACTIONS if deverbal(a.verb) and a.objects])
    noun = deverbal(action.verb)
    obj = fill(inflect_phrase(rng.choice(action.objects), "gent"), rng)
    front = rng.random() < 0.2
    styles = [s for s in action.parties if not front or s.startswith("role_") or not s]
    task = join(noun, obj, party_phrase(rng.choice(styles or [""]), rng), maybe(rng, 0.5, lambda: deadline(rng)))
    return with_front(rng, pick_company(rng).name, task) if front else task


def t_c_call_result(rng: random.Random) -> str:
    """concrete: a call that names its result: «позвонить Соколову и узнать, подписан ли договор»."""
    form = pick_form(rng)
    verb, style = rng.choice(CALL_VERBS)
    result_verb, complement = rng.choice(CALL_RESULTS)
    return join(
        verb_form(verb, form),
        party_phrase(style, rng),
        "и",
        verb_form(result_verb, form),
        fill(complement, rng),
        maybe(rng, 0.35, lambda: deadline(rng)),
    )


def t_c_refusal(rng: random.Random) -> str:
    """concrete: find out why the client refused and make an offer."""
    form = pick_form(rng)
    task = join(
        verb_form(rng.choice(("выяснить", "узнать")), form),
        "причину отказа",
        maybe(rng, 0.5, lambda: party_phrase("u", rng)),
        "и",
        verb_form("предложить", form),
        rng.choice(OFFERS),
    )
    return join(task, maybe(rng, 0.3, lambda: deadline(rng)))


def t_c_push(rng: random.Random) -> str:
    """concrete: push the client with the offer's expiry date and ask for a decision."""
    form = pick_form(rng)
    c = pick_company(rng)
    variants = (
        lambda: join(
            verb_form("поджать", form), company_in(c, "accs", rng), "сроком действия КП (до", date_str(rng) + ")"
        ),
        lambda: join(
            with_front(rng, c.name, f"КП действует до {date_str(rng)},"),
            verb_form("поджать", form),
            "сроком и",
            verb_form("получить", form),
            "решение",
        ),
        lambda: join(
            verb_form("напомнить", form),
            company_in(c, "datv", rng) + ", что цены держим до " + date_str(rng) + ",",
            "и",
            verb_form("получить", form),
            "подтверждение заказа",
        ),
        lambda: join(verb_form("дожать", form), company_in(c, "accs", rng), "до подписания договора", deadline(rng)),
    )
    return rng.choice(variants)()


def t_c_lpr(rng: random.Random) -> str:
    """concrete: get to the decision maker and set up a meeting."""
    form = pick_form(rng)
    c = pick_company(rng)
    who = rng.choice(("директора", "собственника", "финдиректора", "главного инженера"))
    return rng.choice(
        (
            lambda: join(
                verb_form("выйти", form),
                "на",
                who,
                company_in(c, "gent", rng),
                "и",
                verb_form("договориться", form),
                "о личной встрече",
            ),
            lambda: join(
                verb_form("получить", form),
                "прямой контакт",
                who,
                company_in(c, "gent", rng),
                "и",
                verb_form("назначить", form),
                "с ним созвон",
                maybe(rng, 0.5, lambda: deadline(rng)),
            ),
            lambda: with_front(
                rng,
                c.name,
                join(
                    verb_form("договориться", form),
                    "о встрече",
                    prep("с", inflect_phrase(rng.choice(ROLES), "ablt")),
                    "на",
                    weekday_in(rng, "accs"),
                ),
            ),
        )
    )()


def t_c_prep_send(rng: random.Random) -> str:
    """concrete (tie-breaker 1): prepare and send, then get the feedback."""
    form = pick_form(rng)
    doc = rng.choice(("КП", "коммерческое предложение", "расчёт", "спецификация", "договор"))
    prep = rng.choice(("подготовить", "сделать", "составить"))
    send = rng.choice(("отправить", "выслать"))
    tail = rng.choice(
        (
            lambda: (
                ", "
                + join(
                    verb_form("получить", form),
                    rng.choice(("комментарии клиента", "фидбек по цене", "ответ по условиям")),
                    deadline(rng),
                )
            ),
            lambda: " " + join("и", verb_form("согласовать", form), "до", weekday_in(rng, "gent")),
            lambda: ", " + join(verb_form("получить", form), "ответ", maybe(rng, 0.6, lambda: deadline(rng))),
        )
    )()
    return (
        join(
            verb_form(prep, form),
            "и",
            verb_form(send, form),
            inflect_phrase(doc, "accs"),
            party_phrase(rng.choice(("datv", "")), rng),
        )
        + tail
    )


def t_c_title(rng: random.Random) -> str:
    """concrete: a CRM title followed by a concrete result: «Встреча — Вектор: подписать договор»."""
    c = pick_company(rng)
    title = rng.choice(CRM_TITLES_CONCRETE).format(
        c=c.name, with_c=prep("с", company_in(c, "ablt", rng)), deal=rng.randint(100, 99999)
    )
    action = rng.choice(CONCRETE_ACTIONS)
    return f"{title}{rng.choice((': ', ' — ', '. ', ' - '))}" + join(
        verb_form(action.verb, "inf"), _object(action, "accs", rng)
    )


def when_vague(rng: random.Random) -> str:
    """A deadline or, one time in four, a vague time word («после обеда»)."""
    return rng.choice(VAGUE_TIMES) if rng.random() < 0.25 else deadline(rng)


def t_v_bare(rng: random.Random) -> str:
    """vague: a bare verb with a modifier or deadline but no result: «перезвони ещё раз завтра»."""
    verb, complement, _ = rng.choice(VAGUE_VERBS)
    if verb in ("дожать", "обработать", "прозвонить", "проконтролировать"):
        complement = rng.choice(("клиента", "их", ""))
    mods = [rng.choice(VAGUE_MODIFIERS)] if rng.random() < 0.4 else []
    if not mods or rng.random() < 0.5:
        mods.append(when_vague(rng))
    return join(verb_form(verb, pick_form(rng)), complement, *mods)


def t_v_company(rng: random.Random) -> str:
    """vague (tie-breaker 2): company or person + vague verb: «связаться с Зарёй до пятницы»."""
    verb, complement, styles = rng.choice(VAGUE_VERBS)
    form = pick_form(rng)
    style = rng.choice(styles)
    if rng.random() < 0.2:
        return with_front(
            rng, pick_company(rng).name, join(verb_form(verb, form), complement, maybe(rng, 0.4, lambda: deadline(rng)))
        )
    party = party_phrase(style, rng)
    parts = (
        [verb_form(verb, form), complement, party]
        if style == "gent_after"
        else [verb_form(verb, form), party, complement]
    )
    return join(*parts, maybe(rng, 0.2, lambda: rng.choice(VAGUE_MODIFIERS)), maybe(rng, 0.45, lambda: when_vague(rng)))


def t_v_status(rng: random.Random) -> str:
    """vague: a status note instead of a task: «Каскад — думают над КП»."""
    note = fill(rng.choice(STATUS_NOTES), rng)
    c = pick_company(rng).name
    return rng.choice(
        (
            lambda: with_front(rng, c, note),
            lambda: f"{note} ({c})",
            lambda: join(c, note),
            lambda: f"{date_str(rng)}: {note}",
        )
    )()


def t_v_topic(rng: random.Random) -> str:
    """vague: a topic next to a company without a result: «тендер Гранита», «Кедр (Томск) по кабелю»."""
    c = pick_company(rng)
    topic = rng.choice(TOPICS)
    return rng.choice(
        (
            lambda: join("тендер", company_in(c, "gent", rng), maybe(rng, 0.5, lambda: topic)),
            lambda: join(c.name, topic),
            lambda: join("переговоры", topic, prep("с", company_in(c, "ablt", rng))),
            lambda: join("вопрос", topic, "—", c.name),
            lambda: join(c.name, "—", "вопрос", topic),
        )
    )()


def t_v_title(rng: random.Random) -> str:
    """vague: a bare CRM call/meeting title: «Звонок: Вектор», «Встреча с Беловой Ольгой»."""
    c = pick_company(rng)
    title = rng.choice(CRM_TITLES_VAGUE)
    text = title.format(
        c=c.name,
        with_c=prep("с", company_in(c, "ablt", rng)),
        p_datv=pick_person(rng, "datv"),
        with_p=prep("с", pick_person(rng, "ablt")),
    )
    return join(text, maybe(rng, 0.3, lambda: deadline(rng)))


def t_v_noun(rng: random.Random) -> str:
    """vague: an activity noun with no result: «касание в чт», «работа с Маяком»."""
    if rng.random() < 0.3:
        return join(
            "работа", prep("с", company_in(pick_company(rng), "ablt", rng)), maybe(rng, 0.4, lambda: deadline(rng))
        )
    return join(rng.choice(VAGUE_NOUNS), maybe(rng, 0.5, lambda: pick_company(rng).name), deadline(rng))


def t_v_internal(rng: random.Random) -> str:
    """vague (tie-breaker 5): an internal non-client item: «планёрка пн 10:00»."""
    return join(rng.choice(INTERNAL_ITEMS), deadline(rng))


def t_o_company(rng: random.Random) -> str:
    """company_only: a company name alone, sometimes with a date/time: «ООО «Вектор Плюс»»."""
    c = pick_company(rng).name
    return rng.choice((lambda: c, lambda: join(deadline(rng), c), lambda: join(c, deadline(rng)), lambda: c))()


def t_o_person(rng: random.Random) -> str:
    """company_only: a contact person with a company: «Белова Ольга, Кедр (Томск)»."""
    p = pick_person(rng, "nomn")
    c = pick_company(rng).name
    return rng.choice((f"{p}, {c}", f"{c} — {p}", f"{p} ({c})", f"{c}, {p}", f"{c} / {p}"))


def t_o_contact(rng: random.Random) -> str:
    """company_only: an identifier with a phone or e-mail: «Маяк +7 912 345-67-89»."""
    who = pick_company(rng).name if rng.random() < 0.6 else pick_person(rng, "nomn")
    contact = phone(rng) if rng.random() < 0.7 else email(rng)
    return rng.choice((join(who, contact), f"{who}, {contact}", f"{who} — {contact}"))


def t_o_deal(rng: random.Random) -> str:
    """company_only: a deal, order or purchase number, maybe with the company: «Сделка #4512»."""
    number = rng.choice(
        (
            lambda: f"Сделка #{rng.randint(100, 99999)}",
            lambda: f"сделка {rng.randint(100, 99999)}",
            lambda: f"Заказ №{rng.randint(100, 99999)}",
            lambda: f"закупка №{rng.randint(10**18, 10**19 - 1)}",
            lambda: f"Лид #{rng.randint(1000, 99999)}",
            lambda: f"Задача по сделке #{rng.randint(100, 99999)}",
            lambda: f"Заявка {rng.randint(1000, 99999)}",
        )
    )()
    return rng.choice(
        (number, f"{pick_company(rng).name}, {number.lower()}", f"{number}: {pick_company(rng).name}", number)
    )


def t_o_datetime(rng: random.Random) -> str:
    """company_only (tie-breaker 4): identifiers plus only a date or time: «завтра 10:00 Эталон»."""
    who = pick_company(rng).name if rng.random() < 0.75 else pick_person(rng, "nomn")
    hour, minute = rng.randint(9, 18), rng.choice(("00", "15", "30", "45"))
    when = rng.choice(
        (
            f"завтра {hour}:{minute}",
            f"сегодня {hour}:{minute}",
            f"{rng.choice(WEEKDAY_SHORT)} {hour}:{minute}",
            date_str(rng),
            f"{hour}:{minute}",
            f"{date_str(rng)} {hour}:{minute}",
            rng.choice(WEEKDAY_SHORT),
        )
    )
    return rng.choice((join(when, who), join(who, when), f"{who} — {when}"))


def _prep_object(rng: random.Random, for_client: bool = True) -> str:
    """An internal document in the accusative, sometimes «для <компании>»."""
    doc = inflect_phrase(rng.choice(INTERNAL_DOCS), "accs")
    return join(doc, maybe(rng, 0.5 if for_client else 0.0, lambda: party_phrase("dlya", rng)))


def t_d_prepare(rng: random.Random) -> str:
    """delegable (tie-breaker 3): prepare a document internally: «подготовить презентацию для Зари»."""
    front = rng.random() < 0.2
    task = join(
        verb_form(rng.choice(PREP_VERBS), pick_form(rng)),
        _prep_object(rng, not front),
        maybe(rng, 0.4, lambda: deadline(rng)),
    )
    return with_front(rng, pick_company(rng).name, task) if front else task


def t_d_deverbal(rng: random.Random) -> str:
    """delegable: «подготовка тендерной документации для Эталона»."""
    noun = deverbal(rng.choice(("подготовить", "составить", "оформить", "подготовить", "обновить")))
    doc = inflect_phrase(rng.choice(INTERNAL_DOCS), "gent")
    return join(noun, doc, maybe(rng, 0.6, lambda: party_phrase("dlya", rng)), maybe(rng, 0.4, lambda: deadline(rng)))


def _design_job(rng: random.Random, form: str) -> str:
    """A design or layout job without a client: «сверстай прайс»."""
    verb, obj = rng.choice(DESIGN_JOBS)
    return join(verb_form(verb, form), obj)


def t_d_design(rng: random.Random) -> str:
    """delegable: design and layout jobs: «сверстать прайс», «нарисовать макет баннера»."""
    verb, obj = rng.choice(DESIGN_JOBS)
    client = "" if " для " in f" {obj} " else maybe(rng, 0.3, lambda: party_phrase("dlya", rng))
    return join(verb_form(verb, pick_form(rng)), obj, client, maybe(rng, 0.4, lambda: deadline(rng)))


def t_d_data(rng: random.Random) -> str:
    """delegable: data entry and CRM housekeeping."""
    verb, obj = rng.choice(DATA_JOBS)
    obj = obj.replace("{k}", str(rng.randint(12, 180))).replace(
        "{month}", rng.choice(("март", "апрель", "квартал", "год"))
    )
    obj = obj.replace("{c_gent}", company_in(pick_company(rng), "gent", rng))
    return join(verb_form(verb, pick_form(rng)), obj, maybe(rng, 0.4, lambda: deadline(rng)))


def t_d_print(rng: random.Random) -> str:
    """delegable: printing and scanning documents."""
    job = rng.choice(PRINT_JOBS)
    form = pick_form(rng)
    verbs = " и ".join(verb_form(v, form) for v in job.split(" и "))
    doc = inflect_phrase(rng.choice(PRINT_DOCS), "accs")
    return join(verbs, doc, maybe(rng, 0.4, lambda: party_phrase("dlya", rng)), maybe(rng, 0.3, lambda: deadline(rng)))


def t_d_courier(rng: random.Random) -> str:
    """delegable: couriers and post, even with the verb «отправить»."""
    c = pick_company(rng)
    form = pick_form(rng)
    job = rng.choice(COURIER_JOBS)
    text = job.format(
        send=verb_form(rng.choice(("отправить", "выслать")), form),
        c_datv=company_in(c, "datv", rng),
        v_c_accs=prep("в", company_in(c, "accs", rng)),
        c_gent=company_in(c, "gent", rng),
        doc=inflect_phrase(
            rng.choice(("оригиналы|документов", "договор", "акт сверки", "образцы продукции", "счёт-фактура")), "accs"
        ),
    )
    first, _, rest = text.partition(" ")
    if first in {"отвезти", "вызвать", "забрать", "передать"}:
        text = join(verb_form(first, form), rest)
    return join(text, maybe(rng, 0.35, lambda: deadline(rng)))


def t_d_research(rng: random.Random) -> str:
    """delegable: research in open sources: «найти телефоны закупщиков Гранита в интернете»."""
    c = pick_company(rng)
    text = rng.choice(RESEARCH_JOBS).format(
        c_gent=company_in(c, "gent", rng),
        c_accs=company_in(c, "accs", rng),
        segment=rng.choice(SEGMENTS),
        city=rng.choice(CITIES_GENT),
    )
    first, _, rest = text.partition(" ")
    return join(verb_form(first, pick_form(rng)), rest, maybe(rng, 0.3, lambda: deadline(rng)))


def t_d_mailing(rng: random.Random) -> str:
    """delegable: mass mailings, tender-site monitoring and translations."""
    pool = rng.choice((MAILING_JOBS, TENDER_JOBS, TRANSLATE_JOBS))
    text = rng.choice(pool).replace("{topic_gent}", rng.choice(TENDER_TOPICS_GENT))
    form = pick_form(rng)
    text = text.replace("{send}", verb_form("отправить", form))
    first, _, rest = text.partition(" ")
    if not first.startswith("отправ"):
        text = join(verb_form(first, form), rest)
    return join(text, maybe(rng, 0.35, lambda: deadline(rng)))


def t_d_company(rng: random.Random) -> str:
    """delegable (tie-breaker 2): company + internal job: «Вектор — сделать презентацию»."""
    form = pick_form(rng)
    task = rng.choice(
        (
            lambda: _design_job(rng, form),
            lambda: join(
                " и ".join(verb_form(v, form) for v in rng.choice(PRINT_JOBS).split(" и ")),
                inflect_phrase(rng.choice(PRINT_DOCS), "accs"),
            ),
            lambda: join(verb_form(rng.choice(PREP_VERBS), form), inflect_phrase(rng.choice(INTERNAL_DOCS), "accs")),
            lambda: join(
                verb_form("найти", form),
                rng.choice(("контакты ЛПР на сайте", "их реквизиты в ЕГРЮЛ", "новости о них в интернете")),
            ),
        )
    )()
    return with_front(rng, pick_company(rng).name, join(task, maybe(rng, 0.3, lambda: deadline(rng))))


Template = Callable[[random.Random], str]

# label -> [(template id, function, weight)]
TEMPLATES: dict[str, tuple[tuple[str, Template, float], ...]] = {
    "concrete": (
        ("c_action", t_c_action, 40),
        ("c_deverbal", t_c_deverbal, 12),
        ("c_call_result", t_c_call_result, 16),
        ("c_refusal", t_c_refusal, 5),
        ("c_push", t_c_push, 7),
        ("c_lpr", t_c_lpr, 6),
        ("c_prep_send", t_c_prep_send, 7),
        ("c_title", t_c_title, 7),
    ),
    "vague": (
        ("v_bare", t_v_bare, 14),
        ("v_company", t_v_company, 34),
        ("v_status", t_v_status, 18),
        ("v_topic", t_v_topic, 12),
        ("v_title", t_v_title, 10),
        ("v_noun", t_v_noun, 8),
        ("v_internal", t_v_internal, 4),
    ),
    "company_only": (
        ("o_company", t_o_company, 30),
        ("o_person", t_o_person, 20),
        ("o_contact", t_o_contact, 15),
        ("o_deal", t_o_deal, 15),
        ("o_datetime", t_o_datetime, 20),
    ),
    "delegable": (
        ("d_prepare", t_d_prepare, 24),
        ("d_deverbal", t_d_deverbal, 8),
        ("d_design", t_d_design, 9),
        ("d_data", t_d_data, 11),
        ("d_print", t_d_print, 9),
        ("d_courier", t_d_courier, 12),
        ("d_research", t_d_research, 11),
        ("d_mailing", t_d_mailing, 9),
        ("d_company", t_d_company, 7),
    ),
}
if set(TEMPLATES) != set(LABELS):
    raise RuntimeError(
        f"training/generate.py: TEMPLATES covers {sorted(TEMPLATES)} but taskqual/labels.py "
        f"defines {sorted(LABELS)}; write the templates of the new label here"
    )

# ---------------------------------------------------------------------------------------------
# Noise
# ---------------------------------------------------------------------------------------------

_PUNCT_RE = re.compile(r"""(?<!\w)[«»"“”„,.:;!?()—–\-#№/+]+|[«»"“”„,.:;!?()—–\-#№/+]+(?!\w)""")
_WORD_RE = re.compile(r"[А-Яа-яЁёA-Za-z]{4,}")


def typo(word: str, rng: random.Random) -> str:
    """Drop one inner letter or swap two adjacent ones."""
    i = rng.randint(1, len(word) - 2)
    if rng.random() < 0.5:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def add_typos(text: str, rng: random.Random, rate: float = TYPO_RATE) -> str:
    """Put a typo into each word of 4+ letters with probability ``rate``."""
    return _WORD_RE.sub(lambda m: typo(m.group(0), rng) if rng.random() < rate else m.group(0), text)


def strip_punct(text: str) -> str:
    """Remove punctuation that is not inside a word or number (keeps «15.03», «10:00», «Ладога-Сервис»)."""
    return re.sub(r"\s+", " ", _PUNCT_RE.sub(" ", text)).strip()


def add_noise(text: str, label: str, rng: random.Random) -> str:
    """Typos, casing, punctuation loss, emoji and phone numbers; none of them changes the label."""
    text = add_typos(text, rng)
    if rng.random() < 0.6:
        text = text[:1].upper() + text[1:]
    if rng.random() < PHONE_RATE and label != "delegable" and not re.search(r"\d{3}-\d{2}-\d{2}|\d{10}", text):
        text = f"{text} {phone(rng)}"
    if rng.random() < STRIP_PUNCT_RATE:
        text = strip_punct(text)
    if rng.random() < LOWERCASE_RATE:
        text = text.lower()
    if rng.random() < EMOJI_RATE:
        e = rng.choice(EMOJI)
        text = f"{e} {text}" if rng.random() < 0.5 else f"{text} {e}"
    return text


# ---------------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------------


def norm_key(text: str) -> str:
    """The key under which texts must be distinct: lower case, ё→е, non-word runs → one space."""
    return re.sub(r"[\W_]+", " ", text.lower().replace("ё", "е")).strip()


def label_quotas(n: int) -> dict[str, int]:
    """n/4 records per label; when n is not a multiple of 4 the first labels get one more."""
    base, extra = divmod(n, len(LABELS))
    return {label: base + (i < extra) for i, label in enumerate(LABELS)}


def make_record(label: str, rng: random.Random) -> dict[str, str]:
    """One record of ``label`` from a weighted random template, with noise applied."""
    templates = TEMPLATES[label]
    template_id, func, _ = rng.choices(templates, [w for *_, w in templates])[0]
    text = add_noise(func(rng), label, rng)
    return {"text": text, "label": label, "source": SOURCE, "template": template_id}


def generate(n: int = DEFAULT_N, seed: int = DEFAULT_SEED, progress: bool = False) -> list[dict[str, str]]:
    """Generate ``n`` distinct records balanced over the labels, deterministic for ``seed``.

    Raises RuntimeError when the templates cannot produce enough distinct texts.
    """
    if n < len(LABELS):
        raise ValueError(f"n must be at least {len(LABELS)}")
    rng = random.Random(seed)
    seen: set[str] = set()
    records: list[dict[str, str]] = []
    with tqdm(total=n, disable=not progress, desc="generating", unit="rec") as bar:
        for label, quota in label_quotas(n).items():
            made, attempts = 0, 0
            while made < quota:
                attempts += 1
                if attempts > quota * 200:
                    raise RuntimeError(f"only {made} distinct {label} texts after {attempts} attempts")
                record = make_record(label, rng)
                key = norm_key(record["text"])
                if not key or key in seen:
                    continue
                seen.add(key)
                records.append(record)
                made += 1
                bar.update(1)
    rng.shuffle(records)
    return records


def write_jsonl(records: Iterable[dict[str, str]], path: Path) -> None:
    """Write records one JSON object per line, UTF-8 with real Cyrillic."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=DEFAULT_N, help=f"number of records (default {DEFAULT_N})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument(
        "-o", "--output", type=Path, default=DEFAULT_OUTPUT, help=f"output file (default {DEFAULT_OUTPUT})"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Generate the records and write them; print a one-line summary to stderr."""
    args = parse_args(argv)
    records = generate(args.n, args.seed, progress=sys.stderr.isatty())
    write_jsonl(records, args.output)
    print(f"wrote {len(records)} records to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
