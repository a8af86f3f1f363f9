"""Deterministic IRIs for everything geokg emits.

Input: an article id, an `Entity`, or the identifying fields of an extracted fact. Output: the IRI
that names it. IRIs depend only on content (ids, offsets, keys, a SHA-256 of them), never on
counters, clocks or iteration order, so the same input always gives the same graph, and
re-running an article replaces its named graph instead of adding a second one.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

from rdflib import URIRef

from kg.errors import MalformedInputError
from kg.model import ENTITY_KINDS, Entity
from kg.rdf.namespaces import DEFAULT_BASE, INSTANCE_PATHS, WD
from kg.slugs import slugify

_QID = re.compile(r"^Q[1-9][0-9]*$")
#: Hex digits kept from the SHA-256 of a fact's identifying fields: 64 bits, plenty within one
#: article (the article id is part of the hashed key, so facts of different articles never meet).
HASH_LENGTH = 16


def check_base(base: str) -> str:
    """`base` if it can prefix instance IRIs (absolute, ending in "/" or "#"), else an error."""
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", base) or base[-1:] not in ("/", "#"):
        raise MalformedInputError(
            f"expected an absolute base IRI ending in '/' or '#' (like {DEFAULT_BASE}), "
            f"got {base!r}; pass a base such as https://example.org/kg/"
        )
    if any(c in base for c in ' <>"{}|\\^`'):
        raise MalformedInputError(
            f"the base IRI {base!r} contains characters not allowed in an IRI; percent-encode them"
        )
    return base


def _segment(text: str) -> str:
    # Document ids are hex in practice, but a caller may pass anything: keep it readable and safe.
    return quote(text, safe="-._~")


def short_hash(*parts: object) -> str:
    """First HASH_LENGTH hex digits of the SHA-256 of `parts` joined by a unit separator."""
    key = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def article_iri(document_id: str, base: str = DEFAULT_BASE) -> URIRef:
    return URIRef(f"{base}{INSTANCE_PATHS['article']}{_segment(document_id)}")


def graph_iri(document_id: str, base: str = DEFAULT_BASE) -> URIRef:
    """Name of the article's named graph (one per article; re-running replaces it)."""
    return URIRef(f"{base}{INSTANCE_PATHS['graph']}{_segment(document_id)}")


def reference_iri(document_id: str, base: str = DEFAULT_BASE) -> URIRef:
    """The Wikidata-style reference node citing the article (used by the P39 export)."""
    return URIRef(f"{base}{INSTANCE_PATHS['ref']}{_segment(document_id)}")


def wikidata_iri(qid: str) -> URIRef:
    """`wd:<QID>`; anything that is not a Wikidata item id is refused rather than emitted."""
    if not _QID.match(qid):
        raise MalformedInputError(
            f"expected a Wikidata item id like Q42, got {qid!r}; fix the linker output or leave the entity unlinked"
        )
    return WD[qid]


def nil_iri(kind: str, key: str, base: str = DEFAULT_BASE) -> URIRef:
    """Local IRI of an unlinked entity: <base>entity/<kind>/<slug of the key>."""
    if kind not in ENTITY_KINDS:
        raise MalformedInputError(
            f"expected an entity kind among {', '.join(ENTITY_KINDS)}, got {kind!r}; fix the linker output"
        )
    # NIL keys are "<kind>/<slug>"; strip our own kind prefix so it does not appear twice.
    raw = key.split("/", 1)[1] if key.split("/", 1)[0] in ENTITY_KINDS and "/" in key else key
    return URIRef(f"{base}entity/{kind}/{slugify(raw)}")


def entity_iri(entity: Entity, base: str = DEFAULT_BASE) -> URIRef:
    """A linked entity IS its Wikidata IRI; a NIL one gets a local IRI under `base`."""
    if entity.qid is not None:
        return wikidata_iri(entity.qid)
    return nil_iri(entity.kind, entity.key or entity.label, base)


def key_iri(key: str, kind: str, base: str = DEFAULT_BASE) -> URIRef:
    """IRI of an entity known only by its key (a QID or "<kind>/<slug>"), e.g. an office's jurisdiction."""
    if _QID.match(key):
        return WD[key]
    prefix = key.split("/", 1)[0]
    return nil_iri(prefix if prefix in ENTITY_KINDS and "/" in key else kind, key, base)


def fact_iri(kind: str, document_id: str, start: int, end: int, *key_fields: object, base: str = DEFAULT_BASE) -> URIRef:
    """IRI of an extracted fact: <base><kind path><hash of article id, kind, offsets, key fields>.

    `kind` is one of "statement", "holding", "event", "legfact".
    """
    if kind not in ("statement", "holding", "event", "legfact"):
        raise ValueError(f"unknown fact kind {kind!r}")
    return URIRef(f"{base}{INSTANCE_PATHS[kind]}{short_hash(document_id, kind, start, end, *key_fields)}")
