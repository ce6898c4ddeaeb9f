"""Text normalisation: one canonical form of a task text before tokenisation.

Managers type fast: «ё» and «е», three kinds of quotes, emoji, doubled spaces, and now and then a
whole word in the wrong keyboard layout («yfgbcfnm» for «написать»). Normalisation removes that
noise while keeping case, which the features still need (capitalised spans are names).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import pairwise

import regex

from taskqual.letter_pairs import reads_as_russian
from taskqual.morphology import is_known_word
from taskqual.spelling import correct

_YO = {"ё": "е", "Ё": "Е"}
_CHARS = str.maketrans(
    {c: '"' for c in "«»„“”‟″〝〞＂‹›"} | {c: "'" for c in "‘’‚‛′´"} | {c: "-" for c in "‐‑‒–—―−"} | _YO
)
# str.translate looks every character of the text up in the table; a regex scan that stops only at
# the few characters to replace costs a fifth of that on task texts.
_CHARS_RE = re.compile("[" + re.escape("".join(map(chr, _CHARS))) + "]")
_CHAR_OF = {chr(k): v for k, v in _CHARS.items()}
_YO_TABLE = str.maketrans(_YO)


def _char_of(m: re.Match[str]) -> str:
    return _CHAR_OF[m[0]]


_PLAIN_RE = re.compile(r"[\w \t.,:;!?()\[\]{}\"'#№%/\\+*=&@<>^~|$-]*")
_ASCII_LETTER_RE = re.compile(r"[A-Za-z]")
_GLUED_QUOTE_RE = re.compile(r'(\w)"(?=\w)')  # ООО"Альфа" → ООО "Альфа"
_WORD_RE = re.compile(r"[A-Za-zА-Яа-яЁё0-9]")

# The Russian ЙЦУКЕН layout over the US QWERTY keys, lower and upper case.
_LAT = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>~"
_CYR = "йцукенгшщзхъфывапролджэячсмитьбюёЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮЁ"
TO_CYRILLIC = str.maketrans(_LAT, _CYR)  # what a key types in the Russian layout
TO_LATIN = str.maketrans(_CYR, _LAT)  # what it types in the US one («ждём» → «;l`v»)
# The shifted digit row: in the Russian layout Shift+2 is «"», Shift+3 «№», Shift+4 «;», Shift+6 «:»,
# Shift+7 «?». At the edge of a wrong-layout word («@Fhrneh@» = «"Арктур"») they are those signs.
_CYRILLIC_WORD_RE = re.compile(r"[А-Яа-яЁё-]+")  # what a Latin token must decode to
_SHIFT_KEYS = str.maketrans({"@": '"', "#": "№", "$": ";", "^": ":", "&": "?"})
_LATIN_TOKEN_RE = re.compile(
    r"(?<![\w@.])[@#$^&]*[A-Za-z\[\];',.`{}:\"<>~]*[A-Za-z][A-Za-z\[\];',.`{}:\"<>~]*[@#$^&]*(?![\w@])"
)
# Sales shorthand that a dictionary does not know but that is obviously Russian once decoded.
_LEGAL_FORMS = frozenset({"ооо", "оао", "зао", "пао", "ао", "ип", "тоо", "нко", "ано"})
_SHORTHAND = frozenset({"кп", "лпр", "тз", "упд", "эдо", "счф", "дс", "ттн", "нда", "оос", "цена", "скидка"})


# Emoji, pictographs and other symbols, private-use and unassigned code points, control and
# format characters (zero-width joiners, variation selectors): none of them carries words.
_NOISE_RE = regex.compile(r"[[\p{So}--[№]][\p{Sk}--[`]]\p{Cs}\p{Co}\p{Cn}\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u20e3]+", regex.V1)


@lru_cache(maxsize=65536)
def decode_layout(token: str) -> str | None:
    """Return the Cyrillic word a Latin-typed token stands for, or None if it is real Latin.

    «yfgbcfnm» → «написать», «rg» → «кп»; «Jira», «demo», «ok» stay as they are.
    """
    if len(token) < 2 or not token.isascii():
        return None
    letters = sum(c.isalpha() for c in token)
    if letters < 2:
        return None
    candidate = token.translate(TO_CYRILLIC)
    if not _CYRILLIC_WORD_RE.fullmatch(candidate):
        return None
    low = candidate.lower()
    if low in _SHORTHAND:
        return candidate
    # Short tokens decode into real words by chance («vs» → «мы»), so they need a longer word; a word in
    # Latin capitals with Latin vowels is an English name («NEXT» is no «ТУЧЕ»), not a slip.
    caps_english = token.isupper() and any(c in "AEIOUY" for c in token)
    if len(low) >= 4 and is_known_word(low) and not caps_english:
        return candidate
    if len(low) >= 6 and low.isalpha() and correct(low, dictionary=False):  # a slip and a typo at once
        return candidate
    return candidate if _slip_shaped(token, low) else None


_LAYOUT_KEY_INSIDE_RE = re.compile(r"[A-Za-z][\[\];',.{}:\"<>`~]+[A-Za-z]")  # «Cnfkm,tnjy»: «б» typed as «,»
_DOMAIN_RE = re.compile(r"(?i)\.(?:ru|su|com|net|org|io|info|biz|pro|online|shop|store|kz|by|uz)$")
_ENGLISH_RE = re.compile(r"(?i)tch|ck$")  # «Twitch», «Truck»: English spelling that decodes to nonsense
# Decoded words Russian cannot spell: four consonants in a row («Екгслы» from «Trucks»), three
# vowels in a row, «ы», «ь», «ъ» at the start or after a vowel.
_UNRUSSIAN_RE = re.compile(r"[бвгджзйклмнпрстфхцчшщ]{4}|[аеёиоуыэюя]{3}|^[ыьъ]|[аеёиоуыэюя][ыьъ]|[ьъ]{2}")


def _slip_shaped(token: str, low: str) -> bool:
    """A Latin token no dictionary knows but that is plainly Russian typed in the wrong layout:
    unpronounceable as Latin (almost no Latin vowels), spelled like Russian once decoded, and either
    long («Cnhjqvfhrtne» = «Строймаркет») or holding a key of a Russian letter inside the word
    («Cnfkm,tnjy» = «Стальбетон»). Brands keep their vowels («Bosch», «Securika») and domains stay («ozon.ru»)."""
    letters = [c for c in token if c.isalpha()]
    word = low.replace("-", "")
    if len(letters) < 4 or not word.isalpha() or _DOMAIN_RE.search(token) or _ENGLISH_RE.search(token):
        return False
    if any(c.isupper() for c in letters[1:]) and not all(c.isupper() for c in letters):
        return False  # «PVsyst», «SberCloud»: capitals inside a word are a brand's, not a slip's
    if sum(c in "aeiouAEIOU" for c in letters) / len(letters) >= 0.2 or _UNRUSSIAN_RE.search(word):
        return False
    if sum(c in "аеёиоуыэюя" for c in word) / len(word) < 0.2:
        return False
    return len(letters) >= 6 or _LAYOUT_KEY_INSIDE_RE.search(token) is not None


# Latin letters that look exactly like Cyrillic ones: «пoзвoнить» with Latin «o» is «позвонить».
_HOMOGLYPHS = str.maketrans("aeopcxyAEOPCXYBKMHT", "аеорсхуАЕОРСХУВКМНТ")
_MIXED_WORD_RE = re.compile(r"\b(?=\w*[А-Яа-яЁё])(?=\w*[A-Za-z])\w+\b")
_HOMOGLYPH_LATIN = frozenset("aeopcxyAEOPCXYBKMHT")


def _fix_mixed(match: re.Match[str]) -> str:
    word = match.group(0)
    latin = {c for c in word if c.isascii() and c.isalpha()}
    return word.translate(_HOMOGLYPHS) if latin <= _HOMOGLYPH_LATIN else word


def fix_homoglyphs(text: str) -> str:
    """Turn Latin look-alike letters inside Cyrillic words into Cyrillic («КП» typed as «KП»).

    A word changes only when every Latin letter in it has a Cyrillic twin, so mixed brand names
    («ПромTech») stay as written.
    """
    return _MIXED_WORD_RE.sub(_fix_mixed, text) if not text.isascii() else text


def camel_case(token: str) -> bool:
    """A capital inside a Latin word after a lower-case letter: a brand's spelling («LightPro», «iFit»)."""
    return any(a.islower() and b.isupper() for a, b in pairwise(token))


def fix_layout(text: str) -> str:
    """Decode words typed in the wrong keyboard layout when most Latin words in the text decode.

    Deciding per text rather than per word keeps brand names («Yandex Direct») intact in a text
    that also holds a genuine slip. Once a text is decided to be typed in the wrong layout, its
    short words («gj» = «по», «d» = «в») are decoded too, and when two or more words decode, so are
    names («RA{ Kbc» = «КФХ Лис»).
    """
    tokens = _LATIN_TOKEN_RE.findall(text)
    if not tokens:
        return text
    decoded = {t: _decode_token(t) for t in tokens}
    # a brand beside a slip («gthtujdjhs c Test Company») neither counts against decoding nor is decoded
    # (a brand in camel case still counts: «LightPro Rent» is English, «Rent» no slip)
    brands = {t for t, d in decoded.items() if d is None and _brand(t)}
    long_tokens = [t for t in decoded if sum(c.isalpha() for c in t) >= 4 and (t not in brands or camel_case(t))]
    hits = sum(decoded[t] is not None for t in long_tokens)
    if hits == 0 or hits * 2 < len(long_tokens):
        return text
    if hits * 2 == len(long_tokens) and any(decoded[t] is None and camel_case(t) for t in long_tokens):
        return text  # «LightPro Rent»: beside a brand in camel case, an English word is no slip («Куте»)

    def sub(m: re.Match[str]) -> str:
        token = m.group(0)
        if decoded.get(token):
            return decoded[token]  # type: ignore[return-value]
        if hits >= 2:  # two real words decoded: the whole text was typed in the wrong layout
            return token if token in brands else _decode_any(token)
        short = token.translate(TO_CYRILLIC)
        if len(token) <= 3 and short.lower() in _LEGAL_FORMS:
            return short  # «JJJ @Fhrneh@» = «ООО "Арктур"»: a legal form before a decoded name
        return short if len(token) <= 3 and is_known_word(short.lower()) else token  # «gj» = «по»

    return _initials(_LATIN_TOKEN_RE.sub(sub, text))


# In the Russian layout the key of «/» types «.» and Shift+«/» (that is «?») types «,». After a decoded
# initial («J/D/» = «О.В.») the slash is that dot; a real slash between digits or words («1/2»,
# «http://», «кв/м») is no initial's and stays.
_INITIAL_SLASH_RE = re.compile(r"(?<!\w)([А-ЯЁ])/(?=\s|$|[А-ЯЁ]/)")
_COMMA_KEY_RE = re.compile(r"(?<=[а-яё])\?(?=\s+\S)")


def _initials(decoded: str) -> str:
    """The dots of decoded initials and the commas after decoded words, from the keys they were typed on."""
    if "/" in decoded:
        decoded = _INITIAL_SLASH_RE.sub(r"\1.", decoded)
    if "?" in decoded:
        decoded = _COMMA_KEY_RE.sub(",", decoded)
    return decoded


_EDGE_RE = re.compile(r"^([\"'@#$^&]*)(.*?)([,.;:\"'@#$^&]*)$")


def _decode_token(token: str) -> str | None:
    """decode_layout, also for a word with punctuation around it («ctkbnhs,» → «селитры,»)."""
    m = _EDGE_RE.match(token)
    if m and (m.group(3) or m.group(1)) and is_known_word(token.translate(TO_CYRILLIC).lower()):
        return token.translate(TO_CYRILLIC)  # «Vjynf;» = «Монтаж»: the edge is a letter's key, not punctuation
    if m and (m.group(1) or m.group(3)) and (core := decode_layout(m.group(2))) is not None:
        # punctuation first: «,» is also the key of «б»; a shifted digit key is the Russian sign on it
        return m.group(1).translate(_SHIFT_KEYS) + core + m.group(3).translate(_SHIFT_KEYS)
    return decode_layout(token)


def _brand(token: str) -> bool:
    """A Latin word of four letters or more that decodes to no Russian word could be: typed as it is
    written («Flowbase» would be «Адщцифыу»; «Hfccdtnf» is «Рассвета», a name that reads as Russian)."""
    m = _EDGE_RE.match(token)
    core = m.group(2) if m else token
    if sum(c.isalpha() for c in core) < 4:
        return False
    candidate = core.translate(TO_CYRILLIC)
    return _CYRILLIC_WORD_RE.fullmatch(candidate) is not None and not reads_as_russian(candidate)


def _decode_any(token: str) -> str:
    """A token of a wrong-layout text, decoded when it decodes to Cyrillic letters only."""
    m = _EDGE_RE.match(token)
    lead, core, trail = (m.group(1), m.group(2), m.group(3)) if m else ("", token, "")
    if lead == "'" and "'" not in trail:  # no closing quote: «'rctkm» is «эксель», «'» the key of «э»
        lead, core = "", lead + core
    candidate = core.translate(TO_CYRILLIC)
    lead, trail = lead.translate(_SHIFT_KEYS), trail.translate(_SHIFT_KEYS)
    return lead + candidate + trail if _CYRILLIC_WORD_RE.fullmatch(candidate) else token


def normalize(text: str) -> str:
    """Return the canonical form of a task text: same words, no typographic noise.

    >>> normalize("  «Ромашка» — отправить  КП 🔥 ")
    '"Ромашка" - отправить КП'
    """
    if not unicodedata.is_normalized("NFKC", text):
        # «№» stays «№»: NFKC would make it «No», a Latin word that reads as a name
        text = "№".join(unicodedata.normalize("NFKC", part) for part in text.split("№"))
    text = _CHARS_RE.sub(_char_of, text)  # == text.translate(_CHARS)
    if not _PLAIN_RE.fullmatch(text):  # most texts hold nothing but letters, digits and punctuation
        text = _NOISE_RE.sub(" ", text)
    if '"' in text:
        text = _GLUED_QUOTE_RE.sub(r'\1 "', text)
    text = " ".join(text.split())
    if _ASCII_LETTER_RE.search(text):  # look-alikes and layout slips need Latin letters
        text = fix_layout(fix_homoglyphs(text))
    if "`" in text:  # kept for the layout: «cx`n» is «счёт»; anywhere else it is an apostrophe
        text = text.replace("`", "'")
    if "ё" in text or "Ё" in text:  # from a decoded «`» or «~»
        text = text.translate(_YO_TABLE)
    return text


def has_words(text: str) -> bool:
    """True when the text holds at least one letter: digits and punctuation alone are no task."""
    return any(c.isalpha() for c in text)


__all__ = [
    "normalize",
    "fix_layout",
    "fix_homoglyphs",
    "decode_layout",
    "camel_case",
    "has_words",
    "TO_CYRILLIC",
    "TO_LATIN",
]
