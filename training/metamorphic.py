"""Metamorphic checks: changes that must not change a label, and how often they do.

    python -m training.metamorphic training/validation/*.jsonl [--model PATH]

A label says what is to be done, so it must survive swapping the company for another one, changing
case, adding a date or a phone number, typing in the wrong keyboard layout, or a one-letter typo.
Each perturbation is applied to every text it fits; the flip share is the fraction of those texts
whose label changes. No gold labels are needed.
"""

from __future__ import annotations

import argparse
import random
import sys
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

import taskqual
from taskqual.augment import with_typo
from taskqual.companies import locate
from taskqual.normalize import TO_LATIN, normalize

# Replacement companies: word-like names, legal forms, quotes, Latin brands, persons, cities.
COMPANIES: tuple[str, ...] = (
    "Согласие",
    "Решение",
    "Победа",
    "Открытие",
    "Магнит",
    "Перспектива",
    "Звезда",
    "Восход",
    'ООО "Вектор"',
    'АО "Северсталь-Инвест"',
    "ИП Сидоров",
    'ГБУЗ "Городская больница №2"',
    "ПАО Ростелеком",
    'ООО "Альфа-Трейд"',
    "ТД Восток",
    "КФХ Громов",
    "Yandex",
    "Leroy Merlin",
    "SmartPack",
    "Bosch",
    "Техносила",
    "Уралхиммаш",
    "Сибирь-Логистик",
    "Медси",
    "Инвитро",
    "Ромашка",
    "Мегаполис",
    "Глобус",
    "Гранит",
    "Атлант",
    "ЭкоДом",
    "Нордстрой",
)


def _rng(text: str, salt: str) -> random.Random:
    return random.Random(zlib.crc32(f"{salt}\x00{text}".encode()))


def swap_company(text: str, company: str | None = None) -> str | None:
    """The text with its company replaced by another name (None when no company is found in it)."""
    norm = normalize(text)
    found = locate(norm)
    if found is None:
        return None
    current = norm[found.start : found.end].lower()
    other = _rng(text, "company").choice([c for c in COMPANIES if c.lower() not in current])
    return f"{norm[: found.start]}{other}{norm[found.end :]}"


def lower_case(text: str, company: str | None = None) -> str | None:
    return text.lower() if text.lower() != text else None


def capitalise(text: str, company: str | None = None) -> str | None:
    first = text[:1]
    flipped = first.lower() if first.isupper() else first.upper()
    return flipped + text[1:] if flipped != first else None


def add_date(text: str, company: str | None = None) -> str | None:
    return text.rstrip(" .") + _rng(text, "date").choice((" до 15.12", " 15.12 10:00", " к 14:30", " до пятницы"))


def add_phone(text: str, company: str | None = None) -> str | None:
    return text.rstrip(" .") + _rng(text, "phone").choice((" +7 912 345-67-89", " тел. 8 (495) 123-45-67"))


def wrong_layout(text: str, company: str | None = None) -> str | None:
    """The whole text typed with the Russian layout off («отправить» → «jnghfdbnm»)."""
    out = text.translate(TO_LATIN)
    return out if out != text else None


TYPO_PLACEMENTS = 5
"""Typos per text: where one lands changes the flip share by a point or more, so five placements
(fixed salts, none of them training's) are averaged."""


def one_typo(text: str, company: str | None = None) -> list[str] | None:
    """One letter dropped or two neighbours swapped in one lower-case word of five letters or more,
    at five places (the typo of :func:`taskqual.augment.with_typo`, where training did not put it)."""
    out = [t for i in range(TYPO_PLACEMENTS) if (t := with_typo(text, salt=f"metamorphic-typo-{i}"))]
    return out or None


PERTURBATIONS: dict[str, Callable[[str, str | None], str | list[str] | None]] = {
    "company swap": swap_company,
    "lower case": lower_case,
    "first letter case": capitalise,
    "added date": add_date,
    "added phone": add_phone,
    "wrong layout": wrong_layout,
    "one-letter typo": one_typo,
}
TARGETS = {"company swap": 0.01}
"""The largest flip share each perturbation may reach (2% unless listed)."""
DEFAULT_TARGET = 0.02


def variants(name: str, text: str, company: str | None = None) -> list[str]:
    """The texts one perturbation makes of ``text`` (none when it does not apply)."""
    out = PERTURBATIONS[name](text, company)
    return [out] if isinstance(out, str) else out or []


def flip_shares(texts: Sequence[str], model: taskqual.Model | None = None) -> dict[str, tuple[float, int]]:
    """For each perturbation: (share of perturbed texts whose label flips, number of perturbed texts)."""
    texts = [t for t in texts if taskqual.normalize(t).strip()]
    base = taskqual.classify_many(texts, model=model)
    out: dict[str, tuple[float, int]] = {}
    for name in PERTURBATIONS:
        pairs = []
        for t, v in zip(texts, base):
            for p in variants(name, t, v.company) if v.label else []:
                pairs.append((v.label, p))
        changed = taskqual.classify_many([p for _, p in pairs], model=model)
        flips = sum(a != b.label for (a, _), b in zip(pairs, changed))
        out[name] = (flips / len(pairs) if pairs else 0.0, len(pairs))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", type=Path, nargs="+", help="JSONL files with a text field")
    ap.add_argument("--model", help="model file (default: the shipped model)")
    args = ap.parse_args(argv)
    from training.data import read_jsonl

    model = taskqual.Model.load(args.model) if args.model else None
    texts = [r.text for p in args.files for r in read_jsonl(p, require_source=False)]
    print(f"{len(texts)} texts")
    for name, (share, n) in flip_shares(texts, model).items():
        target = TARGETS.get(name, DEFAULT_TARGET)
        print(f"{name:<18} {share:6.2%} of {n:>4} texts  (target ≤ {target:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
