"""Navigation over one linked article: tokens, sentences, subtrees and the entities in a span.

Input: a `Linked` article. Output: a read-only view the extraction rules query; it holds indexes
built once per article so rules stay linear in the article length.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict

from kg.model import Entity, Linked, LinkedMention, Token


class ArticleView:
    def __init__(self, linked: Linked) -> None:
        self.linked = linked
        self.analysis = linked.analysis
        self.document = linked.analysis.document
        self.text = self.document.text
        self.tokens: tuple[Token, ...] = self.analysis.tokens
        self._starts = [t.idx for t in self.tokens]
        self.children: dict[int, list[Token]] = defaultdict(list)
        for t in self.tokens:
            if t.head != t.i:
                self.children[t.head].append(t)
        self.mentions: tuple[LinkedMention, ...] = linked.mentions

    # -- tokens ---------------------------------------------------------------------------------

    def token_at(self, char: int) -> Token | None:
        k = bisect_right(self._starts, char) - 1
        return self.tokens[k] if k >= 0 else None

    def tokens_in(self, start: int, end: int) -> list[Token]:
        lo = bisect_right(self._starts, start - 1)
        out = []
        for t in self.tokens[lo:]:
            if t.idx >= end:
                break
            out.append(t)
        return out

    def subtree(self, tok: Token) -> list[Token]:
        out, stack = [], [tok]
        while stack:
            t = stack.pop()
            out.append(t)
            stack.extend(self.children.get(t.i, ()))
        return sorted(out, key=lambda t: t.i)

    def head(self, tok: Token) -> Token:
        return self.tokens[tok.head]

    def ancestors(self, tok: Token) -> list[Token]:
        out, t = [], tok
        while t.head != t.i and len(out) < 64:
            t = self.tokens[t.head]
            out.append(t)
        return out

    def span_of(self, toks: list[Token]) -> tuple[int, int]:
        return toks[0].idx, toks[-1].idx + len(toks[-1].text)

    def sentence_tokens(self, n: int) -> list[Token]:
        s = self.analysis.sentences[n]
        return list(self.tokens[s.token_start : s.token_end])

    # -- mentions -------------------------------------------------------------------------------

    def mentions_in(self, start: int, end: int, kinds: set[str] | None = None) -> list[LinkedMention]:
        return [
            lm
            for lm in self.mentions
            if lm.entity is not None
            and start <= lm.mention.start
            and lm.mention.end <= end
            and (kinds is None or lm.entity.kind in kinds)
        ]

    def mentions_of_kind(self, mention_kind: str) -> list[LinkedMention]:
        return [lm for lm in self.mentions if lm.mention.kind == mention_kind]

    def mention_covering(self, start: int, end: int, kinds: set[str] | None = None) -> LinkedMention | None:
        best = None
        for lm in self.mentions:
            m = lm.mention
            if lm.entity is None or not (m.start <= start and end <= m.end):
                continue
            if kinds is not None and lm.entity.kind not in kinds:
                continue
            if best is None or (m.end - m.start) < (best.mention.end - best.mention.start):
                best = lm
        return best

    def entity_for_span(self, span: tuple[int, int] | None) -> Entity | None:
        if span is None:
            return None
        lm = self.mention_covering(*span)
        if lm is None:
            found = self.mentions_in(*span)
            return found[0].entity if found else None
        return lm.entity

    def entity_by_key(self, key: str | None) -> Entity | None:
        if key is None:
            return None
        for lm in self.mentions:
            if lm.entity is not None and lm.entity.key == key:
                return lm.entity
        return None

    def dates_in(self, toks: list[Token]) -> list[LinkedMention]:
        """Date mentions that start at one of `toks` (which need not be contiguous)."""
        starts = {t.idx for t in toks}
        return [lm for lm in self.mentions if lm.mention.kind == "date" and lm.mention.start in starts]
