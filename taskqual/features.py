"""Linguistic analysis of one task text: lemmas, verb forms, names, dates, and the feature tokens
the classifier reads.

Everything here is library code on purpose: the saved model holds scikit-learn objects only and
sees each text as a string of feature tokens («w:отправить vf:infn s:legal ...»), so a model file
never has to carry, or execute, our Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from taskqual.companies import find_company
from taskqual.morphology import Word, parse
from taskqual.normalize import normalize
from taskqual.tokenize import tokenize

FEATURES_VERSION = 1
"""Bumped whenever the feature tokens change: a model trained on other features is refused."""

LEGAL_FORMS = frozenset(
    "ооо оао зао пао ао нао ип чп тоо чуп уп одо кфх пк нко ано тд гк нпо нпп нпк фгуп фгбу фгбоу "
    "гуп муп гбу гбуз огбуз огауз гауз мбу мбоу мадоу мкоу мку гку гоу фку фгку ку бу llc ltd "
    "gmbh inc corp jsc mchj xk". split()
)
_LEGAL_WORDS = (
    "общество с ограниченной ответственностью",
    "индивидуальный предприниматель",
    "акционерное общество",
    "публичное акционерное общество",
    "закрытое акционерное общество",
    "открытое акционерное общество",
    "товарищество с ограниченной ответственностью",
    "государственное бюджетное учреждение",
    "бюджетное учреждение",
    "казенное учреждение",
    "унитарное предприятие",
)
# Nouns that name a contact or an action without a verb («звонок», «встреча»): they give the task
# an action, but not a result.
ACTION_NOUNS = frozenset(
    "звонок созвон прозвон встреча переговоры демо демонстрация презентация касание фоллоуап "
    "follow-up followup дожим выезд визит замер отправка рассылка письмо". split()
)
_DEVERBAL_SUFFIXES = ("ание", "ение", "ятие", "нтие", "ытие", "ация", "яция", "ировка", "овка", "евка",
                      "ывка", "ивка", "ставка", "правка", "готовка", "верка", "писка")
_WEEKDAYS = frozenset(
    "понедельник вторник среда четверг пятница суббота воскресенье пн вт ср чт пт сб вс".split()
)
_WHEN_LEMMAS = _WEEKDAYS | frozenset(
    "сегодня завтра послезавтра утро утром вечер вечером обед срочно asap eod неделя месяц "
    "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь "
    "янв фев мар апр июн июл авг сен сент окт ноя нояб дек".split()
)
_DATE_RE = re.compile(r"\b\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?\b")
_TIME_RE = re.compile(r"\b(?:[01]?\d|2[0-3])[:.][0-5]\d\b|\b(?:в|к|до|на)\s+\d{1,2}(?:\s*(?:ч|час|часам|00))?\b")
_PHONE_RE = re.compile(r"(?:\+7|\b8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}\b|\b\d{3}-\d{2}-\d{2}\b")
_EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_DOCNO_RE = re.compile(r"(?:#|№|\bno\.?|\bn)\s*[\w-]*\d")
_INN_RE = re.compile(r"\b\d{9,15}\b")
_URL_RE = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w-]+\.(?:ru|com|рф|kz|by|net|org|io)\b")
_WORD_RE = re.compile(r"[^\W\d_]", re.UNICODE)
_DIGIT_RE = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the library reads off one task text."""

    normalized: str
    lemmas: tuple[str, ...]
    features: tuple[str, ...]
    has_action: bool
    has_deadline: bool
    company: str | None

    @property
    def feature_string(self) -> str:
        """The features as the space-separated string the saved vectoriser reads."""
        return " ".join(self.features)


def _is_deverbal(lemma: str) -> bool:
    return len(lemma) > 5 and lemma.endswith(_DEVERBAL_SUFFIXES)


_TOPIC_PREPS = frozenset("по насчет про о об обо".split())
_CLAUSE_WORDS = frozenset("ли что когда сколько какой почему где чем зачем как".split())
_OBJECT_POS = frozenset({"NOUN", "NPRO", "ADJF", "PRTF", "NUMR", "LEGAL", ""})


def _complement(words: list[tuple[str, Word, bool, bool]], i: int) -> str:
    """What follows the verb at ``i``: a direct object ("obj"), a topic after «по/про/о» ("topic"),
    a subordinate question ("clause"), or nothing ("bare"). «уточнить сроки» names what to get,
    «уточнить по срокам» only a subject, «позвонить» nothing at all."""
    governed_by: str | None = None
    for k, (lemma, w, quoted, _cap) in enumerate(words[i + 1:]):
        if w.pos in ("VERB", "INFN") and w.known and not quoted:
            # «узнать, утвердили ли бюджет»: a finite verb right after is a reported question.
            return "clause" if k == 0 and w.pos == "VERB" else "bare"
        if lemma == "и" and k == 0:
            return "chain"
        if w.pos == "LEGAL":
            continue
        if lemma in _CLAUSE_WORDS:
            return "clause"
        if w.pos == "PREP":
            governed_by = lemma
            continue
        if quoted or w.pos in _OBJECT_POS or not w.known:
            if governed_by is None:
                if "datv" in w.tags and "accs" not in w.tags:
                    continue  # «перезвонить Ивану»: whom, not what
                return "obj"
            if governed_by in _TOPIC_PREPS:
                return "topic"
            governed_by = None
    return "bare"


def _length_bucket(n: int) -> str:
    if n <= 2:
        return str(n)
    if n <= 4:
        return "3-4"
    if n <= 8:
        return "5-8"
    return "9+"


def _contains_legal_words(low: str) -> bool:
    return ("обществ" in low or "предпри" in low or "учрежд" in low or "товарищ" in low) and any(p in low for p in _LEGAL_WORDS)


@lru_cache(maxsize=4096)
def analyze(text: str) -> Analysis:
    """Analyse a raw task text (normalisation included). Cached: backlogs repeat texts a lot."""
    norm = normalize(text)
    low = norm.lower()
    feats: list[str] = []
    add = feats.append
    lemmas: list[str] = []
    words: list[tuple[str, Word, bool, bool]] = []  # (lemma, parse, in_quotes, capitalised)
    in_quotes = False
    after_legal = False  # the words right after «ООО» are the name: «ООО Звонок» is no call
    has_legal = _contains_legal_words(low)
    legal_at: int | None = None
    caps_tokens: list[int] = []
    for t in tokenize(norm):
        if t == '"' or t == "'":
            in_quotes = not in_quotes
            add("s:quote")
            after_legal = False
            continue
        if not t.isalpha() and not _WORD_RE.search(t):
            after_legal = False
            continue
        tl = t.lower().strip(".")
        if not tl:
            continue
        if tl in LEGAL_FORMS:
            has_legal = True
            legal_at = len(words)
            add("s:legal")
            add("lf:" + tl)
            words.append((tl, Word(tl, "LEGAL", frozenset(), True), in_quotes, True))
            after_legal = True
            continue
        w = parse(tl)
        cap = t[0].isupper()
        if after_legal and not cap:
            after_legal = False
        words.append((w.lemma, w, in_quotes or after_legal, cap))
        if cap and len(t) > 1 and t.isupper():
            caps_tokens.append(len(words) - 1)

    n = len(words)
    add("len:" + _length_bucket(n))
    has_action = False
    has_verb = False
    name_like = 0
    for i, (lemma, w, quoted, cap) in enumerate(words):
        if w.pos == "LEGAL":
            name_like += 1
            continue
        lemmas.append(lemma)
        prefix = "q:" if quoted else "w:"
        add(prefix + lemma)
        if quoted:
            name_like += 1
            continue
        tags = w.tags
        # A guessed parse of an unknown word is a verb only when it looks like an infinitive
        # («пазвонить»); otherwise it is a name that merely ends like a verb («Техносила»).
        is_verb = w.pos == "INFN" or (w.pos == "VERB" and w.known)
        standalone_name = n == 1 and cap
        if is_verb:
            has_verb = True
            has_action = True
            comp = _complement(words, i)
            add("vo:" + comp)
            add(f"vo:{lemma}_{comp}")
            if w.pos == "INFN":
                add("vf:infn")
            elif "impr" in tags:
                add("vf:impr")
            elif "1per" in tags:
                add("vf:1per")
            elif "past" in tags:
                add("vf:past")
            else:
                add("vf:finite")
        elif w.pos == "NOUN" and _is_deverbal(lemma) and not standalone_name:
            has_action = True
            add("vf:deverbal")
        elif lemma in ACTION_NOUNS and not standalone_name:
            has_action = True
            add("vf:actnoun")
        elif w.pos in ("PRTF", "PRTS", "GRND"):
            add("vf:" + w.pos.lower())
        if "Orgn" in tags or "Abbr" in tags:
            add("nm:org")
        if tags & {"Name", "Surn", "Patr"}:
            add("nm:person")
            name_like += 1
        elif "Geox" in tags:
            add("nm:geo")
        elif not w.known:
            add("nm:unknown")
            if cap or w.pos == "" or "LATN" in tags:
                name_like += 1
        elif cap and i > 0:
            add("nm:cap")
            name_like += 1
        if "LATN" in tags:
            add("nm:latin")
        if i == 0:
            add("f:" + lemma)
            add("fp:" + (w.pos or "X"))
    for a, b in zip(lemmas, lemmas[1:]):
        add(f"b:{a}_{b}")
    if n == 1:
        lemma, w, quoted, cap = words[0]
        add("sw:" + lemma)
        if cap:
            add("s:single_cap")
    if caps_tokens:
        add("s:caps")
    if has_legal:
        add("s:legal_any")
    if not has_action:
        add("s:no_action")
    if not has_verb:
        add("s:no_verb")
    if n and name_like == n:
        add("s:all_names")
    elif n and name_like * 2 >= n:
        add("s:mostly_names")

    has_deadline = any(lm in _WHEN_LEMMAS for lm in lemmas)
    if has_deadline:
        add("s:when")
    if _DIGIT_RE.search(low):  # the patterns below all need a digit
        add("s:digits")
        if _DATE_RE.search(low):
            add("s:date")
            has_deadline = True
        if _TIME_RE.search(low):
            add("s:time")
            has_deadline = True
        if _PHONE_RE.search(low):
            add("s:phone")
        if _DOCNO_RE.search(low):
            add("s:docno")
        if _INN_RE.search(low):
            add("s:longnum")
    if "@" in low and _EMAIL_RE.search(low):
        add("s:email")
    if "." in low and _URL_RE.search(low):
        add("s:url")
    if "," in norm or " - " in norm or ":" in norm:
        add("s:punct_split")
    if "?" in norm:
        add("s:question")

    return Analysis(
        normalized=norm,
        lemmas=tuple(lemmas),
        features=tuple(feats),
        has_action=has_action,
        has_deadline=has_deadline,
        company=find_company(norm, legal_at is not None),
    )


__all__ = ["Analysis", "analyze", "find_company", "FEATURES_VERSION", "LEGAL_FORMS", "ACTION_NOUNS"]
