"""The one-sentence hint a manager sees: what is missing, in the manager's own terms.

The hint depends on the *situation* (a call without a goal, a meeting without an agenda, a status
note, a topic without a result, internal work, preparation to hand over and to whom, a bare
identifier), read off the text's Analysis, within the family the label gives. The sentences live
as data in ``taskqual/resources/hints.tsv`` (situation → 2–4 phrasings); one phrasing is chosen by a
stable hash of the text, so a task always gets the same hint. The example in the hint names the
company (the caller's, or the one the text names) and the document the text already has
(«договор», «счёт №418», «КП на 200 шт.»), inflected by pymorphy3 (taskqual/phrases.py).
"""

from __future__ import annotations

import re
import string
import zlib
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from itertools import pairwise

from taskqual import labels
from taskqual.companies import latin_gibberish
from taskqual.company_gate import addressee, certain_span, model_code, with_descriptor
from taskqual.features import Analysis
from taskqual.lang_ru import (
    APPROVE_WORDS,
    AWAITED_ROLES,
    CALCULATE_WORDS,
    CALL_WORDS,
    CLARIFY_WORDS,
    CLIENT_WORDS,
    CLOSE_DEAL_RE,
    COMMERCIAL_FORMS,
    CONTACT_WORDS,
    DEAL_TOPICS,
    DELEGATE_TO,
    DOER_WORDS,
    DRAWING_WORDS,
    ENGINEERING_ACTS,
    ENGINEERING_OBJECTS,
    ERRAND_WORDS,
    EVENT_WORDS,
    FREIGHT_WORDS,
    IN_PROGRESS_RE,
    INSURANCE_WORDS,
    INTERNAL_WORDS,
    MAKE_WORDS,
    MEAL_WORDS,
    MEET_WORDS,
    OFFER_WORDS,
    OWN_MANAGERS_RE,
    OWN_MARKETING_WORDS,
    PAPERWORK_ERRANDS,
    PERSON_ROLES,
    PUSH_WORDS,
    REPORT_WORDS,
    SEND_WORDS,
    STAND_WALK_RE,
    STATUS_WORDS,
    TENDER_WORDS,
    VEHICLE_WORDS,
    WRITE_WORDS,
)
from taskqual.morphology import analyzer, is_genitive_noun, parse
from taskqual.phrases import (
    EXCERPT_LIMIT,
    Phrase,
    about,
    agree,
    excerpt,
    find_object,
    find_topic,
    nest_quotes,
    nominative_name,
    org_type,
    quote_depth,
    with_,
)

_WHOM: dict[str, Phrase] = {
    "translator": Phrase(("переводчик",)),
    "tenders": Phrase(("тендерный", "специалист")),
    "logistics": Phrase(("курьер",)),
    "logistician": Phrase(("логист",)),
    "technician": Phrase(("технический", "специалист")),
    "engineer": Phrase(("инженер",)),
    "designer": Phrase(("дизайнер",)),
    "lawyer": Phrase(("юрист",)),
    "accountant": Phrase(("бухгалтер",)),
    "template": Phrase(("ассистент",)),
    "assistant": Phrase(("ассистент",)),
    "office": Phrase(("офис-менеджер",)),
    "errand": Phrase(("офис-менеджер",)),
}
# Who a text is handed to in the old API's words (kept for delegate_to()).
_WHOM_TEXT = {
    "translator": "переводчику",
    "tenders": "тендерному специалисту",
    "logistics": "курьеру или логисту",
    "technician": "техническому специалисту",
    "engineer": "инженеру или техническому специалисту",
    "logistician": "логисту",
    "designer": "маркетологу или дизайнеру",
    "lawyer": "юристу",
    "accountant": "бухгалтеру",
    "template": "ассистенту (или возьмите готовый шаблон)",
    "assistant": "ассистенту",
    "office": "офис-менеджеру или маркетологу",
    "errand": "офис-менеджеру или ассистенту",
}


@lru_cache(maxsize=1)
def hint_table() -> dict[str, tuple[str, ...]]:
    """Situation → phrasings, read once from taskqual/resources/hints.tsv."""
    rows: dict[str, list[str]] = {}
    text = resources.files("taskqual").joinpath("resources/hints.tsv").read_text(encoding="utf-8")
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        situation, sep, phrasing = line.partition("\t")
        if not sep or not phrasing.strip():
            raise ValueError(f"taskqual/resources/hints.tsv line {n}: expected situation<TAB>phrasing")
        rows.setdefault(situation, []).append(phrasing.strip())
    return {k: tuple(v) for k, v in rows.items()}


def _words(analysis: Analysis) -> list[str]:
    return [w.strip(".,:;!?()\"'").lower() for w in analysis.normalized.split()]


def _verb_forms(analysis: Analysis) -> set[str]:
    """The verb forms the text uses: "infn", "impr", "1per", "3per", "past", "1plur" (ждём)."""
    out: set[str] = set()
    for w in _words(analysis):
        if not w.isalpha():
            continue
        p = parse(w)
        if p.pos == "INFN":
            out.add("infn")
        elif p.pos == "VERB" and p.known:
            if "impr" in p.tags:
                out.add("impr")
            elif "past" in p.tags:
                out.add("past")
            elif "1per" in p.tags:
                out.add("1plur" if "plur" in p.tags else "1per")
            elif "3per" in p.tags:
                out.add("3per")
        elif p.pos == "PRTS" and p.known:
            out.add("past")  # «заморожен», «отправлено»
    return out


def situation(label: str, analysis: Analysis) -> str:
    """Which row of the hint table fits: read off the text, within the family the label's hint kind
    gives (``Label.hint_kind`` in the labels registry, so a new label needs no code here)."""
    lemmas = set(analysis.lemmas)
    kind = labels.get(label).hint_kind
    if kind == "confirm":
        return "concrete" if analysis.has_deadline else "concrete_no_deadline"
    if _meal_with(analysis):
        return "meeting"  # «обед с Лысенко (Керамика Дона)»: a meal with someone is a meeting, whatever the label
    addressed = (kind == "delegate" and _addressed(analysis)) or analysis.addressed
    if addressed and _contacts_client(lemmas):
        return "handover:addressed:call"  # «Сергей, набери Любаву по кулерам»: the call still needs its goal
    if kind == "delegate" or addressed:
        client = (
            analysis.company
            and not (analysis.found and model_code(analysis.normalized, analysis.found))
            and not (addressed and analysis.found and addressee(analysis.normalized, analysis.found))
        )
        clientless = not client and not lemmas & CLIENT_WORDS  # «доверенность на получение ТПМ-4»: a model
        # addressed: an errand also for a client («пропуск на Пром-Арматуру»), never design work («лендинг»)
        recipient = _recipient(analysis.lemmas)
        errand = (
            bool(lemmas & ERRAND_WORDS)
            and (bool(lemmas & PAPERWORK_ERRANDS) or (recipient == "assistant" if addressed else clientless))
            and not _from_client(analysis)
        )
        if errand:
            # «ассистенту забронировать переговорку на чт», «…заказать пропуск на Пром-Арматуру»: office work
            if not addressed:
                return "handover:errand"
            return "handover:errand:addressed" if analysis.has_deadline else "handover:errand:addressed_no_deadline"
        reporting = lemmas & REPORT_WORDS - ({"выгрузка"} if lemmas & VEHICLE_WORDS else set())
        if clientless and reporting and not addressed:
            return "internal"  # «сформировать отчёт по сделкам за март»: reporting inside the company
        own_work = lemmas & OWN_MARKETING_WORDS or lemmas & EVENT_WORDS  # «макет бейджа для форума «Россия»»
        if addressed and own_work and (clientless or _event_company(analysis)):
            # «Лене — нарисовать макет баннера для стенда на Дентал-Экспо»: nothing goes to a client
            return "handover:addressed:own:dated" if analysis.has_deadline else "handover:addressed:own"
        if addressed:
            return _addressed_key(analysis)
        clientless = clientless or _event_company(analysis)
        if clientless and own_work and recipient in ("designer", "assistant"):
            return "handover:own"  # «макет баннера для выставки», «прайс на сайте»: no client to show it to
        if clientless and lemmas & MAKE_WORDS and _TEMPLATE_MADE_RE.search(analysis.normalized):
            return "handover:own"  # «подготовить шаблон КП»: making the template is the work, not taking one
        return "handover:" + recipient
    if kind == "add_action_and_result":
        if analysis.company:
            return "company_only"  # refined by the company the hint can name
        alpha = {w for w in lemmas if w.isalpha()}
        if alpha and alpha <= PERSON_ROLES and not any(c.isdigit() for c in analysis.normalized):
            return "bare_role"  # «ЛПР», «ген. дир»: a role, which cannot head the example as a client would
        return "bare_id"  # «Сделка #4512», «закупка №…», a name: the text itself heads the example
    if _addressed(analysis, strict=True):
        return _addressed_key(analysis)  # «монтажникам съездить на замер»: a colleague's task, asked for its result
    if STAND_WALK_RE.search(analysis.normalized):
        return "fair"  # «Агросалон - походить по стендам»: a visit to a fair, its goal is missing
    if lemmas & APPROVE_WORDS and OWN_MANAGERS_RE.search(analysis.normalized) and not _clients_director(analysis):
        if _FIGURE_RE.search(analysis.normalized):
            return "approval:figure"  # «скидку 12%»: the figure is there, never asked for again
        return "approval"  # «согласовать скидку для Айсберга с директором»: an approval inside the company
    forms = _verb_forms(analysis)
    acting = bool(forms & {"infn", "impr", "1per"})
    reaching_out = bool(lemmas & CALL_WORDS or lemmas & WRITE_WORDS)
    if _meal(analysis) and (lemmas & CLIENT_WORDS or analysis.company or _with_person(analysis)) and not reaching_out:
        return "meeting"  # «обед с клиентом из Росатома» is a meeting: its goal is missing
    if lemmas & INTERNAL_WORDS and not reaching_out:
        return "internal"
    if lemmas & {"отчет"} and not analysis.company:
        return "internal"
    in_progress = IN_PROGRESS_RE.search(analysis.normalized) is not None  # «страховка — в работе»
    if not acting and (in_progress or lemmas & STATUS_WORDS or forms & {"3per", "past", "1plur"}):
        return "status"
    if CLOSE_DEAL_RE.search(analysis.normalized) and not reaching_out:
        return "goal"  # «закрыть сделку с Гарантом до конца квартала»: the goal is there, its next step is not
    for words, name in (
        (CALL_WORDS, "call"),
        (WRITE_WORDS, "write"),
        (MEET_WORDS, "meeting"),
        (CLARIFY_WORDS, "clarify"),
        (CONTACT_WORDS, "contact"),
        (PUSH_WORDS, "push"),
    ):
        if lemmas & words:
            return name
    if not analysis.has_action:
        return "topic"
    return "generic"


# A figure the manager already wrote: «12%», «5 %», «150 000 руб», «90 тыс.», «2500₽».
_FIGURE_RE = re.compile(r"\d\s?%|\d\s?(?:₽|руб|р\.|тыс|т\.р)", re.IGNORECASE)


def _meal_with(analysis: Analysis) -> bool:
    """The text opens with a meal with someone («обед с Лысенко», «кофе с закупщиком»): a meeting."""
    words = _words(analysis)
    return len(words) > 2 and words[1] in ("с", "со") and parse(words[0]).lemma in MEAL_WORDS


def _meal(analysis: Analysis) -> bool:
    """A meal is the event of the task («обед с клиентом»), not its time («написать до обеда»)."""
    words = _words(analysis)
    return any(
        parse(w).lemma in MEAL_WORDS and (i == 0 or words[i - 1] not in ("до", "после", "перед", "к", "в"))
        for i, w in enumerate(words)
        if w.isalpha()
    )


def _with_person(analysis: Analysis) -> bool:
    """The text names someone to be with by surname, in the instrumental («ужин с Карповым»,
    «обед с Ивановой Е.»): a person met is a client's person."""
    words = analysis.normalized.split()
    for prev, word in pairwise(words):
        w = word.strip(".,:;!?()\"'")
        if prev.lower() not in ("с", "со") or not w[:1].isupper() or not w.isalpha():
            continue
        if any("Surn" in p.tag and p.tag.case == "ablt" for p in analyzer().parse(w.lower())):
            return True
    return False


def _addressed_key(analysis: Analysis) -> str:
    """A task already handed to a colleague: ask for the deadline only when the text has none; a call
    or a message handed on still needs its goal («Денису — созвониться с Аккордом»)."""
    lemmas = set(analysis.lemmas)
    if _contacts_client(lemmas):
        return "handover:addressed:call"
    if lemmas & SEND_WORDS and analysis.company:
        # «Андрей, отправь курьером УПД в Гидроферму»: sending is the task; what is missing is the receipt
        return "handover:addressed:send:dated" if analysis.has_deadline else "handover:addressed:send"
    return "handover:addressed:dated" if analysis.has_deadline else "handover:addressed"


def _contacts_client(lemmas: set[str]) -> bool:
    """A call, a message or a touch («набрать», «написать в ватсап», «связаться»); «Почтой России»
    is the post, not a message."""
    return bool(lemmas & CALL_WORDS or lemmas & (WRITE_WORDS - {"почта"}) or lemmas & CONTACT_WORDS)


# «подготовить шаблон КП»: the template is what is made (not «по шаблону», «в шаблоне»).
_TEMPLATE_MADE_RE = re.compile(r"(?i)(?<!\bпо )(?<!\bв )(?<!\bиз )\bшаблон(?:а|ы|ов)?\b")
_STAND_FOR_RE = re.compile(r"(?i)(?<!\w)стенд\w*\s+(?:для\s+|на\s+)?[«\"]?$")
_STAND_ON_RE = re.compile(r"(?i)(?<!\w)(?:на\s+стенд\w*|стенд\w*\s+на)\s+[«\"]?$")
_YEAR_AFTER_RE = re.compile(r"[\s'-]*(?:19|20)\d\d(?!\d)")


def _event_company(analysis: Analysis) -> bool:
    """The «company» is the fair our stand is for («макет стенда для ЭкспоТранс 2025»: a stand and a
    name with its year), not a client («стенд для Ромашки» is the client's)."""
    found = analysis.found
    if found is None or _STAND_FOR_RE.search(analysis.normalized[: found.name_start]) is None:
        return False
    on_stand = _STAND_ON_RE.search(analysis.normalized[: found.name_start]) is not None
    if on_stand and not found.quoted:
        name = analysis.normalized[found.name_start : found.name_end]
        if nominative_name(name) == name:
            return True  # «на стенд ЭкспоКамень»: a name in apposition is the fair («на стенд Гаранта» is theirs)
    return (found.quoted and on_stand) or _YEAR_AFTER_RE.match(analysis.normalized, found.end) is not None


def _from_client(analysis: Analysis) -> bool:
    """The power of attorney comes from the client («доверенность от ЗАО ПКФ Нива»): they must sign
    it, so it is no office errand."""
    found = analysis.found
    return found is not None and _PAPER_FROM_RE.search(analysis.normalized[: found.start]) is not None


_PAPER_FROM_RE = re.compile(r"(?i)доверенност\w*\s+от\s+$")  # not «доверенность на получение ТМЦ от ООО …»


def _clients_director(analysis: Analysis) -> bool:
    """The line opens with a public body or institution and what is agreed is no term of the deal:
    the director is the client's («МБОУ СОШ №14 согласовать с директором эскиз музея»), not one's own
    («согласовать скидку для Удачи с директором», «Кулер-Офис — согласовать с директором кулеры …»)."""
    found = analysis.found
    return (
        found is not None
        and found.start == 0
        and found.opener is not None
        and found.opener.lower() not in COMMERCIAL_FORMS
        and not set(analysis.lemmas) & DEAL_TOPICS
    )


def _addressed(analysis: Analysis, *, strict: bool = False) -> bool:
    """The task opens with who does it, in the dative («техникам настроить…», «юристу проверить…»):
    it is already handed over, so the hint asks for the result, not for a colleague. ``strict``: the
    word reads only so («технику» may be «техника», equipment), for texts the model did not call
    delegable."""
    words = analysis.normalized.split()
    if len(words) < 2 or not words[0].replace("-", "").isalpha():  # «офис-менеджеру заказать …»
        return False
    parses = [p for p in analyzer().parse(words[0].lower()) if p.tag.POS == "NOUN"]
    doers = [p.tag.case == "datv" and p.normal_form in DOER_WORDS for p in parses]
    return bool(doers) and (all(doers) if strict else any(doers))


def _subject(text: str) -> Phrase | None:
    """What a status note is about: its first word when that is a lower-case noun in the nominative
    singular that pymorphy3 knows («страховка — в работе»), not a status word («отказ», «тишина»)."""
    words = text.split()
    first = words[0].strip(".,:;!?()\"'«»") if words else ""
    if not first.isalpha() or not first.islower():
        return None
    parses = [p for p in analyzer().parse(first) if p.is_known]
    if not parses or parses[0].tag.POS != "NOUN" or "nomn" not in parses[0].tag or "sing" not in parses[0].tag:
        return None
    lemma = parses[0].normal_form.replace("ё", "е")
    if lemma in STATUS_WORDS | PERSON_ROLES:
        return None
    nxt = words[1].strip(".,:;!?()\"'«»") if len(words) > 1 else ""
    if lemma not in DEAL_TOPICS and nxt.isalpha() and nxt.islower() and is_genitive_noun(nxt):
        return None  # «мир рыбалки висит»: a client's name written in lower case, not a subject
    if nxt[:1].isupper() and org_type(first):
        return None  # «агрокомбинат Южный — думают»: the kind of the client, not a subject
    return Phrase((first,))


def _awaited(text: str) -> Phrase | None:
    """Whom a status note waits for («ждём ответа юристов», «на согласовании у СБ»), in the number
    the manager wrote, so the next step asks them and not a generic ЛПР."""
    for word in text.split():
        low = word.strip(".,:;!?()\"'«»").lower()
        if not low.isalpha():
            continue
        for p in analyzer().parse(low):
            if p.tag.POS == "NOUN" and p.is_known and p.normal_form in AWAITED_ROLES:
                nomn = p.inflect({"nomn"})
                return Phrase(((nomn or p).word,))
    return None


_DRAFT_VERBS = MAKE_WORDS | {"составить"}
_CONTRACTS = frozenset({"договор", "контракт", "допсоглашение"})


def _drafts_contract(lemmas: Sequence[str]) -> bool:
    """A contract is what is drafted: «составить договор аренды крана» (not «презентацию … по контракту»)."""
    return any(a in _DRAFT_VERBS and b in _CONTRACTS for a, b in pairwise(lemmas))


def _recipient(sequence: Sequence[str]) -> str:
    """Who the work goes to, from the text's lemmas in order. The transport or the translation an
    offer is for is not the work («подготовить ТКП на перевозку ВМ»: an offer to write, not a truck to
    book); a technical subject is («ТКП на обслуживание лифтов»: a specialist prices it)."""
    whom = _recipient_of(sequence)
    if whom in _NOT_OFFER_WRITERS:
        offer = _before_offer_subject(sequence)
        if len(offer) < len(sequence):
            return _recipient_of(offer)
    return whom


_NOT_OFFER_WRITERS = frozenset({"logistics", "logistician", "translator"})


def _recipient_of(sequence: Sequence[str]) -> str:
    lemmas = set(sequence)
    if lemmas & CALCULATE_WORDS and lemmas & INSURANCE_WORDS:
        return "assistant"  # «рассчитать тариф КАСКО на 15 машин»: a calculation, not logistics
    if (lemmas & ENGINEERING_ACTS and lemmas & ENGINEERING_OBJECTS) or {"спецификация", "проект"} <= lemmas:
        return "engineer"  # «расчёт солнечной станции 50 кВт», «подбор оборудования»: an engineer's work
    if lemmas & {"нарисовать", "макет"} and not lemmas & SEND_WORDS:
        return "designer"  # «нарисовать макет бейджа»: design work, whatever the object is
    if _drafts_contract(sequence):
        return "template"  # «составить договор аренды крана»: drafting a contract, whatever it is about
    if lemmas & DRAWING_WORDS:
        return "engineer"  # «сделать чертёж кабины КЛ-2»
    if lemmas & FREIGHT_WORDS:
        return "logistician"  # «оформить ГУ-12 на отправку вагонов»: freight, not a courier's parcel
    for words, whom in DELEGATE_TO:
        if lemmas & words:
            if whom == "designer" and lemmas & SEND_WORDS and not lemmas & MAKE_WORDS:
                return "assistant"  # «отправить каталог в Магнит»: sending a catalogue is no design work
            return whom
    return "assistant"


def _before_offer_subject(sequence: Sequence[str]) -> Sequence[str]:
    """The lemmas without the subject of an offer or a presentation: «на/по» and the three words after
    it («подготовить ткп для гок» of «подготовить ткп на перевозка вм для гок»; a later clause stays)."""
    for i, lemma in enumerate(sequence):
        if lemma in OFFER_WORDS:
            for j in range(i + 1, len(sequence)):
                if sequence[j] in ("на", "по"):
                    return [*sequence[:j], *sequence[j + 4 :]]
            break
    return sequence


def delegate_to(analysis: Analysis) -> str:
    """Who should do this preparation work instead of the salesperson (dative, e.g. «юристу»)."""
    return _WHOM_TEXT[_recipient(analysis.lemmas)]


_OPEN_QUOTES = "\"«„“'"
_CLOSE_QUOTES = "\"»“”'"
_QUOTES_RE = re.compile("[\"«»„“”']")
# A phone number or an e-mail in a text: never quoted as the head of an example.
_CONTACT_RE = re.compile(
    r"(?<![№#\w])(?:\+7|8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)|[\w.+-]+@[\w-]+\.\w"
)

_Template = tuple[tuple[str, str | None, str], ...]  # (literal, slot, case) pieces


@lru_cache(maxsize=1)
def _compiled() -> dict[str, tuple[_Template, ...]]:
    """Each phrasing parsed once into literal text and slots, so a hint costs a join, not a format."""
    out: dict[str, tuple[_Template, ...]] = {}
    for key, rows in hint_table().items():
        out[key] = tuple(
            tuple((lit, field, spec or "") for lit, field, spec, _ in string.Formatter().parse(row)) for row in rows
        )
    return out


def _fill(template: _Template, slots: Mapping[str, Callable[[], object]]) -> str:
    """The phrasing with its slots filled; a slot inside a quoted example has its own quotes
    nested as „…“ (:func:`taskqual.phrases.nest_quotes`), whichever slot it is."""
    parts: list[str] = []
    depth = 0
    for literal, field, case in template:
        parts.append(literal)
        depth += quote_depth(literal)
        if field is None:
            continue
        value = slots[field]()
        text = value.form(case or "nomn") if isinstance(value, Phrase) else str(value)
        parts.append(nest_quotes(text, inside=depth > 0))
    return "".join(parts)


def _identifier(analysis: Analysis, text: str | None) -> str:
    """The text quoted back, as the manager wrote it («№», not the normalised «No»), or decoded when
    it was typed in the wrong keyboard layout («Hfleuf» is quoted as «Радуга», never as gibberish)."""
    if text and text.strip() and _layout_decoded(text, analysis.normalized):
        word = analysis.normalized.strip()
        if word.isalpha() and word.islower():
            return word[:1].upper() + word[1:]  # «hfccdtn» is the name «Рассвет», typed without Shift
        return excerpt(analysis.normalized, 40)
    if not text or not text.strip():
        return excerpt(analysis.normalized, 40)
    return excerpt(text, 40)


def _decoded_in_part(text: str | None, normalized: str) -> bool:
    """A text typed wholly in Latin that normalisation decoded only in part: «Ajnjcnelbz J,kfrf» became
    «Ajnjcnelbz Облака» (it is «Фотостудия Облака»); quoting it back would quote half a word salad."""
    return (
        bool(text)
        and not _CYRILLIC_RE.search(text or "")
        and bool(_CYRILLIC_RE.search(normalized))
        and any(c.isascii() and c.isalpha() for c in normalized)
    )


def _layout_decoded(text: str, normalized: str) -> bool:
    """Normalisation decoded Latin words of the text (it had more Latin letters than its normal form)."""
    latin = _LATIN_LETTERS_RE.findall(text)
    return bool(latin) and len(latin) > len(_LATIN_LETTERS_RE.findall(normalized))


# The document a bare identifier names, by its first word: its next step is that document's own.
_DOCUMENT_KINDS = {
    "счет": "bare_id:invoice",
    "сч": "bare_id:invoice",
    "заказ": "bare_id:order",
    "договор": "bare_id:contract",
    "дог": "bare_id:contract",
    "контракт": "bare_id:contract",
    "закупка": "bare_id:tender",
    "тендер": "bare_id:tender",
    "аукцион": "bare_id:tender",
    "извещение": "bare_id:tender",
    "упд": "bare_id:shipment",
    "накладная": "bare_id:shipment",
    "ттн": "bare_id:shipment",
}
_CYRILLIC_RE = re.compile(r"[А-Яа-яЁё]")
_LATIN_LETTERS_RE = re.compile(r"[A-Za-z]")
_HAS_NUMBER_RE = re.compile(r"(?:№|#|No)\s?\d|\d{2,}")


def _names_an_event(normalized: str) -> bool:
    """The text opens with an event word («Форум регионов», «выставка Агропродмаш»)."""
    words = normalized.split()
    return bool(words) and parse(words[0].strip(".,:;").lower()).lemma in EVENT_WORDS


def _document_kind(normalized: str) -> str | None:
    """«сч. №318 от 12.02» → the invoice row, «заказ №7741» → the order row, «договор 15/3» → the
    contract row, also after a name («Типография Новый день сч №318», «Кедр УПД 345»); a deal or a
    lead number keeps the neutral bare-identifier rows."""
    if not _HAS_NUMBER_RE.search(normalized):
        return None
    for word in normalized.split():
        word = word.strip(".,:;").lower().replace("ё", "е")
        kind = _DOCUMENT_KINDS.get(word) or (_DOCUMENT_KINDS.get(parse(word).lemma) if word.isalpha() else None)
        if kind:
            return kind
    return None


def _bare_document(analysis: Analysis) -> bool:
    """The text is a document and its number, nothing else («дог. 17/24-ЛФ», «счёт 318»); a tender
    keeps its own row, whose next step is the bid."""
    words = [w.strip(".,:;!?").lower().replace("ё", "е") for w in analysis.normalized.split()]
    kinds = {_DOCUMENT_KINDS.get(w) or _DOCUMENT_KINDS.get(parse(w).lemma) for w in words if w.isalpha()}
    return bool(kinds) and None not in kinds and "bare_id:tender" not in kinds


def _clarify_verb(analysis: Analysis, text: str | None) -> str:
    """The manager's own «уточнить»-like word, as written and capitalised («Обсудить»)."""
    for word in (text or analysis.normalized).split():
        w = word.strip(".,:;!?()\"'«»")
        if w.isalpha() and parse(w.lower()).lemma in CLARIFY_WORDS:
            return w[:1].upper() + w[1:]
    return "Уточнить"


def render(key: str, text_key: str, slots: Mapping[str, Callable[[], object]]) -> str:
    """One phrasing of ``key``, chosen from ``text_key`` by a stable hash, with its slots filled
    (each slot is a function, called only when the phrasing uses it)."""
    rows = _compiled()[key]
    return _fill(rows[zlib.crc32(text_key.encode("utf-8")) % len(rows)], slots)


def hint_for(
    label: str,
    analysis: Analysis,
    missing: tuple[str, ...] = (),
    *,
    company: str | None = None,
    text: str | None = None,
    found: str | None = None,
) -> str:
    """A short actionable sentence in Russian for a text with this label and analysis.

    ``company`` is the company the caller knows (a CRM field, a report column); without it the
    company found in the text (``found``, else ``analysis.company``) is used when it reads as a
    nominative. ``text`` is the raw text, for the object as the manager wrote it («счёт №418»).
    """
    key, slots = _plan(label, analysis, company=company, text=text, found=found)
    return render(key, analysis.normalized, slots)


def hint_key(
    label: str, analysis: Analysis, *, company: str | None = None, text: str | None = None, found: str | None = None
) -> str:
    """The row of the hint table a text gets (``"call+obj"``, ``"handover:lawyer"``…): for tests and
    for explaining a hint."""
    return _plan(label, analysis, company=company, text=text, found=found)[0]


def _plan(
    label: str, analysis: Analysis, *, company: str | None, text: str | None, found: str | None
) -> tuple[str, dict[str, Callable[[], object]]]:
    given = (company or "").strip()
    if (
        len(given) > 2
        and given[0] in _OPEN_QUOTES
        and given[-1] in _CLOSE_QUOTES
        and not _QUOTES_RE.search(given[1:-1])
    ):
        given = given[1:-1].strip()  # «"Мир вывесок"» from a CRM field: the hint adds its own quotes
    company = given or found or analysis.company
    if company and not given and not certain_span(analysis.normalized, analysis.found):
        company = None  # the span may be cut short or a brand («Право и Бизнес» → «Бизнес»): «клиент»
    if company and not given:
        company = with_descriptor(analysis.normalized, analysis.found) or company  # «Комбинат Заря», not «Заря»
        if text and _layout_decoded(text, analysis.normalized):
            # «bg cnhtkrjd» = «ип стрелков»: a name decoded from lower-case keys gets its capital
            company = " ".join(w[:1].upper() + w[1:] if w.isalpha() and w.islower() else w for w in company.split())
        company = nominative_name(company, text or analysis.normalized)  # None when its case is not certain
    if company and len(company) > EXCERPT_LIMIT:
        company = None  # a name too long to quote whole is never cut mid-name (its quotes would stay open)
    key = situation(label, analysis)
    if key in ("company_only", "bare_id", "bare_role") and company and (found or analysis.company):
        key = "company_only"  # «Здесь только «…»» needs a name the text itself holds
    elif key == "company_only":
        key = "bare_id"  # a name that cannot be quoted as the client: the text is quoted as it is
    if key in ("bare_id", "bare_role") and (
        latin_gibberish(_identifier(analysis, text).replace("-", " ")) or _decoded_in_part(text, analysis.normalized)
    ):
        key = "unreadable"  # «Xjqrf», «Ajnjcnelbz Облака»: wrong-layout text that did not decode is never quoted back
    elif key == "bare_id" and (_identifier(analysis, text).endswith("…") or _CONTACT_RE.search(analysis.normalized)):
        key = "bare_id:unquoted"  # never an example built on the text cut mid-phrase or headed by a phone or e-mail
        if _document_kind(analysis.normalized) == "bare_id:tender":
            key = "bare_id:unquoted:tender"  # «Сбербанк-АСТ закупка №0373…»: a bid, never a meeting with the ЛПР
    elif key == "bare_id" and _names_an_event(analysis.normalized):
        key = "fair"  # «Форум регионов»: an event is no client; its goal is what is missing
    elif key == "bare_id":
        key = _document_kind(analysis.normalized) or key  # «сч. №318»: the next step is payment, never an offer
    if key == "topic" and _bare_document(analysis):
        key = _document_kind(analysis.normalized) or key  # «дог. 17/24-ЛФ»: the contract's next step, not a topic
    table = hint_table()
    who = _awaited(text or analysis.normalized) if key + "+who" in table else None
    obj = find_object(text or analysis.normalized) if key + "+obj" in table and who is None else None
    topic = None
    if who is not None:
        key += "+who"
    elif obj is not None:
        key += "+obj"
    elif key + "+topic" in table:
        topic = find_topic(text or analysis.normalized, skip=found or analysis.company)
        if topic is None and key == "status":
            topic = _subject(text or analysis.normalized)  # «страховка Транслайн — в работе» → «по страховке»
        if topic is not None:
            key += "+topic"
    if key.split("+")[0] in ("topic", "generic", "push") and set(analysis.lemmas) & TENDER_WORDS:
        key = "tender"  # «выиграть тендер РЖД на …»: the seller's step is the bid, no decision «до пятницы»
    seed = analysis.normalized
    client_tail = "" if not company else (company if "«" in company else f"«{company}»")
    recipient = key.split(":", 1)[1].split("+")[0] if ":" in key else "assistant"
    if key == "handover:own":
        recipient = _recipient(analysis.lemmas)
        recipient = "assistant" if recipient == "template" else recipient
    slots: dict[str, Callable[[], object]] = {
        "ex": lambda: f"{company} — " if company else "",
        "company": lambda: company or "",
        "client": lambda: Phrase(("клиент",), client_tail),
        "obj": lambda: obj or Phrase(("КП",)),
        "about_obj": lambda: about(obj.form("loct")) if obj else "о КП",
        "with_obj": lambda: with_(obj.form("ablt")) if obj else "с КП",
        "whom": lambda: _WHOM[recipient],
        "topic": lambda: topic or Phrase(("условия",)),
        "about_topic": lambda: about((topic or Phrase(("условия",))).form("loct")),
        "verb": lambda: _clarify_verb(analysis, text),
        "ident": lambda: _identifier(analysis, text),
        "who": lambda: who or Phrase(("ЛПР",)),
        "days": lambda: agree(2 + zlib.crc32(seed.encode("utf-8")) % 2, "день"),
    }
    return key, slots


def missing_parts(label: str, analysis: Analysis) -> tuple[str, ...]:
    """Which of action / result / deadline the task lacks (deadline is informational only)."""
    kind = labels.get(label).hint_kind
    out = []
    if kind == "add_action_and_result" or (kind == "add_result" and not analysis.has_action):
        out.append("action")
    if kind in ("add_result", "add_action_and_result"):
        out.append("result")
    if not analysis.has_deadline:
        out.append("deadline")
    return tuple(out)


__all__ = ["hint_for", "hint_key", "missing_parts", "delegate_to", "situation", "hint_table", "render"]
