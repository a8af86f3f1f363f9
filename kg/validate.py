"""SHACL validation of geokg graphs against the shipped shapes.

Input: an `rdflib.Dataset` (one named graph per article), a single `rdflib.Graph`, or a path to an
RDF file. Output: a `ValidationReport` whose violations name the article each problem belongs to,
the offending node, property and value, and (for extracted facts) the character span of the
article text that the fact came from, plus the text of that span when the caller passes the
article texts.

Each named graph is validated on its own, because that is the unit geokg writes and replaces; a
default graph with data in it (e.g. read from a Turtle file) is validated as one more unit.
pySHACL runs with inference off and without the ontology: the shapes are written not to need
RDFS/OWL entailment (geokg states every class explicitly), and entailment would only cost time
and make gk:Meeting nodes targets of the gk:Event entity shapes. Warnings (sh:Warning) are
reported but do not make the data non-conforming.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg.errors import ResourceError
from kg.rdf.namespaces import GK, shorten
from kg.rdf.serialize import read_dataset
from kg.resources import shapes_file

_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
#: Excerpts longer than this are cut (the offsets still give the full span).
EXCERPT_MAX = 240


@dataclass(frozen=True)
class Violation:
    """One SHACL validation result, located in the article it belongs to.

    IRIs are full strings; `format_report` shortens them for reading.
    """

    focus: str
    path: str | None
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    component: str  # the SHACL constraint component IRI
    shape: str | None  # the named shape that produced it (None for an anonymous property shape)
    value: str | None
    graph: str | None
    article: str | None
    start: int | None = None
    end: int | None = None
    excerpt: str | None = None


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: list[Violation]
    graphs_checked: int

    @property
    def errors(self) -> list[Violation]:
        return [v for v in self.violations if v.severity == "Violation"]

    @property
    def warnings(self) -> list[Violation]:
        return [v for v in self.violations if v.severity != "Violation"]


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The shipped shapes, parsed once per process."""
    path = shapes_file()
    try:
        return Graph().parse(path, format="turtle")
    except Exception as exc:  # any parser error means the installation is broken
        raise ResourceError(f"the shipped SHACL shapes at {path} do not parse ({exc}); reinstall geokg") from exc


def _units(data: Dataset | Graph) -> list[tuple[str | None, Graph]]:
    """(graph name, graph) pairs to validate one by one, in a stable order."""
    if isinstance(data, Dataset):
        units: list[tuple[str | None, Graph]] = []
        for graph in data.graphs():
            if len(graph) == 0:
                continue
            name = None if graph.identifier == DATASET_DEFAULT_GRAPH_ID else str(graph.identifier)
            units.append((name, graph))
        return sorted(units, key=lambda u: u[0] or "")
    # A named graph handed over on its own (e.g. `dataset.graph(name)`) keeps its name.
    name = str(data.identifier) if isinstance(data.identifier, URIRef) else None
    return [(name, data)] if len(data) else []


def _int(graph: Graph, node: Node, prop: URIRef) -> int | None:
    value = graph.value(node, prop)
    if isinstance(value, Literal):
        try:
            return int(value.toPython())
        except (TypeError, ValueError):
            return None
    return None


def _path_text(results: Graph, path: Node | None) -> str | None:
    if path is None:
        return None
    if isinstance(path, URIRef):
        return str(path)
    inverse = results.value(path, SH.inversePath)
    if inverse is not None:
        return f"^{inverse}"
    return "(complex path)"


def _text_for(texts: Mapping[str, str] | None, article: str | None) -> str | None:
    if not texts or article is None:
        return None
    if article in texts:
        return texts[article]
    return texts.get(article.rstrip("/").rsplit("/", 1)[-1])  # keyed by document id


def _locate(graph: Graph, focus: Node, value: Node | None, articles: list[URIRef]) -> tuple[Node | None, Node | None]:
    """The article a result belongs to, and the node whose gk:start/gk:end locate it."""
    for node in (focus, value):
        if isinstance(node, (URIRef, BNode)):
            source = graph.value(node, GK.source)
            if source is not None and graph.value(node, GK.start) is not None:
                return source, node
    for node in (focus, value):
        if isinstance(node, (URIRef, BNode)):
            source = graph.value(node, GK.source)
            if source is not None:
                return source, None
    if focus in articles:
        return focus, None
    return (articles[0] if len(articles) == 1 else None), None


def _results(
    name: str | None, graph: Graph, results: Graph, texts: Mapping[str, str] | None
) -> list[Violation]:
    articles = sorted(graph.subjects(RDF.type, GK.Article))
    out = []
    # Only the report's own results: nested ones (sh:detail of an sh:node result) explain those.
    top_level = {r for report in results.subjects(RDF.type, SH.ValidationReport) for r in results.objects(report, SH.result)}
    for result in top_level:
        focus = results.value(result, SH.focusNode)
        value = results.value(result, SH.value)
        severity = results.value(result, SH.resultSeverity)
        shape = results.value(result, SH.sourceShape)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        article, located = _locate(graph, focus, value, articles)
        start = end = excerpt = None
        if located is not None:
            start, end = _int(graph, located, GK.start), _int(graph, located, GK.end)
            text = _text_for(texts, str(article))
            if text is not None and start is not None and end is not None and 0 <= start < end <= len(text):
                excerpt = text[start:end]
                if len(excerpt) > EXCERPT_MAX:
                    excerpt = excerpt[: EXCERPT_MAX - 1] + "…"
        out.append(
            Violation(
                focus=str(focus),
                path=_path_text(results, results.value(result, SH.resultPath)),
                message=" ".join(messages) or "constraint not satisfied",
                severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
                component=str(results.value(result, SH.sourceConstraintComponent)),
                shape=str(shape) if isinstance(shape, URIRef) else None,
                value=None if value is None else str(value),
                graph=name,
                article=None if article is None else str(article),
                start=start,
                end=end,
                excerpt=excerpt,
            )
        )
    return out


def _sort_key(v: Violation) -> tuple:
    return (v.graph or "", _SEVERITY_ORDER.get(v.severity, 3), v.focus, v.path or "", v.component, v.message, v.value or "")


def validate(
    data: Dataset | Graph | Path,
    *,
    texts: Mapping[str, str] | None = None,
    shapes: Graph | None = None,
) -> ValidationReport:
    """Validate every named graph of `data` (or the one graph) against the geokg shapes.

    `texts` optionally maps article IRIs or document ids to article texts; violations on
    extracted facts then carry the text of their span as `excerpt`. `shapes` replaces the
    shipped shapes (for testing other shape files).
    """
    import pyshacl  # ~0.2 s to import: only pay it when validating
    from pyshacl.errors import ReportableRuntimeError

    if isinstance(data, (str, Path)):
        data = read_dataset(Path(data))
    shacl = shapes if shapes is not None else shapes_graph()
    violations: list[Violation] = []
    units = _units(data)
    for name, graph in units:
        try:
            _conforms, results, _text = pyshacl.validate(
                graph,
                shacl_graph=shacl,
                inference="none",
                allow_warnings=True,
                abort_on_first=False,
                advanced=False,
                meta_shacl=False,
            )
        except ReportableRuntimeError as exc:  # broken shapes, not bad data (that is a result)
            raise ResourceError(
                f"SHACL validation could not run ({exc.message if hasattr(exc, 'message') else exc}); "
                "check the shapes file (reinstall geokg if it is the shipped one)"
            ) from exc
        violations.extend(_results(name, graph, results, texts))
    violations.sort(key=_sort_key)
    conforms = not any(v.severity == "Violation" for v in violations)
    return ValidationReport(conforms=conforms, violations=violations, graphs_checked=len(units))


def format_report(report: ValidationReport) -> str:
    """A readable text report grouped by article."""
    n_err, n_warn = len(report.errors), len(report.warnings)
    plural = "" if report.graphs_checked == 1 else "s"
    if not report.violations:
        return f"Conforms: {report.graphs_checked} graph{plural} checked, no violations.\n"
    articles = sorted({v.article or "" for v in report.violations})
    head = (
        f"{'Conforms' if report.conforms else 'Does not conform'}: {report.graphs_checked} graph{plural} checked, "
        f"{n_err} violation{'' if n_err == 1 else 's'}, {n_warn} warning{'' if n_warn == 1 else 's'} "
        f"in {len(articles)} article{'' if len(articles) == 1 else 's'}."
    )
    lines = [head]
    for article in articles:
        group = [v for v in report.violations if (v.article or "") == article]
        graph = group[0].graph
        lines.append("")
        lines.append(f"{shorten(article) if article else '(no article)'}" + (f"  [graph {shorten(graph)}]" if graph else ""))
        for v in group:
            where = shorten(v.focus) + (f" {shorten(v.path)}" if v.path else "")
            lines.append(f"  {v.severity}: {where}  ({shorten(v.component)})")
            lines.append(f"    {v.message}")
            if v.value is not None:
                lines.append(f"    value: {shorten(v.value)}")
            if v.start is not None and v.end is not None:
                span = f"    text {v.start}-{v.end}"
                lines.append(span + (f": {v.excerpt!r}" if v.excerpt else ""))
    return "\n".join(lines) + "\n"


def report_json(report: ValidationReport) -> dict:
    """The report as JSON-ready data (full IRIs)."""
    return {
        "conforms": report.conforms,
        "graphs_checked": report.graphs_checked,
        "violations": len(report.errors),
        "warnings": len(report.warnings),
        "results": [asdict(v) for v in report.violations],
    }
