"""The NLP stage in worker processes (`kg.nlp.parallel`): same analyses, in order, workers renewed by chunk."""

from __future__ import annotations

import pytest

from kg.model import Document
from kg.nlp import analyze
from kg.nlp.parallel import Lost, analyze_parallel

pytestmark = pytest.mark.slow


def test_chunks_of_workers_give_the_serial_analyses_in_input_order(pipeline) -> None:
    nlp = pipeline.nlp
    docs = [
        Document(id=f"p{i}", text=f"Foreign Minister Anna Lindqvist{i} said the talks in Oslo would resume.", source=f"t:{i}")
        for i in range(5)
    ]
    serial = list(analyze(nlp, docs))
    strings = len(nlp.vocab.strings)
    # chunk=2: three sets of workers for five documents
    parallel = list(analyze_parallel(nlp, docs, n_process=2, batch_size=1, chunk=2))
    assert not any(isinstance(a, Lost) for a in parallel)
    assert [a.document.id for a in parallel] == [d.id for d in docs]
    assert parallel == serial
    assert "geokg_portable" not in nlp.pipe_names
    assert not nlp.vocab.in_memory_zone and len(nlp.vocab.strings) == strings
