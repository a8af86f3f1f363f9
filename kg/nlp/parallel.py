"""The NLP stage in several processes on one machine (`geokg build --jobs N`).

Input: the loaded spaCy pipeline of `kg.nlp.load_pipeline` and a stream of `Document`s. Output:
lazily and in input order, an `Analysis` per document, or a `Lost` for a document whose batch
failed in a worker process (the caller retries those one by one, in its own process, so that only
the article at fault is lost).

Why spaCy's own multiprocessing (`nlp.pipe(n_process=N)`) and not a process pool of whole
pipelines: the NLP stage is ~75% of a build and the rest (linking, extraction, RDF, validation)
then overlaps with it in the parent, which holds the only copy of the gazetteer. The workers are
forked, so the model is loaded once (in the parent) and shared copy-on-write.

Memory stays flat (see `kg.nlp.memory`): the documents go to the workers in chunks of `CHUNK`,
each chunk to freshly forked workers, so that what a worker's spaCy keeps (every new word in its
Vocab) goes away with it; in the parent, the Docs that come back are read inside a
`Language.memory_zone`, opened once the chunk's workers have been forked (so that they do not
run in it and keep filling their tokenizer cache).

spaCy sends finished Docs back as msgpack; geokg's components leave Python objects (titles,
quotes) on the Doc, which msgpack cannot carry. A last component, added only here, converts the
Doc to its `Analysis` in the worker (so the conversion runs in parallel too) and pickles it into
`doc.user_data`; `analyze_parallel` unpickles it in the parent and puts the `Document` back. The
pickles come from our own child processes, never from outside.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import chain, islice

from spacy.language import Language
from spacy.tokens import Doc

from kg.model import Analysis, Document
from kg.nlp.convert import to_analysis
from kg.nlp.memory import release_heap, zone

_PORTABLE = "geokg_portable"
#: Documents per set of worker processes (workers are forked anew for each chunk).
CHUNK = 2000


@dataclass(frozen=True)
class Lost:
    """A document whose batch failed in a worker; `message` is the worker's last error line."""

    document: Document
    message: str


_ANALYSIS = "geokg_analysis"
#: Stands in for the Document in the worker; the parent has the real one.
_NO_DOCUMENT = Document(id="", text="", source="")


@Language.component(_PORTABLE)
def _portable(doc: Doc) -> Doc:
    analysis = to_analysis(doc, _NO_DOCUMENT)
    # Everything else the components left (their caches, titles, quotes) is in the analysis now.
    for key in list(doc.user_data):
        del doc.user_data[key]
    doc.user_data[_ANALYSIS] = pickle.dumps(analysis, protocol=pickle.HIGHEST_PROTOCOL)
    return doc


def _restore(doc: Doc, document: Document) -> Analysis:
    analysis = pickle.loads(doc.user_data[_ANALYSIS])  # noqa: S301 - written by our own worker process
    return replace(analysis, document=document)


def analyze_parallel(
    nlp: Language, documents: Iterable[Document], *, n_process: int, batch_size: int = 16, chunk: int = CHUNK
) -> Iterator[Analysis | Lost]:
    """Analyses of `documents` from `n_process` worker processes, in input order; the workers
    are replaced after every `chunk` documents."""
    if _PORTABLE not in nlp.pipe_names:
        nlp.add_pipe(_PORTABLE, last=True)
    errors: list[str] = []

    def on_error(proc_name, proc, docs, exc) -> None:  # noqa: ARG001 - spaCy's handler signature
        # Called in the parent with the worker's traceback: remember it for the lost documents.
        text = str(exc).strip().splitlines()
        errors.append(text[-1] if text else type(exc).__name__)

    previous_handler = nlp.default_error_handler
    # Only the handler the multiprocessing loop calls; Language.set_error_handler would also
    # set it on every pipe, which spaCy's own parser does not allow.
    nlp.default_error_handler = on_error
    documents = iter(documents)
    try:
        while part := list(islice(documents, chunk)):
            yield from _analyze_chunk(nlp, part, errors, n_process=n_process, batch_size=batch_size)
            release_heap()
    finally:
        nlp.default_error_handler = previous_handler
        if _PORTABLE in nlp.pipe_names:
            nlp.remove_pipe(_PORTABLE)


def _analyze_chunk(nlp: Language, part: list[Document], errors: list[str], *, n_process: int,
                   batch_size: int) -> Iterator[Analysis | Lost]:
    def lost(document: Document) -> Lost:
        return Lost(document, errors[-1] if errors else "the worker process failed")

    stream = nlp.pipe(((d.text, i) for i, d in enumerate(part)), as_tuples=True, batch_size=batch_size,
                      n_process=n_process)
    # The first result starts the workers: they are forked before the parent's zone opens.
    first = next(stream, None)
    done = 0  # documents of `part` yielded so far
    with zone(nlp, warm_up=0):  # the parent never tokenizes: no cache to warm
        for doc, index in chain([first] if first is not None else [], stream):
            # Output keeps input order, so everything before `index` not seen came from a
            # batch that failed.
            while done < index:
                yield lost(part[done])
                done += 1
            yield _restore(doc, part[index])
            done += 1
        while done < len(part):
            yield lost(part[done])
            done += 1


def serial(nlp: Language):
    """A context in which `nlp` runs in this process as usual (for retries while a parallel
    stream is open)."""
    return nlp.select_pipes(disable=[_PORTABLE] if _PORTABLE in nlp.pipe_names else [])


__all__ = ["Lost", "analyze_parallel", "serial"]
