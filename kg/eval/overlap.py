"""Word-token overlap between character spans, and one-to-one matching by that overlap.

Input: an article text and character spans in it (gold or predicted contents). Output: the spans
as sets of word-token ids (`WordTokens.ids`), their Jaccard overlap (`jaccard`) and a greedy
one-to-one matching (`match`). The PolNeAR reader uses it to take the majority of annotators and
the attribution scorer to pair predictions with gold.

A prediction's content span and a gold content span (all its parts) are turned into sets of word
tokens (`\\w+`; quote marks and punctuation do not count). They match when the Jaccard overlap of
the sets is at least 0.5. Matching is one-to-one, greedy by best overlap (ties: document order).
Precision = matched predictions / predictions, recall = matched gold / gold.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence

Span = tuple[int, int]
MATCH_THRESHOLD = 0.5

_WORD = re.compile(r"\w+")


class WordTokens:
    """Word tokens of one text, to turn character spans into token-id sets."""

    def __init__(self, text: str) -> None:
        found = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        self.starts = [s for s, _ in found]
        self.ends = [e for _, e in found]

    def ids(self, spans: Iterable[Span]) -> frozenset[int]:
        out: set[int] = set()
        for s, e in spans:
            i = bisect_left(self.ends, s + 1)  # first token ending after s
            while i < len(self.starts) and self.starts[i] < e:
                out.add(i)
                i += 1
        return frozenset(out)


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter) if inter else 0.0


def match(
    gold: Sequence[frozenset[int]],
    pred: Sequence[frozenset[int]],
    threshold: float = MATCH_THRESHOLD,
    allowed: Callable[[int, int], bool] | None = None,
) -> list[tuple[int, int, float]]:
    """One-to-one (gold index, prediction index, Jaccard) pairs, greedy by best overlap.

    A `threshold` of 0 accepts any shared token; `allowed(gold index, prediction index)` can
    veto a pair (used to match on content and speaker together)."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            score = jaccard(g, p)
            if score > 0 and score >= threshold and (allowed is None or allowed(gi, pi)):
                pairs.append((-score, gi, pi))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for neg, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi, -neg))
    return sorted(out)
