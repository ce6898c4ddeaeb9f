"""Russian noun phrases for hints, inflected by pymorphy3: «счёт №418» → «по счёту №418».

Hints put the manager's own words into a sentence («получить решение по договору», «с клиентом
«Ромашка»»), so the case of a noun changes with the preposition before it. Every inflected form here
comes from pymorphy3 (``Parse.inflect``, ``make_agree_with_number``); no case ending is glued on by
hand. What a phrase cannot inflect with certainty (an abbreviation such as «КП», a name in quotes)
stays as written, which Russian allows for indeclinable words and for names after a generic noun
(«с клиентом «Ромашка»»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from taskqual.lang_ru import (
    BODY_HEADS,
    DEAL_TOPICS,
    DOCUMENT_OBJECTS,
    INSTITUTION_HEADS,
    LEGAL_FORMS,
    NOT_TOPICS,
    ORG_HEADS,
    ROLE_CLASSES,
    ROLE_WORDS,
    WHEN_LEMMAS,
)
from taskqual.morphology import analyzer

EXCERPT_LIMIT = 60
"""A hint never quotes more than this many characters of the manager's text."""

CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct"})


def excerpt(text: str, limit: int = EXCERPT_LIMIT) -> str:
    """The text cut at a word boundary to at most ``limit`` characters, «…» marking the cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-—")
    return cut + "…"


@lru_cache(maxsize=4096)
def _inflect_word(word: str, case: str, number: str | None = None, animacy: str | None = None) -> str:
    """One word in ``case`` (keeping its number unless ``number`` is given), capitals kept; an
    adjective in the accusative takes the ``animacy`` of its noun («закрывающие документы»)."""
    if not word.replace("-", "").isalpha() or (word.isupper() and len(word) > 1):
        return word  # abbreviations («КП», «ТЗ») do not decline; «офис-менеджер» does
    parses = analyzer().parse(word.lower())
    p = next((p for p in parses if p.tag.POS in ("NOUN", "ADJF", "PRTF") and "nomn" in p.tag), parses[0])
    if p.tag.POS not in ("NOUN", "ADJF", "PRTF") or "Fixd" in p.tag:
        return word
    grammemes = {case} | ({number} if number else set())
    if (
        animacy
        and case == "accs"
        and p.tag.POS in ("ADJF", "PRTF")
        and (p.tag.number == "plur" or p.tag.gender == "masc")
    ):
        grammemes.add(animacy)  # only the plural and the masculine accusative depend on animacy
    form = p.inflect(grammemes)
    if form is None:
        return word
    out = form.word
    if word[:1].isupper():
        out = out[:1].upper() + out[1:]
    return out


@dataclass(frozen=True)
class Phrase:
    """A short noun phrase: the words that decline (an adjective and its noun, in the nominative)
    and a tail that never does («№418», «на 200 шт.», «сверки»)."""

    head: tuple[str, ...]
    tail: str = ""

    def __str__(self) -> str:
        return self.form("nomn")

    def form(self, case: str) -> str:
        """The phrase in ``case`` (one of CASES)."""
        if case not in CASES:
            raise ValueError(f"unknown case {case!r}; use one of {sorted(CASES)}")
        noun = analyzer().parse(self.head[-1].lower())[0] if self.head else None
        animacy = noun.tag.animacy if noun is not None and noun.tag.POS == "NOUN" else None
        words = [_inflect_word(w, case, None, animacy) for w in self.head]
        return " ".join(words + ([self.tail] if self.tail else []))


_STRAIGHT_QUOTES_RE = re.compile(r'"([^"]*)"')


def nest_quotes(value: str, inside: bool) -> str:
    """A slot's text as it stands in a hint: inside a quoted example «…» its own quotes become „…“
    (the Russian rule for quotes inside quotes: «… клиенту „Вектор“ …», never «… «Вектор» …»);
    outside, straight quotes become «…»."""
    value = _STRAIGHT_QUOTES_RE.sub(lambda m: f"«{m.group(1)}»", value)
    return value.replace("«", "„").replace("»", "“") if inside else value


def quote_depth(text: str) -> int:
    """How many «…» quotes are open at the end of ``text`` (0 outside any quote)."""
    return text.count("«") - text.count("»")


def about(phrase: str) -> str:
    """«о» or «об» before a phrase in the prepositional case: «о договоре», «об акте», «о КП»."""
    first = phrase[:1].lower()
    return ("об " if first in "аоуэиы" else "о ") + phrase


def with_(phrase: str) -> str:
    """«с» or «со» before a phrase in the instrumental case: «с договором», «со счётом», «со спецификацией»."""
    low = phrase[:2].lower()
    consonants = "бвгджзйклмнпрстфхцчшщ"
    hard = (low[:1] in "сзшжщ" and low[1:2] in consonants) or low[:1] == "щ" or low.startswith("мн")
    return ("со " if hard else "с ") + phrase


@lru_cache(maxsize=1024)
def agree(number: int, word: str) -> str:
    """«2 дня», «5 дней», «21 день»: a number and a noun that agrees with it."""
    p = analyzer().parse(word)[0]
    form = p.make_agree_with_number(number)
    return f"{number} {form.word if form else word}"


_TAIL_RE = re.compile(
    r"\s*(?:(?:№|#|N)\s?[\w/-]*\d[\w/-]*|на\s+\d[\d\s]*(?:шт\.?|штук|позици\w*|%|руб\.?|тыс\.?|т\.?|м2|кг)"
    r"|сверки|поставки|на\s+(?:подпись|оплату|предоплату))"
)
_WORD_RE = re.compile(r"[А-Яа-яЁёA-Za-z-]+")


def find_object(text: str) -> Phrase | None:
    """The first document or deal object the text names, in the nominative, with its number or
    quantity as written: «получить решение об оплате счёта №418» → «счёт №418», «КП на 200 шт.»."""
    return _find(text, DOCUMENT_OBJECTS)


@lru_cache(maxsize=65536)
def _noun(form: str) -> tuple[str, str] | None:
    """(lemma, nominative in the same number) of a lower-case noun form, or None (cached)."""
    parses = [p for p in analyzer().parse(form) if p.tag.POS == "NOUN"]
    if not parses:
        return None
    p = parses[0]
    number = "plur" if "plur" in p.tag else "sing"
    nomn = p.inflect({"nomn", number})
    return p.normal_form.replace("ё", "е"), (nomn.word if nomn else p.normal_form)


# Where a document word can start: only words beginning so are looked up in the dictionary.
_STEMS_RE = re.compile(
    r"(?i)(?<![\w-])(?:догов|сч[её]т|кп|предлож|специф|акт|прайс|смет|презент|макет|заказ|образ"
    r"|докум|тз|техзад|доверен|претенз|реклам|контракт|допсогл|соглаш|оферт|накладн|упд|катал"
    r"|баннер|буклет|отч[её]т|закрыва[юш])"
)


def _find(text: str, objects: frozenset[str]) -> Phrase | None:
    morph = analyzer()
    for start in _STEMS_RE.finditer(text):
        m = _WORD_RE.match(text, start.start())
        if m is None:
            continue
        word = m.group(0)
        low = word.lower().replace("ё", "е")
        if low.startswith(("закрывающ", "закрывашк")):  # «закрывающие», «закрывашки»: closing documents
            return Phrase(("закрывающие", "документы"))
        if low in ("кп", "тз", "упд"):
            if low not in objects:
                continue
            nomn, lemma = word.upper(), low
        else:
            found = _noun(word.lower())
            if found is None or found[0] not in objects:
                continue
            lemma, nomn = found
        head: tuple[str, ...] = (nomn,)
        before = text[: m.start()].split()
        if lemma == "предложение" and before and before[-1].lower().startswith("коммерческ"):
            adj = morph.parse(before[-1].lower())[0].inflect({"nomn", "neut", "sing"})
            head = (adj.word if adj else before[-1], nomn)
        t = _TAIL_RE.match(text, m.end())
        tail = t.group(0).strip() if t else ""
        phrase = Phrase(head, tail)
        if len(str(phrase)) > EXCERPT_LIMIT:
            phrase = Phrase(head)
        return phrase
    return None


# The cases a topic noun takes after each preposition: «по скидке» (datv), «насчёт скидки» (gent).
_TOPIC_PREPS = {
    "по": frozenset({"datv", "loct"}),
    "про": frozenset({"accs"}),
    "о": frozenset({"loct"}),
    "об": frozenset({"loct"}),
    "насчет": frozenset({"gent"}),
    "насчёт": frozenset({"gent"}),
    "поводу": frozenset({"gent"}),  # «по поводу цены»
    "над": frozenset({"ablt"}),  # «думают над ценой»
}
_OBJECT_CASES = frozenset({"nomn", "accs"})
_ANY_CASE = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "gen2", "loc2", "acc2"})
_NOT_TOPICS = NOT_TOPICS | WHEN_LEMMAS | ROLE_WORDS | frozenset().union(*ROLE_CLASSES.values())
_WORDS_RE = re.compile(r"[^\W\d_][\w-]*")


def find_topic(text: str, skip: str | None = None) -> Phrase | None:
    """What the task is about when it names no document: a deal topic («обсудить сроки» → «сроки»)
    or the noun after «по»/«о»/«про»/«насчёт» («Мечел по редукторам» → «редукторы»), in the
    nominative and in the number the manager used (read in the case the preposition takes, so
    «насчёт скидки» is one discount). ``skip`` is the company's span, never a topic («по Вектору»)."""
    words = _WORDS_RE.findall(text)
    for i, word in enumerate(words):
        if (word[:1].isupper() and i > 0) or (skip and word in skip):
            continue  # names are not topics
        if i + 1 < len(words) and words[i + 1][:1].isupper() and org_type(word):
            continue  # «агрокомбинат Южный»: the kind of organisation before a name is no topic
        prep = words[i - 1].lower() if i > 0 else ""
        if prep == "по" and i > 1 and _body_head(words[i - 2]):
            continue  # «Дирекция по ремонту дорог», «Комитет по культуре»: the client's name, not a topic
        cases = _TOPIC_PREPS.get(prep)
        if cases is not None:
            nomn = _topic_noun(word.lower(), cases)
        else:  # a deal topic without a preposition: the object («обсудить сроки»), else any case
            nomn = _topic_noun(word.lower(), _OBJECT_CASES) or _topic_noun(word.lower(), _ANY_CASE)
            if nomn is not None and nomn[0] not in DEAL_TOPICS:
                continue
        if nomn is not None:
            return Phrase((nomn[1],))
    return None


def org_type(word: str) -> bool:
    """A word naming a kind of organisation: «агрокомбинат», «птицефабрика», «холдинг», «клиника»."""
    lemma = analyzer().parse(word.lower())[0].normal_form.replace("ё", "е")
    return lemma.endswith(ORG_HEADS) or lemma in INSTITUTION_HEADS


def _body_head(word: str) -> bool:
    """A capitalised head of a public body's name («Дирекция», «Комитету»)."""
    return word[:1].isupper() and any(p.normal_form in BODY_HEADS for p in analyzer().parse(word.lower()))


@lru_cache(maxsize=16384)
def _topic_noun(form: str, cases: frozenset[str]) -> tuple[str, str] | None:
    """(lemma, nominative in the number read) of a noun form in one of ``cases``, or None for a
    word that is no topic (a name, a time word, a role, «по телефону»). A word the dictionary does
    not know is no topic either: its guessed forms cannot be declined for certain («по куттеры»)."""
    morph = analyzer()
    if not morph.word_is_known(form):
        return None
    parses = [p for p in morph.parse(form) if p.tag.POS == "NOUN" and p.tag.case in cases]
    if not parses or len({q.normal_form for q in parses}) > 1:
        return None  # «по банке»: a jar or a bank, and the example would have to choose («по банку»)
    p = parses[0]
    lemma = p.normal_form.replace("ё", "е")
    if lemma in _NOT_TOPICS or any(g in p.tag for g in ("Name", "Surn", "Patr", "Geox", "Orgn")):
        return None
    nomn = p.inflect({"nomn", "plur" if "plur" in p.tag else "sing"})
    return lemma, (nomn.word if nomn else p.normal_form)


# A name the hint puts in a nominative slot («Вектор — позвонить…», «с клиентом «Вектор»») must be
# in the nominative for certain: «с клиентом «Газпром нефтью»» or «Венталу — позвонить» is broken
# Russian, and a case ending is never glued on by hand. What is not certain is left out of the slot.
_ORG_OPENERS = LEGAL_FORMS | frozenset("ск тк тц трц бц жк ан нии кб гкб гб дгкб дк дши цкид".split())
_NAME_TAIL_RE = re.compile(r"(?i)(?<!\w)(?:им\.|имени)\s.*$")  # «ГКБ №1 им. Пирогова»: the tail never declines
_DECLINABLE = ("NOUN", "ADJF", "PRTF")
_DECLINED_CAPS_RE = re.compile(r"[А-ЯЁ]{2,}[а-яё]{1,3}")
_HUMP_RE = re.compile(r"[A-ZА-ЯЁ][a-zа-яё]*|[a-zа-яё]+")
_ZERO_ENDING = "бвгджзклмнпрстфхцчшщ"  # «Транслайн», «Росатом»: nominative = the form written


def nominative_name(name: str, text: str | None = None) -> str | None:
    """``name`` as it can stand in a nominative slot, or None when its case is not certain.

    Certain: a name in quotes or after a legal form («ООО Вектор», «СК Согласие»), Latin, an
    all-caps abbreviation, every declinable word a form pymorphy3 knows whose every reading is the
    nominative («Газпром нефть», «Магнит Плюс») or an unknown word with a zero ending («Транслайн»),
    a name the manager wrote at the head of the line («Техносила», «Вектор — …») in a form that
    can be the nominative, or a one-word name pymorphy3 puts back in the nominative from one lemma
    only («Ромашке» → «Ромашка»). Not certain: «Газпром нефтью», «Вентала», «Транслайна».
    """
    name = name.strip()
    if not name:
        return None
    words = name.split()
    if _person_form(words) and not _heads_text(name, text) and not _nominative_person(words):
        return None  # «для ИП Гаврилова»: the genitive of Гаврилов or the nominative Гаврилова
    if any(q in name for q in '«»"„“') or words[0].lower().strip(".") in _ORG_OPENERS or name.isascii():
        return name
    declined = _NAME_TAIL_RE.sub("", name).split()
    if any(_DECLINED_CAPS_RE.fullmatch(w) for w in declined):
        return None  # «ПИКа», «РОПу»: an abbreviation with a case ending
    if len(declined) == 1 and _plural_only(declined[0]):
        return None  # «Продукты», «Пельмени»: a lone plural is a word the text uses, rarely the client
    if any(_oblique_head(w) for w in declined):
        return None  # «Лакокраски-Урал»: the first part of the hyphenated name is declined
    if all(_nominative_word(w) for w in declined):
        return name
    if len(declined) > 1 and _institution(declined):
        return name  # «Центр гигиены»: the head in the nominative, its genitive never declines
    if _heads_text(name, text) and all(_nominative_word(w) or _may_be_nominative(w) for w in declined):
        return name
    return _certain_nominative(declined[0]) if len(declined) == 1 else None


# Forms of a person in business: after them comes a surname that declines with the sentence.
_PERSON_FORMS = frozenset("ип кфх самозанятый самозанятая".split())
_PERSON_TAGS = frozenset({"Surn", "Name"})


def _person_form(words: list[str]) -> bool:
    """«ИП Гаврилова», «глава КФХ Петрова», «самозанятый Котов»: a person's form before a name
    (not quoted: «ИП «Гаврилова»» is a trade name that never declines)."""
    heads = [w.lower().strip(".") for w in words[:3]]
    return bool(_PERSON_FORMS & set(heads)) and not any(q in " ".join(words) for q in '«»"„“')


def _nominative_person(words: list[str]) -> bool:
    """Every surname after the person's form is a nominative in each singular reading pymorphy3
    gives it as a name or surname («Сидоров»; not «Гаврилова», which is also Гаврилов's genitive)."""
    names = [w for w in words if w[:1].isupper() and w.isalpha() and w.lower() not in _PERSON_FORMS and len(w) > 1]
    names = [w for w in names if not w.isupper()]
    for w in names:
        readings = [p for p in analyzer().parse(w.lower()) if p.tag.POS == "NOUN" and "plur" not in p.tag]
        people = [p for p in readings if _PERSON_TAGS & set(p.tag.grammemes)]
        if any("nomn" not in p.tag for p in people or readings):
            return False
    return True


def _institution(words: list[str]) -> bool:
    """An institution's name: a head in the nominative and its lower-case genitive or number, which
    never decline («Центр гигиены», «Институт проблем механики», «Гимназия 1567»)."""
    head = words[0].lower().replace("ё", "е")
    parses = [p for p in analyzer().parse(head) if p.tag.POS == "NOUN" and p.normal_form in INSTITUTION_HEADS]
    return (
        bool(parses)
        and all("nomn" in p.tag or ("accs" in p.tag and "inan" in p.tag) for p in parses)
        and (words[1].islower() or words[1].lstrip("№").isdigit())
    )


def _heads_text(name: str, text: str | None) -> bool:
    """The name opens the line («Техносила», «Вектор — …», «Мечел по редукторам»): where a manager
    writes the client in the nominative, so a reading as the nominative is enough."""
    if not text:
        return False
    rest = text.strip().lstrip('«"„')
    if not rest.startswith(name):
        return False
    after = rest[len(name) :].lstrip('»"“')
    return not after or not after[:1].isalnum()


def _parts(word: str) -> list[str] | None:
    """The part of a word that may decline, lower-case, or None when it never does (digits, caps,
    Latin): the last part of «Транснефть-Сервис», the last capitalised part of «ТрансКарго»."""
    if not any(c.isalpha() for c in word) or (word.isupper() and len(word) > 1) or word.isascii():
        return None
    last = word.strip(".,").rsplit("-", 1)[-1]
    humps = _HUMP_RE.findall(last)
    if len(humps) > 1:
        last = humps[-1]
    if last.isascii() or not last.isalpha():
        return None
    return [last.lower().replace("ё", "е")]


_OBLIQUE_ENDINGS = ("ом", "ем", "ём", "ам", "ям", "ах", "ях", "ой", "ей")


@lru_cache(maxsize=16384)
def _nominative_word(word: str) -> bool:
    """Every reading of the word is its nominative (a known form), or it is an unknown word with a
    zero ending that pymorphy3 reads in no oblique case but a genitive plural («Транслайн», not
    «Агрохолдингом», «Россетях»)."""
    parts = _parts(word)
    if parts is None:
        return True
    low = parts[0]
    morph = analyzer()
    parses = [p for p in morph.parse(low) if p.tag.POS in _DECLINABLE]
    orgs = [p for p in parses if "Orgn" in p.tag]
    if orgs:
        parses = orgs  # «Телеком» read as an organisation, not as «телек» in the instrumental
    if len(_HUMP_RE.findall(word)) > 1:
        # the last part of «ОртоЛайна» is no first name «Лайна»: read it as a common word or a guess
        parses = [p for p in parses if not _PERSON_TAGS & set(p.tag.grammemes)]
        if not parses:  # «ВкусВиллом»: a case ending after the consonant is no zero ending
            return low[-1:] in _ZERO_ENDING and not low.endswith(_OBLIQUE_ENDINGS)
    if not morph.word_is_known(low):  # a guess: a zero ending that no reading takes for an oblique case
        return low[-1:] in _ZERO_ENDING and all(
            p.tag.case in ("nomn", "accs") or (p.tag.case == "gent" and "plur" in p.tag) for p in parses
        )
    for p in parses:
        nomn = p.inflect({"nomn"})
        if nomn is None or nomn.word.replace("ё", "е") != low:
            return False
    return True


@lru_cache(maxsize=16384)
def _oblique_head(word: str) -> bool:
    """The first part of a hyphenated name is a dictionary word in an oblique case («Лакокраски-Урал»,
    «Стройдетали-Юг»): the whole name was declined by the sentence, so its nominative is not certain.
    «Альфа-Трейд», «Сити-Кар», «Транснефть-Сервис» keep a nominative (or indeclinable) head."""
    head = word.split("-", 1)[0]
    if "-" not in word or len(head) < 3 or not head.isalpha() or head.isascii() or head.isupper():
        return False
    top = analyzer().parse(head.lower())[0]
    oblique_end = head.lower().endswith(("и", "ы", "е", "у", "ю", "ой", "ом", "ем"))
    return oblique_end and "Fixd" not in top.tag and top.tag.case not in ("nomn", None)


def _may_be_nominative(word: str) -> bool:
    """Some reading of the word is a nominative (an indeclinable reading only of a dictionary word or
    of a zero ending: «Венталу» guessed as indeclinable does not count)."""
    parts = _parts(word)
    if parts is None:
        return True
    low = parts[0]
    fixed_ok = low[-1:] in _ZERO_ENDING or analyzer().word_is_known(low)  # «Мечел»
    return any(
        p.tag.POS in _DECLINABLE and "nomn" in p.tag and (fixed_ok or "Fixd" not in p.tag)
        for p in analyzer().parse(low)
    )


@lru_cache(maxsize=16384)
def _plural_only(word: str) -> bool:
    """A dictionary word read only in the plural («Продукты»)."""
    parts = _parts(word)
    if parts is None or not analyzer().word_is_known(parts[0]):
        return False
    parses = [p for p in analyzer().parse(parts[0]) if p.tag.POS in _DECLINABLE]
    if len(_HUMP_RE.findall(word)) > 1:  # «ОртоЛайн»: its last part is no plural of the name «Лайна»
        parses = [p for p in parses if not _PERSON_TAGS & set(p.tag.grammemes)]
    return bool(parses) and all("plur" in p.tag for p in parses)


@lru_cache(maxsize=16384)
def _certain_nominative(word: str) -> str | None:
    """A one-word name in the nominative when pymorphy3 knows the form, no reading is a nominative
    and all share one nominative singular («Ромашке» → «Ромашка»; not «Ромашки», which may be a
    plural name); the word must be plainly capitalised."""
    if not word.isalpha() or not (word[:1].isupper() and word[1:].islower()):
        return None
    morph = analyzer()
    low = word.lower()
    if not morph.word_is_known(low):
        return None
    parses = morph.parse(low)
    if any(p.tag.POS != "NOUN" or "nomn" in p.tag for p in parses):
        return None  # «Ладушки», «Ромашки» may be a plural name in the nominative
    forms = {(p.inflect({"nomn", "sing"}) or p).word for p in parses}
    if len(forms) != 1:
        return None
    form = forms.pop()
    return form[:1].upper() + form[1:]


__all__ = [
    "org_type",
    "nominative_name",
    "Phrase",
    "about",
    "with_",
    "agree",
    "excerpt",
    "nest_quotes",
    "quote_depth",
    "find_object",
    "find_topic",
    "EXCERPT_LIMIT",
]
