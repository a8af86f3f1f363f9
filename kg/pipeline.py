"""The whole build: inputs -> documents -> analyses -> links -> facts -> RDF -> validation -> file.

Input: paths of articles (txt, html, jsonl, directories) and build options. Output: a
`BuildReport` and the written RDF file. This module and the CLI are the only places that compose
stages. One bad article is reported and skipped; the others are still built and written.
"""

from __future__ import annotations

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

    def process(
        self,
        documents: Iterable[Document],
        report: BuildReport | None = None,
        batch_size: int = 16,
    ) -> Iterator[ArticleResult | ArticleError]:
        """Results in input order; an article that fails a stage yields an ArticleError."""
        report = report if report is not None else BuildReport()
        for batch in _batches(documents, batch_size):
            for item in self._analyze_batch(batch, report):
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

    def _analyze_batch(self, batch: list[Document], report: BuildReport) -> list[Analysis | ArticleError]:
        """The NLP stage over one batch; if spaCy fails on the batch, each article is retried
        alone so that only the article at fault is lost."""
        from kg.nlp import analyze

        t0 = time.perf_counter()
        try:
            out: list[Analysis | ArticleError] = list(analyze(self.nlp, batch, batch_size=len(batch)))
        except Exception:  # noqa: BLE001
            out = []
            for doc in batch:
                try:
                    out.extend(analyze(self.nlp, [doc], batch_size=1))
                except Exception as exc:  # noqa: BLE001
                    out.append(ArticleError.from_exception(doc.source, "nlp", exc))
        report.seconds["nlp"] += time.perf_counter() - t0
        return out


def _batches(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def build(
    inputs: Iterable[str | Path],
    output: Path,
    *,
    validate: bool = True,
    linker: str = "offline",
    base: str | None = None,
    on_article: Callable[[ArticleResult | ArticleError], None] | None = None,
    pipeline: Pipeline | None = None,
) -> BuildReport:
    """Build the graph of `inputs` into `output` (format from its suffix)."""
    from kg.rdf.emit import add_article, new_dataset
    from kg.rdf.namespaces import DEFAULT_BASE
    from kg.rdf.serialize import format_for, write_dataset

    format_for(output)  # fail fast on an unknown suffix, before the model loads
    report = BuildReport(output=output)
    pipeline = pipeline or Pipeline(linker=linker)
    base = base or DEFAULT_BASE

    def fail(err: ArticleError) -> None:
        report.errors.append(err)
        if on_article:
            on_article(err)

    def documents() -> Iterator[Document]:
        clock = time.perf_counter()
        for item in read_inputs(inputs):
            report.seconds["ingest"] += time.perf_counter() - clock
            if isinstance(item, GeokgError):
                fail(ArticleError(item.source or "?", "ingest", str(item)))
            else:
                yield item
            clock = time.perf_counter()

    dataset = new_dataset(base)
    for item in pipeline.process(documents(), report):
        if isinstance(item, ArticleError):
            fail(item)
            continue
        t0 = time.perf_counter()
        try:
            name = add_article(dataset, item, base)
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
        if on_article:
            on_article(item)

    if report.articles == 0:
        return report
    t0 = time.perf_counter()
    output.parent.mkdir(parents=True, exist_ok=True)
    write_dataset(dataset, output)
    report.triples = len(dataset)
    report.seconds["write"] += time.perf_counter() - t0
    return report


__all__ = ["ArticleError", "BuildReport", "Pipeline", "build"]
