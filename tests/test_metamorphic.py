"""A label says what is to be done: it survives another company, case, a date, a phone number,
the wrong keyboard layout and a one-letter typo (issue 13's targets, on every outside-voice set)."""

from __future__ import annotations

import pytest

import taskqual
from training.data import VALIDATION_DIRS, load_validation
from training.metamorphic import DEFAULT_TARGET, PERTURBATIONS, TARGETS, flip_shares

# Perturbations over their target on a set, marked strict: a fix shows up as XPASS and must remove the
# entry. Empty since row 29 (lower case on the third set, 2.54% → 1.47%); the wrong layout and an added
# phone were fixed by EXPERIMENTS rows 26a and 26c.
OVER_TARGET: set[tuple[str, str]] = set()


@pytest.fixture(scope="module", params=VALIDATION_DIRS, ids=lambda p: p.name)
def shares(request):
    return request.param.name, flip_shares([r.text for r in load_validation(request.param)])


@pytest.mark.parametrize("name", list(PERTURBATIONS))
def test_few_labels_flip_under_perturbation(name, shares, request):
    directory, shares = shares
    if (directory, name) in OVER_TARGET:
        request.applymarker(pytest.mark.xfail(strict=True, reason="issue 13: over target on this set"))
    share, n = shares[name]
    assert n >= (300 if name == "company swap" else 400), f"{name} applied to only {n} texts"
    assert share <= TARGETS.get(name, DEFAULT_TARGET), f"{name}: {share:.2%} of {n} labels flipped"


@pytest.mark.parametrize(
    ("text", "variant"),
    [
        ("Ромашка — отправить КП до пятницы", 'ООО "Согласие" — отправить КП до пятницы'),
        ("перезвонить Вектору", "перезвонить Победе"),
        ("ООО Ромашка", "Yandex"),
        ("сделать презентацию для Альфы", "сделать презентацию для ИП Сидоров"),
        ("получить решение об оплате счёта", "получить решение об оплате счёта 15.12 10:00"),
        ("перезвонить", "перезвонить +7 912 345-67-89"),
        ("отправить договор на подпись", "jnghfdbnm ljujdjh yf gjlgbcm"),
        ("получить решение об оплате", "получить решение об оплтае"),
    ],
)
def test_golden_pairs_keep_their_label(text, variant):
    assert taskqual.classify(variant).label == taskqual.classify(text).label
