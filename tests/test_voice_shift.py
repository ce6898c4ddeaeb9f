"""The class shift is fitted on what each voice looks like held out: examples of use."""

from __future__ import annotations

import numpy as np

from taskqual.verdict import LABELS
from training.data import Record, by_voice
from training.voice_shift import fit_shift, held_out_proba, shifted

_TASKS = {
    "concrete": ["отправить КП в {}", "выставить счет {}", "подписать договор с {}"],
    "vague": ["позвонить {}", "{} по цене", "встреча {}"],
    "company_only": ["ООО «{}»", "{}", "ИП {}"],
    "delegable": ["внести {} в CRM", "подготовить презентацию для {}", "найти реквизиты {}"],
}


def _voice(name: str, company: str) -> list[Record]:
    return [
        Record(text.format(company), label, "test", f"/data/handwritten/{name}.jsonl:{i}")
        for label, texts in _TASKS.items()
        for i, text in enumerate(texts, 1)
    ]


def test_each_voice_is_scored_by_a_model_that_never_read_it():
    records = _voice("north", "Ромашка") + _voice("south", "Вектор") + _voice("east", "Альфа")
    held = held_out_proba(records, seed=0, jobs=1)
    assert list(held) == list(by_voice(records)) == ["east", "north", "south"]
    for proba in held.values():
        assert proba.shape == (12, len(LABELS))
        np.testing.assert_allclose(proba.sum(axis=1), 1.0)


def test_no_shift_reads_the_probabilities_as_they_are_and_a_fitted_one_mends_a_bias():
    proba = np.array([[0.5, 0.1, 0.3, 0.1], [0.1, 0.2, 0.6, 0.1], [0.1, 0.1, 0.2, 0.6]])
    assert shifted(proba, None) == ["concrete", "company_only", "delegable"]
    # held out, a model says company_only where the texts were vague: the fitted shift lowers it
    biased = np.array([[0.05, 0.35, 0.55, 0.05]] * 6 + [[0.05, 0.05, 0.85, 0.05]] * 6)
    shift = fit_shift(biased, ["vague"] * 6 + ["company_only"] * 6)
    assert shift["vague"] > shift["company_only"]
    assert shifted(biased, shift) == ["vague"] * 6 + ["company_only"] * 6
