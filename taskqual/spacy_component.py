"""A spaCy pipeline component for spaCy users: ``nlp.add_pipe("taskqual")`` sets ``doc._.taskqual``.

>>> import spacy, taskqual.spacy_component
>>> nlp = spacy.blank("ru")
>>> _ = nlp.add_pipe("taskqual")
>>> nlp("отправить КП в «Вектор» до пятницы")._.taskqual.label
'concrete'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from taskqual.api import Model, default_model
from taskqual.verdict import Verdict

if not Doc.has_extension("taskqual"):
    Doc.set_extension("taskqual", default=None)


class TaskqualComponent:
    """Labels each Doc with the taskqual Verdict of its text (errors come back in ``Verdict.error``)."""

    def __init__(self, model_path: str | None = None) -> None:
        self.model = Model.load(model_path) if model_path else default_model()

    def __call__(self, doc: Doc) -> Doc:
        doc._.taskqual = self.model.classify_many([doc.text])[0]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 1000) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._label(batch)
                batch = []
        yield from self._label(batch)

    def _label(self, docs: list[Doc]) -> Iterator[Doc]:
        verdicts: list[Verdict] = self.model.classify_many([d.text for d in docs])
        for doc, v in zip(docs, verdicts):
            doc._.taskqual = v
            yield doc


@Language.factory("taskqual", default_config={"model_path": None})
def make_taskqual(nlp: Language, name: str, model_path: str | None) -> TaskqualComponent:
    return TaskqualComponent(model_path)
