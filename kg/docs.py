"""The reference page of the geokg data model (docs/model.md), generated.

Input: the shipped ontology and shapes, and a real build of the bundled example article
(`examples/`, CC BY 2.5 Wikinews; the seed in ../shared is not redistributable and absent in CI).
Output: Markdown: prefixes, then every class (definition, alignments, the constraints its shapes
put on it, and one instance from the build in Turtle), then every property (kind, domain, range,
alignments). `tests/test_docs.py` regenerates it and compares, so the page cannot drift from the
ontology, the shapes or what geokg really emits.

Regenerate with `python -m kg.docs` (loads the spaCy model: about 10 s).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, PROV, RDF, RDFS, SH, SKOS

from kg.rdf.namespaces import DEFAULT_BASE, GK, GK_IRI, PREFIXES, WIKIBASE, shorten
from kg.validate import path_syntax

ROOT = Path(__file__).resolve().parent.parent
DOC_PATH = ROOT / "docs" / "model.md"
EXAMPLE = ROOT / "examples" / "wikinews-iraq-parliament-2020-01-06.jsonl"

#: Classes in the order the page presents them (DESIGN.md's contract order), then the records
#: geokg writes about its own runs and the Wikidata-shaped export.
CLASS_ORDER = (
    GK.Article, GK.Person, GK.Organization, GK.Country, GK.Place, GK.Office, GK.Legislation, GK.Event,
    GK.Statement, GK.OfficeHolding, GK.Meeting, GK.LegislationFact, GK.BuildRun,
)
EXTERNAL_CLASSES = (PROV.Bundle, PROV.SoftwareAgent, WIKIBASE.Statement, WIKIBASE.Reference)
_MAPPINGS = (
    (RDFS.subClassOf, "subclass of"),
    (RDFS.subPropertyOf, "subproperty of"),
    (SKOS.closeMatch, "close match"),
    (SKOS.narrowMatch, "narrower match"),
    (SKOS.relatedMatch, "related match"),
)


def _s(term: object) -> str:
    return shorten(str(term))


def _class_expr(graph: Graph, node: object) -> str:
    if isinstance(node, BNode):
        members = graph.value(node, OWL.unionOf)
        if members is not None:
            return " or ".join(f"`{_s(m)}`" for m in Collection(graph, members))
        values = graph.value(node, OWL.oneOf)
        if values is not None:
            return " / ".join(f'"{v}"' for v in Collection(graph, values))
        return "(class expression)"
    return f"`{_s(node)}`"


def _mappings(graph: Graph, term: URIRef) -> list[str]:
    out = []
    for prop, label in _MAPPINGS:
        values = sorted(graph.objects(term, prop), key=str)
        if values:
            out.append(f"{label} " + ", ".join(f"`{_s(v)}`" for v in values))
    return out


def _path_text(shapes: Graph, path: object) -> str:
    return path_syntax(shapes, path, _s, "(path)")


def _value_rule(shapes: Graph, prop: object) -> str:
    rules = []
    for key, fmt in ((SH.datatype, "datatype {}"), (SH["class"], "instance of {}"), (SH.node, "conforms to {}"),
                     (SH.hasValue, "has value {}"), (SH.lessThan, "less than {}"), (SH.lessThanOrEquals, "at most {}")):
        for value in sorted(shapes.objects(prop, key), key=str):
            rules.append(fmt.format(f"`{_s(value)}`"))
    kind = shapes.value(prop, SH.nodeKind)
    if kind is not None:
        rules.append(f"node kind `{_s(kind)}`")
    values = shapes.value(prop, SH["in"])
    if values is not None:
        rules.append("one of " + ", ".join(f"`{_s(v)}`" if isinstance(v, URIRef) else f'"{v}"' for v in Collection(shapes, values)))
    pattern = shapes.value(prop, SH.pattern)
    if pattern is not None:
        rules.append(f"matches `{pattern}`")
    for key, word in ((SH.minInclusive, "≥"), (SH.minLength, "length ≥")):
        value = shapes.value(prop, key)
        if value is not None:
            rules.append(f"{word} {value}")
    if shapes.value(prop, SH.severity) == SH.Warning:
        rules.append("(warning only)")
    return "; ".join(rules)


def _count(shapes: Graph, prop: object) -> str:
    low, high = shapes.value(prop, SH.minCount), shapes.value(prop, SH.maxCount)
    low_text = str(low) if low is not None else "0"
    high_text = str(high) if high is not None else "*"
    return low_text if low_text == high_text else f"{low_text}..{high_text}"


def _shape_rows(shapes: Graph, cls: URIRef) -> list[str]:
    rows = []
    for shape in sorted(shapes.subjects(SH.targetClass, cls), key=str):
        for prop in sorted(shapes.objects(shape, SH.property), key=lambda p: (_path_text(shapes, shapes.value(p, SH.path)), str(shapes.value(p, SH.message)))):
            path = shapes.value(prop, SH.path)
            if path == RDF.type and shapes.value(prop, SH.qualifiedValueShape) is not None:
                rows.append(f"| `rdf:type` | at most one entity class | {shapes.value(prop, SH.message) or ''} |")
                continue
            rule = _value_rule(shapes, prop)
            rows.append(f"| `{_path_text(shapes, path)}` | {_count(shapes, prop)}{'; ' + rule if rule else ''} | {shapes.value(prop, SH.message) or ''} |")
        if shapes.value(shape, SH["or"]) is not None or shapes.value(shape, SH["not"]) is not None:
            rows.append(f"| ({_s(shape)}) | node rule | {shapes.value(shape, SH.message) or ''} |")
    return rows


def _example(graphs: Iterable[Graph], cls: URIRef) -> str | None:
    """Turtle of one instance of `cls`: the one with the most distinct properties, ties by IRI."""
    from kg.rdf.serialize import dataset_bytes
    from kg.rdf.wikidata_export import new_export_graph

    best: tuple[int, str, Graph] | None = None
    for graph in graphs:
        for node in set(graph.subjects(RDF.type, cls)):
            key = (-len(set(graph.predicates(node))), str(node))
            if best is None or key < best[:2]:
                best = (*key, graph)
    if best is None:
        return None
    node, graph = URIRef(best[1]), best[2]
    sample = new_export_graph(DEFAULT_BASE)
    for p, o in graph.predicate_objects(node):
        sample.add((node, p, o))
    text = dataset_bytes(sample, "turtle").decode("utf-8")
    return "\n".join(line for line in text.splitlines() if not line.startswith("@prefix"))


def _term_row(ontology: Graph, term: URIRef) -> str:
    kinds = set(ontology.objects(term, RDF.type))
    kind = "object" if OWL.ObjectProperty in kinds else "datatype"
    if OWL.FunctionalProperty in kinds:
        kind += ", functional"
    domain = ontology.value(term, RDFS.domain)
    range_ = ontology.value(term, RDFS.range)
    maps = "; ".join(_mappings(ontology, term))
    comment = " ".join(str(ontology.value(term, RDFS.comment) or "").split())
    return (f"| `{_s(term)}` | {kind} | {_class_expr(ontology, domain) if domain is not None else ''} | "
            f"{_class_expr(ontology, range_) if range_ is not None else ''} | {maps} | {comment} |")


def model_reference(ontology: Graph, shapes: Graph, build: Dataset, wikidata: Graph) -> str:
    """The Markdown page for this ontology, these shapes and this build (and its P39 export)."""
    graphs = [g for g in build.graphs() if len(g)] + [wikidata]
    lines = [
        "# The geokg data model",
        "",
        "<!-- Generated by `python -m kg.docs` from ontology/geokg.ttl, shapes/geokg-shapes.ttl and a build",
        "     of examples/wikinews-iraq-parliament-2020-01-06.jsonl; do not edit by hand (tests/test_docs.py",
        "     regenerates it and compares). -->",
        "",
        "Every class and property geokg writes, what the ontology (`ontology/geokg.ttl`) says about it,",
        "what the SHACL shapes (`shapes/geokg-shapes.ttl`) require of it, and one instance of each class as",
        "`geokg build` wrote it for the bundled example article (a Wikinews article, CC BY 2.5). Examples are",
        "whatever the build found; a class with no instance in that article says so.",
        "",
        "Instance IRIs are under the base `https://w3id.org/geokg/id/` (`geokg build --base` changes it).",
        "JSON-LD output uses the published context `ontology/context.jsonld`.",
        "",
        "## Prefixes",
        "",
        "| prefix | namespace |",
        "|---|---|",
    ]
    for prefix in ("gk", "wd", "schema", "prov", "org", "skos", "rdfs", "xsd", "wdt", "p", "ps", "pq", "pr", "wikibase"):
        lines.append(f"| `{prefix}:` | `{PREFIXES[prefix]}` |")
    lines += ["", "## Classes", ""]
    for cls in (*CLASS_ORDER, *EXTERNAL_CLASSES):
        ours = str(cls).startswith(GK_IRI)
        lines.append(f"### `{_s(cls)}`")
        lines.append("")
        if ours:
            label = ontology.value(cls, RDFS.label)
            lines.append(f"**{label}.** " + " ".join(str(ontology.value(cls, RDFS.comment) or "").split()))
            maps = _mappings(ontology, cls)
            if maps:
                lines.append("")
                lines.append("Alignments: " + "; ".join(maps) + ".")
        else:
            lines.append(_EXTERNAL_NOTES[cls])
        rows = _shape_rows(shapes, cls)
        if rows:
            lines += ["", "| path | count; values | the shapes say |", "|---|---|---|", *rows]
        example = _example(graphs, cls)
        lines.append("")
        if example is None:
            lines.append("_No instance in the example build._")
        else:
            lines += ["Example from the build:", "", "```turtle", example, "```"]
        lines.append("")
    lines += [
        "## Properties",
        "",
        "| property | kind | domain | range | alignments | meaning |",
        "|---|---|---|---|---|---|",
    ]
    properties = sorted(
        (t for t in set(ontology.subjects(RDF.type, None)) if isinstance(t, URIRef) and str(t).startswith(GK_IRI)
         and {OWL.ObjectProperty, OWL.DatatypeProperty} & set(ontology.objects(t, RDF.type))),
        key=str,
    )
    lines += [_term_row(ontology, p) for p in properties]
    lines.append("")
    return "\n".join(lines)


_EXTERNAL_NOTES = {
    PROV.Bundle: "Each article's named graph, as a PROV bundle: `prov:wasGeneratedBy` names the `gk:BuildRun` that wrote it.",
    PROV.SoftwareAgent: "The geokg release a build run was associated with (`prov:wasAssociatedWith`).",
    WIKIBASE.Statement: "A \"position held\" (P39) statement of `geokg export wikidata`, shaped as the Wikidata Query Service shows Wikidata's own, so WDQS queries run on it unchanged.",
    WIKIBASE.Reference: "The reference of an exported statement: the article, with its URL (`pr:P854`), title (`pr:P1476`) and publication date (`pr:P577`).",
}


def example_build(pipeline=None) -> tuple[Dataset, Graph]:
    """The example article built as `geokg build` builds it (run record included), and the
    Wikidata-shaped export of its office holdings."""
    from kg.ingest import read_inputs
    from kg.model import Document
    from kg.pipeline import Pipeline
    from kg.rdf.emit import add_article, add_run, new_dataset
    from kg.rdf.provenance import current_run
    from kg.rdf.wikidata_export import wikidata_holdings

    pipeline = pipeline or Pipeline()
    dataset = new_dataset()
    run = add_run(dataset, current_run(linker="offline", gazetteer=pipeline.gazetteer.path))
    documents = [d for d in read_inputs([EXAMPLE]) if isinstance(d, Document)]
    for result in pipeline.process(documents):
        if not isinstance(result, Exception) and hasattr(result, "document"):
            add_article(dataset, result, run=run)
    return dataset, wikidata_holdings(dataset).graph


def generate(pipeline=None) -> str:
    from kg.resources import ontology_file, shapes_file

    ontology = Graph().parse(ontology_file(), format="turtle")
    shapes = Graph().parse(shapes_file(), format="turtle")
    build, wikidata = example_build(pipeline)
    return model_reference(ontology, shapes, build, wikidata)


def main() -> None:
    from kg.rdf.serialize import atomic_write_bytes

    DOC_PATH.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(DOC_PATH, generate().encode("utf-8"))
    print(f"wrote {DOC_PATH}")


if __name__ == "__main__":
    main()


