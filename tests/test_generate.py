"""Tests for training/generate.py: the synthetic training-record generator."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from training import generate as gen

N = 200
SEED = 7
GUIDE = Path("/work/shared/labeling-guide.md")


@pytest.fixture(scope="module")
def records() -> list[dict[str, str]]:
    """One in-process run of the generator."""
    return gen.generate(N, SEED)


def test_deterministic_for_a_seed(records: list[dict[str, str]]) -> None:
    assert gen.generate(N, SEED) == records


def test_other_seed_gives_other_records(records: list[dict[str, str]]) -> None:
    assert gen.generate(N, SEED + 1) != records


def test_balanced_over_labels(records: list[dict[str, str]]) -> None:
    assert len(records) == N
    assert Counter(r["label"] for r in records) == {label: N // 4 for label in gen.LABELS}


def test_quota_for_n_not_divisible_by_four() -> None:
    quotas = gen.label_quotas(10)
    assert sum(quotas.values()) == 10 and max(quotas.values()) - min(quotas.values()) <= 1


def test_texts_distinct_after_normalisation(records: list[dict[str, str]]) -> None:
    keys = [gen.norm_key(r["text"]) for r in records]
    assert all(keys) and len(set(keys)) == len(keys)


def test_record_fields(records: list[dict[str, str]]) -> None:
    templates = {label: {tid for tid, *_ in ts} for label, ts in gen.TEMPLATES.items()}
    for r in records:
        assert set(r) == {"text", "label", "source", "template"}
        assert r["label"] in gen.LABELS
        assert r["source"] == "generated"
        assert r["template"] in templates[r["label"]]
        assert r["text"] == r["text"].strip() and "  " not in r["text"]
        assert re.search(r"[А-Яа-яЁёA-Za-z]", r["text"])


def test_norm_key() -> None:
    assert gen.norm_key("  Ёлка — «Вектор»!! ") == gen.norm_key("елка вектор")


def test_company_inflection() -> None:
    assert gen.inflect_word("Вектор", "gent") == "Вектора"
    assert gen.inflect_word("Вектор", "ablt") == "Вектором"
    assert gen.inflect_word("Заря", "ablt") == "Зарёй"
    assert gen.inflect_word("Орбита", "accs") == "Орбиту"
    assert gen.inflect_word("Доверие", "datv") == "Доверию"


def test_company_in_keeps_fixed_names_and_quotes() -> None:
    rng = gen.random.Random(0)
    legal = gen.Company("ООО «Вектор Плюс»", oblique="ООО «Вектор Плюс»")
    assert gen.company_in(legal, "gent", rng) == "ООО «Вектор Плюс»"
    city = gen.Company("Кедр (Томск)", head="Кедр", tail=" (Томск)", oblique="«Кедр» (Томск)")
    forms = {gen.company_in(city, "ablt", rng) for _ in range(50)}
    assert forms == {"Кедром (Томск)", "«Кедр» (Томск)"}


def test_phrase_inflection() -> None:
    assert gen.inflect_phrase("коммерческое предложение", "gent") == "коммерческого предложения"
    assert gen.inflect_phrase("итоговая цена", "accs") == "итоговую цену"
    assert gen.inflect_phrase("подписанный договор", "accs") == "подписанный договор"
    assert gen.inflect_phrase("протокол разногласий", "gent") == "протокола разногласий"
    assert gen.inflect_phrase("счёт|на предоплату", "gent") == "счёта на предоплату"
    assert gen.inflect_phrase("юрист|клиента", "ablt") == "юристом клиента"
    assert gen.inflect_phrase("КП", "gent") == "КП"


def test_verb_forms() -> None:
    assert [gen.verb_form("отправить", f) for f in gen.FORMS] == ["отправить", "отправь", "отправьте", "отправлю"]
    assert gen.verb_form("связаться", "1sg") == "свяжусь"
    assert gen.verb_form("дожать", "impr_sg") == "дожми"
    assert gen.verb_form("напомнить о себе", "impr_pl") == "напомните о себе"
    assert gen.deverbal("согласовать") == "согласование"


def test_person_inflection() -> None:
    andrey = next(p for p in gen.PEOPLE if p[1] == "Андрей")
    olga = next(p for p in gen.PEOPLE if p[1] == "Ольга")
    assert gen.person_in(andrey, "surname_first", "datv") == "Соколову Андрею"
    assert gen.person_in(olga, "first_patr", "ablt") == "Ольгой Викторовной"
    assert gen.person_in(olga, "surname_init", "gent") == "Беловой О.В."


def test_strip_punct_keeps_numbers_and_hyphenated_names() -> None:
    assert gen.strip_punct("«Ладога-Сервис» — до 15.03, к 10:00!") == "Ладога-Сервис до 15.03 к 10:00"


def test_component_lists_have_the_promised_size() -> None:
    assert 75 <= len(gen.all_company_names()) <= 90
    assert len(set(gen.all_company_names())) == len(gen.all_company_names())
    assert len(gen.PEOPLE) == 30


def test_no_verbatim_guide_examples(records: list[dict[str, str]]) -> None:
    if not GUIDE.exists():
        pytest.skip("labeling guide not available")
    examples = {gen.norm_key(x) for x in re.findall(r"«([^»]+)»", GUIDE.read_text(encoding="utf-8"))}
    more = gen.generate(2000, SEED + 2)
    assert not [r["text"] for r in records + more if gen.norm_key(r["text"]) in examples]


def test_cli_writes_utf8_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "gen.jsonl"
    assert gen.main(["--n", "40", "--seed", "3", "-o", str(out)]) == 0
    raw = out.read_text(encoding="utf-8")
    assert "\\u04" not in raw and re.search("[А-Яа-я]", raw)
    lines = [json.loads(line) for line in raw.splitlines()]
    assert len(lines) == 40 and lines == gen.generate(40, 3)
