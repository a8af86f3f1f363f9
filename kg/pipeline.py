"""The whole build: inputs -> documents -> analyses -> links -> facts -> RDF -> validation -> file.

Input: paths of articles (txt, html, jsonl, directories) and build options. Output: a
`BuildReport` and the written RDF file. This module and the CLI are the only places that compose
stages. One bad article is reported and skipped; the others are still built and written.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import GeokgError
from kg.extract import extract
from kg.ingest import read_inputs
from kg.model import Analysis, ArticleResult, Document

RULER_MIN_PRIOR = 0.5
STAGES = ("ingest", "nlp", "link", "extract", "rdf", "validate", "write")


@dataclass(frozen=True)
class ArticleError:
    """An article that could not be built; `message` is one line that names the source."""

    source: str
    stage: str
    message: str

    @classmethod
    def from_exception(cls, source: str, stage: str, exc: BaseException) -> ArticleError:
        return cls(source, stage, f"{source}: {stage} stage failed ({type(exc).__name__}: {exc}); the article was skipped")

    def __str__(self) -> str:
        return self.message


@dataclass
class BuildReport:
    output: Path | None = None
    articles: int = 0
    statements: int = 0
    unattributed: int = 0
    holdings: int = 0
    meetings: int = 0
    legislation: int = 0
    entities_linked: int = 0
    entities_nil: int = 0
    triples: int = 0
    #: Articles not rebuilt because a resumed build found their text already in the output/store.
    skipped: int = 0
    errors: list[ArticleError] = field(default_factory=list)
    violations: list = field(default_factory=list)  # kg.validate.Violation, severity Violation
    warnings: list = field(default_factory=list)  # kg.validate.Violation, severity Warning/Info
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))

    def add(self, result: ArticleResult) -> None:
        self.articles += 1
        self.statements += len(result.statements)
        self.unattributed += sum(1 for s in result.statements if s.speaker is None)
        self.holdings += len(result.holdings)
        self.meetings += len(result.meetings)
        self.legislation += len(result.legislation)
        self.entities_linked += sum(1 for e in result.entities if e.linked)
        self.entities_nil += sum(1 for e in result.entities if not e.linked)


class Pipeline:
    """Holds the loaded resources (gazetteer, spaCy model, linker) for any number of articles."""

    def __init__(self, linker: str = "offline", gazetteer_path: Path | None = None) -> None:
        from kg.gazetteer.store import Gazetteer
        from kg.link import get_linker_class
        from kg.nlp import load_pipeline

        self.gazetteer = Gazetteer.open(gazetteer_path)
        # Ruler patterns only for items prominent enough that a name match is news-worthy; the
        # statistical NER plus gazetteer lookup still finds the rest.
        self.nlp = load_pipeline(self.gazetteer.ruler_patterns(min_prior=RULER_MIN_PRIOR))
        self.linker = get_linker_class(linker)(self.gazetteer)
        # The model, ruler patterns and gazetteer caches are millions of long-lived objects; out
        # of the cyclic collector's generations, they are not rescanned at every collection the
        # per-article objects trigger (~10% of the NLP stage's CPU time on Wikinews).
        gc.freeze()

    def process(
        self,
        documents: Iterable[Document],
        report: BuildReport | None = None,
        batch_size: int = 16,
        jobs: int = 1,
    ) -> Iterator[ArticleResult | ArticleError]:
        """Results in input order; an article that fails a stage yields an ArticleError.

        With `jobs` > 1 the NLP stage runs in that many worker processes (`kg.nlp.parallel`)."""
        report = report if report is not None else BuildReport()
        for item in self._analyses(documents, report, batch_size, jobs):
            if isinstance(item, ArticleError):
                yield item
                continue
            stage = "link"
            t0 = time.perf_counter()
            try:
                linked = self.linker.link(item)
                t1 = time.perf_counter()
                report.seconds["link"] += t1 - t0
                stage = "extract"
                result = extract(linked)
                report.seconds["extract"] += time.perf_counter() - t1
            except Exception as exc:  # noqa: BLE001 - one article must never stop the run
                yield ArticleError.from_exception(item.document.source, stage, exc)
                continue
            yield result

    def _analyses(self, documents: Iterable[Document], report: BuildReport, batch_size: int,
                  jobs: int) -> Iterator[Analysis | ArticleError]:
        if jobs <= 1:
            from kg.nlp.memory import BATCH_CHARS

            # Batches cut at a character budget too: spaCy's transient arrays grow with the
            # tokens of the whole batch (kg.nlp.memory).
            for batch in batches(documents, batch_size, max_chars=BATCH_CHARS):
                yield from self._analyze_batch(batch, report)
            return
        from kg.nlp.parallel import Lost, analyze_parallel, serial

        stream = analyze_parallel(self.nlp, documents, n_process=jobs, batch_size=batch_size)
        while True:
            # Time spent waiting for the workers: the part of the NLP stage the parent sees.
            t0 = time.perf_counter()
            item = next(stream, None)
            report.seconds["nlp"] += time.perf_counter() - t0
            if item is None:
                return
            if isinstance(item, Lost):  # its batch failed in a worker: retry it alone, here
                with serial(self.nlp):
                    retried = self._analyze_batch([item.document], report)
                yield from retried
            else:
                yield item

    def _analyze_batch(self, batch: list[Document], report: BuildReport) -> list[Analysis | ArticleError]:
        """The NLP stage over one batch; if spaCy fails on the batch, each article is retried
        alone so that only the article at fault is lost."""
        from kg.nlp.memory import analyze_batch, release_heap

        t0 = time.perf_counter()
        try:
            out: list[Analysis | ArticleError] = list(analyze_batch(self.nlp, batch))
        except Exception:  # noqa: BLE001
            out = []
            for doc in batch:
                try:
                    out.extend(analyze_batch(self.nlp, [doc]))
                except Exception as exc:  # noqa: BLE001
                    out.append(ArticleError.from_exception(doc.source, "nlp", exc))
        release_heap()  # the batch's transient arrays, back to the system (kg.nlp.memory)
        report.seconds["nlp"] += time.perf_counter() - t0
        return out


def content_hash(document: Document) -> str:
    """The SHA-256 of the article text, as gk:contentHash records it (the resume key)."""
    import hashlib

    return hashlib.sha256(document.text.encode("utf-8")).hexdigest()


def read_documents(
    inputs: Iterable[str | Path],
    report: BuildReport,
    fail: Callable[[ArticleError], None],
    skip: Callable[[Document], bool] | None = None,
) -> Iterator[Document]:
    """The documents of `inputs`, lazily: input errors go to `fail`, documents `skip` accepts
    are counted in `report.skipped`, and the time spent reading in `report.seconds["ingest"]`."""
    clock = time.perf_counter()
    for item in read_inputs(inputs):
        report.seconds["ingest"] += time.perf_counter() - clock
        if isinstance(item, GeokgError):
            fail(ArticleError(item.source or "?", "ingest", str(item)))
        elif skip is not None and skip(item):
            report.skipped += 1
        else:
            yield item
        clock = time.perf_counter()


def failure_recorder(
    report: BuildReport,
    error_file,  # kg.errors_report.ErrorReport | None
    on_article: Callable[[ArticleResult | ArticleError], None] | None,
) -> Callable[[ArticleError], None]:
    """Where a lost article goes, in every engine: the report, the `--errors` file (if any) and
    the caller's progress callback (if any)."""

    def fail(err: ArticleError) -> None:
        report.errors.append(err)
        if error_file is not None:
            error_file.add(err)
        if on_article:
            on_article(err)

    return fail


def already_built(document: Document, done: set[str], sink) -> bool:
    """Whether a resumed build has this article's text already: in `done` (content hashes of a
    store) or in the output `sink` (a `kg.sink.QuadSink`, or None)."""
    digest = content_hash(document)
    return digest in done or (sink is not None and sink.done(digest))


def batches(items: Iterable[Document], size: int, max_chars: int | None = None) -> Iterator[list[Document]]:
    """`items` in lists of `size` (the last may be shorter), lazily; with `max_chars`, a list also
    ends before the text it holds would exceed that many characters (a longer text is alone)."""
    batch: list[Document] = []
    chars = 0
    for item in items:
        if max_chars is not None and batch and chars + len(item.text) > max_chars:
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += len(item.text) if max_chars is not None else 0
        if len(batch) >= size:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


#: Articles written to a store per transaction: a crash loses at most this many, and a batch's
#: union update stays small.
STORE_BATCH = 32
#: A streaming build starts a fresh rdflib Dataset after this many articles (see _build_into).
RENEW_EVERY = 256


def build(
    inputs: Iterable[str | Path],
    output: Path | None,
    *,
    store: Path | None = None,
    validate: bool = True,
    linker: str = "offline",
    base: str | None = None,
    on_article: Callable[[ArticleResult | ArticleError], None] | None = None,
    pipeline: Pipeline | None = None,
    resume: bool = False,
    errors: Path | None = None,
    jobs: int = 1,
) -> BuildReport:
    """Build the graph of `inputs` into `output` (format from its suffix) and/or into the
    persistent `store` folder (created if needed; each article replaces its earlier graph there,
    articles not in `inputs` stay).

    .nq and .trig outputs are streamed (`kg.sink`): memory stays flat however large the corpus.
    `resume` skips articles whose text is already in the output (or its journal, left by an
    interrupted run) or in the store. `errors` is a JSONL file of the articles that failed
    (`kg.errors_report`). `jobs` > 1 runs the NLP stage in that many processes.
    """
    from kg.rdf.namespaces import DEFAULT_BASE
    from kg.rdf.serialize import format_for

    if output is None and store is None:
        from kg.errors import UsageError

        raise UsageError("expected an output file or a store folder to build into, got neither; pass -o FILE or --store DIR")
    if output is not None:
        format_for(output)  # fail fast on an unknown suffix, before the model loads
    graph_store = None
    if store is not None:
        from kg.store import open_store

        graph_store = open_store(store, create=True, base=base)  # fails fast if busy or of another base
        base = base or graph_store.base
    try:
        return _build(inputs, output, graph_store, validate=validate, linker=linker, base=base or DEFAULT_BASE,
                      on_article=on_article, pipeline=pipeline, resume=resume, errors=errors, jobs=jobs)
    finally:
        if graph_store is not None:
            graph_store.close()


def _build(
    inputs: Iterable[str | Path],
    output: Path | None,
    graph_store,  # kg.store.GraphStore | None
    *,
    validate: bool,
    linker: str,
    base: str,
    on_article: Callable[[ArticleResult | ArticleError], None] | None,
    pipeline: Pipeline | None,
    resume: bool = False,
    errors: Path | None = None,
    jobs: int = 1,
) -> BuildReport:
    from contextlib import ExitStack

    from kg.rdf.emit import new_dataset

    with ExitStack() as stack:
        sink = None
        dataset = new_dataset(base)
        if output is not None:
            from kg.sink import QuadSink, streamable

            if streamable(output):
                sink = QuadSink(output, prefixes={p: str(n) for p, n in dataset.namespaces() if p}, resume=resume)
                stack.callback(lambda: sink.closed or sink.abort())  # a crash keeps the journal
        done: set[str] = set()
        if resume and graph_store is not None:
            done.update(a.content_hash for a in graph_store.articles())
        report_file = None
        if errors is not None:
            from kg.errors_report import ErrorReport

            report_file = stack.enter_context(ErrorReport(errors, append=resume))
        return _build_into(inputs, output, graph_store, sink, dataset, done, report_file, validate=validate,
                           linker=linker, base=base, on_article=on_article, pipeline=pipeline, jobs=jobs,
                           resume=resume)


def _build_into(
    inputs: Iterable[str | Path],
    output: Path | None,
    graph_store,  # kg.store.GraphStore | None
    sink,  # kg.sink.QuadSink | None
    dataset,  # rdflib.Dataset
    done: set[str],  # content hashes to skip
    report_file,  # kg.errors_report.ErrorReport | None
    *,
    validate: bool,
    linker: str,
    base: str,
    on_article: Callable[[ArticleResult | ArticleError], None] | None,
    pipeline: Pipeline | None,
    jobs: int,
    resume: bool,
) -> BuildReport:
    from kg.rdf.convert import to_ox_quads
    from kg.rdf.emit import add_article, add_run, new_dataset
    from kg.rdf.namespaces import GK
    from kg.rdf.provenance import current_run, run_graph_iri
    from kg.rdf.serialize import write_dataset

    report = BuildReport(output=output)
    pipeline = pipeline or Pipeline(linker=linker)

    fail = failure_recorder(report, report_file, on_article)

    def documents() -> Iterator[Document]:
        return read_documents(inputs, report, fail, (lambda d: already_built(d, done, sink)) if resume else None)

    # The run record (settings and resource versions, no clock: see kg.rdf.provenance).
    record = current_run(linker=linker, base=base, validated=validate, gazetteer=pipeline.gazetteer.path)
    run = add_run(dataset, record)
    pending: list = []  # graph names not yet written to the store
    pending.append(run_graph_iri(record))

    def stream(name) -> None:
        """Write one graph to the sink; it leaves memory once the store (if any) has it too."""
        t0 = time.perf_counter()
        graph = dataset.graph(name)
        quads = list(to_ox_quads((s, p, o, name) for s, p, o in graph))
        article_hash = next((str(o) for o in graph.objects(None, GK.contentHash)), None)
        report.triples += sink.write(quads[0].graph_name, quads, article_hash) if quads else 0
        if graph_store is None:
            dataset.remove_graph(name)
        report.seconds["write"] += time.perf_counter() - t0

    if sink is not None:
        stream(run_graph_iri(record))

    def flush() -> None:
        t0 = time.perf_counter()
        graph_store.replace_graphs(dataset, pending)
        if output is None or sink is not None:
            for name in pending:  # written: no need to keep them in memory
                if sink is None:
                    report.triples += len(dataset.graph(name))
                dataset.remove_graph(name)
        pending.clear()
        report.seconds["write"] += time.perf_counter() - t0

    used = 0  # articles added to `dataset` since it was made
    for item in pipeline.process(documents(), report, jobs=jobs):
        if isinstance(item, ArticleError):
            fail(item)
            continue
        if used >= RENEW_EVERY and (graph_store is None or not pending) and (sink is not None or output is None):
            # rdflib's memory store keeps an index entry for every subject and graph it ever
            # held, even after remove_graph (~60 kB per article): a fresh Dataset keeps memory flat.
            dataset, used = new_dataset(base), 0
        used += 1
        t0 = time.perf_counter()
        try:
            name = add_article(dataset, item, base, run=run)
        except Exception as exc:  # noqa: BLE001
            fail(ArticleError.from_exception(item.document.source, "rdf", exc))
            continue
        t1 = time.perf_counter()
        report.seconds["rdf"] += t1 - t0
        if validate:
            from kg.validate import validate as shacl_validate

            vr = shacl_validate(dataset.graph(name), texts={item.document.id: item.document.text})
            report.violations.extend(v for v in vr.violations if v.severity == "Violation")
            report.warnings.extend(v for v in vr.violations if v.severity != "Violation")
            report.seconds["validate"] += time.perf_counter() - t1
        report.add(item)
        if sink is not None:
            stream(name)
        if graph_store is not None:
            pending.append(name)
            if len(pending) >= STORE_BATCH:
                flush()
        if on_article:
            on_article(item)

    if graph_store is not None and pending:
        flush()
    if sink is not None:
        t0 = time.perf_counter()
        if report.articles == 0 and sink.resumed == 0 and not report.skipped:
            sink.abort()
            sink.journal.unlink(missing_ok=True)
        else:
            report.triples = sink.close()
        report.seconds["write"] += time.perf_counter() - t0
        return report
    if report.articles == 0 or output is None:
        return report
    t0 = time.perf_counter()
    output.parent.mkdir(parents=True, exist_ok=True)
    write_dataset(dataset, output)
    report.triples = len(dataset)
    report.seconds["write"] += time.perf_counter() - t0
    return report


__all__ = ["ArticleError", "BuildReport", "Pipeline", "build"]
