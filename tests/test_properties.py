"""Properties that hold for any input: a Verdict or a documented error, scores summing to 1, determinism."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import taskqual

CYRILLIC = st.characters(min_codepoint=0x0400, max_codepoint=0x04FF)
TASKLIKE = st.text(alphabet=st.one_of(CYRILLIC, st.sampled_from(' .,-:«»"!?#№0123456789КПЛРООО')), max_size=120)
ANY_TEXT = st.one_of(st.text(max_size=300), TASKLIKE)
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(text: str, v: taskqual.Verdict) -> None:
    if v.error is None:
        assert v.label in taskqual.LABELS
        assert math.isclose(sum(v.scores.values()), 1.0, abs_tol=1e-9)
        assert all(0.0 <= p <= 1.0 for p in v.scores.values())
        assert v.confidence == max(v.scores.values())
        assert set(v.missing) <= {"action", "result", "deadline"}
        assert v.hint
    else:
        assert v.label is None and v.error.split(":")[0] in ("EmptyTaskError", "TaskTooLongError", "TypeError")


@FAST
@given(ANY_TEXT)
def test_any_string_gives_a_verdict_or_a_documented_error(text):
    try:
        v = taskqual.classify(text)
    except (taskqual.EmptyTaskError, taskqual.TaskTooLongError):
        assert not any(c.isalpha() for c in text) or len(text) > taskqual.MAX_TEXT_LENGTH
        return
    _check(text, v)


@FAST
@given(st.lists(ANY_TEXT, max_size=20))
def test_batch_keeps_every_row_and_agrees_with_single(texts):
    verdicts = taskqual.classify_many(texts)
    assert len(verdicts) == len(texts)
    for t, v in zip(texts, verdicts):
        _check(t, v)
        if v.error is None:
            assert taskqual.classify(t) == v


@FAST
@given(ANY_TEXT)
def test_same_input_same_output(text):
    a = taskqual.classify_many([text])[0]
    b = taskqual.classify_many([text])[0]
    assert a == b


@FAST
@given(TASKLIKE)
def test_normalisation_is_idempotent(text):
    once = taskqual.normalize(text)
    assert taskqual.normalize(once) == once
