"""One-letter typos are read as the word the manager meant, and names are left alone."""

from pathlib import Path

import pytest

from taskqual.spelling import correct, task_word_counts


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
        ("перевочика", "перевозчика"),  # not «переводчика»
        ("плнерка", "планерка"),  # the dictionary spells «планёрка»
        ("замре", "замер"),
        # several words one edit away: the one a dropped letter or a swap makes, if sales tasks use it most
        ("пзвонить", "позвонить"),  # not «звонить»
        ("презвонить", "перезвонить"),
        ("планека", "планерка"),  # not «планетка» (a dropped «р»), «планка» or «планета»
        ("булет", "буклет"),
        ("отвезит", "отвезти"),  # two letters swapped
    ],
)
def test_a_typo_is_read_as_the_word_meant(typo, meant):
    assert correct(typo) == meant


@pytest.mark.parametrize("word", ["техснаб", "агроальянс", "ромашкинск", "поаз", "селлер"])  # not «спеллер»
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
