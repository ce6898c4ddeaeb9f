"""Linguistic analysis of one task text: lemmas, verb forms, clauses, names, dates, and the feature
tokens the classifier reads.

Everything here is library code on purpose: the saved model holds scikit-learn objects only and
sees each text as a string of feature tokens («w:отправить vf:infn s:legal ...») plus a
delexicalised copy of the text for its character n-grams, so a model file never has to carry, or
execute, our Python.

What is not the task is kept out of what the model reads: company and person names, places,
numbers and dates become typed placeholders («ООО "Вектор" — счёт №418 до 15.03» is read as
«Ⓞ - счет №0 до 0.0»), so the label depends on what is to be done, not on whom. A note is split into
clauses: a report of what happened («КП отправил», «договор подписан», «ждём») informs; the
clause with the next action decides.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from taskqual.addressing import addressed_line
from taskqual.companies import DESCRIPTORS, STREET_WORDS, Found, find_company, locate, render
from taskqual.lang_ru import (
    ACTION_NOUNS,
    ADDRESS_WORDS,
    BODY_HEADS,
    BOOTH_WORDS,
    BUSINESS_KINDS,
    CONTACT_LABELS,
    DELIVERABLES,
    DEVERBAL_SUFFIXES,
    ENGINEERING_ACTS,
    ID_LABELS,
    INSTITUTION_HEADS,
    INTERNAL_ITEMS,
    LEGAL_FORMS,
    LEGAL_WORD_STEMS,
    LEGAL_WORDS,
    ORG_HEADS,
    OUR_WORDS,
    PRODUCT_WORDS,
    PUSH_WORDS,
    ROLE_OF,
    ROLE_WORDS,
    SHORTHAND,
    SHORTHAND_EXPANSIONS,
    SHORTHAND_RE,
    SLANG_NOUNS,
    STATUS_LEMMAS,
    STATUS_PHRASES,
    TECH_WORK,
    TEMPLATE_HEADS,
    VENUE_NOUNS,
    VERB_CLASS_OF,
    WHEN_LEMMAS,
    WHEN_RE,
)
from taskqual.morphology import Word, analyzer, guessing_budget, parse
from taskqual.normalize import normalize
from taskqual.spelling import correct, find_misspelt
from taskqual.terms import term_of
from taskqual.tokenize import tokenize

FEATURES_VERSION = 10
"""Bumped whenever the feature tokens change: a model trained on other features is refused."""

_DATE_RE = re.compile(r"\b\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?\b")
_TIME_RE = re.compile(r"\b(?:[01]?\d|2[0-3])[:.][0-5]\d\b|\b(?:в|к|до|на)\s+\d{1,2}(?:\s*(?:ч|час|часам|00))?\b")
_PHONE_RE = re.compile(r"(?:\+7|\b8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}\b|\b\d{3}-\d{2}-\d{2}\b")
_EMAIL_RE = re.compile(r"\b(?<!\w)[\w.+-]++@[\w-]+\.[\w.-]+\b")
_DOCNO_RE = re.compile(r"(?:#|№|\bno\.?|\bn)\s*[\w-]*\d")
_INN_RE = re.compile(r"\b\d{9,15}\b")
_URL_RE = re.compile(r"\b(?:https?://|www\.)\S+|\b(?<!\w)[\w-]++\.(?:ru|com|рф|kz|by|net|org|io)\b")
_WORD_RE = re.compile(r"[^\W\d_]", re.UNICODE)
_DIGIT_RE = re.compile(r"\d")
_DIGITS_RE = re.compile(r"\d+")
_CLAUSE_BREAKS = frozenset(". ; ! ? , : - ( ) / |".split())

DICTIONARY_TYPOS_PER_TEXT = 8
"""Unknown words per text looked up one edit away in the whole dictionary (the task vocabulary
is always searched): bounds the cost of a text of made-up words."""

# Placeholders the character view reads instead of names and numbers (one character each, so a
# name adds one n-gram, the same for every name of its kind).
ORG, PERSON, PLACE = "Ⓞ", "Ⓟ", "Ⓖ"

_WHEN_LEMMAS = WHEN_LEMMAS


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the library reads off one task text."""

    normalized: str
    lemmas: tuple[str, ...]
    features: tuple[str, ...]
    has_action: bool
    has_deadline: bool
    company: str | None
    char_text: str = ""  # the delexicalised, lower-case text the character n-grams are read from
    found: Found | None = None  # where ``company`` stands in ``normalized`` (read with the model's terms)
    addressed: bool = False  # handed to a colleague («Оле: …», «@Ира …»): :func:`taskqual.addressing.addressed_line`

    @property
    def feature_string(self) -> str:
        """The features as the space-separated string the saved vectoriser reads."""
        return " ".join(self.features)


def _is_deverbal(lemma: str) -> bool:
    return len(lemma) > 5 and lemma.endswith(DEVERBAL_SUFFIXES)


_PLACEHOLDERS = frozenset((ORG, PERSON, PLACE))
# «тел. », «e-mail: », «мобильный телефон » before the contact
_LABEL_WORDS = "|".join(map(re.escape, sorted(CONTACT_LABELS, key=len, reverse=True)))  # longest first
_CONTACT_LABEL = rf"(?:(?<![\w-])(?:{_LABEL_WORDS})\.?\s*:?\s*){{0,2}}"
_LABELLED_PHONE_RE = re.compile(f"{_CONTACT_LABEL}(?:{_PHONE_RE.pattern})")
_LABELLED_EMAIL_RE = re.compile(f"{_CONTACT_LABEL}(?:{_EMAIL_RE.pattern})")
_CONTACT_RE = re.compile("|".join(p.pattern for p in (_LABELLED_PHONE_RE, _LABELLED_EMAIL_RE, _URL_RE, _INN_RE)), re.I)


@cache
def _contact_re(digits: bool, at: bool, dot: bool, labelled: bool = True) -> re.Pattern[str]:
    """:data:`_CONTACT_RE` without the alternatives a text cannot match: phones and INNs need a
    digit, e-mails an «@», links a «.» or «://», a contact's label one of its words (``labelled``).
    Dropping an alternative that matches nowhere leaves every match as it was, and each one left
    costs a scan of the text (the optional label before a phone, a third of the scan)."""
    phone, email = (_LABELLED_PHONE_RE, _LABELLED_EMAIL_RE) if labelled else (_PHONE_RE, _EMAIL_RE)
    parts = [(digits, phone), (at, email), (dot, _URL_RE), (digits, _INN_RE)]
    return re.compile("|".join(p.pattern for needed, p in parts if needed), _CONTACT_RE.flags)


def model_view(norm: str, span: tuple[int, int] | None) -> str:
    """The text the model reads: the company (``span`` of it in ``norm``, as
    :func:`taskqual.companies.locate` finds it) as one placeholder, shorthand written out, and no
    dates, times, phones and e-mails (with a label such as «тел.» before them), links or INNs (none
    of them may change a label)."""
    return _model_view(norm, span)[0]


def _model_view(norm: str, span: tuple[int, int] | None) -> tuple[str, bool]:
    """:func:`model_view`, and whether a date, time or weekday was taken out (the deadline)."""
    if span:
        norm = f"{norm[: span[0]]} {ORG} {norm[span[1] :]}"
    text = expand_shorthand(norm)
    digits, at, dot = _DIGIT_RE.search(text) is not None, "@" in text, "." in text
    if digits or at or dot:
        low = text.lower()  # a label anywhere? (else the plain patterns do; 13 µs as a regex, 1 µs so)
        labelled = (digits or at) and any(label in low for label in CONTACT_LABELS)
        text = _sub_lower(_contact_re(digits, at, dot or "://" in text, labelled), text, _space)[0]
    said: list[str] = []

    def cut(m: re.Match[str]) -> str:
        said.append(m.group(0))
        return " "

    text, _ = _sub_lower(WHEN_RE, text, cut)
    return " ".join(text.split()), any(map(_deadline, said))


def expand_shorthand(text: str) -> str:
    """CRM shorthand written out: «дог-р на подпись» → «договор на подпись», «перезв. в пн» →
    «перезвонить в пн». Only the features read the result; verdicts report the text as written."""

    def sub(m: re.Match[str]) -> str:
        return SHORTHAND_EXPANSIONS[int(m.lastgroup[1:])][1] + " "  # type: ignore[index]

    text, n = _sub_lower(SHORTHAND_RE, text, sub)
    return " ".join(text.split()) if n else text


def _space(_: re.Match[str]) -> str:
    return " "


_TWINS: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}


def _lower_twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` without IGNORECASE, for lower-case text (none of our patterns spells a capital
    letter): Python's case-insensitive matching of Cyrillic costs twice as much. Kept by the
    pattern's identity: hashing a compiled pattern hashes its whole program (4 µs for WHEN_RE)."""
    twin = _TWINS.get(id(pattern))
    if twin is None or twin[0] is not pattern:  # the pattern is held, so its id is not reused
        twin = _TWINS[id(pattern)] = (pattern, re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE))
    return twin[1]


def _sub_lower(pattern: re.Pattern[str], text: str, repl: Callable[[re.Match[str]], str]) -> tuple[str, int]:
    """``pattern.subn(repl, text)``, matched on the lower-case text and cut from the original, so
    the case of what stays is kept."""
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer («İ»): match as written
        return pattern.subn(repl, text)
    parts: list[str] = []
    last = 0
    for m in _lower_twin(pattern).finditer(low):
        parts += (text[last : m.start()], repl(m))
        last = m.end()
    if not parts:
        return text, 0
    parts.append(text[last:])
    return "".join(parts), len(parts) // 2


_TOPIC_PREPS = frozenset("по насчет про о об обо".split())
_TIME_PREPS = frozenset("до после к в".split())
# Words that name a time only after a preposition: «до обеда», «до 5 числа» (not «обед с главврачом»).
_WHEN_AFTER_PREP = frozenset({"обед", "число"})
_NUMBER_PAIR_RE = re.compile(r"(\d+)([./])(\d+)((?:[./]\d+)?)")


def _deadline(when: str) -> bool:
    """A date or time the text names. «45/24» and «17/24» read like dates, so the model does not
    see them, but no such day and month exist: the number of a contract, never a deadline."""
    m = _NUMBER_PAIR_RE.fullmatch(when)
    if m is None:
        return True
    first, second = int(m[1]), int(m[3])
    day_month = 1 <= first <= 31 and 1 <= second <= 12
    clock = m[2] == "." and not m[4] and first <= 23 and len(m[3]) == 2 and second <= 59  # «10.30»
    return day_month or clock


_CLAUSE_WORDS = frozenset("ли что когда сколько какой почему где чем зачем как".split())
_NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})
_PLACE_PREPS = frozenset("у возле около напротив рядом на в во".split())
_NOT_TOPIC_NOUNS = (
    frozenset(ROLE_OF)
    | OUR_WORDS
    | WHEN_LEMMAS
    | DESCRIPTORS
    | INSTITUTION_HEADS
    | BODY_HEADS
    | STREET_WORDS
    | BUSINESS_KINDS
    | ADDRESS_WORDS
    | VENUE_NOUNS
    | frozenset(
        "филиал отдел подразделение корпус этаж офис квартал район область край контакт лид сделка заявка".split()
    )
)
"""Nouns that identify rather than say what to do: roles, dates, kinds of organisation and business,
addresses and streets."""
_OBJECT_POS = frozenset({"NOUN", "NPRO", "ADJF", "PRTF", "NUMR", "LEGAL", "NAME", ""})


class _Tok:
    """One word of the text as the features see it."""

    __slots__ = ("cap", "clause", "lemma", "name", "num", "quoted", "w")

    def __init__(self, lemma: str, w: Word, quoted: bool, cap: bool, clause: int) -> None:
        self.lemma, self.w, self.quoted, self.cap, self.clause = lemma, w, quoted, cap, clause
        self.name = ""  # ORG / PERSON / PLACE when the word is part of a name
        self.num = False  # a number follows the word («сделка 5520», «договор №45»): an identifier


def _is_topic_noun(words: list[_Tok], i: int) -> bool:
    """The word at ``i`` says what the task is about: a product, a document, a piece of work.

    A common noun beside the names is the subject of the task («Стимул фланцы», «Орбита — отказ»),
    unless it identifies (a role, a date, a kind of business, an address, the genitive after such a
    noun: «отдел кадров»), says where («Магнит у больницы», «ларёк на вокзальной») or opens the text
    capitalised («Кедр», a name as often as a word). Shorthand for a document or a product is a
    subject too («Альфа-Лизинг ДКП», «Уралхим КИПиА»), but not a registration label or a role («ИНН»,
    «ЛПР»). A word no dictionary knows after «по», «насчёт», «про», «о» is what the talk is about
    («Сигма насчёт шнекоизмельчителей»), not a name (names are capitalised).
    """
    tok = words[i]
    lemma, w = tok.lemma, tok.w
    before = words[i - 1].lemma if i > 0 else ""
    if lemma in _SUBJECT_SHORTHAND:
        return True
    if w.known and w.pos == "NOUN":
        return (
            not w.tags & _NAME_TAGS
            and "anim" not in w.tags
            and not tok.num
            and lemma not in _NOT_TOPIC_NOUNS
            and not lemma.endswith(ORG_HEADS)  # «агрохолдинг», «птицефабрика»
            and not ("gent" in w.tags and before in _NOT_TOPIC_NOUNS)
            and (not tok.cap or i > 0)
            and before not in _PLACE_PREPS
        )
    return not w.known and not tok.cap and len(lemma) >= 4 and lemma.isalpha() and before in _TOPIC_PREPS


_AGREEING_POS = frozenset({"ADJF", "NUMR", "PRTF"})
"""Words a noun agrees with inside a name («Четыре лапы», «Белые росы»)."""

_SUBJECT_SHORTHAND = (SHORTHAND | PRODUCT_WORDS) - ROLE_WORDS - {label.lower() for label in ID_LABELS}
"""Shorthand for a document or a product: the subject of a task, unlike a role («ЛПР») or a registration label
(«ИНН»)."""


def _complement(words: list[_Tok], i: int) -> tuple[str, str]:
    """What follows the verb at ``i`` in its clause: a direct object ("obj"), a topic after
    «по/про/о» ("topic"), a reported question ("clause"), a second verb joined by «и» ("chain"),
    or nothing ("bare"); with the lemma of the object or topic word. «уточнить сроки» names what
    to get, «уточнить по срокам» only a subject, «позвонить» nothing at all."""
    governed_by: str | None = None
    clause = words[i].clause
    for k, t in enumerate(words[i + 1 :]):
        if t.clause != clause:
            # «узнать, утвердили ли бюджет»: a question after the comma is what to find out
            if k == 0 and (
                t.lemma in _CLAUSE_WORDS or (t.w.pos == "VERB" and i + 2 < len(words) and words[i + 2].lemma == "ли")
            ):
                return "clause", ""
            break
        w, lemma = t.w, t.lemma
        if w.pos in ("VERB", "INFN") and w.known and not t.quoted and not t.name:
            return ("clause", "") if k == 0 and w.pos == "VERB" else ("bare", "")
        if lemma == "и" and k == 0:
            return "chain", ""
        if w.pos == "LEGAL" or (t.name and governed_by not in _TOPIC_PREPS):
            governed_by = None if t.name else governed_by
            continue  # «позвонить Ромашке», «встреча с Ромашкой»: whom, not what
        if lemma in _CLAUSE_WORDS:
            return "clause", ""
        if w.pos == "PREP":
            governed_by = lemma
            continue
        if t.quoted or t.name or w.pos in _OBJECT_POS or not w.known:
            head = t.name or lemma
            if governed_by is None:
                if "datv" in w.tags and "accs" not in w.tags:
                    continue  # «перезвонить Ивану»: whom, not what
                return "obj", head
            if governed_by in _TOPIC_PREPS:
                return "topic", head
            if governed_by in ("с", "у", "от") and ROLE_OF.get(lemma):
                return "with_" + ROLE_OF[lemma], head
            governed_by = None
    return "bare", ""


def _length_bucket(n: int) -> str:
    if n <= 2:
        return str(n)
    if n <= 4:
        return "3-4"
    if n <= 8:
        return "5-8"
    return "9+"


def _contains_legal_words(low: str) -> bool:
    """A legal form written out («общество с ограниченной ответственностью»), a typo allowed in each word."""
    return any(s in low for s in LEGAL_WORD_STEMS) and any(find_misspelt(low, p) for p in LEGAL_WORDS)


def _object_kind(lemma: str) -> str:
    if lemma in DELIVERABLES:
        return "deliv"
    if lemma in INTERNAL_ITEMS:
        return "internal"
    if lemma in PUSH_WORDS:
        return "push"  # «снять возражения», «провести работу»: pressure without a result
    if lemma in (ORG, PERSON, PLACE):
        return "name"
    return "other"


def _company_stems(company: str | None) -> frozenset[str]:
    if not company:
        return frozenset()
    return frozenset(w[:4].lower() for w in re.findall(r"[^\W\d_]{2,}", company) if w.lower() not in LEGAL_FORMS)


@lru_cache(maxsize=4096)
def analyze(text: str, terms: frozenset[str] = frozenset()) -> Analysis:
    """Analyse a raw task text (normalisation included). Cached: backlogs repeat texts a lot.
    ``terms``: a team model's shorthand (:mod:`taskqual.terms`), read as words, never as a name.
    A text's made-up words cost a bounded amount (:func:`taskqual.morphology.guessing_budget`)."""
    with guessing_budget():
        return _analysis(text, terms)


def _analysis(text: str, terms: frozenset[str]) -> Analysis:
    norm = normalize(text)
    low = norm.lower()
    found = locate(norm, terms)
    company = render(found, norm) if found else None
    read, dated = _model_view(norm, (found.start, found.end) if found else None)
    feats: list[str] = []
    add = feats.append
    lemmas: list[str] = []
    words: list[_Tok] = []
    chars: list[str] = []  # the character view, word by word
    in_quotes = False
    after_legal = False  # the words right after «ООО» are the name: «ООО Звонок» is no call
    has_legal = _contains_legal_words(low)
    clause = 0
    company_stems = _company_stems(company)
    typo_budget = DICTIONARY_TYPOS_PER_TEXT
    last_was_word = False
    for t in tokenize(read):
        if t in _PLACEHOLDERS:
            tok = _Tok(t, Word(t, "NAME", frozenset(), True), False, True, clause)
            tok.name = t
            words.append(tok)
            if not chars or chars[-1] != t:
                chars.append(t)
            continue
        if t == '"' or t == "'":
            in_quotes = not in_quotes
            add("s:quote")
            after_legal = False
            continue
        if not t.isalpha() and not _WORD_RE.search(t):
            if words and last_was_word and (t in ("№", "#") or _DIGIT_RE.search(t)):
                words[-1].num = True
            last_was_word = False
            after_legal = False
            if t in _CLAUSE_BREAKS or (t.endswith(".") and not in_quotes):
                clause += 1
            chars.append(_DIGITS_RE.sub("0", t.lower()))
            continue
        tl = t.lower().strip(".")
        if not tl:
            continue
        if words and last_was_word and _DIGIT_RE.search(tl):
            words[-1].num = True
        last_was_word = not t.endswith(".")
        if tl in LEGAL_FORMS:
            has_legal = True
            add("s:legal")
            add("lf:" + tl)
            words.append(_Tok(tl, Word(tl, "LEGAL", frozenset(), True), in_quotes, True, clause))
            after_legal = True
            continue
        alpha = tl.isalpha()
        w = parse(tl) if alpha or not _DIGIT_RE.search(tl) else Word("#num", "NUMB", frozenset(), True)
        if terms and (term := term_of(tl, terms)):
            w = Word(term, "NOUN", frozenset(), True)  # the team's shorthand: a known word, no name
        cap = t[0].isupper()
        if not w.known and (stem := _declined_abbreviation(tl)):
            w = Word(stem, "NOUN", frozenset(), True)  # «РОПом», «финдира», «гендиру»: a role, not a name
            tl = stem
        if not w.known and (not cap or not words):
            # «позвонитт» is «позвонить»; the whole-dictionary search for the first few words only,
            # so that a text of made-up words costs no more than a real one
            fixed = correct(tl, dictionary=typo_budget > 0)
            typo_budget -= 1
            if fixed:
                w = parse(fixed)
                tl = fixed
        elif w.pos == "VERB" and "past" in w.tags:
            w = noun_reading(tl) or w  # «замер» is a measurement here, not «замереть»
        if after_legal and not cap:
            after_legal = False
        tok = _Tok(w.lemma, w, in_quotes or after_legal, cap, clause)
        tok.name = _name_kind(tok, t, len(words), company_stems)
        words.append(tok)
        if tok.name:
            if not chars or chars[-1] != tok.name:
                chars.append(tok.name)
        else:
            chars.append(tl if alpha else _DIGITS_RE.sub("0", tl))
        if t.endswith(".") and len(t) > 1 and not in_quotes:
            clause += 1  # «пн.» ends a sentence

    n = len(words)
    add("len:" + _length_bucket(n))
    has_action = has_verb = False
    name_like = 0
    n_clauses = len({t.clause for t in words})
    status_clauses: set[int] = set()
    action_clauses: set[int] = set()
    last_action = ""
    topic_nouns = 0
    plural_topics = 0
    clause_marks: dict[int, set[str]] = {}  # roles, technical work, internal items per clause
    clause_verbs: dict[int, list[str]] = {}  # verb classes of the action verbs per clause
    for i, tok in enumerate(words):
        lemma, w, quoted, cap = tok.lemma, tok.w, tok.quoted, tok.cap
        if w.pos == "LEGAL":
            name_like += 1
            continue
        if tok.name:
            lemmas.append(lemma)
            add("w:" + tok.name)
            name_like += 1
            if quoted:
                add("q:name")
            if i == 0:
                add("f:" + tok.name)
            continue
        lemmas.append(lemma)
        add(("q:" if quoted else "w:") + lemma)
        if quoted:
            name_like += 1
            continue
        tags = w.tags
        if _is_topic_noun(words, i):
            topic_nouns += 1
            if "plur" in tags and (i == 0 or words[i - 1].w.pos not in _AGREEING_POS):
                plural_topics += 1  # «Бурьян стеллажи»: goods, not the last word of a name («Четыре лапы»)
        # A guessed parse of an unknown word is a verb only when it looks like an infinitive
        # («пазвонить»); otherwise it is a name that merely ends like a verb («Техносила»).
        is_verb = w.pos == "INFN" or (w.pos == "VERB" and w.known)
        standalone_name = n == 1 and cap
        vclass = VERB_CLASS_OF.get(lemma, "other")
        in_question = (i + 1 < n and words[i + 1].lemma == "ли") or (i > 0 and words[i - 1].lemma in _CLAUSE_WORDS)
        if is_verb and in_question:
            add("vq:" + lemma)  # «узнать, утвердили ли бюджет»: part of the question, not a report
        elif is_verb and ("past" in tags or (vclass == "wait" and "INFN" not in tags and "impr" not in tags)):
            # a report of what happened («отправил», «думают»): context, not the task
            status_clauses.add(tok.clause)
            add("past:" + lemma)
            add("past:" + vclass)
        elif is_verb:
            has_verb = has_action = True
            action_clauses.add(tok.clause)
            comp, obj = _complement(words, i)
            add("vo:" + comp)
            add(f"vo:{lemma}_{comp}")
            add(f"vc:{vclass}_{comp}")
            if obj:
                add(f"vc:{vclass}_{comp}_{_object_kind(obj)}")
            if comp == "obj" and obj in ACTION_NOUNS:
                # «провести переговоры … по условиям»: what follows the meeting decides
                j = next(k for k in range(i + 1, n) if words[k].lemma == obj)
                comp = "act_" + _complement(words, j)[0]
                add(f"vc:{vclass}_{comp}")
            last_action = f"{vclass}_{comp}"
            clause_verbs.setdefault(tok.clause, []).append(vclass)
            if w.pos == "INFN":
                add("vf:infn")
            elif "impr" in tags:
                add("vf:impr")
            elif "1per" in tags:
                add("vf:1per")
            else:
                add("vf:finite")
        elif w.known and (w.pos == "PRTS" or (w.pos == "PRTF" and "pssv" in tags and "past" in tags)):
            status_clauses.add(tok.clause)  # «договор подписан», «КП отправлено»
            add("vf:" + w.pos.lower())
            add("past:" + lemma)
        elif w.pos == "NOUN" and _is_deverbal(lemma) and not standalone_name:
            has_action = True
            action_clauses.add(tok.clause)
            add("vf:deverbal")
        elif lemma in ACTION_NOUNS and not standalone_name:
            has_action = True
            action_clauses.add(tok.clause)
            add("vf:actnoun")
        elif w.pos in ("PRTF", "GRND"):
            add("vf:" + w.pos.lower())
        if lemma in STATUS_LEMMAS and not is_verb:
            add("st:" + lemma)
        if lemma in INTERNAL_ITEMS:
            add("int:" + lemma)
        # «по стендам перевозчиков»: the owners of a fair's booths are exhibitors, not our suppliers
        exhibitor = i > 0 and words[i - 1].lemma in BOOTH_WORDS and "gent" in w.tags
        role = None if exhibitor else "internal" if lemma in OUR_WORDS else ROLE_OF.get(lemma)
        if role == "internal" and _possessed_by_client(words, i):
            role = "client"  # «с финдиром Климатории», «с отделом закупок клиента»: the client's people
        if role:
            add("role:" + role)
            clause_marks.setdefault(tok.clause, set()).add(role)
        # «светотехнический расчёт», «подбор насоса»: an engineer's work, technical work done by others too
        if (lemma in TECH_WORK or (lemma in ENGINEERING_ACTS and w.pos == "NOUN")) and not exhibitor:
            add("tech:" + lemma)
            clause_marks.setdefault(tok.clause, set()).add("tech")
        if lemma in INTERNAL_ITEMS:
            clause_marks.setdefault(tok.clause, set()).add("internal_item")
        if "Orgn" in tags or "Abbr" in tags:
            add("nm:org")
        if not w.known:
            add("nm:unknown")
            if cap or w.pos == "" or "LATN" in tags:
                name_like += 1
        elif cap and i > 0:
            add("nm:cap")
        if "LATN" in tags:
            add("nm:latin")
        if i == 0:
            add("f:" + lemma)
            add("fp:" + (w.pos or "X"))
    for a, b in itertools.pairwise(lemmas):
        add(f"b:{a}_{b}")
    for c, marks in clause_marks.items():
        for mark in sorted(marks):  # a set's order changes with the hash seed; the model's must not
            for vclass in clause_verbs.get(c, ("none",)):
                add(f"cr:{vclass}_{mark}")  # «согласовать … с директором»: whose people, in the same clause
    if _lower_twin(STATUS_PHRASES).search(low):
        add("st:phrase")
        status_clauses.add(-1)
    if status_clauses:
        add("cl:status")
        add("cl:status+action" if action_clauses else "cl:status_only")
    if last_action:
        add("cl:last_" + last_action)
    add("cl:n" + (str(n_clauses) if n_clauses < 4 else "4+"))
    if n == 1:
        tok = words[0]
        add("sw:" + (tok.name or tok.lemma))
        if tok.cap:
            add("s:single_cap")
        if not tok.name and tok.lemma in _TASK_NOUNS:
            # «Договор», «КП», «недозвон» alone: a stage or a topic; «Сделка #4512» alone: an identifier
            add("sw:task_num" if tok.num else "sw:task")
    if any(t.cap and len(t.lemma) > 1 and t.lemma.upper() == t.lemma for t in words):
        add("s:caps")
    if has_legal:
        add("s:legal_any")
    if not has_action:
        add("s:no_action")
    if not has_verb:
        add("s:no_verb")
    if topic_nouns:
        add("tn:any")
        if not has_action:
            add("tn:no_action")
            add("tn:names" if name_like else "tn:alone")
            if plural_topics:
                add("tn:plural")
    if n and name_like == n:
        add("s:all_names")
    elif n and name_like * 2 >= n:
        add("s:mostly_names")

    # The deadline is reported (``missing``) but not read by the model: dates never change a label.
    has_deadline = dated or any(
        (lm in _WHEN_LEMMAS and lm not in _WHEN_AFTER_PREP)
        or (lm in _WHEN_AFTER_PREP and i > 0 and lemmas[i - 1] in _TIME_PREPS)
        for i, lm in enumerate(lemmas)
    )
    if _DIGIT_RE.search(read):
        add("s:digits")
        if _DOCNO_RE.search(read.lower()):
            add("s:docno")
    if "," in read or " - " in read or ":" in read:
        add("s:punct_split")
    if "?" in read:
        add("s:question")
    addressed = addressed_line(norm)
    if addressed:
        add("ad:line")  # «Оле: выставить счёт»: handed over to a colleague

    return Analysis(
        normalized=norm,
        lemmas=tuple(lemmas),
        features=tuple(feats),
        has_action=has_action,
        has_deadline=has_deadline,
        company=company,
        char_text=" ".join(chars),
        found=found,
        addressed=addressed,
    )


_ABBREVIATION_ENDINGS = ("ами", "ом", "ам", "ой", "ов", "ах", "у", "а", "е", "ы")
_ABBREVIATIONS = frozenset(ROLE_OF) | ROLE_WORDS | SHORTHAND


def _declined_abbreviation(form: str) -> str:
    """The abbreviation a declined form stands for («ропом» → «роп», «финдира» → «финдир», «бухами» →
    «бух»); "" when the form is none."""
    for end in _ABBREVIATION_ENDINGS:
        stem = form[: -len(end)]
        if form.endswith(end) and len(stem) >= 2 and stem in _ABBREVIATIONS:
            return stem
    return ""


def _possessed_by_client(words: list[_Tok], i: int) -> bool:
    """The role at ``i`` is followed, in its clause, by whose it is: a company's name or the client
    («финдир Климатории», «финансовый директор сети Здоровье+», «отдел закупок клиента»)."""
    for t in words[i + 1 : i + 4]:
        if t.clause != words[i].clause:
            return False
        if t.name == ORG or ROLE_OF.get(t.lemma) == "client":
            return True
        if not (t.w.pos == "ADJF" or t.lemma in DESCRIPTORS):
            return False
    return False


@lru_cache(maxsize=1024)
def noun_reading(form: str) -> Word | None:
    """The task-noun reading of a form whose best parse is a past-tense verb («замер», «показ»)."""
    for p in analyzer().parse(form):
        lemma = p.normal_form.replace("ё", "е")
        if p.tag.POS == "NOUN" and (lemma in TECH_WORK or lemma in ACTION_NOUNS or lemma in DELIVERABLES):
            return Word(lemma, "NOUN", frozenset(str(g) for g in p.tag.grammemes), True)
    return None


_DOMAIN_WORDS = DELIVERABLES | INTERNAL_ITEMS | ACTION_NOUNS | STATUS_LEMMAS | frozenset(ROLE_OF) | TEMPLATE_HEADS
_TASK_NOUNS = (_DOMAIN_WORDS - frozenset(ROLE_OF)) | SHORTHAND | SLANG_NOUNS
"""Words of sales work that are no role: alone in a text, a stage or a topic («Договор», «КП», «недозвон»)."""


def _name_kind(tok: _Tok, raw: str, i: int, company_stems: frozenset[str]) -> str:
    """ORG, PERSON or PLACE when the word is part of a name; "" when it is an ordinary word."""
    w, lemma = tok.w, tok.lemma
    if lemma in SHORTHAND or lemma in PRODUCT_WORDS or lemma in _DOMAIN_WORDS or lemma in VERB_CLASS_OF:
        return ""
    if not raw.isalpha() and any(c.isdigit() for c in raw):
        return ""
    if tok.quoted:
        return ORG
    if tok.cap and w.tags & {"Name", "Surn", "Patr"}:
        return PERSON
    if raw[:4].lower() in company_stems and (tok.cap or not w.known):
        return ORG
    if not tok.cap:
        return ""
    if "Geox" in w.tags:
        return PLACE
    if w.pos in ("VERB", "INFN", "PREP", "CONJ", "PRCL", "ADVB", "PRTS", "PRTF", "GRND", "NPRO"):
        return ""
    if not w.known or "Orgn" in w.tags or "LATN" in w.tags:
        return ORG if len(raw) > 1 else ""
    return ""


__all__ = ["Analysis", "analyze", "find_company", "FEATURES_VERSION", "LEGAL_FORMS", "ACTION_NOUNS"]
