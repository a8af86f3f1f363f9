"""The pipeline keeps going when one article fails in any stage, and says which one."""

from __future__ import annotations

import pytest

from kg.model import ArticleResult, Document
from kg.pipeline import ArticleError

pytestmark = pytest.mark.slow

GOOD = "President Volodymyr Zelensky said on Monday that the talks in Istanbul were useful."


def doc(n: int, text: str = GOOD) -> Document:
    return Document(id=f"d{n}", text=text, source=f"doc{n}.txt")


def test_an_article_spacy_rejects_is_reported_and_the_batch_survives(pipeline) -> None:
    old = pipeline.nlp.max_length
    pipeline.nlp.max_length = 2000  # spaCy refuses longer texts (error E088)
    try:
        items = list(pipeline.process([doc(1), doc(2, GOOD * 40), doc(3)], batch_size=3))
    finally:
        pipeline.nlp.max_length = old
    assert [type(i) for i in items] == [ArticleResult, ArticleError, ArticleResult]
    err = items[1]
    assert err.stage == "nlp" and err.message.startswith("doc2.txt: nlp stage failed")


def test_a_linker_crash_loses_only_its_article(pipeline, monkeypatch) -> None:
    real = pipeline.linker.link

    def flaky(analysis):
        if analysis.document.id == "d2":
            raise RuntimeError("boom")
        return real(analysis)

    monkeypatch.setattr(pipeline.linker, "link", flaky)
    items = list(pipeline.process([doc(1), doc(2), doc(3)]))
    assert [type(i) for i in items] == [ArticleResult, ArticleError, ArticleResult]
    assert items[1].stage == "link" and "boom" in items[1].message and "doc2.txt" in items[1].message


def test_results_keep_input_order_across_batches(pipeline) -> None:
    items = list(pipeline.process([doc(n) for n in range(5)], batch_size=2))
    assert [i.document.id for i in items] == [f"d{n}" for n in range(5)]
