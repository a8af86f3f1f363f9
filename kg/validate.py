"""SHACL validation of geokg graphs against the shipped shapes.

Input: an `rdflib.Dataset` (one named graph per article), a single `rdflib.Graph`, or a path to an
RDF file; optionally the article texts. Output: a `ValidationReport` whose violations name the
article each problem belongs to (IRI, headline, URL), the offending node, property and value, and
(for extracted facts) the character span of the article text that the fact came from; given the
article texts, also the text of that span and the sentence around it.

Each named graph is validated on its own, because that is the unit geokg writes and replaces; a
default graph with data in it (e.g. read from a Turtle file) is validated as one more unit.

The engine is pyshacl-turbo (SHACL Core in Rust, with pySHACL's API and report vocabulary): the
shapes are compiled once per process and an article costs ~3 ms instead of pySHACL's ~25-45 ms
(issue 7: validation ran in the parent of a `--jobs N` build and made it the bottleneck). Its
results, messages included, equal pySHACL's on every shape test and on a Wikinews build, and
tests/test_validate_engines.py keeps checking that; pySHACL is the fallback where pyshacl-turbo
is not installed (it needs Python 3.11+). pyshacl-turbo reads a graph's triples once into a
store of its own; pySHACL queries the graph in place, so for pySHACL each unit is first copied
into a graph of its own: a named graph of a Dataset shares the Dataset's store, where every
lookup filters the triples of all articles, and validation would grow with the size of the
build (the copy costs ~3 ms an article, as much as pyshacl-turbo's whole run, so it is skipped
for pyshacl-turbo).

Either engine runs with inference off and without the ontology: the shapes are written not to
need RDFS/OWL entailment (geokg states every class explicitly), and entailment would only cost
time and make gk:Meeting nodes targets of the gk:Event entity shapes. Warnings (sh:Warning) are
reported but do not make the data non-conforming.

An article text is used only if its SHA-256 equals the article's gk:contentHash, so an excerpt is
never cut from a different version of the article than the one the offsets point into.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg.errors import ResourceError
from kg.rdf.namespaces import GK, SCHEMA, shorten
from kg.rdf.serialize import read_dataset
from kg.resources import shapes_file

_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
#: Excerpts longer than this are cut (the offsets still give the full span).
EXCERPT_MAX = 240
#: How much text around a span is shown as its sentence, at most, on each side.
SENTENCE_CONTEXT = 300
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?:\s+|$)|\n\s*")
_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:[A-Z]|[A-Z]\.[A-Z]|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Prof|St|Jr|Sr|No|vs|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)$"
)


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
    excerpt: str | None = None  # the text of [start, end), when the article text was given
    sentence: str | None = None  # the sentence(s) around the span, when the article text was given
    headline: str | None = None  # the article's schema:headline, if the graph has it
    url: str | None = None  # the article's schema:url, if the graph has it


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: list[Violation]
    graphs_checked: int
    #: Article texts the caller gave whose SHA-256 differs from the article's gk:contentHash
    #: (not used for excerpts); their document ids or IRIs.
    texts_mismatched: tuple[str, ...] = ()

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


#: Validates one graph: (conforms, report graph). Raises ResourceError when the shapes are broken.
Engine = Callable[[Graph], tuple[bool, Graph]]
_ENGINE_OPTIONS = dict(inference="none", allow_warnings=True, abort_on_first=False)


def _broken_shapes(exc: Exception) -> ResourceError:
    message = getattr(exc, "message", None) or str(exc)
    return ResourceError(
        f"SHACL validation could not run ({message}); check the shapes file (reinstall geokg if it is the shipped one)"
    )


def _turbo_engine(shacl: Graph) -> Engine:
    from pyshacl_turbo import compile_shapes
    from pyshacl_turbo.errors import ReportableRuntimeError

    try:
        program = compile_shapes(shacl, advanced=False)
    except (ReportableRuntimeError, ValueError) as exc:  # e.g. a malformed sh:or list
        raise _broken_shapes(exc) from exc

    def run(graph: Graph) -> tuple[bool, Graph]:
        try:
            conforms, results, _text = program.validate(graph, **_ENGINE_OPTIONS)
        except ReportableRuntimeError as exc:  # broken shapes, not bad data (that is a result)
            raise _broken_shapes(exc) from exc
        return conforms, results

    return run


def _pyshacl_engine(shacl: Graph) -> Engine:
    import pyshacl  # ~0.2 s to import: only pay it when validating
    from pyshacl.errors import ReportableRuntimeError

    def run(graph: Graph) -> tuple[bool, Graph]:
        try:
            conforms, results, _text = pyshacl.validate(
                graph, shacl_graph=shacl, advanced=False, meta_shacl=False, **_ENGINE_OPTIONS
            )
        except ReportableRuntimeError as exc:  # broken shapes, not bad data (that is a result)
            raise _broken_shapes(exc) from exc
        return conforms, results

    return run


def turbo_available() -> bool:
    """Whether pyshacl-turbo can be imported (it has wheels for Python 3.11+ only)."""
    try:
        import pyshacl_turbo  # noqa: F401
    except ImportError:
        return False
    return True


def _engine_name(name: str | None) -> str:
    if name is None:
        return "turbo" if turbo_available() else "pyshacl"
    if name not in ("turbo", "pyshacl"):
        raise ValueError(f"unknown SHACL engine {name!r}; use 'turbo' or 'pyshacl'")
    return name


def shacl_engine(shapes: Graph | None = None, *, name: str | None = None) -> Engine:
    """A validator for one graph against `shapes` (default: the shipped shapes, compiled once per
    process). `name` is "turbo" or "pyshacl"; by default turbo if it is installed."""
    name = _engine_name(name)
    if shapes is None:
        return _shipped_engine(name)
    return _turbo_engine(shapes) if name == "turbo" else _pyshacl_engine(shapes)


@lru_cache(maxsize=2)
def _shipped_engine(name: str) -> Engine:
    shacl = shapes_graph()
    return _turbo_engine(shacl) if name == "turbo" else _pyshacl_engine(shacl)


def _standalone(graph: Graph) -> Graph:
    """`graph`'s triples in a store of their own (see the module docstring for why)."""
    copy = Graph(bind_namespaces="none")
    copy.addN((s, p, o, copy) for s, p, o in graph)
    return copy


def _units(data: Dataset | Graph, *, standalone: bool = True) -> list[tuple[str | None, Graph]]:
    """(graph name, graph) pairs to validate one by one, in a stable order; with `standalone`, each
    graph is a copy in a store of its own."""
    own = _standalone if standalone else (lambda graph: graph)
    if isinstance(data, Dataset):
        units: list[tuple[str | None, Graph]] = []
        for graph in data.graphs():
            if len(graph) == 0:
                continue
            name = None if graph.identifier == DATASET_DEFAULT_GRAPH_ID else str(graph.identifier)
            units.append((name, own(graph)))
        return sorted(units, key=lambda u: u[0] or "")
    # A named graph handed over on its own (e.g. `dataset.graph(name)`) keeps its name.
    name = str(data.identifier) if isinstance(data.identifier, URIRef) else None
    return [(name, own(data))] if len(data) else []


def _int(graph: Graph, node: Node, prop: URIRef) -> int | None:
    value = graph.value(node, prop)
    if isinstance(value, Literal):
        try:
            return int(value.toPython())
        except (TypeError, ValueError):
            return None
    return None


def _path_text(results: Graph, path: Node | None) -> str | None:
    """A result path: the property IRI, or a complex path in SPARQL syntax with full IRIs in angle
    brackets (`^<iri>`, `<a>/<b>`)."""
    if path is None:
        return None
    if isinstance(path, URIRef):
        return str(path)
    return path_syntax(results, path, lambda iri: f"<{iri}>", "(complex path)")


def path_syntax(graph: Graph, path: Node, iri: Callable[[URIRef], str], unknown: str) -> str:
    """The SHACL property path `path` (described in `graph`) in SPARQL path syntax: each IRI as
    `iri` writes it, an inverse path as `^...`, a sequence as `a/b`; any other form as `unknown`.
    Shared by the validation report and the generated model documentation (kg.docs)."""
    if isinstance(path, URIRef):
        return iri(path)
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + path_syntax(graph, inverse, iri, unknown)
    if graph.value(path, RDF.first) is not None:
        return "/".join(path_syntax(graph, step, iri, unknown) for step in Collection(graph, path))
    return unknown


def short_path(path: str) -> str:
    """A path as reported (`Violation.path`) with every IRI shortened to a prefixed name."""
    if "<" not in path:
        return shorten(path)
    return re.sub(r"<([^>]+)>", lambda m: shorten(m.group(1)), path)


def _sentence_ends(text: str, lo: int, hi: int):
    """Sentence-end matches in text[lo:hi], skipping the periods of abbreviations ("U.S.", "Sen.")."""
    for match in _SENTENCE_END.finditer(text, lo, hi):
        if text[match.start()] == "." and _ABBREVIATION.search(text, max(0, match.start() - 8), match.start()):
            continue
        yield match


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence(s) of `text` around [start, end): from the last sentence end before `start` to
    the first one that closes the span, at most SENTENCE_CONTEXT characters beyond the span on
    each side (an ellipsis marks a cut); whitespace runs are folded to one space."""
    lo, hi = max(0, start - SENTENCE_CONTEXT), min(len(text), end + SENTENCE_CONTEXT)
    left = lo
    for match in _sentence_ends(text, lo, start):
        left = match.end()
    # The first end whose trailing space reaches past the span: a quote that ends with '."'
    # closes its own sentence, an end inside a multi-sentence span does not.
    closing = next((m for m in _sentence_ends(text, start, hi) if m.end() >= end), None)
    right = closing.start() + len(closing.group(0).rstrip()) if closing else hi
    sentence = " ".join(text[left:right].split())
    if left == lo and lo > 0:
        sentence = "…" + sentence
    if closing is None and hi < len(text):
        sentence += "…"
    return sentence


def _text_for(texts: Mapping[str, str] | None, article: str | None) -> str | None:
    if not texts or article is None:
        return None
    if article in texts:
        return texts[article]
    return texts.get(article.rstrip("/").rsplit("/", 1)[-1])  # keyed by document id


def _checked_texts(data: Dataset | Graph, texts: Mapping[str, str] | None) -> tuple[dict[str, str], tuple[str, ...]]:
    """The texts keyed by article IRI, keeping only those whose hash matches the article's."""
    if not texts:
        return {}, ()
    usable: dict[str, str] = {}
    mismatched: set[str] = set()
    # A Dataset's triples() answers over its default graph, which need not be the union: use quads.
    if isinstance(data, Dataset):
        hashes = ((s, o) for s, _p, o, _g in data.quads((None, GK.contentHash, None, None)))
    else:
        hashes = ((s, o) for s, _p, o in data.triples((None, GK.contentHash, None)))
    for article, digest in hashes:
        text = _text_for(texts, str(article))
        if text is None:
            continue
        if hashlib.sha256(text.encode("utf-8")).hexdigest() == str(digest):
            usable[str(article)] = text
        else:
            mismatched.add(str(article))
    return usable, tuple(sorted(mismatched))


def _locate(graph: Graph, focus: Node, value: Node | None, articles: list[URIRef]) -> tuple[Node | None, Node | None]:
    """The article a result belongs to, and the node whose gk:start/gk:end locate it."""
    if focus in articles and isinstance(value, Literal):
        # A span check on the article (ArticleSpansShape): the value is an offset; find its fact.
        facts = sorted(f for f in graph.subjects(GK.end, value) if (f, GK.source, focus) in graph)
        if facts:
            return focus, facts[0]
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
        if located is not None and isinstance(value, Literal) and focus == article:
            value = located  # the fact whose offset is out of range says more than the offset
        start = end = excerpt = sentence = None
        if located is not None:
            start, end = _int(graph, located, GK.start), _int(graph, located, GK.end)
            text = texts.get(str(article)) if texts else None
            if text is not None and start is not None and end is not None and 0 <= start < end <= len(text):
                excerpt = text[start:end]
                if len(excerpt) > EXCERPT_MAX:
                    excerpt = excerpt[: EXCERPT_MAX - 1] + "…"
                sentence = _sentence(text, start, end)
        # min(): an article with two headlines (itself a violation) reports the same one every run.
        headline = min(graph.objects(article, SCHEMA.headline), key=str, default=None) if article is not None else None
        url = min(graph.objects(article, SCHEMA.url), key=str, default=None) if article is not None else None
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
                sentence=sentence,
                headline=None if headline is None else str(headline),
                url=None if url is None else str(url),
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
    engine: str | None = None,
) -> ValidationReport:
    """Validate every named graph of `data` (or the one graph) against the geokg shapes.

    `texts` optionally maps article IRIs or document ids to article texts; violations on
    extracted facts then carry the text of their span as `excerpt` and its sentence as
    `sentence` (texts that do not match the article's gk:contentHash are not used and are listed
    in `texts_mismatched`). `shapes` replaces the shipped shapes (for testing other shape files);
    `engine` picks the validator ("turbo" or "pyshacl", see `shacl_engine`).
    """
    if isinstance(data, (str, Path)):
        data = read_dataset(Path(data))
    engine = _engine_name(engine)
    run = shacl_engine(shapes, name=engine)
    violations: list[Violation] = []
    checked, mismatched = _checked_texts(data, texts)
    units = _units(data, standalone=engine == "pyshacl")
    for name, graph in units:
        _conforms, results = run(graph)
        violations.extend(_results(name, graph, results, checked))
    violations.sort(key=_sort_key)
    conforms = not any(v.severity == "Violation" for v in violations)
    return ValidationReport(
        conforms=conforms, violations=violations, graphs_checked=len(units), texts_mismatched=mismatched
    )


def format_report(report: ValidationReport) -> str:
    """A readable text report grouped by article: for each result its severity, constraint and
    shape, focus node, path, message and value, and where in the article it came from."""
    n_err, n_warn = len(report.errors), len(report.warnings)
    plural = "" if report.graphs_checked == 1 else "s"
    notes = []
    if report.texts_mismatched:
        notes.append(
            f"note: {len(report.texts_mismatched)} article text(s) given do not match the article's "
            "gk:contentHash (a different version of the article?); no excerpts were taken from them"
        )
    if not report.violations:
        return "\n".join([f"Conforms: {report.graphs_checked} graph{plural} checked, no violations.", *notes]) + "\n"
    articles = sorted({v.article or "" for v in report.violations})
    head = (
        f"{'Conforms' if report.conforms else 'Does not conform'}: {report.graphs_checked} graph{plural} checked, "
        f"{n_err} violation{'' if n_err == 1 else 's'}, {n_warn} warning{'' if n_warn == 1 else 's'} "
        f"in {len(articles)} article{'' if len(articles) == 1 else 's'}."
    )
    lines = [head, *notes]
    for article in articles:
        group = [v for v in report.violations if (v.article or "") == article]
        first = group[0]
        lines.append("")
        title = shorten(article) if article else "(no article)"
        if first.headline:
            title += f"  {first.headline!r}"
        if first.url:
            title += f"  <{first.url}>"
        if first.graph and first.graph.rsplit("/", 1)[-1] != article.rsplit("/", 1)[-1]:
            title += f"  [graph {shorten(first.graph)}]"
        lines.append(title)
        for v in group:
            source = shorten(v.component) + (f", {shorten(v.shape)}" if v.shape else "")
            lines.append(f"  {v.severity} ({source})")
            lines.append(f"    focus:    {shorten(v.focus)}")
            if v.path:
                lines.append(f"    path:     {short_path(v.path)}")
            lines.append(f"    message:  {v.message}")
            if v.value is not None:
                lines.append(f"    value:    {shorten(v.value)}")
            if v.start is not None and v.end is not None:
                lines.append(f"    span:     {v.start}-{v.end}" + (f"  {v.excerpt!r}" if v.excerpt else ""))
            if v.sentence:
                lines.append(f"    sentence: {v.sentence}")
    return "\n".join(lines) + "\n"


def report_json(report: ValidationReport) -> dict:
    """The report as JSON-ready data (full IRIs)."""
    return {
        "conforms": report.conforms,
        "graphs_checked": report.graphs_checked,
        "violations": len(report.errors),
        "warnings": len(report.warnings),
        "texts_mismatched": list(report.texts_mismatched),
        "results": [asdict(v) for v in report.violations],
    }
