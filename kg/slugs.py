"""Slugs for local (NIL) identifiers.

Input: a label. Output: an ASCII slug, stable across runs and platforms. Entity keys
(`kg.link`, `kg.extract`) and local IRIs (`kg.rdf.iris`) use this one function, so a key and its
IRI always agree.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_HASH_LENGTH = 16


def slugify(text: str) -> str:
    """ASCII, lower-case, hyphen-separated form of `text` ("José Pérez" -> "jose-perez").

    Falls back to a hash when nothing alphanumeric is left (e.g. a name in a non-Latin script), so
    two such names never share a slug.
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NON_SLUG.sub("-", folded.lower()).strip("-")
    if slug:
        return slug
    return "x" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:_HASH_LENGTH]
