"""May a hint quote the company the extractor found? Only when its span in the text is certain.

"A wrong company is worse than none" (issue 11): a name cut short («Право и Бизнес» → «Бизнес»,
«Керамика Дона» → «Керамика», «Форма 1» → «Форма», ДК «Октябрь» → «ДК»), a brand or a model taken
for the client («презентацию Rotoforno», «follow-up Kolbrecht», «ЭКГ-5А») must not head an example.
This module looks at what stands around the span in the normalised text and says whether the span
can be the whole name; the hint (taskqual/hints.py) calls it in one place and says «клиент» when not.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from taskqual.companies import (
    ACTION_NOUNS,
    BUSINESS_WORDS,
    DESCRIPTORS,
    LEGAL_FORMS,
    SHORTHAND,
    Found,
    latin_gibberish,
    layout_decoded,
    locate,
)
from taskqual.lang_ru import (
    BODY_HEADS,
    BOOTH_WORDS,
    CITY_SHORTHAND,
    DEDICATION_HEADS,
    DOCUMENT_OBJECTS,
    EVENT_WORDS,
    FOLLOW_UP_WORDS,
    ID_LABELS,
    MARKETPLACES,
    NAME_REGIONS,
    NUMBERED_ORGS,
    ORG_HEADS,
    PRODUCT_OBJECTS,
    TENDER_PLATFORMS,
    TENDER_WORDS,
    VENUE_ERRANDS,
    VENUE_NOUNS,
)
from taskqual.lang_ru import SHORTHAND as SALES_SHORTHAND
from taskqual.morphology import analyzer, is_genitive_noun, is_known_word, parse

# Right after the span: something that may continue the name.
_CAPITAL_NEXT_RE = re.compile(r"\s+[«\"„]?[A-ZА-ЯЁ]")  # «Керамика| Дона», «Пасека Медовый| Спас»
_PERSON_NEXT_RE = re.compile(r"\s+[А-ЯЁ][а-яё-]+\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.")  # «Института металлургии| Петров А.А.»
_AND_NEXT_RE = re.compile(r"\s*(?:и|&)\s*[«\"„]?[A-ZА-ЯЁ]")  # «Звуку| и Свету», «Право| & Бизнес»
_AND_LOWER_NEXT_RE = re.compile(r"\s+и\s+([а-яё]+)(?![\w-])")  # «клиника Мать| и дитя»
_AND_BEFORE_RE = re.compile(r"[A-ZА-ЯЁ][\w-]*[»\"“]?\s*(?:и|&)\s*$")  # «Право и |Бизнес»
_HYPHEN_NEXT_RE = re.compile(r"-[\w]")  # «Лакокраски|-Урал»
_QUOTE_OR_BRACKET_NEXT_RE = re.compile(r"\s*[«\"„(\[]")  # «ДК| «Октябрь»», «Форма 1| (Самара)»
_CITY_BRACKET_RE = re.compile(r"\s*\(\s*([А-ЯЁ][\w-]*)\s*\)")  # «(Самара)», «(Ростов-на-Дону)»
# A number: «Форма| 1». A quantity («Вектор 200 шт.») or a date («Ромашка 15.03») does not continue a name.
# An INN or a phone («Ромашка 7451234567», «Ашан 8 800 …») is no name's number either.
_NUMBER_NEXT_RE = re.compile(r"\s+\d{1,4}(?!\d)(?![.,:/]\d)(?!\s+[а-яёa-z\d])")
_NUMBER_SIGN_NEXT_RE = re.compile(r"\s*№\s?\d")
_NEXT_WORD_RE = re.compile(r"\s+([A-ZА-ЯЁ][\w-]*)")
_LOWER_NEXT_RE = re.compile(r"\s+([а-яё]+)(?![\w-])")
_LATIN_BEFORE_RE = re.compile(r"(?<![\w-])([A-Za-z][\w&'.-]*)\s+$")  # «iFit |Group»
_LATIN_FUNCTION_WORDS = FOLLOW_UP_WORDS | frozenset("up re fw fwd to for".split())  # «follow up |Organic Lab»
_NAMED_NEXT_RE = re.compile(r"\s+(?:им\.|имени\s)")  # «ГКБ №1| им. Пирогова»: the patron is the name's
_BY_NEXT_RE = re.compile(r"\s+по\s+[а-яё]")  # «Дирекция| по эксплуатации зданий»
_SITE_OPENERS = frozenset("жк тц трц бц".split())  # residential and shopping complexes: sites of work
_AT_SITE_RE = re.compile(
    r"(?i)(?<!\w)(?:(?:в|на|во)\s+(?:объекте\s+|площадке\s+|территории\s+)?"
    r"|(?:в|на|во)\s+[а-яё-]+\s+(?:у|около|возле|напротив)\s+)$"  # «на щите у |ТЦ Рассвет»: where it stands
)
# A number or a letters-and-digits token right after a Latin name: its model («Matrice 350», «Yamaha F310»).
_MODEL_NUMBER_NEXT_RE = re.compile(r"\s+(?:\d+|[A-Za-z]{1,3}\d+)(?![\w.,:/])")
# A model code: letters and digits, «ЭКГ-5А», «МБ-7», «ВП-3000», «ХВ-785».
# «ЭКГ-5А», «УРБ-2А2», «ВР-80-75» (a fan's series and size)
_MODEL_CODE_RE = re.compile(r"[A-ZА-ЯЁ]{1,4}-?\d+(?:[A-ZА-ЯЁа-яё]{1,2}\d*)?(?:[-.]\d+[A-ZА-ЯЁа-яё]{0,2})*")
_ON_BEFORE_RE = re.compile(r"(?i)(?<!\w)на\s+$")  # «шатров на |Нашествии»
_ABBR_NUMBER_NEXT_RE = re.compile(r"\s+\d{1,4}(?!\d)")  # «ГКБ| 15 на чт»


def _place_after_abbreviation(name: str, before: str) -> bool:
    """A quoted place name after an abbreviation («ФК «Урал»», «ХК «Сибирь»», «ФК «Ростов»»): quoted alone
    it names a region or a city, not the client."""
    words = before.split()
    abbreviation = bool(words) and words[-1].isupper() and words[-1].isalpha() and len(words[-1]) <= 4
    return abbreviation and " " not in name and (name.lower() in NAME_REGIONS or _is_city(name, known=True))


def _name_before_quote(before: str) -> bool:
    """The words right before an opening quote belong to the name: a number or an abbreviation with a
    slash («МАДОУ д/с №27 «Радуга»»), or a capitalised head and its genitive («Театр кукол «Петрушка»»,
    «Дом культуры «Заря»»); not a descriptor alone («агрофирма «Заря»», «санаторий «Прибой»»)."""
    words = before.split()
    if not words or words[-1][-1] in ",:;—-(":
        return False
    last = words[-1]
    if any(c.isdigit() for c in last) or "/" in last:
        return True
    if len(words) < 2 or not words[-2][:1].isupper() or not last.isalpha() or not last.islower():
        return False
    w = parse(last)
    return w.pos == "NOUN" and "gent" in w.tags


_FOR_NAME_RE = re.compile(r"\s+для\s+[«\"]?[А-ЯЁA-Z]")  # «КБ-405| для Вектора»
_SLASH_NEAR_RE = re.compile(r"\s*/\s*[«\"]?[А-ЯЁA-Z]")  # «Айсберг| / Снежинка»
_SLASH_BEFORE_RE = re.compile(r"[А-ЯЁA-Za-zа-яё»\"]\s*/\s*$")  # «Мясной двор / |Айсберг»
_CONTACTS_FROM_RE = re.compile(
    r"(?i)(?:контакт|визитк|визиток|лид)\w*\s+(?:[^\s]+\s+)?(?:с|со)\s+$"
)  # «визитки с |WasteTech»


_DOC_NUMBER_END_RE = re.compile(r"\s(?:№|No|#)\s?[\w/-]*\d[\w/-]*$")  # «КормИнвест| №771»
_DISTRICT_NEXT_RE = re.compile(r"(?i)\s+(?:р-на|р-н|района|округа|поселения|с/п)(?![\w-])")  # «Жилищник| р-на Марьино»
_SHORT_WORD_DOT_RE = re.compile(r"\.\s*(?:№|#|\d)")  # «Дог|. №ТП-112/25»: a shortened word before a number
_PLOT_NEXT_RE = re.compile(r"(?i)\s*,?\s*(?:уч\.|уч-к|участок)\s*№?\s*\d")  # «СНТ Берёзка|, уч. 47»
_FOR_BEFORE_RE = re.compile(r"(\S+)\s+для\s+$")  # «АКБ для |Jungheinrich ETV»


def _at_site(norm: str, found: Found) -> bool:
    """The span is a complex after «в/на» («в ЖК Солнечный», «в БЦ «Сенатор»»): a place."""
    return bool(found.opener and found.opener.lower() in _SITE_OPENERS and _AT_SITE_RE.search(norm, 0, found.start))


_VENUE_BEFORE_RE = re.compile(r"(?i)(?<!\w)(?:в|во|на)\s+([а-яё-]+)\s+[«\"]?$")  # «в башню |Федерация»


_VENUE_AFTER_RE = re.compile(r",\s*([а-яё-]+)")  # «в Москва-Сити|, башня Федерация»


_LATIN_RE = re.compile(r"[A-Za-z]")
_CYRILLIC_RE = re.compile(r"[А-Яа-яЁё]")
_NOTE_IN_BRACKETS_RE = re.compile(r"\s*\(\s*[а-яё]")  # «ИП Хасанов (шаурма на Ленина)»
_UNIT_BEFORE_RE = re.compile(r"([А-ЯЁ][а-яё]+)\s+№\s?\d+\s+$")  # «Аптека №5 |ГУП «Фармация»»
_NUMBERED_RECORDS = frozenset("сделка лид заявка задача лот".split()) | TENDER_WORDS


def _unit_before(norm: str, found: Found) -> bool:
    """A capitalised unit with its number right before the name («Аптека №5 ГУП «Фармация»», «Филиал №2
    ООО «Вектор»»), not a deal or a document («Сделка №4512 Зебра», «Счёт №12 Ромашка»)."""
    m = _UNIT_BEFORE_RE.search(norm, 0, found.start)
    if m is None:
        return False
    lemma = parse(m[1].lower()).lemma
    return lemma not in _NUMBERED_RECORDS and lemma not in DOCUMENT_OBJECTS


_WITH_SOMEONE_RE = re.compile(r"(?<!\w)(?:с|со)\s+[«\"]?[А-ЯЁA-Z]")
_IN_BEFORE_RE = re.compile(r"(?i)(?<!\w)(?:в|во)\s+[«\"]?$")  # «встреча в |«Хилтоне»»


def _at_venue(norm: str, found: Found) -> bool:
    """In a meeting's text, the place: a name after «в» («встреча в «Хилтоне» … с Дорофеевым»), after
    «в/на» and a venue noun («в башню Федерация», «в ресторане «Пушкин»»), or before a comma and one
    («в Москва-Сити, башня Федерация»)."""
    if _IN_BEFORE_RE.search(norm, 0, found.start) and _WITH_SOMEONE_RE.search(norm, found.end):
        return True  # «встреча в «Хилтоне» … с Дорофеевым» («встреча в Гаранте» is at the client's)
    m = _VENUE_BEFORE_RE.search(norm, 0, found.start)
    if m is not None and parse(m[1]).lemma in VENUE_NOUNS:
        return True
    after = _VENUE_AFTER_RE.match(norm, found.end)
    return (
        after is not None
        and _AT_SITE_RE.search(norm, 0, found.start) is not None
        and parse(after[1]).lemma in VENUE_NOUNS
    )


def _meeting(norm: str) -> bool:
    """The text is about meeting someone or getting in somewhere (a meeting, a meal, a pass): the
    place named is the venue («встреча в БЦ «Сити Плаза» с …»), not the client («замер в ТЦ «Гагарин»»)."""
    return any(parse(w.strip('.,:;!?()"«»').lower()).lemma in VENUE_ERRANDS for w in norm.split())


def _glued(norm: str, found: Found) -> bool:
    """The span is part of a longer token: «договор 45-ДП/2025» holds no name «ДП»."""
    before, after = norm[found.start - 1 : found.start], norm[found.end : found.end + 1]
    glued_before = bool(before) and (before.isalnum() or before in "-/")
    return glued_before or (bool(after) and (after.isalnum() or after in "/"))


def _previous_lemma(norm: str, found: Found) -> str:
    before = norm[: found.start].split()
    return parse(before[-1].strip('.,:;()"«»').lower()).lemma if before else ""  # «(храм Покрова)»


def _document_number(span: str, norm: str, found: Found) -> bool:
    """The span ends with the number of the document named right before it: «висит счёт КормИнвест
    №771» is the invoice's number glued to the name (not «ГКБ №4», «Хлебозавод №5»)."""
    return bool(_DOC_NUMBER_END_RE.search(span)) and _previous_lemma(norm, found) in DOCUMENT_OBJECTS


def _in_bracket_list(norm: str, found: Found) -> bool:
    """The span is one item of a list in brackets: «мониторинг тендеров (zakupki, B2B-Center)» lists
    platforms or sources, not the client."""
    opened, closed = norm.rfind("(", 0, found.start), norm.find(")", found.end)
    if opened < 0 or closed < 0 or ")" in norm[opened : found.start] or "(" in norm[found.end : closed]:
        return False
    return "," in norm[opened : found.start] or "," in norm[found.end : closed]


def _abbreviation(word: str) -> bool:
    """Mostly capitals: «ФБУЗ», «ЦГиЭ», «ГКБ» (not a name in camel case: «Клей-Мастер», «FitZone»)."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and 2 * sum(c.isupper() for c in letters) >= len(letters) + 1


def _abbreviations_before_city(span: str, after: str) -> bool:
    """A name of abbreviations followed by a city («ФБУЗ ЦГиЭ Калуга», «ГКБ Тверь»): a public body
    whose city is part of its name, unlike a company's («Ромашка Казань»: where the client is)."""
    words = span.split()
    if not words or not all(_abbreviation(w) for w in words):
        return False
    m = _NEXT_WORD_RE.match(after)
    return m is not None and _is_city(m[1])


def _equipment_for(name: str, norm: str, found: Found) -> bool:
    """A Latin name after a parts abbreviation and «для»: «АКБ для Jungheinrich ETV», «ЗИП для Komatsu»
    name the machine the parts are for («КП для Vector Group», «клюквы для Fresh Nordic AB» name the client)."""
    m = _FOR_BEFORE_RE.search(norm, 0, found.start)
    if not name.isascii() or m is None:
        return False
    word = m[1].strip(".,:;")
    return word.isupper() and word.isalpha() and not word.isascii() and word.lower() not in SHORTHAND


def _abbreviation_aside(span: str, norm: str, found: Found) -> bool:
    """An all-caps abbreviation (not a legal form) that neither opens the text nor follows a
    preposition other than «по»: «расчёт окупаемости УЗВ», «ТКП на ТО АПС», «тендер … по АПС»."""
    if found.opener is not None or found.quoted or not (span.isupper() and span.isalpha() and len(span) <= 5):
        return False
    before = norm[: found.start].split()
    if not before:
        return False
    prev = before[-1].lower()
    if prev in ("по", "на"):
        return True  # «тендер по АПС», «тендерам на ПГМ»: what is bought
    return parse(prev).pos not in ("PREP", "INFN", "VERB") and before[-1][-1:] not in ",:;—-"


def _mixed_scripts(span: str) -> bool:
    """A word wholly in Latin and a word wholly in Cyrillic in one span; a Latin legal form does not
    count («Агро-Инвест LLC» is one name)."""
    words = [w for w in span.split() if w.lower().strip(".,") not in LEGAL_FORMS]
    scripts = {("latin" if _LATIN_RE.search(w) else "") + ("cyrillic" if _CYRILLIC_RE.search(w) else "") for w in words}
    return {"latin", "cyrillic"} <= scripts


def _layout_parts(name: str) -> bool:
    """A part of a hyphenated Latin name is Russian typed in the wrong layout («Kfqa-|Vtl» = «Лайф-Мед»)."""
    return "-" in name and latin_gibberish(" ".join(p for p in name.split("-") if p))


def _capital_noun_before(before: str) -> bool:
    """A capitalised word that is no verb, preposition or descriptor right before the span, and not the
    text's first word («с Офис Лофт», «ООО Стоп Вор»): it may be the name's start."""
    words = before.split()
    if len(words) < 2 or not words[-1][:1].isupper() or not words[-1].isalpha() or words[-1].isupper():
        return False
    w = parse(words[-1].lower())  # a descriptor («Завод», «Мясокомбинату») is put back by with_descriptor
    if w.lemma in DESCRIPTORS or w.lemma.endswith(ORG_HEADS):
        return False
    return w.pos not in ("VERB", "INFN", "PREP", "CONJ", "PRCL")  # «ООО Стоп| Вор», «с Офис| Лофт»


def addressee(norm: str, found: Found) -> bool:
    """A first name in the dative heads the line before a colon or a dash («Ире: …», «Свете — …»)."""
    if found.start != 0 or found.opener or found.quoted or " " in norm[found.start : found.end].strip():
        return False
    if norm[found.end :].lstrip()[:1] not in (":", "-", "—", "–"):
        return False
    word = norm[found.start : found.end].strip().lower()
    return any("Name" in p.tag and p.tag.case == "datv" for p in analyzer().parse(word))


def _region_of(name: str) -> bool:
    """The name after a form is one place in an oblique case («ДК Поволжья», «школы Урала»)."""
    if " " in name or not name.isalpha():
        return False
    parses = analyzer().parse(name.lower())
    return all("Geox" in p.tag and p.tag.case != "nomn" for p in parses[:2]) and parses[0].is_known


_QUOTED_HEAD_RE = re.compile(r"[\"«„“][^\"«»„“”]{2,40}[\"»“”]")


def _trade_name_before(before: str) -> bool:
    """The line opens with a name of its own right before an unquoted legal form: capitalised first,
    and no verb, preposition or digit up to the form («Медовый двор ИП Гарипов Р.Р.», «Кафе Уют ИП
    Сидоров»). The client goes by that trade name; the form and its holder are only half of it."""
    if _QUOTED_HEAD_RE.fullmatch(before.strip()):
        return True  # «"Вечная память" ИП Зотов»: the trade name in quotes, then its holder
    words = before.split()
    if not 2 <= len(words) <= 4 or not words[0][:1].isupper() or words[0].isupper():
        return False  # one word before the form is as often a city or an event («Караганда ТОО …»)
    for word in words:
        if not word.replace("-", "").isalpha():
            return False
        w = parse(word.lower())
        if w.pos in ("VERB", "INFN", "PREP", "CONJ", "PRCL", "PRTS") or w.lemma in _TASK_NOUNS or "Geox" in w.tags:
            return False  # «Звонок ООО Монолит …», «Нур-Султан ТОО …»: the task or the place, not a name
    return True


_TASK_NOUNS = ACTION_NOUNS | BUSINESS_WORDS


_ABBREVIATED_NAME_RE = re.compile(r"[А-ЯЁA-Z]{2,}(?:-|$)")  # «ЖД-Сервис», «СТК»: a name of its own


def _first_name_heads(span: str) -> bool:
    """A known first name in a span of several words («Алексей Ивтекс», «Лебедева Анна ФК»): a
    contact and the company, not one name."""
    words = span.split()
    if len(words) < 2:
        return False

    def tagged(word: str, tag: str) -> bool:
        low = word.lower()
        if not (word[:1].isupper() and not word.isupper() and is_known_word(low)):
            return False  # an unknown form has no dictionary reading to be a name: no guess to pay for
        first = analyzer().parse(low)[0]
        return tag in first.tag and first.is_known

    if tagged(words[0], "Name"):
        return True  # «Алексей Ивтекс»
    # «встреча Брянцев ЖД-Сервис»: the contact's surname, then an abbreviated company («Парадиз Маркет» is one name)
    if (
        len(words) == 2
        and tagged(words[0], "Surn")
        and tagged(words[0], "nomn")
        and _ABBREVIATED_NAME_RE.match(words[1])
    ):
        return True
    return any(tagged(a, "Surn") and tagged(b, "Name") for a, b in pairwise(words))  # «Лебедева Анна ФК»


def _common_noun(span: str) -> bool:
    """One capitalised dictionary common noun («Нашествии»), not an organisation or an unknown word."""
    if " " in span:
        return False
    w = parse(span.lower())
    return w.known and w.pos == "NOUN" and "Orgn" not in w.tags


def _route(span: str) -> bool:
    """Two places joined by a hyphen, one of them shortened («Мск-Казань», «Спб-Мск»): a route."""
    parts = span.split("-")
    if len(parts) != 2 or not all(parts):
        return False
    short = [p.lower() in CITY_SHORTHAND for p in parts]
    return any(short) and all(s or _is_city(p, known=True) for s, p in zip(short, parts, strict=True))


def _is_city(word: str, *, known: bool = False) -> bool:
    """A word pymorphy3 reads as a place name («Самара», «Ростов-на-Дону»); with ``known``, only a
    dictionary word («Орёл», «Пермь»), not a guess for an unknown name."""
    return any("Geox" in p.tag and (p.is_known or not known) for p in analyzer().parse(word.lower()))


def _plain_next(after: str) -> bool:
    """The capitalised word after the span is no more of the name: an INN's label, sales shorthand, or a city in the
    nominative («Ромашка Казань», «Альфа-Трейд Новосибирск»: where the client is)."""
    m = _NEXT_WORD_RE.match(after)
    if m is None:
        return False
    word = m[1]
    if word in ID_LABELS or word.lower() in SHORTHAND:
        return True  # «Вектор ЛПР в отпуске», «Кедр ИНН …»
    if word.lower() in NAME_REGIONS:
        return False  # «Эскалатор-Сервис Урал»: a region ends the name
    parses = analyzer().parse(word.lower())
    if any(p.tag.POS == "ADJF" and "Poss" not in p.tag for p in parses):
        return False  # «Marriott Тверская»: an adjective (a street's) is more of the name («Иваново» is a city)
    return any("Geox" in p.tag and p.tag.case == "nomn" for p in parses)


def _opener_name_goes_on(after: str) -> bool:
    """After a name with an unquoted legal form: a capitalised word (a place included) or a word the
    dictionary does not know («груп») may be the rest of the name."""
    if _CAPITAL_NEXT_RE.match(after) and not _PERSON_NEXT_RE.match(after):
        word = _NEXT_WORD_RE.match(after)
        return not (word and (word[1] in ID_LABELS or word[1].lower() in SHORTHAND))
    m = _LOWER_NEXT_RE.match(after)
    if m is not None and parse(m[1]).lemma in BODY_HEADS:
        return True  # «ГБУЗ Гор| больница №3»: an institution's head after a shortened word
    return m is not None and len(m[1]) > 2 and not parse(m[1]).known


def _body_goes_on(span: str, norm: str, end: int) -> bool:
    """A public body's name goes on after the span: its patron («им. Пирогова»), or its subject after
    a head such as «Дирекция», «Управление» («по эксплуатации зданий»); «ООО Промлогистик по
    отгрузке» is a company and its topic."""
    if _NAMED_NEXT_RE.match(norm, end):
        return True
    last = span.split()[-1].lower() if span.split() else ""
    return bool(_BY_NEXT_RE.match(norm, end)) and parse(last).lemma in BODY_HEADS


def _org_word(span: str) -> bool:
    """The span ends with a capitalised word naming a kind of organisation («Агрохолдинг»,
    «Птицефабрика», «Гранд Отель»), which a real name follows («Агрохолдинг Кубань», «Гранд Отель Европа»)."""
    last = span.split()[-1] if span.split() else ""
    if not last[:1].isupper() or last.isupper():
        return False
    lemma = parse(last.lower()).lemma
    return lemma in DESCRIPTORS or lemma.endswith(ORG_HEADS)


_LOWER_WORDS_NEXT_RE = re.compile(r"(?:\s+[а-яё]+(?![\w-]))+")


def _adjective_before_noun(span: str, after: str) -> bool:
    """The span ends with an adjective and lower-case adjectives and a noun follow, the rest of the
    name: «Свято-Никольский| приход», «ГБУК Омский| краеведческий музей»."""
    m = _LOWER_WORDS_NEXT_RE.match(after)
    last = span.split()[-1].rsplit("-", 1)[-1].lower()
    adjective = parse(last).pos == "ADJF" or (
        is_known_word(last) and any(p.tag.POS == "ADJF" for p in analyzer().parse(last))
    )  # «Свято-Троицкий| собор»: «Троицкий» is also a surname
    if m is None or not adjective:
        return False
    for word in m[0].split():
        pos = parse(word).pos
        if pos != "ADJF":
            return pos == "NOUN"
    return False


def _genitive_next(after: str) -> bool:
    """A lower-case dictionary noun in the genitive right after the name, maybe after its adjectives:
    «Точка| сборки», «Мир| рыбалки», «АНО Центр| инновационной стоматологии»."""
    m = _LOWER_WORDS_NEXT_RE.match(after)
    for word in m[0].split() if m else ():
        if is_genitive_noun(word):
            return True
        if not any(p.tag.POS == "ADJF" and p.tag.case == "gent" for p in analyzer().parse(word)):
            return False
    return False


def _continues(after: str, span_caps: bool = False) -> bool:
    """The text right after the span may be more of the name."""
    if _CAPITAL_NEXT_RE.match(after) and not _PERSON_NEXT_RE.match(after) and not _plain_next(after):
        return True  # a capitalised word, unless a person with initials, a city or an INN follows the name
    if _AND_NEXT_RE.match(after) or _HYPHEN_NEXT_RE.match(after):
        return True
    noun_after_and = _AND_LOWER_NEXT_RE.match(after)
    if noun_after_and and parse(noun_after_and[1]).pos == "NOUN":
        return True  # «Мать| и дитя»: «и» and a noun, not «и» and the next step («Альфе и узнать»)
    if _NUMBER_NEXT_RE.match(after) or _NUMBER_SIGN_NEXT_RE.match(after):
        return True  # «Форма| 1», «МАДОУ детский сад| №203 "Ладушки"»
    if span_caps and _ABBR_NUMBER_NEXT_RE.match(after):
        return True  # «ГКБ| 15 на чт»: an abbreviation and its number
    if _NOTE_IN_BRACKETS_RE.match(after):
        return False  # «ИП Хасанов (шаурма на Ленина)»: a note in brackets
    city = _CITY_BRACKET_RE.match(after)
    if city and _is_city(city[1]):
        return False  # «Керамика Дона (Ростов-на-Дону)»: the city in brackets is not the name's
    return bool(_QUOTE_OR_BRACKET_NEXT_RE.match(after))


def _goods_noun(word: str) -> bool:
    """A lower-case noun for goods («гитары», «импланты», an unknown «стоматкресла»): not a party
    («клиент»), a document («договор», «счёт») or an action («звонок»), after which a Latin name is
    the brand, not the client."""
    if not (word.isalpha() and word.islower()) or word.isascii():
        return False
    w = parse(word)
    return (
        (w.known or len(word) > 5)
        and w.pos == "NOUN"
        and not (w.lemma in BUSINESS_WORDS or w.lemma in DESCRIPTORS or w.lemma in ACTION_NOUNS)
    )


def _brand_in_text(name: str, norm: str) -> bool:
    """A Latin one-word name the text also uses as a product («презентацию Rotoforno», «колонки
    Kolbrecht», «по печам Rotoforno») or names only after «follow-up»: a brand, not the client."""
    words = [w.strip(".,:;!?()\"'«»") for w in norm.split()]
    lows = [w.lower() for w in words]
    for i, w in enumerate(words):
        if w != name:
            continue
        before = lows[:i]
        if before and all(b in FOLLOW_UP_WORDS or not b for b in before):
            return True
        if i and (parse(lows[i - 1]).lemma in PRODUCT_OBJECTS or _goods_noun(words[i - 1])):
            return True  # «колонки Kolbrecht», «гитары Fender»
        if i > 1 and lows[i - 2] == "по" and lows[i - 1].isalpha():
            return True  # «по печам Rotoforno»
        if i > 1 and lows[i - 1] == "по" and parse(lows[i - 2]).lemma in PRODUCT_OBJECTS:
            return True  # «презентацию по Jotun»: what the presentation is about
        if (
            i > 1
            and lows[i - 1] == "на"
            and (lows[i - 2] in SALES_SHORTHAND or parse(lows[i - 2]).lemma in DOCUMENT_OBJECTS)
        ):
            return True  # «ТКП на Sungrow», «счёт на Bosch»: what the offer is for
    return False


def with_descriptor(norm: str, found: Found | None) -> str | None:
    """The name with the capitalised descriptor the manager wrote before it («Комбинат Заря», «Кафе
    Дружба»), which the extractor leaves out of the company; None when there is none."""
    if found is None or found.opener is not None:
        return None
    before = norm[: found.start].split()
    if not before:
        return None
    word = before[-1].strip('«"(')
    if word.isascii():
        word = layout_decoded(word) or ""  # «Rjv,byfn Pfhz»: «Комбинат Заря» typed in the wrong layout
    if not (word[:1].isupper() and parse(word.lower()).lemma in DESCRIPTORS):
        return None
    name = found.decoded or norm[found.name_start : found.name_end].strip()
    return f"{word} {name}"


def _code_word(word: str) -> bool:
    """A hyphenated letters-and-digits model code («КВ-2», «ТМГ-400»), not a numbered organisation
    («СУ-155») nor a brand with a digit («X5 Group»)."""
    return (
        "-" in word and _MODEL_CODE_RE.fullmatch(word) is not None and word.split("-")[0].lower() not in NUMBERED_ORGS
    )


def model_code(norm: str, found: Found) -> bool:
    """The span is a letters-and-digits model code («ТПМ-4», «ЭКГ-5А»), not a numbered organisation."""
    span = norm[found.start : found.end].strip()
    return (
        found.opener is None
        and not found.quoted
        and _MODEL_CODE_RE.fullmatch(span) is not None
        and span.split("-")[0].lower() not in NUMBERED_ORGS
    )


@lru_cache(maxsize=4096)  # the verdict's company and its hint ask about the same span
def certain_span(norm: str, found: Found | None = None) -> bool:
    """The company located in ``norm`` (``found``, else :func:`taskqual.companies.locate`) can be
    quoted in a hint: nothing around it may be more of its name, and it is no brand or model code.

    >>> certain_span("Ромашка — счёт №418"), certain_span("отгрузки Хлебу и Соли за год")
    (True, False)
    >>> certain_span("перевести презентацию Bellatoni на немецкий")
    False
    """
    found = found or locate(norm)
    if found is None:
        return False
    span = norm[found.start : found.end].strip()
    name = norm[found.name_start : found.name_end].strip(' "«»')
    if _at_site(norm, found) and (not found.quoted or _meeting(norm) or (found.opener or "").lower() == "бц"):
        return False  # «фотоотчёт … в ЖК Солнечный», «встреча в БЦ «Сенатор»»: where the work or the meeting is
    if _at_venue(norm, found) and _meeting(norm):
        return False  # «пропуск в башню Федерация на встречу с …», «ужин в ресторане Пушкин»: the venue
    if (_glued(norm, found) and not found.quoted) or name.lower() in TENDER_PLATFORMS:
        return False  # «договор 45-ДП/2025»: part of a number; «Сбербанк-АСТ»: where tenders are held
    if name.lower() in MARKETPLACES and _ON_BEFORE_RE.search(norm, 0, found.start):
        return False  # «карточки на Wildberries»: where the goods are sold («тендер Озона» may be the client)
    if name.isascii() and not found.quoted and found.opener is None and _ON_BEFORE_RE.search(norm, 0, found.start):
        return False  # «по печати на Formlabs»: the machine or the platform the work is on
    if _unit_before(norm, found):
        return False  # «Аптека №5 ГУП «Фармация»»: a numbered unit of the organisation is the client
    if _route(span):
        return False  # «билеты на группу Мск-Казань»: a route, not a name
    if addressee(norm, found):
        return False  # «Ире: распечатать ТКП для …»: the colleague the line is addressed to
    if found.quoted and found.opener:
        return True  # «ООО «ТехноПарк» 7804…»: the quotes close the name
    if found.opener and _region_of(name):
        return False  # «театры и ДК Поволжья»: the kind of organisation and where, not one of them
    if found.opener and _trade_name_before(norm[: found.start]):
        return False  # «Медовый двор ИП Гарипов Р.Р.»: the holder's form, not the name the client goes by
    if found.quoted and not found.opener and _place_after_abbreviation(name, norm[: found.start]):
        return False  # «ФК «Урал»», «ХК «Сибирь»»: the place alone reads as a region, not the club
    if found.quoted and _name_before_quote(norm[: found.start]):
        return False  # «Театр кукол «Петрушка»», «МАДОУ д/с №27 "Радуга"»: the quotes close only part of it
    latin_before = _LATIN_BEFORE_RE.search(norm, 0, found.start)
    if latin_before and latin_before[1].lower() not in _LATIN_FUNCTION_WORDS:
        return False  # «iFit Group»: a Latin word right before the name is the name's start
    if norm.isupper() and " " in norm:
        return True  # «ВЕКТОР СЧЁТ»: in a text in capitals every word is capitalised
    if _continues(norm[found.end :], span.isupper()) or _AND_BEFORE_RE.search(norm[: found.start]):
        return False
    if _capital_noun_before(norm[: found.start]):
        return False  # «созвон с Офис| Лофт»: a capitalised word before the name may be its start
    if found.opener and not found.quoted and _opener_name_goes_on(norm[found.end :]):
        return False  # «ООО Ромашка| Казань», «АО Евроцемент| груп»: a form's name may go on with a place or a word
    if (
        found.opener
        and not found.quoted
        and (_genitive_next(norm[found.end :]) or _body_goes_on(span, norm, found.end))
    ):
        return False  # «ГКУ Управление| автодорог…», «ГБУ Дирекция| по эксплуатации…», «ГКБ №1| им. Пирогова»
    if not found.quoted and found.opener is None and " " not in span and _genitive_next(norm[found.end :]):
        return False  # «коворкинг Точка сборки»: the one word found is the head of a longer name
    if (span.isupper() or _org_word(span)) and _CAPITAL_NEXT_RE.match(norm, found.end):
        return False  # «КСК Вента», «Агрохолдинг Кубань»: a type before the name (a place-like name included)
    if _adjective_before_noun(span, norm[found.end :]):
        return False  # «Свято-Никольский приход»: the adjective found is the start of the name
    words = name.split()
    if name.isascii() and any(any(c.isdigit() for c in w) for w in words[1:]):
        return False  # «Creality K1 Max»: a model, not a client («X5 Group» keeps its first-word digit)
    if (
        " " not in span
        and found.opener is None
        and not found.quoted
        and _is_city(span, known=True)
        and not with_descriptor(norm, found)
    ):
        return False  # «…, Орёл», «франчайзи Курган»: a city names where the client is, not who
    if _mixed_scripts(span):
        return False  # «Газель NEXT»: Cyrillic and Latin in one span is a product and its model
    if _abbreviation_aside(span, norm, found):
        return False  # «окупаемости УЗВ для …», «ТО АПС», «по АПС»: a system's abbreviation, not the client
    if (
        _FOR_NAME_RE.match(norm, found.end)
        or _SLASH_NEAR_RE.match(norm, found.end)
        or _SLASH_BEFORE_RE.search(norm[: found.start])
    ):
        return False  # «КБ-405 для Вектора»: the client is named after «для»; «Мясной двор / Айсберг»: a list
    if parse(span.split()[0].lower()).lemma in EVENT_WORDS or _CONTACTS_FROM_RE.search(norm[: found.start]):
        return False  # «Форум регионов», «40 контактов с Weldex»: an event, not a client
    if name.isascii() and _layout_parts(name):
        return False  # «Kfqa-Vtl»: Russian typed in the wrong layout that was not decoded
    if _first_name_heads(span) and (found.opener or "").lower() not in ("ип", "кфх"):
        return False  # «Алексей Ивтекс»: a contact's first name and the company, not one name
    if _ON_BEFORE_RE.search(norm[: found.start]) and not found.quoted and found.opener is None and _common_noun(span):
        return False  # «монтаж шатров на Нашествии»: a capitalised common noun after «на» is an event or a place
    if model_code(norm, found) or any(_code_word(w) for w in span.split()):
        return False  # «ЭКГ-5А», «КВ-2 ЖКХ Сервис»: a model, or a model glued to the name («СУ-155» is a name)
    if name.isascii() and _MODEL_NUMBER_NEXT_RE.match(norm, found.end):
        return False  # «DJI Matrice 350», «Yamaha F310»: a Latin name with a model number is a product
    if _document_number(span, norm, found) or _in_bracket_list(norm, found):
        return False  # «счёт КормИнвест №771»: the invoice's number; «(zakupki, B2B-Center)»: a list of sources
    previous = _previous_lemma(norm, found)
    if previous in DEDICATION_HEADS or previous in BOOTH_WORDS:
        return False  # «храм Покрова»: a church's dedication; «баннер на стенд ЭкспоКамень»: the fair
    if _DISTRICT_NEXT_RE.match(norm, found.end):
        return False  # «ГБУ Жилищник р-на Марьино»: a public body's district is part of its name
    if " " not in span and len(span) <= 4 and _SHORT_WORD_DOT_RE.match(norm, found.end):
        return False  # «Дог. №ТП-112/25», «Сч. 4410»: a shortened word, not a name
    if _abbreviations_before_city(span, norm[found.end :]) or _PLOT_NEXT_RE.match(norm, found.end):
        return False  # «ФБУЗ ЦГиЭ Калуга»: the city is the body's; «СНТ Берёзка, уч. 47»: an address
    if _equipment_for(name, norm, found):
        return False  # «АКБ для Jungheinrich ETV»: the machine the goods are for
    return not (name.isascii() and _brand_in_text(name.split()[0], norm))  # «семена Rijk Zwaan»: a brand


__all__ = ["addressee", "certain_span", "model_code", "with_descriptor"]
