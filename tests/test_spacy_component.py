"""The spaCy pipeline component, as a spaCy user adds it."""

from __future__ import annotations

import spacy

import taskqual


def test_component_labels_docs():
    nlp = spacy.blank("ru")
    nlp.add_pipe("taskqual")
    doc = nlp("отправить КП в «Вектор» до пятницы")
    assert doc._.taskqual.label == "concrete"
    assert doc._.taskqual == taskqual.classify(doc.text)


def test_component_pipe_batches():
    nlp = spacy.blank("ru")
    nlp.add_pipe("taskqual")
    docs = list(nlp.pipe(["ООО Ромашка", "позвонить", "сделать презентацию"]))
    assert [d._.taskqual.label for d in docs] == ["company_only", "vague", "delegable"]
