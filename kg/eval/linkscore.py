"""Scores predicted links against the gold labels of one document, mention by mention.

Input: a `GoldDocument` (from `kg.eval.elevant`) and `Prediction`s (a character span and the QID
the system linked it to). Output: one `Outcome` per scored item (tp, fn, fp or ignored) and, for the
document-level view, a `DocumentSets` (gold entities, acceptable QIDs, predicted QIDs).

The rules, which follow ELEVANT's scorer (`src/elevant/evaluation/case.py` in ad-freiburg/elevant)
in spirit but count every mention rather than every label tree:

* Scope. Only gold labels and predictions that lie wholly inside the document's evaluation span
  count. Predictions whose QID does not match `^Q\\d+$` are not predictions.
* Span match. "exact": the spans are equal, or equal once both are widened to whole words
  (letters, digits and apostrophes), so "Cameron" matches a gold "Cameron's" (ELEVANT does the
  same). "lenient": the spans overlap.
* QID match. A label accepts its own QID and the QIDs of its descendants that cover the very same
  span: News-Fair gives alternatives that way ("Israeli" -> Israel Q801, child "Israeli" ->
  Israelis Q875556).
* Alternative readings (parent/children). A label tree is read as its root unless the root is not
  matched and some prediction sits on a descendant with a different span (exact span, in both
  modes); then each child is read the same way in turn. So "Denver, Colorado" is one required
  mention, or two ("Denver", "Colorado") when the system linked one of the parts. This is
  ELEVANT's rule; as there, the number of required mentions can depend on the predictions.
* Required mentions (recall denominator): labels of the reading that carry a QID and are neither
  coreference nor optional. Each is matched to at most one prediction (tp) or is a fn, whose
  reason is `wrong_qid` (a prediction on the span links elsewhere), `span` (exact mode: the right
  QID on an overlapping span, e.g. "the United States" for gold "United States"), `nil` (a system
  mention without QID covers the span) or `missed` (none does).
* Every other in-scope prediction is "ignored" when some gold label at that span (any reading,
  coreference and optional labels included) accepts its QID, and a fp otherwise. A fp has a reason:
  `wrong_qid` (the span is labelled with another QID), `gold_nil` (labelled NIL, NO_MAPPING,
  DATETIME or QUANTITY), `overlap` (exact mode only: not a labelled span, but it overlaps one, i.e.
  a boundary or nesting disagreement) or `unlabeled` (no gold label touches it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from kg.eval.elevant import GoldDocument, GoldLabel, is_qid

Mode = Literal["exact", "lenient"]
MODES: tuple[Mode, ...] = ("exact", "lenient")
Verdict = Literal["tp", "fp", "fn", "ignored"]
FP_REASONS = ("wrong_qid", "gold_nil", "overlap", "unlabeled")
#: span: the right QID on an overlapping but different span (exact mode only); wrong_qid: linked
#: to another QID; nil: the system found the mention but gave it no QID; missed: no mention of
#: the system covers the span.
FN_REASONS = ("span", "wrong_qid", "nil", "missed")


@dataclass(frozen=True)
class Prediction:
    """A system link: span, QID, and (for reports) the entity's label and kind."""

    start: int
    end: int
    qid: str
    label: str = ""
    kind: str = ""
    score: float = 0.0  # the linker's confidence


@dataclass(frozen=True)
class Outcome:
    """One scored item. For a fn `prediction` is the wrongly linked prediction on its span or,
    failing that, the unlinked detection there, if any; for a fp `gold` is the label the
    prediction sits on, if any. `reason`: a FP_REASONS value for fp; FN_REASONS for fn;
    "coref"/"optional"/"redundant" for ignored."""

    verdict: Verdict
    start: int
    end: int
    surface: str
    gold: GoldLabel | None = None
    prediction: Prediction | None = None
    reason: str | None = None


@dataclass(frozen=True)
class DocumentSets:
    """Document-level view: gold entities (each a set of interchangeable QIDs), every QID some
    in-scope label carries (coreference, optional and alternatives included), predicted QIDs."""

    gold: tuple[frozenset[str], ...]
    acceptable: frozenset[str]
    predicted: frozenset[str]

    @property
    def found(self) -> int:
        return sum(1 for group in self.gold if group & self.predicted)

    @property
    def correct(self) -> int:
        return len(self.predicted & self.acceptable)


def widen(text: str, start: int, end: int) -> tuple[int, int]:
    """The span extended to whole words: letters, digits and apostrophes on either side."""
    while start > 0 and _word_char(text[start - 1]):
        start -= 1
    while end < len(text) and _word_char(text[end]):
        end += 1
    return start, end


def _word_char(char: str) -> bool:
    return char.isalnum() or char in "'\u2019"


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


class _Scorer:
    """The per-document state (label tree, accepted QIDs) shared by the scoring steps."""

    def __init__(self, doc: GoldDocument, predictions: Iterable[Prediction], mode: Mode,
                 detections: Iterable[Prediction] = ()) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; expected one of {', '.join(MODES)}")
        self.doc = doc
        self.text = doc.text
        self.mode = mode
        self.labels = doc.scored_labels
        self.predictions = sorted(
            {p for p in predictions if is_qid(p.qid) and doc.in_scope(p.start, p.end)},
            key=lambda p: (p.start, p.end, p.qid, p.label, p.kind))
        self.detections = sorted(
            {d for d in detections if not is_qid(d.qid) and doc.in_scope(d.start, d.end)},
            key=lambda d: (d.start, d.end, d.qid, d.label, d.kind))
        by_id = {label.id: label for label in self.labels}
        self.children: dict[int, list[GoldLabel]] = defaultdict(list)
        self.roots: list[GoldLabel] = []
        for label in self.labels:
            if label.parent is not None and label.parent in by_id and label.parent != label.id:
                self.children[label.parent].append(label)
            else:
                self.roots.append(label)
        self._accepted: dict[int, frozenset[str]] = {}
        self._widened: dict[tuple[int, int], tuple[int, int]] = {}

    # -- spans and QIDs ---------------------------------------------------------------------

    def _wide(self, start: int, end: int) -> tuple[int, int]:
        key = (start, end)
        if key not in self._widened:
            self._widened[key] = widen(self.text, start, end)
        return self._widened[key]

    def on_span(self, p: Prediction, label: GoldLabel, exact: bool = False) -> bool:
        if self.mode == "lenient" and not exact:
            return _overlap(p.start, p.end, label.start, label.end) > 0
        return (p.start, p.end) == label.span or self._wide(p.start, p.end) == self._wide(*label.span)

    def accepted(self, label: GoldLabel, _seen: frozenset[int] = frozenset()) -> frozenset[str]:
        """The label's QID plus those of its same-span descendants (alternative ground truth)."""
        if label.id in self._accepted:
            return self._accepted[label.id]
        qids = {label.qid} if label.qid else set()
        for child in self.children.get(label.id, ()):
            if child.span == label.span and child.id not in _seen:
                qids |= self.accepted(child, _seen | {label.id})
        result = frozenset(qids)
        self._accepted[label.id] = result
        return result

    def matches(self, p: Prediction, label: GoldLabel) -> bool:
        return p.qid in self.accepted(label) and self.on_span(p, label)

    # -- readings -----------------------------------------------------------------------------

    def _split_children(self, label: GoldLabel, seen: frozenset[int]) -> list[GoldLabel]:
        """Children with a span of their own; same-span children stand for their own children."""
        out: list[GoldLabel] = []
        for child in self.children.get(label.id, ()):
            if child.id in seen:
                continue
            if child.span == label.span:
                out.extend(self._split_children(child, seen | {child.id}))
            else:
                out.append(child)
        return out

    def _descendants(self, label: GoldLabel, seen: frozenset[int]) -> Iterable[GoldLabel]:
        for child in self.children.get(label.id, ()):
            if child.id not in seen:
                yield child
                yield from self._descendants(child, seen | {child.id})

    def reading(self, label: GoldLabel, seen: frozenset[int] = frozenset()) -> list[GoldLabel]:
        """The labels this tree is scored as (see the module docstring)."""
        seen = seen | {label.id}
        if any(self.matches(p, label) for p in self.predictions):
            return [label]
        parts = self._split_children(label, seen)
        # Decided on exact spans in both modes, so that the lenient reading never has more
        # required mentions than the exact one.
        touched = any(self.on_span(p, d, exact=True) for part in parts
                      for d in (part, *self._descendants(part, seen | {part.id}))
                      for p in self.predictions)
        if parts and touched:
            return [x for part in parts for x in self.reading(part, seen)]
        return [label]

    # -- scoring ------------------------------------------------------------------------------

    def _rank(self, p: Prediction, label: GoldLabel) -> tuple:
        """Preference among predictions on one label: identical span, then the largest overlap."""
        return ((p.start, p.end) == label.span, _overlap(p.start, p.end, label.start, label.end),
                -abs((p.end - p.start) - (label.end - label.start)), -p.start, -p.end, p.qid)

    def _gold_for(self, p: Prediction, labels: Sequence[GoldLabel]) -> GoldLabel:
        """The label to report a prediction against: required over QID over others, then overlap."""
        return max(labels, key=lambda m: (m.required, m.qid is not None, m.parent is None,
                                          _overlap(p.start, p.end, m.start, m.end), -m.id))

    def surface(self, start: int, end: int) -> str:
        return " ".join(self.text[start:end].split())

    def score(self) -> list[Outcome]:
        required = sorted((label for root in self.roots for label in self.reading(root)
                           if label.required), key=lambda m: (m.start, m.end, m.id))
        used: set[Prediction] = set()
        outcomes: list[Outcome] = []
        for label in required:
            hits = [p for p in self.predictions if p not in used and self.matches(p, label)]
            if hits:
                best = max(hits, key=lambda p: self._rank(p, label))
                used.add(best)
                outcomes.append(Outcome("tp", label.start, label.end, self.surface(*label.span),
                                        gold=label, prediction=best))
                continue
            wrong = [p for p in self.predictions if self.on_span(p, label)]
            near = [p for p in self.predictions if p.qid in self.accepted(label)
                    and _overlap(p.start, p.end, label.start, label.end) > 0]
            if wrong:
                other, reason = max(wrong, key=lambda p: self._rank(p, label)), "wrong_qid"
            elif near:
                other, reason = max(near, key=lambda p: self._rank(p, label)), "span"
            else:
                unlinked = [d for d in self.detections if self.on_span(d, label)]
                other = max(unlinked, key=lambda d: self._rank(d, label)) if unlinked else None
                reason = "nil" if other else "missed"
            outcomes.append(Outcome("fn", label.start, label.end, self.surface(*label.span),
                                    gold=label, prediction=other, reason=reason))
        for p in self.predictions:
            if p in used:
                continue
            surface = self.surface(p.start, p.end)
            correct = [m for m in self.labels if self.matches(p, m)]
            if correct:
                m = correct[0]
                reason = "coref" if m.coref else "optional" if m.optional else "redundant"
                outcomes.append(Outcome("ignored", p.start, p.end, surface, gold=m, prediction=p,
                                        reason=reason))
                continue
            on = [m for m in self.labels if self.on_span(p, m)]
            if on:
                gold = self._gold_for(p, on)
                reason = "wrong_qid" if any(m.qid for m in on) else "gold_nil"
            else:
                near = [m for m in self.labels
                        if _overlap(p.start, p.end, m.start, m.end) > 0]
                gold = self._gold_for(p, near) if near else None
                reason = "overlap" if near else "unlabeled"
            outcomes.append(Outcome("fp", p.start, p.end, surface, gold=gold, prediction=p,
                                    reason=reason))
        outcomes.sort(key=lambda o: (o.start, o.end, o.verdict))
        return outcomes

    def sets(self) -> DocumentSets:
        groups: list[set[str]] = []
        for label in self.labels:
            if not label.required:
                continue
            group = set(self.accepted(label))
            # Merge entities that share an interchangeable QID ("Israel" / "Israelis").
            for other in [g for g in groups if g & group]:
                group |= other
                groups.remove(other)
            groups.append(group)
        acceptable = frozenset(q for label in self.labels for q in self.accepted(label))
        gold = tuple(sorted((frozenset(g) for g in groups), key=sorted))
        return DocumentSets(gold=gold, acceptable=acceptable,
                            predicted=frozenset(p.qid for p in self.predictions))


def score_document(doc: GoldDocument, predictions: Iterable[Prediction], mode: Mode = "exact",
                   detections: Iterable[Prediction] = ()) -> list[Outcome]:
    """Outcomes of one document under the rules of the module docstring, sorted by position.

    `detections` are the system's mentions that got no QID (NIL or dropped); they never count
    as predictions, they only tell a fn "nil" (found but not linked) from "missed" (not found)."""
    return _Scorer(doc, predictions, mode, detections).score()


def document_sets(doc: GoldDocument, predictions: Iterable[Prediction]) -> DocumentSets:
    """The document-level gold and predicted QID sets (in-scope labels and predictions only)."""
    return _Scorer(doc, predictions, "exact").sets()
