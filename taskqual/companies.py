"""The company a task text names, reported as the manager wrote it, for hints and reports.

Precision comes first: a wrong company in a hint («с клиентом «Казань»») teaches managers to ignore
the tool, a missing one only makes the hint a little less specific. So a word becomes a company only
on evidence, strongest first:

1. a legal form or an organisation prefix before it: «ООО «Вектор»», «ИП Сидоров А.В.», «СК Согласие»;
2. quotes: «в «Решение»», «клиника «Мать и Дитя»» (the descriptor before the quotes is dropped);
3. capitalised words that look like a name: unknown to the dictionary («Техносила»), marked as an
   organisation («Северсталь», «ВТБ»), Latin («Leroy Merlin»), a common noun capitalised inside a
   sentence («встреча с Победой»), or a common noun standing alone before a separator
   («Победа — отправить счёт»).

Never reported: first names, patronymics and surnames on their own, cities and regions, sales
shorthand and business words («КП», «Счёт», «Оплата», «Юрист»), tools («WhatsApp», «1С», «Битрикс»),
weekdays and months, INN, phone and deal-number fragments, capitalised verbs the dictionary does not
know («Отсканить»), and lower-case names (too easily an ordinary word).

A team model's shorthand terms («ЗМР», :mod:`taskqual.terms`) are never a name when that model reads
a text (``keep``): «ЗМР Ромашка, Тверская 5» names «Ромашка».

How the name is written (the documented normalisations, nothing else is changed):

* the text as the manager typed it: «ё», «№», capitals and hyphens stay; Latin look-alike letters
  inside a Cyrillic word are made Cyrillic («Нoватэк» with a Latin «o» → «Новатэк»), and a name
  typed in the wrong keyboard layout is reported decoded («Cnhjqvfhrtn» → «Строймаркет»);
* a legal form or prefix in capitals («ооо» → «ООО»), quotes of any kind around the name after it
  as «»; quotes around a name without a legal form are dropped («в «Вектор»» → «Вектор»);
* a one-word name is put in the nominative only when pymorphy3 is certain: the dictionary knows the
  form, every analysis gives the same lemma and none is already nominative («Ромашке» → «Ромашка»,
  «Вектору» → «Вектор»); guesses stay as written («для Техносилы», «Сити-Кар»), and so do names of
  several words («Зелёного Дома»).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from taskqual.lang_ru import ACTION_NOUNS as _ACTION_NOUNS
from taskqual.lang_ru import (
    BODY_HEADS,
    BOOTH_WORDS,
    BORROWED_WORDS,
    CITY_SHORTHAND,
    COMMERCIAL_LEGAL_WORDS,
    EVENT_NAMES,
    EVENT_PHRASES,
    EVENT_WORDS,
    INSTITUTION_HEADS,
    LEGAL_FORMS,
    LEGAL_WORD_STEMS,
    NAME_TAILS,
    NUMBERED_ORGS,
    PRODUCT_WORDS,
    REGION_ABBREVIATIONS,
    ROLE_WORDS,
    SHORTHAND_RE,
    SPEC_CODE_RE,
    STAND_WALK_RE,
    TECH_WORK,
)
from taskqual.lang_ru import SHORTHAND as SALES_SHORTHAND
from taskqual.morphology import Word, analyzer, parse
from taskqual.normalize import TO_CYRILLIC, camel_case, decode_layout, fix_homoglyphs
from taskqual.spelling import correct, find_misspelt, is_task_word, task_word_counts
from taskqual.terms import mask_terms

# Words that open a CRM title rather than a name: action nouns and technical work («Замер у …»).
ACTION_NOUNS = _ACTION_NOUNS | TECH_WORK
# Organisation prefixes reported with the name, like a legal form: «СК «Согласие»», «ТК Деловые Линии»,
# culture houses and schools: ДК «Октябрь», ДШИ «Радуга», ЦКиД «Юность».
ORG_PREFIXES = frozenset("ск тк тц трц бц жк ан нии кб мчж дк дши цкид".split())
# Forms that are also ordinary short words or shorthand in lower case: accepted only in capitals.
_CAPS_ONLY = frozenset("ао ку бу пк тд гк уп чп ан ск тк тц бц жк кб нии дк дши inc corp".split())
_OPENERS = LEGAL_FORMS | ORG_PREFIXES | {"мчж"}
_FORM_SPELLING = {"цкид": "ЦКиД"}  # forms whose capitals are not all capitals («центр культуры и досуга»)

# Sales shorthand (:data:`taskqual.lang_ru.SHORTHAND`) and other abbreviations that are no company even
# in capitals.
SHORTHAND = SALES_SHORTHAND | frozenset(
    "роп рук ок ok "
    "b2b b2c b2g diy horeca hr it ит пт пн вт ср чт сб вс тел моб факс email e-mail фз асап asap eod "
    "кам kam нпа гост ту сро сфр фнс пфр мск спб екб нск рф рб рк usd eur руб тыс млн шт fw fwd re".split()
)
# Tools and channels a manager works in, not clients.
TOOLS = frozenset(
    "whatsapp вотсап ватсап вацап telegram телеграм телеграмм телега телегу zoom зум skype скайп teams "
    "excel эксель word google гугл yandex-почта outlook битрикс bitrix bitrix24 амо amocrm 1с 1c "
    "jira slack notion tilda тильда авито avito hh headhunter почта mail gmail спарк контур сбис диадок "
    "follow up call test demo meeting email linkedin figma youtube yclients unisender rusprofile ati looker "
    "canva miro".split()
)
# Capitalised common words that start a task line or name a role: never a company on their own.
BUSINESS_WORDS = frozenset(
    """клиент заказчик покупатель контрагент партнер поставщик дилер компания фирма организация
    отдел закупка снабжение бухгалтерия логистика юрист директор руководитель главбух бухгалтер
    дизайнер ассистент менеджер секретарь снабженец закупщик маркетолог коллега ребята команда офис
    склад объект товар груз машина партия посылка оригинал образец материал деньги фото файл ссылка
    договор счет акт сверка спецификация предложение прайс каталог смета макет отчет
    отчетность таблица база документ доверенность претензия рекламация возврат брак оплата
    предоплата отгрузка поставка доставка монтаж заказ заявка лид сделка тендер аукцион контракт
    кредит скидка цена бюджет расчет накладная задача планерка обед отпуск командировка выставка
    вебинар конференция поездка статус итог вопрос ответ важно срочно тест новый горячий холодный
    входящий исходящий напоминание коммерческое план продажа воронка сегмент регион край область район
    новость праздник год март день неделя месяц квартал сегодня завтра
    понедельник вторник среда четверг пятница суббота воскресенье январь февраль апрель май июнь
    июль август сентябрь октябрь ноябрь декабрь привет добрый коллега""".split()
)
# Lower-case descriptors before a name: «компания «Вектор»» → «Вектор», «Кафе Дружба» → «Дружба».
DESCRIPTORS = frozenset(
    """компания фирма клиент заказчик контрагент партнер банк завод фабрика сеть магазин салон кафе
    ресторан бар гостиница отель клиника стоматология аптека автосервис автосалон агентство типография
    пекарня страховая холдинг группа комбинат предприятие организация кафе-бар фитнес-клуб клуб
    студия центр""".split()
)
STREET_WORDS = frozenset(
    "ул улица пр пр-т проспект пер переулок ш шоссе б-р бульвар пл площадь наб набережная "
    "ст станция станица".split()  # «вагон на ст. Тайга»: a railway station, not a client
)
_PERSON = frozenset({"Name", "Surn", "Patr"})
_PERSON_OR_PLACE = _PERSON | {"Geox"}
_SHORT_OR_TOOL = SHORTHAND | PRODUCT_WORDS | TOOLS | ROLE_WORDS | BORROWED_WORDS | REGION_ABBREVIATIONS
_YEAR_RE = re.compile(r"[-\s]20[12]\d$")  # «Мебель-2026»: a fair of a recent year
_DEVERBAL = ("ание", "ение", "ятие", "нтие", "ытие", "ация", "яция", "ировка", "овка", "ство")

_TOKEN_RE = re.compile(r'"|(?:№|No|#)\s?[\w/-]*\d[\w/-]*|\+?\d[\d()-]*\d|[^\W_][\w&+\'.-]*[^\W_]|[^\W_]|[^\w\s"]')
_NUMBER_TOKEN_RE = re.compile(r"(?:№|No|#)\s?[\w/-]*\d[\w/-]*")  # «№418», «№ Ш-245»
_SEPARATORS = frozenset(",:;()—-/|!?")
_NAMED_AFTER_RE = re.compile(r"\s+(?:им\.|имени)\s*(?:[А-ЯЁ]\.\s?){0,2}[А-ЯЁ][\w-]+")
_PERSON_INITIALS_RE = re.compile(r"[А-ЯЁA-Z]\.\s?[А-ЯЁA-Z]\.?")  # «С.П.» after or before a surname
_INITIALS_RE = re.compile(r"^[А-ЯЁA-Z]\.(?:\s?[А-ЯЁA-Z]\.?)?$")


class Found(NamedTuple):
    """A company located in the normalised text: its span and how to render it."""

    start: int
    end: int
    opener: str | None  # the legal form or prefix, as written, when the name follows one
    name_start: int  # where the name proper starts (after the opener and the quote)
    name_end: int
    quoted: bool
    decoded: str | None  # the name decoded from the wrong keyboard layout, if it was


class _Tok(NamedTuple):
    text: str
    start: int
    end: int


_new = tuple.__new__


@lru_cache(maxsize=65536)
def _chunk_pieces(chunk: str) -> tuple[tuple[str, int], ...]:
    """The tokens of one whitespace-separated chunk with their offsets (cached: chunks repeat)."""
    if chunk.isalpha():
        return ((chunk, 0),)
    return tuple((m[0], m.start()) for m in _TOKEN_RE.finditer(chunk))


def _tokens(text: str, start: int = 0, max_chunks: int | None = None) -> list[_Tok]:
    """Words, numbers («№418», «+7»), quotes and punctuation from ``start`` on (at most
    ``max_chunks`` whitespace-separated chunks), with their offsets in ``text``."""
    out: list[_Tok] = []
    pos = start
    chunks = text[start:].split(maxsplit=max_chunks) if max_chunks else text[start:].split()
    if max_chunks and len(chunks) > max_chunks:
        chunks.pop()  # the unsplit remainder
    k = 0
    while k < len(chunks):
        chunk = chunks[k]
        pos = text.find(chunk, pos)
        if chunk in ("No", "№", "#") and k + 1 < len(chunks) and any(c.isdigit() for c in chunks[k + 1]):
            nxt = chunks[k + 1]  # «№ 418»: one number token
            end = text.find(nxt, pos + len(chunk)) + len(nxt)
            m = _NUMBER_TOKEN_RE.match(text, pos)
            stop = m.end() if m else end
            out.append(_new(_Tok, (text[pos:stop], pos, stop)))
            if stop < end:
                out.extend(
                    _new(_Tok, (piece, stop + off, stop + off + len(piece)))
                    for piece, off in _chunk_pieces(text[stop:end])
                )
            pos = end
            k += 2
            continue
        for piece, off in _chunk_pieces(chunk):
            start = pos + off
            out.append(_new(_Tok, (piece, start, start + len(piece))))
        pos += len(chunk)
        k += 1
    return out


def _is_word(t: str) -> bool:
    return t[:1].isalnum() or t[:1] in "№#"


@lru_cache(maxsize=16384)
def layout_decoded(token: str) -> str | None:
    """The Cyrillic word a Latin token typed in the wrong layout stands for, if it clearly is one.

    Latin with almost no vowels («Cnhjqvfhrtne», «Dtrnjh») decoding into pronounceable Russian; brand
    names («Bosch», «Henkel», «Schneider») keep their vowels and stay Latin.
    """
    if len(token) < 6 or not token.isascii() or not token.isalpha():
        return None
    vowels = sum(c in "aeiouAEIOU" for c in token)
    if vowels / len(token) >= 0.2:
        return None
    cyr = token.translate(TO_CYRILLIC)
    if not re.fullmatch(r"[А-Яа-яЁё]+", cyr) or cyr[0].lower() in "ъыь":
        return None
    if sum(c in "аеёиоуыэюяАЕЁИОУЫЭЮЯ" for c in cyr) / len(cyr) < 0.25:
        return None
    return cyr if decode_layout(token) else None  # spelled like Russian («Twitch» is no «Ецшеср»)


_LAYOUT_KEYS_RE = re.compile(r"[A-Za-z][\[\];,{}<>]+[A-Za-z]|[A-Za-z][\[\]{}<>]+(?!\S)")


def latin_gibberish(name: str) -> bool:
    """A Latin "name" that is no plausible brand: Russian typed in the wrong layout that was not
    decoded. A word in mixed case without a vowel («Xjqrf», «Cn» from «Cnfkm,tnjy») or one that decodes
    to Russian («Hfleuf» = «Радуга»), or a key of a Russian letter inside or at the end of a word
    («Cnfkm,tnjy»). Brands keep their vowels («Bosch», «Volvo Trucks»), abbreviations are in capitals
    («DHL», «KPMG»), numbers stay («X5», «Tele2»; not «Ntkt2»)."""
    if _LAYOUT_KEYS_RE.search(name):
        return True
    brand = any(camel_case(w) for w in name.split())  # «LightPro Rent»: Latin by intent, «Rent» is no «Куте»
    for word in name.split():
        letters = [c for c in word if c.isalpha()]
        if not word.isascii() or word.isupper() or len(letters) < 2:
            continue  # Cyrillic, an abbreviation, a letter with digits («X5», «3M»)
        if word.lower().strip(".,:;") in LEGAL_FORMS:
            continue  # «Ltd.», «GmbH»
        if word.endswith(".") and len(letters) <= 3:
            continue  # «Dr.», «St.», «Co.»: an abbreviation, not a slip
        core = word.strip(".,:;!?0123456789@#$^&\"'")  # «@Fhrneh@»: shifted keys around a slip
        if not any(c in "aeiouyAEIOUY" for c in letters) or (not brand and decode_layout(core) is not None):
            return True
    return False


def _parse(token: str) -> Word:
    return parse(token.lower().replace("ё", "е"))


def _is_verb(w: Word, token: str) -> bool:
    if w.pos in ("VERB", "INFN", "GRND") and (w.known or w.pos == "INFN"):
        return True
    low = token.lower()
    return not w.known and low.endswith(("ить", "ать", "ять", "еть", "уть", "ться", "тись"))


def _shorthand(low: str) -> bool:
    """Shorthand, also inflected («РОПу», «ЛПРа»), and the shorthand the features write out («Дог-р»,
    «Сч.», «Перезв.», «Допник»: the document or the action, never the client)."""
    written_out = SHORTHAND_RE.match(low + ". ")
    if written_out and written_out.end() >= len(low):
        return True
    known = _SHORT_OR_TOOL
    parts = low.split("-")
    if len(parts) == 2 and all(len(p) <= 4 for p in parts) and any(p in CITY_SHORTHAND for p in parts):
        return True  # a route, «Мск-Кзн»
    return (
        low in known
        or (low[-1:] in ("у", "а", "е", "ы") and low[:-1] in known)
        or (low[-2:] in ("ом", "ам", "ой", "ов", "ах") and low[:-2] in known)
    )


def _is_event(low: str) -> bool:
    """A trade fair or forum, in any case («Иннопрома», «Мебель-2025», «Металл-Экспо»): not a client."""
    low = low.replace("ё", "е")
    if low in EVENT_NAMES or low.endswith(("экспо", "expo")) or _YEAR_RE.search(low):
        return True
    return any(
        low.startswith(name) and len(low) - len(name) <= 3 and low[len(name) :].isalpha() for name in EVENT_NAMES
    )


def _after_event_word(norm: str, start: int) -> bool:
    """The name at ``start`` is an event's (see :func:`_event_name`)."""
    return _event_name([w.strip('"«»,.:;') for w in norm[:start].split()], norm[start:])


def _event_name(before: list[str], name: str) -> bool:
    """A name after ``before`` (the words ahead of it) is an event's: it follows an event word
    («выставка «Строитех»», «с форума Атомэкспо»), a booth («стенд на Securika»), or is a Latin
    name right after «после» («после MIMS Automechanika пообщаться с Автоплюсом»: a fair; a client
    met before would be written in Cyrillic)."""
    if not before:
        return False
    last = _parse(before[-1]).lemma
    if last in EVENT_WORDS:
        return True
    if last == "на" and len(before) > 1 and _parse(before[-2]).lemma in BOOTH_WORDS:
        return True
    return last == "после" and name[:1].isascii() and name[:1].isalpha()


def _function_word(w: Word) -> bool:
    return w.known and w.pos in ("PREP", "CONJ", "PRCL", "NPRO", "ADVB", "PRED", "INTJ", "COMP", "NUMR")


@lru_cache(maxsize=16384)
def _blocked(token: str, w: Word, *, starts_run: bool = True) -> bool:
    """Words that are never (part of) a company name outside quotes. A business word («Партнёр»)
    may continue a name that has started («Надёжный Партнёр»), but never starts one. Cached: the
    same capitalised words («Позвонить», «Отправить») open text after text."""
    low = token.lower().replace("ё", "е")
    if _shorthand(low) or w.lemma in SHORTHAND | PRODUCT_WORDS or w.lemma in TOOLS or low in _OPENERS:
        return True
    if _is_verb(w, token):
        return True
    if w.lemma in ROLE_WORDS or _is_event(low):
        return True
    if starts_run and (w.lemma in BUSINESS_WORDS or w.lemma in ACTION_NOUNS):
        return True
    return _function_word(w)


class _Cand(NamedTuple):
    rank: int
    toks: list[_Tok]
    decoded: str | None


class _Part(NamedTuple):
    tok: _Tok
    evidence: int  # 0 only inside a name (a city, a person, «Плюс»), 1 a capitalised common word, 2 a name
    kind: str  # "name", "geo", "person", "tail", "num"
    word: Word


# Documents that may follow a name at the start of a line: «ВЕКТОР СЧЁТ», «Техносила договор».
_DOCUMENT_WORDS = frozenset("договор счет акт кп спецификация прайс смета заказ оплата отгрузка поставка".split())
_NUMBER_STARTS = frozenset("0123456789№#+N")
_ID_WORDS = frozenset("инн огрн кпп бик тел моб сделка лид заявка".split())
_NUMBER_RE = re.compile(r"(?:№|No|#)\s?[\w/-]*\d[\w/-]*|\+?\d[\d()\s-]*")


def _run_candidates(norm: str, toks: list[_Tok], n_words: int) -> list[_Cand]:
    """Runs of capitalised name-like words outside quotes, ranked by the evidence they are a name."""
    caps_text = norm.isupper() and sum(c.isalpha() for c in norm) > 3
    segments: list[list[tuple[_Tok, _Part | None]]] = [[]]  # words of each segment, with their part
    in_quotes = False
    run_open = False
    first = True  # the next word opens its segment
    has_part = False
    for t in toks:
        s = t.text
        c = s[0]
        if c.islower() and not in_quotes:  # most words: lower case, no name
            tail = _name_tail(s) if run_open else None
            segments[-1].append((t, tail and _Part(t, 0, "tail", tail)))
            run_open = tail is not None
            first = False
            continue
        if s == '"':
            in_quotes = not in_quotes
            segments[-1].append((t, None))
            run_open = False
            continue
        if in_quotes:
            continue
        if not (c.isalnum() or c in "№#"):
            if s in _SEPARATORS or s in ".+":
                segments.append([])
                first = True
            run_open = False
            continue
        seg = segments[-1]
        if s[:1] in _NUMBER_STARTS and _NUMBER_RE.fullmatch(s):
            part = _Part(t, 0, "num", Word(s, "NUM", frozenset(), True)) if s[:1] in "№N" and run_open else None
            seg.append((t, part))
            run_open = part is not None
            first = False
            continue
        if not (s[:1].isupper() or s[:1].isdigit()):  # most words: lower case, no name
            seg.append((t, None))
            run_open = False
            first = False
            continue
        decoded = layout_decoded(s) if s.isascii() else None
        word = decoded or s
        w = _parse(word)
        part = _part(t, word, w, first=first, in_run=run_open, caps_text=caps_text, decoded=decoded is not None)
        seg.append((t, part))
        run_open = part is not None
        has_part = has_part or run_open
        first = False
    out: list[_Cand] = []
    if not has_part:
        return out
    all_words = [t for t in toks if _is_word(t.text)]
    for seg in segments:
        if all(part is None for _, part in seg):
            continue
        runs: list[list[_Part]] = []
        cur: list[_Part] = []
        for _, part in seg:
            if part is None:
                if cur:
                    runs.append(cur)
                cur = []
            else:
                cur.append(part)
        if cur:
            runs.append(cur)
        seg_words = [t for t, _ in seg if _is_word(t.text)]
        for run in runs:
            cand = _judge(run, seg, seg_words, all_words, n_words)
            if cand:
                out.append(cand)
    return out


def _name_tail(token: str) -> Word | None:
    """A lower-case word that continues the name before it («Газпром нефть», «Сбербанк лизинг»)."""
    w = _parse(token)
    return w if w.lemma in NAME_TAILS or token.lower() in NAME_TAILS else None


def _part(t: _Tok, word: str, w: Word, *, first: bool, in_run: bool, caps_text: bool, decoded: bool) -> _Part | None:
    """What a capitalised token contributes to a name, or None when it cannot be part of one."""
    if SPEC_CODE_RE.fullmatch(word) and word.split("-")[0].lower() not in NUMBERED_ORGS:
        return None  # «Ду100», «М400», «ПН-16», «50кВт»: a product's specification, not a name
    if re.fullmatch(r"\d{1,3}[A-ZА-ЯЁ]{1,4}", word) and word.lower() not in _SHORT_OR_TOOL:
        return _Part(t, 2, "name", w)  # «3M», «2ГИС»
    if not word[:1].isupper():
        return None
    low = word.lower()
    if in_run and low in LEGAL_FORMS and word.isascii():
        return _Part(t, 0, "tail", w)  # «Acme Corp», «Агро-Инвест LLC»
    if in_run and not caps_text and _function_word(w) and w.pos in ("CONJ", "PRCL", "ADVB"):
        return _Part(t, 0, "tail", w)  # «Магнит Плюс»
    if _blocked(word, w, starts_run=not in_run or caps_text):
        return None
    if decoded:
        return _Part(t, 2, "name", w)
    if word.isascii():
        return _Part(t, 2, "name", w) if any(c.isalpha() for c in word) and not latin_gibberish(word) else None
    is_caps = len(word) > 1 and word.isupper()
    if w.known and w.tags & _PERSON and "Orgn" not in w.tags:
        return _Part(t, 0, "person", w)
    if w.known and "Geox" in w.tags:
        return _Part(t, 0, "geo", w)
    if "Orgn" in w.tags or not w.known or (is_caps and "Abbr" in w.tags):
        return _Part(t, 2, "name", w)
    if is_caps and not caps_text:
        return _Part(t, 2, "name", w)  # «КАМАЗ» inside a normal sentence
    if w.pos in ("NOUN", "ADJF", "PRTF"):
        mid_sentence = not first and not caps_text
        return _Part(t, 2 if mid_sentence and (w.pos == "NOUN" or in_run) else 1, "name", w)
    return None


def _judge(run: list[_Part], seg: list, seg_words: list[_Tok], all_words: list[_Tok], n_words: int) -> _Cand | None:
    """A run of name-like words as a company candidate, or None."""
    if len(run) == 1 and run[0].word.lemma in INSTITUTION_HEADS:
        tail = _genitive_tail(run[0].tok, seg)
        toks = [t for t, _ in seg]
        after = toks[toks.index((tail or [run[0].tok])[-1]) + 1 :]
        if after and _NUMBER_RE.fullmatch(after[0].text):
            tail.append(after[0])  # «Гимназия 1567», «Колледж связи №54»
            after = after[1:]
        while tail and after and after[0].text[:1].isupper() and not _parse(after[0].text).tags & _PERSON:
            tail.append(after[0])  # «Министерство здравоохранения Республики Башкортостан»: never cut
            after = after[1:]
        if tail:  # «Центра гигиены», «Институт металлургии»: the head and its genitive
            return _Cand(2, [run[0].tok, *tail], None)
        if not run[0].word.tags & {"Orgn"}:
            return None  # «в Центр», «Заводу»: the head alone is a truncated name or a common noun
    whole = list(run)
    # a descriptor at the start when a name follows («Кафе Дружба»)
    while len(run) > 1 and run[0].word.lemma in DESCRIPTORS and run[1].kind == "name":
        run = run[1:]
    # trailing cities and persons are not part of the company name («Ромашка Казань»), unless an
    # adjective agrees with the place («Лукойл-Западная Сибирь»)
    while (
        len(run) > 1
        and run[-1].kind in ("geo", "person")
        and not _place_phrase(run[-2], run[-1])
        and not _genitive_place(run[-2], run[-1])
    ):
        run = run[:-1]
    kinds = {p.kind for p in run}
    if not kinds & {"name"}:
        return None
    if any(_PERSON_INITIALS_RE.fullmatch(p.tok.text) for p in whole):
        return None  # «Петров С.П.»: a surname with initials is a person, never a company
    k = next((i for i, t in enumerate(all_words) if t == whole[0].tok), 0)
    if k and _event_name([t.text for t in all_words[max(0, k - 2) : k]], whole[0].tok.text):
        return None  # «выставка Стройтех», «стенд на Securika»: the event, not a client
    if k and all_words[k - 1].text.lower().rstrip(".") in STREET_WORDS:
        return None  # «по ул. Садовой»: an address, not a client
    best = max(p.evidence for p in run)
    if best == 0:
        return None
    if best == 1:
        # Only capitalised common words: a name when they fill their segment apart from identifiers
        # («Победа — отправить счёт», «Ромашка ИНН 7451234567»), head a business word («ВЕКТОР СЧЁТ»),
        # or are the subject of a verb («Гарант молчит»).
        if any(_deverbal(p.word) for p in run):
            return None
        in_run = {p.tok for p in whole}
        rest = [t for t in seg_words if t not in in_run]
        fills = all(_NUMBER_RE.fullmatch(t.text) or t.text.lower() in _ID_WORDS for t in rest)
        if not (fills or _heads_line(run, all_words)):
            return None
        if n_words == 1 and not any("Orgn" in p.tag for p in analyzer().parse(run[0].word.lemma)):
            return None  # a lone dictionary word («Отказ», «Зарплата») is a note, not a company
        if len(run) == 1 and not ("sing" in run[0].word.tags or "Fixd" in run[0].word.tags):
            return None
    toks = [t for t, _ in seg]
    k = toks.index(run[-1].tok) + 1 if run[-1].tok in toks else len(toks)
    if (
        k < len(toks)
        and len(run) > 1
        and run[0].word.lemma in BODY_HEADS
        and run[-1].word.pos == "ADJF"
        and _agrees_with_noun(run[-1].word, toks[k].text)
    ):
        return _Cand(best, [p.tok for p in run] + [toks[k]], None)  # «Администрации Заречного района»
    decoded = None
    # decoded only when every Latin word of the name is a layout slip («Volvo Trucks» stays)
    if any(p.tok.text.isascii() and layout_decoded(p.tok.text) for p in run) and all(
        layout_decoded(p.tok.text) for p in run if p.tok.text.isascii() and p.kind == "name"
    ):
        decoded = " ".join(layout_decoded(p.tok.text) or p.tok.text for p in run)
    return _Cand(best, [p.tok for p in run], decoded)


# Bodies named by their subject after «по» («Комитет по культуре»); «по поводу» is never a subject.
_BY_SUBJECT_HEADS = frozenset("комитет департамент управление министерство агентство служба инспекция".split())


def _dative_noun(token: str) -> bool:
    """A lower-case dictionary noun that can be a dative («культуре», «делам»): what a body is «по»."""
    if not (token.isalpha() and token.islower()):
        return False
    parses = analyzer().parse(token)
    return (
        token != "поводу" and _parse(token).known and any(p.tag.POS == "NOUN" and p.tag.case == "datv" for p in parses)
    )


def _genitive_tail(head: _Tok, seg: list) -> list[_Tok]:
    """The lower-case genitive words after an institution's head in its segment: «гигиены» after
    «Центра», «проблем механики» after «Институт», «гигиены и эпидемиологии» (at most four words)."""
    toks = [t for t, _ in seg]
    k = toks.index(head) + 1 if head in toks else len(toks)
    tail: list[_Tok] = []
    if (
        k + 1 < len(toks)
        and toks[k].text == "по"
        and _parse(head.text).lemma in _BY_SUBJECT_HEADS
        and _dative_noun(toks[k + 1].text)
    ):
        tail = [toks[k], toks[k + 1]]  # «Комитет по культуре», «Департамент по делам молодёжи»
        k += 2
    while k < len(toks) and len(tail) < 4:
        s = toks[k].text
        if not (s.isalpha() and s.islower()) or len(s) == 1:
            break  # «г» of «г. Пенза» is no genitive
        if s == "и" and tail and k + 1 < len(toks):
            k += 1
            continue
        w = _parse(s)
        if (
            not w.known
            or w.pos not in ("NOUN", "ADJF")
            or not any(p.tag.case == "gent" and w.pos == p.tag.POS for p in analyzer().parse(s))
        ):
            break
        if toks[k - 1].text == "и":
            tail.append(toks[k - 1])
        tail.append(toks[k])
        k += 1
    while tail and (tail[-1].text == "и" or _parse(tail[-1].text).pos != "NOUN"):
        tail.pop()  # a name ends with a noun: «Институт проблем», not «Институт новых»
    return tail


def _place_phrase(before: _Part, place: _Part) -> bool:
    """«Западная Сибирь», «Лукойл-Западная Сибирь»: an adjective that agrees with the place after it."""
    if place.kind != "geo":
        return False
    adj = _parse(before.tok.text.rsplit("-", 1)[-1])
    gender = {"masc", "femn", "neut", "plur"}
    return adj.pos == "ADJF" and bool(adj.tags & place.word.tags & gender)


def _genitive_place(before: _Part, place: _Part) -> bool:
    """«Керамика Дона», «Уголь Кузбасса», «Ткани Кубани»: a noun and a place in the genitive only is
    one name (a city in the nominative after a name, «Ромашка Казань», is where the client is). «Дона»
    also reads as a first name: a place reading, all in the genitive, is enough."""
    if before.kind != "name" or before.word.pos != "NOUN" or before.tok.text.isupper():
        return False  # «СТО Подмосковья»: an abbreviation and a region is a kind of business, not a name
    parses = analyzer().parse(place.tok.text.lower())
    if any("Surn" in p.tag for p in parses):
        return False  # «Хмель Пушкина 3»: a street named after a person, an address
    geo = [p for p in parses if "Geox" in p.tag]
    return bool(geo) and all(p.tag.case == "gent" for p in geo)


def _heads_line(run: list[_Part], all_words: list[_Tok]) -> bool:
    """The run opens the text and is followed by a 3rd-person or past verb («Гарант молчит») or a
    business word («Техносила договор»)."""
    if not all_words or run[0].tok != all_words[0] or run[-1].word.pos != "NOUN":
        return False
    k = all_words.index(run[-1].tok) + 1
    if k >= len(all_words):
        return False
    nxt = all_words[k]
    w = _parse(nxt.text)
    if w.known and w.pos == "VERB" and bool(w.tags & {"3per", "past"}) and "impr" not in w.tags:
        return True
    return w.lemma in _DOCUMENT_WORDS and bool(w.tags & {"nomn", "accs"})


def _deverbal(w: Word) -> bool:
    return w.pos == "NOUN" and len(w.lemma) > 5 and w.lemma.endswith(_DEVERBAL)


def _opens_quote(norm: str, i: int) -> bool:
    """The quote at ``i`` opens a quotation: after a space or «(» and before a letter or digit."""
    return (i == 0 or norm[i - 1] in " (") and i + 1 < len(norm) and norm[i + 1].isalnum()


def _closing_quote(norm: str, after: list[_Tok]) -> _Tok | None:
    """The quote that closes one just opened, past nested quotations («Торговый дом "Восток"»)."""
    depth = 1
    first = None
    for t in after:
        if t.text != '"':
            continue
        first = first or t
        depth += 1 if _opens_quote(norm, t.start) else -1
        if depth == 0:
            return t
    return first  # unbalanced («ООО "Альфа "запросить»): the next quote closes it


def _quoted_candidates(norm: str, toks: list[_Tok]) -> list[tuple[_Tok, _Tok]]:
    """Quoted spans that read as a name: capitalised or Latin (or anything, in a text typed without
    capitals), a few words, no verb; a quotation nested inside is part of the name («Торговый дом "Восток"»)."""
    out = []
    lower_typed = _typed_lower(norm)
    quotes = [t for t in toks if t.text == '"']
    i = 0
    while i + 1 < len(quotes):
        opened = quotes[i]
        t = _closing_quote(norm, quotes[i + 1 :]) or quotes[-1]
        i = quotes.index(t) + 1
        inner = norm[opened.end : t.start].strip()
        words = [x for x in _tokens(inner) if _is_word(x.text)]
        if _after_event_word(norm, opened.start) or (len(words) == 1 and _is_event(words[0].text.lower())):
            continue
        if (
            words
            and len(words) <= 6
            and (inner[:1].isupper() or inner[:1].isdigit() or (lower_typed and inner[:1].isalpha()))
        ):
            first = _parse(words[0].text)
            if not (len(words) == 1 and _blocked(words[0].text, first) and first.known is not False) and not any(
                _is_verb(_parse(x.text), x.text) and _parse(x.text).known for x in words
            ):
                out.append((opened, t))
    return out


def _legal_candidate(norm: str, toks: list[_Tok]) -> Found | None:
    """A legal form or organisation prefix and the name after it."""
    low = norm.lower()
    spelled = any(s in low for s in LEGAL_WORD_STEMS)
    for phrase in COMMERCIAL_LEGAL_WORDS if spelled else ():
        found = find_misspelt(low, phrase)  # «общество с ограниченой ответственностью»: one typo a word
        if found:
            k, stop = found
            m = re.match(r'\s*"([^"]{1,80})"', norm[stop:])
            if m:
                end = stop + m.end()
                return Found(k, end, norm[k:stop], stop + m.start(1), end - 1, True, None)
    lower_typed = _typed_lower(norm)
    for i, t in enumerate(toks):
        form = t.text.lower().rstrip(".")
        if form not in _OPENERS:
            continue
        # «ао "стальмост"», «тц "звезда"»: typed without capitals, a form is still one before a quotation
        quoted = lower_typed and i + 1 < len(toks) and toks[i + 1].text == '"'
        if form in _CAPS_ONLY and not t.text.rstrip(".").isupper() and not quoted:
            continue
        if not t.text[:1].isupper() and form not in LEGAL_FORMS and not quoted:
            continue
        rest = toks[i + 1 :]
        if not rest:
            continue
        if rest[0].text == '"':
            close = _closing_quote(norm, rest[1:])
            end = close.start if close else len(norm.rstrip())
            if end - rest[0].end < 1:
                continue
            return Found(t.start, (close.end if close else end), t.text.rstrip("."), rest[0].end, end, True, None)
        name: list[_Tok] = []
        for k, r in enumerate(rest):
            s = r.text
            if _INITIALS_RE.match(s) or (name and re.fullmatch(r"[А-ЯЁA-Z]\.?", s)):
                if name:
                    name.append(r)
                    continue
                break
            if s == "." and name and re.fullmatch(r"[А-ЯЁA-Z]\.?[А-ЯЁA-Z]?", name[-1].text):
                name.append(r)
                continue
            if s.lower().rstrip(".") in _OPENERS and s.isupper():
                name.append(r)  # «ГБУЗ ГКБ №1», «МБОУ СОШ №3»
                continue
            if _NUMBER_RE.fullmatch(s):
                if s[:1] in "№N" and name:
                    name.append(r)  # «ООО «Магазин №40»», «ГБУЗ ГКБ №1»
                    continue
                break
            if s == '"' and name and all(_ABBREVIATION_RE.fullmatch(n.text) for n in name):
                # «ООО ПКФ "Рассвет"»: the abbreviation belongs to the form, the quoted name is the name
                close = _closing_quote(norm, rest[k + 1 :])
                end = close.start if close else len(norm.rstrip())
                if end - r.end >= 1:
                    opener = norm[t.start : r.start].strip()
                    return Found(t.start, (close.end if close else end), opener, r.end, end, True, None)
                break
            if not _is_word(s):
                break
            if not name and _ABBREVIATION_RE.fullmatch(s) and k + 1 < len(rest) and rest[k + 1].text == '"':
                name.append(r)  # «ГБУЗ МО «Подольская ОКБ»»: a region's abbreviation, then the quoted name
                continue
            w = _parse(s)
            if s[:1].isupper() or s[:1].isdigit():
                if k > 0 and (_blocked(s, w) or (w.known and "Geox" in w.tags and len(name) > 0)):
                    break
                if k == 0 and _blocked(s, w) and w.lemma not in BUSINESS_WORDS:
                    break
                name.append(r)
                if len(name) >= 4:
                    break
                continue
            if name and _name_tail(s):
                name.append(r)  # «ООО Газпром нефть», «ООО Стройцемент групп»: as the name without its form
                break
            if k == 0 and form in LEGAL_FORMS and len(s) > 1 and not _blocked(s, w):
                name.append(r)  # «ооо вектор»: a lower-case name right after the form (not «г.» of a city)
                if k + 1 < len(rest) and _agrees_with_noun(w, rest[k + 1].text):
                    name.append(rest[k + 1])  # «ооо северная верфь»: the adjective's noun is the name's
                if lower_typed:  # «ооо аргус секьюрити», «зао пивоварня ураган»: as «ЗАО Пивоварня Ураган»
                    name += _lower_name_run(rest[len(name) :], 4 - len(name))
            break
        # the initials regex may have split «А.В.» into «А.В» and «.»
        if name:
            return Found(t.start, name[-1].end, t.text.rstrip("."), name[0].start, name[-1].end, False, None)
    return None


def _lower_name_run(after: list[_Tok], most: int) -> list[_Tok]:
    """The words that go on a lower-case name after its legal form and first word, up to ``most``: all
    the words up to the end of the text, a number or a separator, when none of them is a sales task,
    business or function word, verb, deverbal noun, person, place or a known word that cannot be
    nominative; else none («ооо вектор договор», «ип зайцева фикс место», «ип белову франшизу» keep
    one word: what follows may as well be the task)."""
    run: list[_Tok] = []
    for t in after:
        if not _is_word(t.text) or not t.text.isalpha():
            break
        w = _parse(t.text)
        if (
            len(run) == most
            or not t.text.islower()
            or _blocked(t.text, w)
            or _deverbal(w)
            or is_task_word(w.lemma)
            or (w.known and w.tags & _PERSON_OR_PLACE)
            or (w.known and not any(p.tag.case == "nomn" for p in analyzer().parse(t.text)))
        ):
            return []
        run.append(t)
    return run


def _agrees_with_noun(adj: Word, token: str) -> bool:
    """``token`` is a lower-case noun in the gender, number and case of the adjective ``adj``."""
    if adj.pos != "ADJF" or not token.isalpha() or not token.islower():
        return False
    noun = _parse(token)
    grams = ("masc", "femn", "neut", "sing", "plur", "nomn", "gent", "datv", "accs", "ablt", "loct")
    return noun.pos == "NOUN" and all((g in adj.tags) == (g in noun.tags) for g in grams if g != "accs")


_LETTERS_RE = re.compile(r"[^\W\d_]+")
_ABBREVIATION_RE = re.compile(r"[А-ЯЁA-Z]{2,5}")  # «ПСК», «ТД», «НПО» between a legal form and quotes
_SEPARATOR_AFTER_RE = re.compile(r"[,:;()—/|!?+]|(?<=\s)-(?=\s)|\.(?=\s|$)")
_CAPITAL_RE = re.compile(r"(?<!\w)(?:[A-ZА-ЯЁ]|\d{1,3}[A-ZА-ЯЁ])[\w&+'.-]*")


def _opener_at(norm: str) -> int:
    """Where the first legal form or organisation prefix starts, or -1."""
    low = norm.lower()
    if any(s in low for s in LEGAL_WORD_STEMS):  # a form written out, maybe with a typo
        return 0
    for m in _LETTERS_RE.finditer(low):
        if m[0] in _OPENERS:
            return m.start()
    return -1


def _name_reach(norm: str) -> int:
    """Where the search for a name outside quotes can stop: the first separator after the last
    capitalised word, or -1 when no capitalised word could start a name. Most task texts («Отправить
    КП до пятницы») have none and skip the full search; the rest tokenise only up to there."""
    last = -1  # the end of the last capitalised word that starts a name or continues one
    for m in _CAPITAL_RE.finditer(norm):
        if last >= 0 and m.start() <= last + 1:
            last = m.end()  # «Магнит Плюс», «Надёжный Партнёр»: a capital right after a name
            continue
        word = m.group(0).rstrip(".-'")
        if word and (word[:1].isdigit() or word.isascii() or not _blocked(word, _parse(word))):
            last = m.end()
    if last < 0:
        return -1
    sep = _SEPARATOR_AFTER_RE.search(norm, last)
    return sep.start() if sep else len(norm)


def locate(norm: str, keep: frozenset[str] = frozenset()) -> Found | None:
    """Where the company is in a normalised text, or None. ``keep``: a team model's shorthand terms
    (:mod:`taskqual.terms`), never read as (part of) a name; the offsets are those of ``norm``.
    A name in Latin gibberish (wrong-layout Russian that was not decoded) is never reported."""
    found = _locate(mask_terms(norm, keep)) if keep else _locate(norm)
    if (
        found
        and not found.decoded
        and any(c.isascii() and c.isalpha() for c in norm[found.name_start : found.name_end])
    ):
        start = norm.rfind(" ", 0, found.name_start) + 1  # the whole words: «Cn» is a piece of «Cnfkm,tnjy»
        end = norm.find(" ", found.name_end)
        if latin_gibberish(norm[start : end if end >= 0 else len(norm)]):
            return None
    return found


_NUMBER_TAIL_RE = re.compile(r"\s+(\d{1,4}(?:[.,]\d+)?)\s*")  # the short bare number that ends a text
# «Форма 1 (Самара)»: the short number of a name-only text, before the city in brackets.
_NUMBER_CITY_RE = re.compile(r"\s+(\d{1,4})\s*\([А-ЯЁ][\w-]*\)\s*")
_DATE_OR_TIME_RE = re.compile(r"(?:0?[1-9]|[12]\d|3[01])[.,](?:0[1-9]|1[0-2])")  # «15.03», not «36,6»


def _fair_at(norm: str, start: int) -> bool:
    """The name at ``start`` is a fair's: a fair of several words starts there («Золотая осень»), or
    the text is about walking the stands and the name opens it or follows the stands
    («Агросалон - походить по стендам», «обойти стенды Агросалона»)."""
    low = norm[start:].lower()
    if low.startswith(EVENT_PHRASES):
        return True
    if not STAND_WALK_RE.search(norm):
        return False
    before = norm[:start].split()
    return not before or _parse(before[-1].strip('",.:;')).lemma in BOOTH_WORDS


# «Право и Бизнес», «Хлеб и Соль — ждут ответа»: two capitalised nouns joined by «и» or «&» that head the
# line and end it or its first part. One name, never its second half.
_PAIR_RE = re.compile(r"([А-ЯЁ][а-яё]+) (?:и|&) ([А-ЯЁ][а-яё]+)(?=\s*(?:$|[-—:,(]))")


# «фортуна - концепция», «gipsbau: потенциальный клиент»: up to three words heading a text typed without
# capitals, cut off by a dash or a colon, with more words after it.
_LOWER_HEAD_RE = re.compile(r"([a-zа-яё][\w-]*(?: [a-zа-яё][\w-]*){0,2})(?: - |: )(?=.*[a-zа-яё]{2})")


def _lower_case_head(norm: str) -> Found | None:
    """The name heading a text typed without capitals, where a capitalised text has its name: words no
    sales task uses (no verb, role, business or task word, person or place) before a dash or a colon.
    «договор подряда - ск "перспектива"» and «монтаж опалубки - 12.08» head with task words, no name."""
    m = _LOWER_HEAD_RE.match(norm)
    if m is None:
        return None
    common = task_word_counts()
    for word in m[1].split():
        w = _parse(word)
        # a person or place only by the dictionary: pymorphy3 guesses «ливадон» a first name
        if _blocked(word, w) or (w.known and (w.tags & _PERSON_OR_PLACE or w.lemma in common)):
            return None
        if w.known and w.pos not in ("NOUN", "ADJF"):
            return None
    return Found(0, m.end(1), None, 0, m.end(1), False, None)


_CARD_RE = re.compile(r"([a-zа-яё][\w-]*(?: [a-zа-яё][\w-]*){0,2})(?=\s*(?:$|,\s*(.*)$))")


def _lower_case_card(norm: str) -> Found | None:
    """A text typed without capitals that is a name alone, or a name and then, after a comma, only a
    contact or a place («кварц-энерго, лапин», «арктик газ»): up to three words, each unknown to the
    dictionary and rare in sales tasks, or a word that ends names («газ», «-энерго», «-банк»), as the
    capitalised text would have «Кварц-Энерго» or «Арктик Газ»."""
    m = _CARD_RE.match(norm)
    if m is None:
        return None
    for i, token in enumerate(m[1].split()):
        head, *tails = token.split("-")
        if tails and not all(_name_tail(t) for t in tails):
            return None  # «кварц-энерго», «альфа-банк» are names; «бизнес-план», «промо-код» are not
        if i > 0 and not tails and _name_tail(head):
            continue  # «арктик газ», «лебедь агро»
        w = _parse(head)
        if _blocked(head, w) or _deverbal(w) or is_task_word(w.lemma):
            return None
        if not tails and (w.known or len(head) < 4 or correct(head)):
            return None  # a dictionary word («уралтруба металлопрокат»), shorthand («сзр»), a typo («встерча»)
    for word in re.findall(r"[а-яёa-z]+", m[2] or ""):  # the rest: people, places, handles, phones
        w = _parse(word)
        if _is_verb(w, word) or is_task_word(w.lemma) or _deverbal(w):
            return None
    return Found(0, m.end(1), None, 0, m.end(1), False, None)


_LATIN_WORD_RE = re.compile(r"(?<![\w@./:-])[a-z][a-z&'-]*(?![\w@/-]|[.:]\w)")  # not a piece of an address


def _typed_lower(norm: str) -> bool:
    """The text has no capital letter: typed in lower case, so its names have no capitals either."""
    return norm == norm.lower()


def _pair_name(norm: str) -> Found | None:
    """A name of two capitalised nouns and «и» heading the line (no people, no places, no verbs)."""
    m = _PAIR_RE.match(norm)
    if m is None:
        return None
    for word in (m[1], m[2]):
        w = _parse(word)
        if w.pos != "NOUN" or w.tags & _PERSON_OR_PLACE or _blocked(word, w):
            return None
    return Found(0, m.end(), None, 0, m.end(), False, None)


_CITY_AFTER_RE = re.compile(r"\s+(?:г|гор)\.?\s*[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*(?!\w)")


@lru_cache(maxsize=16384)
def _locate(norm: str) -> Found | None:
    """:func:`locate` without terms. Cached: backlogs repeat texts."""
    at = _opener_at(norm)
    if at >= 0:
        found = _legal_candidate(norm, _tokens(norm, at, max_chunks=16))  # a form, a name, its quotes
        if found:
            return found
    if '"' in norm:
        quotes = [_new(_Tok, ('"', i, i + 1)) for i, c in enumerate(norm) if c == '"']
        for opened, closed in _quoted_candidates(norm, quotes):
            return Found(opened.start, closed.end, None, opened.end, closed.start, True, None)
    pair = _pair_name(norm)
    if pair:
        return pair
    reach = _name_reach(norm)
    if reach < 0 and _typed_lower(norm):
        head = _lower_case_head(norm) or _lower_case_card(norm)
        if head or not _LATIN_WORD_RE.search(norm):
            return head
        # «выставить счёт nordlight»: a Latin word is read as the capitalised text would have it
        norm = _LATIN_WORD_RE.sub(lambda m: m[0].capitalize(), norm)
        reach = _name_reach(norm)
    if reach < 0:
        return None
    toks = _tokens(norm[:reach])
    cands = [c for c in _run_candidates(norm, toks, n_words=len(norm.split())) if not _fair_at(norm, c.toks[0].start)]
    if not cands:
        return None
    best = max(cands, key=lambda c: c.rank)  # the first of the strongest
    end = best.toks[-1].end
    city = _CITY_AFTER_RE.match(norm, end)  # «Управление образования г. Пенза»: a body's city is its name's
    if city and not best.decoded and _parse(best.toks[0].text).lemma in BODY_HEADS:
        end = city.end()
    named = _NAMED_AFTER_RE.match(norm, end)  # «ГКБ №1 им. Пирогова»: the «им. X» tail is the name's
    if named and not best.decoded:
        end = named.end()
    number = _NUMBER_TAIL_RE.fullmatch(norm, end) or _NUMBER_CITY_RE.fullmatch(norm, end)
    if number and best.toks[0].start == 0 and not best.decoded and not _DATE_OR_TIME_RE.fullmatch(number[1]):
        end = number.end(1)  # «Принт 24», «Аптека 36,6»: in a name-only text the number is the name's
    return Found(best.toks[0].start, end, None, best.toks[0].start, end, False, best.decoded)


@lru_cache(maxsize=16384)
def _nominative(token: str) -> str:
    """«Ромашке» → «Ромашка», «Вектору» → «Вектор»: a one-word name back in the nominative, only
    when pymorphy3 is certain (known form, one lemma across all analyses, none nominative, a noun).
    The manager's own spelling of the stem is kept («ПромЛогистике» would keep its capitals)."""
    low = token.lower()
    if "-" in low or not low.isalpha():
        return token
    morph = analyzer()
    if not morph.word_is_known(low):
        return token
    parses = morph.parse(low)
    lemmas = {p.normal_form for p in parses}
    if len(lemmas) != 1 or any(p.tag.POS != "NOUN" or "nomn" in p.tag for p in parses):
        return token
    lemma = lemmas.pop()
    folded = lemma.replace("ё", "е")
    src = low.replace("ё", "е")
    k = 0
    while k < min(len(folded), len(src)) and folded[k] == src[k]:
        k += 1
    if k == 0:
        return token
    tail = lemma[k:]
    return token[:k] + (tail.upper() if token.isupper() else tail)


_LOOKALIKE = {
    "а": "аa",
    "е": "еёe",
    "о": "оo",
    "р": "рp",
    "с": "сc",
    "х": "хx",
    "у": "уy",
    "А": "АA",
    "Е": "ЕЁE",
    "О": "ОO",
    "Р": "РP",
    "С": "СC",
    "Х": "ХX",
    "У": "УY",
    "В": "ВB",
    "К": "КK",
    "М": "МM",
    "Н": "НH",
    "Т": "ТT",
}
_QUOTE_CHARS = '"«»„“”‟″〝〞＂‹›'
_DASH_CHARS = "-‐‑‒–—―−"
_QUOTE_RE = re.compile(f"[{re.escape(_QUOTE_CHARS)}]")


def _as_written(raw: str, piece: str) -> str:
    """The stretch of the raw text that normalised into ``piece`` (ё, №, quotes and dashes as typed);
    ``piece`` itself when it cannot be found (a text decoded from the wrong layout)."""
    if piece in raw:
        return piece
    parts: list[str] = []
    i = 0
    while i < len(piece):
        c = piece[i]
        if piece.startswith("No", i) and (i + 2 == len(piece) or piece[i + 2].isdigit() or piece[i + 2] == " "):
            parts.append("(?:No|№)")
            i += 2
            continue
        if c == " ":
            parts.append(r"[\s\W]*?")
        elif c == '"':
            parts.append(f"[{re.escape(_QUOTE_CHARS)}]")
        elif c == "-":
            parts.append(f"[{re.escape(_DASH_CHARS)}]")
        elif c in _LOOKALIKE:
            parts.append(f"[{_LOOKALIKE[c]}]")
        else:
            parts.append(re.escape(c))
        i += 1
    m = re.search("".join(parts), raw)
    return fix_homoglyphs(m.group(0)) if m else piece


def _institution(words: list[str]) -> bool:
    """«Центра гигиены», «Гимназии 1567»: an institution's head and its genitive or number, which
    never decline (nor do the words after them: «Министерства здравоохранения Республики Коми»)."""
    second = words[1] if len(words) > 1 else ""
    return _parse(words[0]).lemma in INSTITUTION_HEADS and (second.islower() or bool(_NUMBER_RE.fullmatch(second)))


def render(found: Found, norm: str, raw: str | None = None) -> str:
    """The company as it is reported: the name as written, the legal form in capitals, «» quotes."""
    src_name = found.decoded or norm[found.name_start : found.name_end].strip()
    name = _as_written(raw, src_name) if raw is not None and not found.decoded else src_name
    name = name.strip(" ,;:-")
    if name.endswith(".") and not re.search(r"(?:^|[\s.])[А-ЯЁA-Z]\.$", name):
        name = name.rstrip(".")
    if name.startswith('"') or name.startswith("«"):
        name = name[1:]
    if _QUOTE_RE.search(name):  # quotes inside the name: «Торговый дом «Восток»»
        name = _QUOTE_RE.sub(lambda m: "«" if _opens_quote(m.string, m.start()) else "»", name)
    if found.opener is None:
        words = name.split()
        if len(words) > 1 and not found.decoded and _institution(words):
            return " ".join([_nominative(words[0]), *words[1:]])  # «Центра гигиены» → «Центр гигиены»
        return _nominative(words[0]) if len(words) == 1 and not found.decoded else name
    opener = found.opener
    if opener.lower() in _OPENERS:
        opener = _FORM_SPELLING.get(opener.lower(), opener.upper())
    elif raw is not None:
        opener = _as_written(raw, opener)
    return f"{opener} «{name}»" if found.quoted else f"{opener} {name}"


def find_company(norm: str, has_legal_form: bool = True, keep: frozenset[str] = frozenset()) -> str | None:
    """The company a normalised task text names, or None (see the module docstring for the rules).

    ``has_legal_form`` is accepted for callers that already know; the search does not need it.
    ``keep``: terms never read as a name (see :func:`locate`).
    """
    found = locate(norm, keep)
    return render(found, norm) if found else None


def company_in(text: str, norm: str, keep: frozenset[str] = frozenset()) -> str | None:
    """The company a raw task text names, as the manager wrote it; ``norm`` is ``normalize(text)``;
    ``keep``: terms never read as a name (see :func:`locate`).

    >>> from taskqual.normalize import normalize
    >>> t = "счёт для ООО «Надёжный» №40"
    >>> company_in(t, normalize(t))
    'ООО «Надёжный»'
    """
    found = locate(norm, keep)
    return render(found, norm, text) if found else None


__all__ = [
    "find_company",
    "company_in",
    "locate",
    "render",
    "latin_gibberish",
    "layout_decoded",
    "Found",
    "LEGAL_FORMS",
    "SHORTHAND",
    "TOOLS",
]
