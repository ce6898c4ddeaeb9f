"""The company (or person) a task text names, as written, for hints and reports."""

from __future__ import annotations

import re
from functools import lru_cache

from taskqual.morphology import analyzer, parse

# Kept here rather than imported from taskqual.features, which imports this module: the legal forms
# that open a company name, and nouns that head a CRM template line rather than a name.
LEGAL_FORMS = frozenset(
    "ооо оао зао пао ао нао ип чп тоо чуп уп одо кфх пк нко ано тд гк нпо нпп нпк фгуп фгбу фгбоу "
    "гуп муп гбу гбуз огбуз огауз гауз мбу мбоу мадоу мкоу мку гку гоу фку фгку ку бу llc ltd "
    "gmbh inc corp jsc mchj xk".split()
)
ACTION_NOUNS = frozenset(
    "звонок созвон прозвон встреча переговоры демо демонстрация презентация касание фоллоуап "
    "follow-up followup дожим выезд визит замер отправка рассылка письмо".split()
)

_QUOTED_RE = re.compile(r'"([^"]{2,80})"')
_LEGAL_SPAN_RE = re.compile(
    r"(?<![\w])(" + "|".join(sorted((re.escape(f) for f in LEGAL_FORMS if f.isalpha()), key=len, reverse=True))
    + r")\.?\s+(\"[^\"]{2,80}\"?|(?:[A-ZА-Я0-9][\w&.-]*)(?:\s+[A-ZА-Я][\w&.-]*){0,3})",
    re.IGNORECASE,
)
_SEPARATOR_RE = re.compile(r"\s+-\s+|:\s+|,\s+|\s+\(|\)\s*")
# Sales shorthand in capitals is not a company name.
SHORTHAND = frozenset("кп лпр тз упд эдо дс ттн счф ндс инн огрн кпп бик crm ерр nda sla тн цмр смр пнр".split())
_TEMPLATE_HEADS = ACTION_NOUNS | frozenset("задача сделка лид заявка новый исходящий входящий напоминание".split())


def _name_like(token: str, first: bool) -> bool:
    core = token.strip(",.;:!?()-")
    if not core or not core[:1].isupper():
        return False
    w = parse(core.lower())
    if w.lemma in SHORTHAND or w.lemma in _TEMPLATE_HEADS or (w.known and w.pos in ("VERB", "INFN", "PREP", "CONJ")):
        return False
    if core.lower() in LEGAL_FORMS:
        return True
    return not w.known or bool(w.tags & {"Orgn", "Name", "Surn", "Geox", "LATN"}) or (not first and w.pos == "NOUN")


@lru_cache(maxsize=16384)
def _nominative(token: str) -> str:
    """«Ромашке» → «Ромашка», «Техносилу» → «Техносила»: a one-word name back in the nominative.

    For words the dictionary does not know, pymorphy3's guess by the ending is used; it is right
    for the usual company-name shapes («Уралхиммашем» → «Уралхиммаш»).
    """
    best = analyzer().parse(token.lower())[0]
    if best.tag.POS != "NOUN" or "nomn" in best.tag:
        return token
    lemma = best.normal_form.replace("ё", "е")
    if token.isupper():
        return lemma.upper()
    return lemma[:1].upper() + lemma[1:] if token[:1].isupper() else lemma


def _name_in_nominative(tokens: list[str]) -> str:
    """A one-word name back in the nominative («для Вектора» → «Вектор»); longer names keep their
    words as written, since a later word is often a genitive that belongs to the name («Город Мастеров»)."""
    return _nominative(tokens[0]) if len(tokens) == 1 else " ".join(tokens)


def find_company(norm: str, has_legal_form: bool = True) -> str | None:
    """The company (or person) a task names, as written, when one can be found."""
    m = _LEGAL_SPAN_RE.search(norm) if has_legal_form else None
    if m and (m.group(2)[0].isupper() or m.group(2)[0] in '"0123456789'):
        return f"{m.group(1)} {m.group(2).strip()}".strip()
    q = _QUOTED_RE.search(norm) if '"' in norm else None
    if q:
        return q.group(1).strip()
    # «Ромашка - договориться о встрече», «Вектор: счет»: a name standing between separators.
    # A company-like segment (unknown or organisation words) beats a person's name.
    segments = [s for s in _SEPARATOR_RE.split(norm) if s and s.strip()]
    if len(segments) > 1:
        best_seg, best_rank = None, 0
        for seg in segments:
            toks = seg.split()
            while toks and not _name_like(toks[0], False):  # «СРОЧНО Сергей Николаевич» → «Сергей Николаевич»
                toks = toks[1:]
            if not 0 < len(toks) <= 4 or any(c.isdigit() for c in seg):
                continue
            parses = [parse(t.strip(",.;:!?()-").lower()) for t in toks]
            if any((w.pos in ("VERB", "INFN") and w.known) or w.lemma in _TEMPLATE_HEADS or w.lemma in SHORTHAND
                   for w in parses):
                continue
            person = all(w.tags & {"Name", "Surn", "Patr"} for w in parses)
            rank = 1 if person else 2
            if rank > best_rank:
                best_seg, best_rank = toks, rank
        if best_seg:
            return _name_in_nominative([t.strip(" ,.;:-") for t in best_seg])
    # Otherwise the longest run of capitalised words that look like names.
    best: list[str] = []
    run: list[str] = []
    for i, tok in enumerate(norm.split()):
        if _name_like(tok, i == 0):
            run.append(tok.strip(",.;:!?()-"))
            if len(run) > len(best):
                best = list(run)
        else:
            run = []
    return _name_in_nominative(best) if best else None


__all__ = ["find_company"]
