"""Letter pairs: a decoded word that no Russian word could be is a brand typed as written."""

from __future__ import annotations

import pytest

from taskqual.letter_pairs import reads_as_russian


@pytest.mark.parametrize("word", ["Рассвета", "Нефтемаш", "Инфосфера", "стратсейшн", "агрохолдинг"])
def test_unknown_russian_words_read_as_russian(word):
    assert reads_as_russian(word)


@pytest.mark.parametrize("latin", ["Flowbase", "Cloudnest", "Wildberries", "Looker", "Studio", "Pizza"])
def test_latin_brands_decoded_read_as_no_russian(latin):
    from taskqual.normalize import TO_CYRILLIC

    assert not reads_as_russian(latin.translate(TO_CYRILLIC))
