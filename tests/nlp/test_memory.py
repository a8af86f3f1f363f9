"""Flat memory in the NLP stage (`kg.nlp.memory`): memory zones, character-budgeted batches, heap release."""

from __future__ import annotations

from contextlib import nullcontext

import pytest

from kg.model import Document
from kg.nlp import analyze
from kg.nlp.memory import analyze_batch, bound_caches, count, release_heap, zone
from kg.pipeline import batches


def _doc(n: int, text: str) -> Document:
    return Document(id=f"m{n}", text=text, source=f"test:{n}")


def test_batches_end_at_the_character_budget_and_a_long_text_goes_alone() -> None:
    docs = [_doc(i, "x" * size) for i, size in enumerate([10, 10, 10, 100, 5, 5])]
    sizes = [[len(d.text) for d in b] for b in batches(docs, 16, max_chars=30)]
    assert sizes == [[10, 10, 10], [100], [5, 5]]
    # the count still applies, and without a budget only the count does
    assert [len(b) for b in batches(docs, 2, max_chars=1000)] == [2, 2, 2]
    assert [len(b) for b in batches(docs, 4)] == [4, 2]


@pytest.mark.slow
def test_words_first_seen_in_a_zone_are_forgotten_and_the_analyses_do_not_change(pipeline) -> None:
    nlp = pipeline.nlp
    # Made-up words and a made-up name, so the strings are new to the model's vocabulary.
    docs = [
        _doc(1, "Zorbavian Prime Minister Quillan Marthebrook said on Tuesday that the grelnix treaty was dead."),
        _doc(2, '"We will not sign the vontrabular accord," Marthebrook told reporters in Plexitown.'),
    ]
    strings = len(nlp.vocab.strings)
    in_zone = analyze_batch(nlp, docs, warm_up=0)
    assert len(nlp.vocab.strings) == strings  # nothing from the batch stayed
    assert "Marthebrook" in [t.text for t in in_zone[0].tokens]
    assert in_zone == list(analyze(nlp, docs))  # the same analyses as outside a zone
    assert len(nlp.vocab.strings) > strings  # ... where spaCy keeps the new words


@pytest.mark.slow
def test_no_zone_before_the_warm_up_nor_inside_an_open_zone(pipeline) -> None:
    nlp = pipeline.nlp
    assert isinstance(zone(nlp, warm_up=10**12), nullcontext)
    count(nlp, 1)
    with zone(nlp, warm_up=0):
        assert nlp.vocab.in_memory_zone
        assert isinstance(zone(nlp, warm_up=0), nullcontext)  # zones must not nest
    assert not nlp.vocab.in_memory_zone


def test_release_heap_is_safe_to_call_anywhere() -> None:
    blocks = [bytearray(1 << 20) for _ in range(32)]
    del blocks
    assert release_heap() in (True, False)


@pytest.mark.slow
def test_the_lemmatizer_cache_is_emptied_past_its_bound_and_lemmas_stay_the_same(pipeline) -> None:
    nlp = pipeline.nlp
    lemmatizer = nlp.get_pipe("lemmatizer")
    doc = _doc(3, "The ministers were meeting in Geneva and said the talks had gone well.")
    before = analyze_batch(nlp, [doc], warm_up=10**12)
    assert len(lemmatizer.cache) > 0
    bound_caches(nlp, limit=len(lemmatizer.cache))
    assert len(lemmatizer.cache) > 0  # at the bound: kept
    bound_caches(nlp, limit=len(lemmatizer.cache) - 1)
    assert len(lemmatizer.cache) == 0
    assert analyze_batch(nlp, [doc], warm_up=10**12) == before
