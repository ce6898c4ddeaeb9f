"""Every documented error path says what was wrong and what is accepted."""

from __future__ import annotations

import pytest

import taskqual


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "!!!", "...", "🔥🔥", "12345", "+7 (912) 345-67-89", "—"])
def test_text_without_words_is_not_a_task(text):
    with pytest.raises(taskqual.EmptyTaskError, match="no words") as info:
        taskqual.classify(text)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("value", [None, 42, 3.14, b"bytes", ["list"], {"text": "x"}])
def test_non_string_is_a_type_error(value):
    with pytest.raises(TypeError, match="must be str"):
        taskqual.classify(value)  # type: ignore[arg-type]


def test_too_long_text_names_the_limit():
    text = "отправить КП " * 500
    with pytest.raises(taskqual.TaskTooLongError, match=str(taskqual.MAX_TEXT_LENGTH)) as info:
        taskqual.classify(text)
    assert isinstance(info.value, ValueError)


def test_text_at_the_limit_is_accepted():
    text = ("отправить КП " * 200)[: taskqual.MAX_TEXT_LENGTH]
    assert taskqual.classify(text).label in taskqual.LABELS


def test_errors_keep_option_is_validated():
    with pytest.raises(ValueError, match="'keep' or 'raise'"):
        taskqual.classify_many(["x"], errors="ignore")  # type: ignore[arg-type]


def test_an_error_verdict_carries_a_stable_code_for_programs():
    texts = ["отправить КП до пятницы", "  !!! ", "а" * (taskqual.MAX_TEXT_LENGTH + 1), 42]
    verdicts = taskqual.classify_many(texts)
    assert [v.error_code for v in verdicts] == [None, "empty_text", "text_too_long", "invalid_input"]
    assert verdicts[1].error.startswith("EmptyTaskError: ") and verdicts[3].error.startswith("TypeError: ")
    assert verdicts[1].to_dict()["error_code"] == "empty_text"
