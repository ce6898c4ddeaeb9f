"""Concurrent single checks in one worker are scored in one library call, each getting its own
verdict; a text that arrives alone is scored at once."""

from __future__ import annotations

import asyncio

import taskqual
from taskqual.service.coalesce import Coalescer


class CountingModel:
    """The shipped model, counting how many library calls it gets."""

    def __init__(self) -> None:
        self.model = taskqual.default_model()
        self.calls: list[int] = []

    def classify_many(self, texts):
        self.calls.append(len(texts))
        return self.model.classify_many(texts)


TEXTS = ["перезвонить Ромашке", "Отправить КП в Северсталь до 15.03", "ООО «Вектор»", "   "]


def test_texts_that_arrive_together_are_scored_together():
    model, coalescer = CountingModel(), Coalescer()

    async def main():
        return await asyncio.gather(*(coalescer.classify(model, t) for t in TEXTS))

    verdicts = asyncio.run(main())
    assert model.calls == [4]
    assert [v.label for v in verdicts] == ["vague", "concrete", "company_only", None]
    assert verdicts[3].error.startswith("EmptyTaskError")
    assert verdicts[:3] == [taskqual.classify(t) for t in TEXTS[:3]]


def test_a_text_alone_is_scored_alone():
    model, coalescer = CountingModel(), Coalescer()

    async def main():
        return [await coalescer.classify(model, t) for t in TEXTS[:2]]

    assert [v.label for v in asyncio.run(main())] == ["vague", "concrete"]
    assert model.calls == [1, 1]
