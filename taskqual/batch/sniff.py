"""Guess how a CSV file was written: its encoding and its delimiter.

Russian CRMs export UTF-8, UTF-8 with a byte-order mark (Bitrix24, Excel's «CSV UTF-8») and cp1251
(older exports, Excel's plain «CSV»). The guess looks at the first megabyte only; bytes that do not
decode further on are not a reason to fail the file, they are flagged on their row.
"""

from __future__ import annotations

import codecs
import csv
import re

SAMPLE_BYTES = 1 << 20
DELIMITERS = ";,\t|"
# Single-byte encodings a Russian export may come in, most likely first.
CYRILLIC_CODEPAGES = ("cp1251", "koi8_r", "cp866", "mac_cyrillic")
_SURROGATE_RE = re.compile("[\udc80-\udcff]")


def read_sample(path: str, size: int = SAMPLE_BYTES) -> bytes:
    with open(path, "rb") as f:
        return f.read(size)


def detect_encoding(sample: bytes) -> str:
    """The codec name to read a file whose first bytes are ``sample``.

    >>> detect_encoding(b"\\xef\\xbb\\xbf\\xd0\\x97\\xd0\\xb0\\xd0\\xb4\\xd0\\xb0\\xd1\\x87\\xd0\\xb0")
    'utf-8-sig'
    >>> detect_encoding("Задача;Ответственный".encode("cp1251"))
    'cp1251'
    >>> detect_encoding("Задача;Ответственный".encode("utf-8"))
    'utf-8'
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    text = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape").decode(sample, final=False)
    bad = len(_SURROGATE_RE.findall(text))
    if bad == 0:
        return "utf-8"
    good = sum(1 for c in text if c > "\x7f") - bad
    if good >= 10 * bad:  # UTF-8 with a few broken bytes: keep UTF-8, the broken rows get flagged
        return "utf-8"
    return _guess_single_byte(sample)


def _guess_single_byte(sample: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(sample[: 256 * 1024], cp_isolation=list(CYRILLIC_CODEPAGES)).best()
    if best is None:
        return "cp1251"
    name = codecs.lookup(best.encoding).name
    # On short or mostly-ASCII samples the detectors waver between Cyrillic code pages; a Russian
    # CRM export is cp1251 unless the text clearly reads better in another one.
    if name != "cp1251" and _cyrillic_share(sample, "cp1251") >= _cyrillic_share(sample, name):
        return "cp1251"
    return name


def _cyrillic_share(sample: bytes, encoding: str) -> float:
    text = sample.decode(encoding, errors="replace")
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    # Lower-case letters dominate real text; a wrong code page turns them into capitals and symbols.
    return sum(1 for c in letters if "а" <= c <= "я" or c == "ё") / len(letters)


def detect_delimiter(text: str) -> str:
    """The field delimiter of CSV text (its first lines), «;» when nothing else is clear.

    >>> detect_delimiter("ID;Задача;Ответственный\\n1;Позвонить, уточнить;Иванов\\n")
    ';'
    >>> detect_delimiter("id,text\\n1,hello\\n")
    ','
    """
    lines = text.splitlines()[:50]
    head = "\n".join(lines)
    try:
        found = csv.Sniffer().sniff(head, delimiters=DELIMITERS).delimiter
    except csv.Error:
        found = None
    header = lines[0] if lines else ""
    counts = {d: header.count(d) for d in DELIMITERS}
    # The Sniffer can be fooled by commas inside task texts; the header line has no such texts.
    if found and counts.get(found, 0) > 0:
        return found
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > 0 else (found or ";")


def decode_sample(sample: bytes, encoding: str) -> str:
    return codecs.getincrementaldecoder(encoding)(errors="replace").decode(sample, final=False)


__all__ = ["detect_encoding", "detect_delimiter", "read_sample", "decode_sample", "SAMPLE_BYTES"]
