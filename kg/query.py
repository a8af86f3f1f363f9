"""Named SPARQL queries over geokg graphs.

Input: a query (a name of a shipped query in `queries/`, a path to an .rq file, or a NamedQuery),
the data (an RDF file, an rdflib Dataset/Graph or a pyoxigraph Store) and parameter values as
strings. Output: a `QueryResult` (column names and rows of rdflib terms), which `format_rows`
prints as an aligned table, SPARQL 1.1 JSON results or SPARQL 1.1 CSV.

Conventions of a query file (see `queries/who_said_what.rq`): a header of comment lines

    # name: who_said_what
    # answers: one line saying what the query answers
    # param: speaker — what the value is (one line per parameter)
    # param: from (date = 0001-01-01) — a typed parameter with a default

A parameter may declare its type in parentheses: `iri` (must be an IRI), `string` (always a
literal, never guessed to be an IRI), `date` (YYYY-MM-DD, bound as xsd:date) or `integer`, and
after "=" a default that is bound when the caller gives no value. A parameter with a default is
always bound, so it only filters: its constant column is left out of the results.

Queries run with the default graph = the union (RDF merge) of all named graphs plus any
default-graph data, so they work the same on an N-Quads/TriG file with one graph per article and
on a Turtle export of the union. Named graphs stay available to GRAPH patterns. In a triplestore, turn on its union-default-graph option (Fuseki
`tdb2:unionDefaultGraph`, Oxigraph server `union-default-graph`) to run them there.

Parameters are bound as RDF terms by the engine (pyoxigraph `substitutions`, rdflib
`initBindings`), never pasted into the query text: a value cannot change the query. A value that
looks like an IRI (http(s)://..., <...>, a known prefix such as wd:Q42 or person:jane-doe, or a
bare QID like Q42) is bound as an IRI, anything else as a plain string literal. Because engines
pre-bind, a parameter's variable must occur in a required triple pattern of the query (not only
in OPTIONAL, FILTER or one UNION branch), or be compared in a FILTER outside OPTIONAL (Oxigraph
substitutes it there too, but not inside BOUND() or BIND); an optional filter therefore gets a
default that means "no restriction" (a date range of 0001-01-01..9999-12-31, the IRI
urn:geokg:any). The shipped queries follow these rules and are tested on both engines.

`run_query` also takes a `kg.store.GraphStore` (the persistent store): its default graph already
is the deduplicated union, so queries run on it in place, without copying anything.

As on the Wikidata Query Service, the vocabulary prefixes (`wd:`, `wdt:`, `p:`, `ps:`, `pq:`,
`gk:`, `schema:`, `prov:`, `rdfs:`, `xsd:`... the table in `kg.rdf.namespaces.PREFIXES`) are
predeclared; a query's own PREFIX lines win. Instance prefixes (`person:`...) depend on the
build's base IRI and are not predeclared.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Literal as TypingLiteral

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.term import Identifier

from kg.errors import MalformedInputError, MissingInputError, UsageError
from kg.rdf.convert import from_ox, to_ox, to_ox_quads
from kg.rdf.namespaces import PREFIXES, WD, all_prefixes, shorten
from kg.rdf.serialize import read_dataset, read_quads
from kg.resources import queries_dir

if TYPE_CHECKING:
    from kg.store import GraphStore

Engine = TypingLiteral["oxigraph", "rdflib"]
RowFormat = TypingLiteral["table", "json", "csv"]

_HEADER = re.compile(r"^#\s*(name|answers|param)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(
    r"^([A-Za-z_][A-Za-z0-9_]*)\s*(?:\(\s*([a-z]+)\s*(?:=\s*([^)]*?)\s*)?\))?\s*(?:—|–|--|-|:)?\s*(.*)$"
)
PARAM_TYPES = ("iri", "string", "date", "integer")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_ABSOLUTE_IRI = re.compile(r"^(?:https?|urn|ftp|mailto|tag|file):\S+$", re.IGNORECASE)
_PREFIXED = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*):([A-Za-z0-9_][A-Za-z0-9_.-]*)$")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class QueryParam:
    name: str
    description: str
    type: str | None = None  # one of PARAM_TYPES; None: guessed from the value
    default: str | None = None  # bound when no value is given; such a column is not returned


@dataclass(frozen=True)
class NamedQuery:
    name: str
    answers: str
    params: tuple[QueryParam, ...]
    text: str
    path: Path | None = None

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)


@dataclass(frozen=True)
class QueryResult:
    columns: tuple[str, ...]
    rows: tuple[tuple[Identifier | None, ...], ...]

    def __len__(self) -> int:
        return len(self.rows)

    def records(self) -> list[dict[str, Identifier | None]]:
        """Rows as dicts keyed by column name."""
        return [dict(zip(self.columns, row)) for row in self.rows]


def parse_query_text(text: str, *, name: str, path: Path | None = None) -> NamedQuery:
    """A NamedQuery from .rq text: the header comments give name, answers and params."""
    found_name, answers, params = None, "", []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break  # the header ends at the first line of SPARQL
        match = _HEADER.match(stripped)
        if not match:
            continue
        key, value = match.groups()
        if key == "name":
            found_name = value
        elif key == "answers":
            answers = value
        else:
            param = _PARAM.match(value)
            if not param:
                raise MalformedInputError(
                    f"expected '# param: NAME — description' in the query header, got {stripped!r}; fix the header",
                    source=str(path) if path else name,
                )
            pname, ptype, default, description = param.groups()
            if ptype is not None and ptype not in PARAM_TYPES:
                raise MalformedInputError(
                    f"expected a parameter type among {', '.join(PARAM_TYPES)}, got {ptype!r} in {stripped!r}; fix the header",
                    source=str(path) if path else name,
                )
            params.append(QueryParam(pname, description, ptype, default or None))
    return NamedQuery(name=found_name or name, answers=answers, params=tuple(params), text=text, path=path)


def _query_files() -> dict[str, Path]:
    return {p.stem: p for p in sorted(queries_dir().glob("*.rq"))}


def list_queries() -> list[NamedQuery]:
    """The shipped named queries, sorted by name."""
    return [parse_query_text(p.read_text(encoding="utf-8"), name=stem, path=p) for stem, p in _query_files().items()]


def load_query(name_or_path: str | Path) -> NamedQuery:
    """A shipped query by name ("who_said_what") or any .rq file by path."""
    candidate = Path(name_or_path)
    looks_like_path = isinstance(name_or_path, Path) or candidate.suffix == ".rq" or len(candidate.parts) > 1
    if looks_like_path:
        if not candidate.is_file():
            raise MissingInputError(f"expected a SPARQL query file, but {str(candidate)!r} does not exist; check the path")
        return parse_query_text(candidate.read_text(encoding="utf-8"), name=candidate.stem, path=candidate)
    files = _query_files()
    if str(name_or_path) not in files:
        raise UsageError(
            f"expected a query name among {', '.join(files) or '(none shipped)'}, got {str(name_or_path)!r}; "
            "pick one of those or pass the path of an .rq file"
        )
    path = files[str(name_or_path)]
    return parse_query_text(path.read_text(encoding="utf-8"), name=path.stem, path=path)


def _check_iri(iri: str, original: str) -> URIRef:
    problem = not _SCHEME.match(iri) or _IRI_FORBIDDEN.search(iri)
    if not problem:
        try:
            ox.NamedNode(iri)  # the engine's own IRI parser is the final judge
        except ValueError:
            problem = True
    if problem:
        raise UsageError(
            f"expected an absolute IRI without spaces, quotes or angle brackets, got {original!r}; "
            "fix or percent-encode it, or pass a value without IRI syntax to match a string"
        )
    return URIRef(iri)


def parse_param(value: str, prefixes: Mapping[str, str] | None = None) -> Identifier:
    """A parameter string as an RDF term: an IRI if it looks like one, else a plain literal."""
    table = prefixes if prefixes is not None else all_prefixes()
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        return _check_iri(text[1:-1], value)
    match = _PREFIXED.match(text)
    if match and match.group(1) in table:
        return _check_iri(table[match.group(1)] + match.group(2), value)
    if _QID.match(text):
        return WD[text]
    if _ABSOLUTE_IRI.match(text):
        return _check_iri(text, value)
    return Literal(value)


def parse_typed_param(param: QueryParam, value: str) -> Identifier:
    """`value` as the term `param`'s declared type asks for; a value of the wrong shape is a usage error."""
    if param.type is None:
        return parse_param(value)
    text = value.strip()
    if param.type == "string":
        return Literal(value)
    if param.type == "date":
        try:
            return Literal(dt.date.fromisoformat(text).isoformat(), datatype=XSD.date)
        except ValueError:
            raise UsageError(f"the parameter {param.name!r} takes a date YYYY-MM-DD, got {value!r}; fix the value") from None
    if param.type == "integer":
        if not re.fullmatch(r"[+-]?[0-9]+", text):
            raise UsageError(f"the parameter {param.name!r} takes a whole number, got {value!r}; fix the value")
        return Literal(int(text), datatype=XSD.integer)
    term = parse_param(value)
    if not isinstance(term, URIRef):
        raise UsageError(
            f"the parameter {param.name!r} takes an IRI (wd:Q42, Q42, <http://...>), got {value!r}; pass an IRI"
        )
    return term


def bind_params(query: NamedQuery, params: Mapping[str, str | None] | None) -> dict[str, Identifier]:
    """Parsed terms for the given parameters, plus the defaults of those not given; unknown
    names are a usage error."""
    bound: dict[str, Identifier] = {}
    given = dict(params or {})
    for name in given:
        if name not in query.param_names:
            known = ", ".join(query.param_names) if query.params else "none"
            raise UsageError(
                f"the query {query.name!r} takes the parameters {known}, got {name!r}; "
                "use one of those names (see its '# param:' header)"
            )
    for param in query.params:
        value = given.get(param.name)
        if value is None or (not value.strip() and param.default is not None):
            value = param.default
        if value is None:
            continue
        bound[param.name] = parse_typed_param(param, value)
    return bound


def _drop_filter_columns(query: NamedQuery, result: QueryResult) -> QueryResult:
    hidden = {p.name for p in query.params if p.default is not None}
    if not hidden.intersection(result.columns):
        return result
    keep = [i for i, c in enumerate(result.columns) if c not in hidden]
    return QueryResult(tuple(result.columns[i] for i in keep), tuple(tuple(row[i] for i in keep) for row in result.rows))


def union_store(quads: Iterable[ox.Quad]) -> ox.Store:
    """An in-memory Store holding `quads` as given plus their union in the default graph.

    pyoxigraph's own union-default-graph mode matches a triple once per graph that holds it, so
    an entity labelled in 300 articles would match 300 times and joins multiply; a materialised
    union has each triple once, as an RDF merge should.
    """
    store = ox.Store()
    batch: list[ox.Quad] = []
    default = ox.DefaultGraph()
    for q in quads:
        batch.append(q)
        if not isinstance(q.graph_name, ox.DefaultGraph):
            batch.append(ox.Quad(q.subject, q.predicate, q.object, default))
    store.extend(batch)
    return store


def _ox_store(data: Dataset | Graph | ox.Store | Path | str | GraphStore) -> ox.Store:
    from kg.store import GraphStore

    if isinstance(data, GraphStore):
        if data.ox is None:
            raise UsageError(f"expected an open store, got the closed store {data.path}; open it again with open_store")
        return data.ox  # its default graph is the maintained union: no copy
    if isinstance(data, ox.Store):
        return union_store(data.quads_for_pattern(None, None, None, None))
    if isinstance(data, (str, Path)):
        return union_store(read_quads(Path(data)))
    if isinstance(data, Dataset):
        return union_store(to_ox_quads(data.quads((None, None, None, None))))
    return union_store(to_ox_quads((s, p, o, None) for s, p, o in data))


def _run_oxigraph(query: NamedQuery, store: ox.Store, bindings: Mapping[str, Identifier]) -> QueryResult:
    try:
        result = store.query(
            query.text,
            prefixes=PREFIXES,
            substitutions={ox.Variable(name): to_ox(term) for name, term in bindings.items()},
        )
    except SyntaxError as exc:
        raise MalformedInputError(
            f"expected a valid SPARQL 1.1 query, but it does not parse ({exc}); fix the query",
            source=str(query.path) if query.path else query.name,
        ) from exc
    except RuntimeError as exc:  # e.g. a parameter whose variable the SELECT does not project
        raise MalformedInputError(
            f"the query could not be run with parameters {', '.join(bindings) or 'none'} ({exc}); "
            "a parameter's variable must appear in the SELECT clause and a required triple pattern",
            source=str(query.path) if query.path else query.name,
        ) from exc
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(("result",), ((Literal(bool(result)),),))
    if isinstance(result, ox.QuerySolutions):
        columns = tuple(v.value for v in result.variables)
        rows = tuple(tuple(from_ox(solution[c]) for c in columns) for solution in result)
        return QueryResult(columns, rows)
    rows = tuple((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in result)
    return QueryResult(("subject", "predicate", "object"), rows)


def _run_rdflib(query: NamedQuery, data: Dataset | Graph, bindings: Mapping[str, Identifier]) -> QueryResult:
    if isinstance(data, Dataset) and not data.default_union:
        data = Dataset(store=data.store, default_union=True)  # a union view, same store
    try:
        with warnings.catch_warnings():
            # rdflib 7.x calls its own deprecated Dataset API inside query(); nothing to act on.
            warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"rdflib\.")
            result = data.query(
                query.text, initNs=PREFIXES, initBindings={Variable(k): v for k, v in bindings.items()}
            )
            rows = list(result) if result.type in ("SELECT", "CONSTRUCT", "DESCRIBE") else []
    except ParseException as exc:  # rdflib's SPARQL parser is pyparsing
        raise MalformedInputError(
            f"expected a valid SPARQL 1.1 query, but it does not parse ({exc}); fix the query",
            source=str(query.path) if query.path else query.name,
        ) from exc
    if result.type == "ASK":
        return QueryResult(("result",), ((Literal(bool(result.askAnswer)),),))
    if result.type == "SELECT":
        columns = tuple(str(v) for v in result.vars)
        return QueryResult(columns, tuple(tuple(row) for row in rows))
    return QueryResult(("subject", "predicate", "object"), tuple(tuple(t) for t in rows))


def run_query(
    query: NamedQuery | str | Path,
    data: Dataset | Graph | ox.Store | GraphStore | Path | str,
    params: Mapping[str, str | None] | None = None,
    *,
    engine: Engine = "oxigraph",
) -> QueryResult:
    """Run `query` over `data` with `params` bound as RDF terms.

    `engine` "oxigraph" (default, fast; a `kg.store.GraphStore` is queried in place, any other
    data, even a pyoxigraph Store, is copied into an in-memory store whose default graph is the
    union) or "rdflib" (queries the rdflib Dataset/Graph in place through a union view; files are
    read into rdflib first).
    """
    named = query if isinstance(query, NamedQuery) else load_query(query)
    bindings = bind_params(named, params)
    if engine == "oxigraph":
        return _drop_filter_columns(named, _run_oxigraph(named, _ox_store(data), bindings))
    if engine == "rdflib":
        if isinstance(data, (str, Path)):
            data = read_dataset(Path(data))
        if not isinstance(data, (Dataset, Graph)):
            raise UsageError(
                f"expected rdflib data for the rdflib engine, got a {type(data).__name__}; use engine='oxigraph'"
            )
        return _drop_filter_columns(named, _run_rdflib(named, data, bindings))
    raise UsageError(f"expected the query engine 'oxigraph' or 'rdflib', got {engine!r}; pick one of those")


# ------------------------------------------------------------------------------------------------
# Output


def _cell(term: Identifier | None) -> str:
    """A term as text for a table: prefixed IRIs, literal values without quotes or datatypes."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return shorten(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _json_term(term: Identifier) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None:
        out["datatype"] = str(term.datatype)
    return out


def _table(result: QueryResult, max_width: int | None) -> str:
    def clip(s: str) -> str:
        s = " ".join(s.split())  # newlines inside a quote would break the layout
        if max_width is not None and len(s) > max_width:
            return s[: max_width - 1] + "…"
        return s

    header = list(result.columns)
    cells = [[clip(_cell(t)) for t in row] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(header)]
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(result.rows)} row{'' if len(result.rows) == 1 else 's'})")
    return "\n".join(lines) + "\n"


def format_rows(result: QueryResult, fmt: RowFormat = "table", *, max_width: int | None = 60) -> str:
    """`result` as "table" (aligned text, prefixed IRIs, cells clipped to `max_width`), "json"
    (SPARQL 1.1 Query Results JSON) or "csv" (SPARQL 1.1 Query Results CSV: full IRIs)."""
    if fmt == "table":
        return _table(result, max_width)
    if fmt == "json":
        bindings = [
            {c: _json_term(t) for c, t in zip(result.columns, row) if t is not None} for row in result.rows
        ]
        payload = {"head": {"vars": list(result.columns)}, "results": {"bindings": bindings}}
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(result.columns)
        for row in result.rows:
            writer.writerow(["" if t is None else str(t) for t in row])
        return buffer.getvalue()
    raise UsageError(f"expected an output format among table, json, csv, got {fmt!r}; pick one of those")
