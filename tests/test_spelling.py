"""One-letter typos are read as the word the manager meant, and names are left alone."""

from pathlib import Path

import pytest

from taskqual.spelling import correct, find_misspelt, task_word_counts


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("позвонитт", "позвонить"),  # a task verb: the task vocabulary
        ("отпраить", "отправить"),
        ("чевтерг", "четверг"),  # one dictionary word one edit away
        ("скдику", "скидку"),  # «садику» too: sales tasks speak of discounts
        ("селку", "сделку"),  # «белку», «мелку», «оселку»…
        ("зявка", "заявка"),
        ("тедер", "тендер"),
        ("плнерка", "планерка"),  # the dictionary spells «планёрка»
        ("замре", "замер"),
        # several words one edit away: the one a dropped letter or a swap makes, if sales tasks use it most
        ("пзвонить", "позвонить"),  # not «звонить»
        ("презвонить", "перезвонить"),
        ("планека", "планерка"),  # not «планетка» (a dropped «р»), «планка» or «планета»
        ("булет", "буклет"),
        ("отвезит", "отвезти"),  # two letters swapped
        ("отправюл", "отправлю"),  # one word's forms: the swap («отправлю»), not a replaced letter («отправил»)
        # four letters: only a dropped letter, and only a word sales tasks use far more than the others
        ("поаз", "показ"),
        ("свзь", "связь"),
        ("закз", "заказ"),
        ("отчт", "отчет"),
    ],
)
def test_a_typo_is_read_as_the_word_meant(typo, meant):
    assert correct(typo) == meant


@pytest.mark.parametrize(
    "word",
    [
        "техснаб",
        "агроальянс",
        "ромашкинск",
        "селлер",  # not «спеллер»
        "скну",  # «скину» or «скану»: sales tasks use both
        "перевочика",  # «перевозчика» or «переводчика»: a translation bureau's tasks speak of translators
        "сбер",
        "кпп",
        # a correction may not change the first letter: a name one edit from a word differs there
        "медлайн",  # not «дедлайн»
        "финдира",  # not «индира»
        "эксель",  # not «аксель»
    ],
)
def test_an_unknown_name_or_a_short_word_is_left_alone(word):
    assert correct(word) is None


def test_the_task_word_counts_come_from_the_training_texts():
    counts = task_word_counts()
    assert counts["клиент"] > counts["скидка"] > counts.get("садик", 0)


@pytest.mark.slow
def test_the_shipped_task_words_are_what_training_vocabulary_writes(tmp_path):
    from training.vocabulary import main

    main(["-o", str(tmp_path / "task_words.tsv")])
    shipped = Path(__file__).parent.parent / "taskqual" / "resources" / "task_words.tsv"
    assert (tmp_path / "task_words.tsv").read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("ооо или общество с ограниченной ответственностью", (8, 48)),
        ("общество с огрнаиченной ответственностью «вектор»", (0, 40)),  # a typo in a long word
        ("обшество с ограниченной ответственостью", (0, 39)),  # one typo in each
        ("общество с ограниченной", None),
        ("общество на ограниченной ответственностью", None),  # short words exactly
    ],
)
def test_a_phrase_is_found_with_a_typo_in_each_long_word(text, where):
    assert find_misspelt(text, "общество с ограниченной ответственностью") == where
