"""The NLP stage with flat memory over a long run (`geokg build` on a corpus of any size).

Input: the loaded spaCy pipeline and one batch of `Document`s at a time. Output: their `Analysis`
objects, exactly as `kg.nlp.analyze` gives them, while the process's resident memory stops
growing once the run is warm.

What made a long build's memory grow, measured on Wikinews repeated (bench/bench_build.py):

- spaCy keeps every new word in its Vocab and StringStore for the life of the pipeline (spaCy
  documents this: https://spacy.io/usage/memory-management). After a warm-up, each batch runs in
  a `Language.memory_zone`, which forgets the words first seen inside it when the batch is done.
  The warm-up lets the tokenizer fill its (bounded) cache, which spaCy does not fill in a zone.
  Nothing spaCy made in a zone outlives it: the batch is converted to plain `Analysis` objects
  before the zone closes. The rule lemmatizer's cache (one entry per word form, tag and
  morphology ever seen, unbounded and outside the zone) is emptied when it passes `LEMMA_CACHE`.
- glibc does not hand freed heap back to the system on its own: after the large transient arrays
  of a batch of long articles (tok2vec and NER hold ~15 kB per token of the batch for a moment),
  the resident size stayed up to 300 MB above what Python still used (tracemalloc was flat).
  `release_heap` returns those pages after each batch.
- The transient arrays scale with the tokens of the whole batch, so batches are cut at a
  character budget as well as a count (`kg.pipeline.batches(max_chars=BATCH_CHARS)`): an article
  never shares a batch that would be larger than the budget. The analyses do not depend on how
  articles are batched (checked on all of Wikinews: identical).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import weakref
from collections.abc import Sequence
from contextlib import nullcontext

from spacy.language import Language
from spacy.pipeline import Lemmatizer

from kg.model import Analysis, Document
from kg.nlp.pipeline import analyze

#: Characters of article text per NLP batch (a longer article is a batch of its own).
BATCH_CHARS = 50_000
#: Documents analysed outside a memory zone first, so that the tokenizer cache gets filled.
WARM_UP = 256
#: Entries of spaCy's lemmatizer cache (~300 bytes each) above which it is emptied.
LEMMA_CACHE = 50_000

_seen: weakref.WeakKeyDictionary[Language, int] = weakref.WeakKeyDictionary()


def zone(nlp: Language, warm_up: int = WARM_UP):
    """A context in which new strings and lexemes are transient: `nlp.memory_zone()` once `nlp`
    has analysed `warm_up` documents, otherwise (or when a zone is already open) a no-op."""
    if nlp.vocab.in_memory_zone or _seen.get(nlp, 0) < warm_up:
        return nullcontext()
    return nlp.memory_zone()


def count(nlp: Language, documents: int) -> None:
    """Record that `nlp` analysed `documents` more documents (towards its warm-up)."""
    _seen[nlp] = _seen.get(nlp, 0) + documents


def analyze_batch(nlp: Language, batch: Sequence[Document], warm_up: int = WARM_UP) -> list[Analysis]:
    """The analyses of `batch`, in order, made in a memory zone after the warm-up."""
    with zone(nlp, warm_up):
        out = list(analyze(nlp, batch, batch_size=max(1, len(batch))))
    count(nlp, len(batch))
    bound_caches(nlp)
    return out


def bound_caches(nlp: Language, limit: int = LEMMA_CACHE) -> None:
    """Empty the lemmatizers' caches of `nlp` that hold more than `limit` entries (a cache only:
    the lemmas are computed again, the same)."""
    for _name, pipe in nlp.pipeline:
        cache = getattr(pipe, "cache", None) if isinstance(pipe, Lemmatizer) else None
        if isinstance(cache, dict) and len(cache) > limit:
            cache.clear()


def _malloc_trim():
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        return libc.malloc_trim if libc is not None else None
    except (OSError, AttributeError):  # not glibc (macOS, musl, Windows): nothing to trim
        return None


_TRIM = _malloc_trim()


def release_heap() -> bool:
    """Hand the C heap's free pages back to the system (glibc only); True if it did anything."""
    return bool(_TRIM(0)) if _TRIM is not None else False


__all__ = ["BATCH_CHARS", "LEMMA_CACHE", "WARM_UP", "analyze_batch", "bound_caches", "count", "release_heap", "zone"]
