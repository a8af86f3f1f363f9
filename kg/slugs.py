"""Slugs for local (NIL) identifiers.

Input: a label. Output: an ASCII slug, stable across runs and platforms.
"""

from __future__ import annotations

import re
import unicodedata


def slugify(text: str) -> str:
    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", norm).strip("-") or "x"
