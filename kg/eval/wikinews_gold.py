"""Reader of geokg's own hand-annotated Wikinews gold (the development set and the hold-out).

Input: a gold file of `kg/eval/gold/` (format and guidelines in `kg/eval/gold/README.md`)
and the Wikinews texts it points into (`../shared/corpus/wikinews/wikinews_2019_2020.jsonl`; the
gold holds offsets and short surface strings, never the texts). Output: `GoldArticle`s with
typed gold statements, office holdings, meetings and legislation, each checked against its text
(a gold span must read what the annotator wrote, and the text must be the one annotated: its
SHA-256 is in the gold).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import InputError

Span = tuple[int, int]
_QID = re.compile(r"^Q\d+$")
QUOTE_TYPES = frozenset({"direct", "mixed", "indirect"})
HOLDING_STATUSES = frozenset({"current", "former", "incoming", "acting"})
MEETING_STATUSES = frozenset({"held", "planned"})
LEGISLATIVE_STATUSES = frozenset({"proposed", "pending", "passed", "enacted"})


@dataclass(frozen=True)
class GoldRef:
    """An entity as the gold names it: its surface in the article, and its QID when confirmed."""

    text: str
    span: Span
    qid: str | None
    kind: str


@dataclass(frozen=True)
class GoldStatement:
    content: Span
    quote_type: str
    cue: str
    speaker: GoldRef | None
    role: GoldRef | None = None
    place: GoldRef | None = None
    date: dt.date | None = None
    medium: GoldRef | None = None


@dataclass(frozen=True)
class GoldHolding:
    holder: GoldRef
    office: GoldRef
    status: str
    evidence: Span


@dataclass(frozen=True)
class GoldMeeting:
    participants: tuple[GoldRef, ...]
    status: str
    evidence: Span
    place: GoldRef | None = None
    date: dt.date | None = None


@dataclass(frozen=True)
class GoldLegislation:
    legislation: GoldRef
    evidence: Span
    status: str | None = None
    jurisdiction: GoldRef | None = None
    legislature: GoldRef | None = None
    targets: tuple[GoldRef, ...] = ()


@dataclass(frozen=True)
class GoldArticle:
    id: str
    date: dt.date
    text: str
    headline: str | None
    statements: tuple[GoldStatement, ...]
    holdings: tuple[GoldHolding, ...]
    meetings: tuple[GoldMeeting, ...]
    legislation: tuple[GoldLegislation, ...]


class _Reader:
    """Parses one gold line against its article text; every complaint names the article and field."""

    def __init__(self, gold_file: Path, article_id: str, text: str) -> None:
        self.where = f"{gold_file}, article {article_id}"
        self.text = text

    def fail(self, what: str) -> InputError:
        return InputError(f"{self.where}: {what}; fix the gold line (see kg/eval/gold/README.md)")

    def span(self, raw: Any, field: str) -> Span:
        if not (isinstance(raw, list) and len(raw) == 2 and all(isinstance(x, int) for x in raw)):
            raise self.fail(f"{field} should be [start, end], got {raw!r}")
        start, end = raw
        if not 0 <= start < end <= len(self.text):
            raise self.fail(f"{field} {raw} lies outside the text ({len(self.text)} characters)")
        return start, end

    def ref(self, raw: Any, field: str) -> GoldRef | None:
        if raw is None:
            return None
        if not isinstance(raw, Mapping):
            raise self.fail(f"{field} should be an object or null, got {raw!r}")
        span = self.span(raw.get("span"), f"{field}.span")
        if self.text[span[0]:span[1]] != raw.get("text"):
            raise self.fail(f"{field}.text {raw.get('text')!r} is not what the span reads "
                            f"({self.text[span[0]:span[1]]!r})")
        qid = raw.get("qid")
        if qid is not None and not (isinstance(qid, str) and _QID.match(qid)):
            raise self.fail(f"{field}.qid should be a QID like Q30 or null, got {qid!r}")
        return GoldRef(text=raw["text"], span=span, qid=qid, kind=str(raw.get("kind", "")))

    def refs(self, raw: Any, field: str) -> tuple[GoldRef, ...]:
        if not isinstance(raw, list):
            raise self.fail(f"{field} should be a list, got {raw!r}")
        return tuple(r for i, x in enumerate(raw) if (r := self.ref(x, f"{field}[{i}]")) is not None)

    def day(self, raw: Any, field: str) -> dt.date | None:
        if raw is None:
            return None
        try:
            return dt.date.fromisoformat(raw)
        except (TypeError, ValueError):
            raise self.fail(f"{field} should be YYYY-MM-DD or null, got {raw!r}") from None

    def enum(self, raw: Any, allowed: frozenset[str], field: str, optional: bool = False) -> Any:
        if raw is None and optional:
            return None
        if raw not in allowed:
            raise self.fail(f"{field} should be one of {', '.join(sorted(allowed))}, got {raw!r}")
        return raw

    def statement(self, raw: Mapping[str, Any], i: int) -> GoldStatement:
        f = f"statements[{i}]"
        return GoldStatement(
            content=self.span(raw.get("content"), f"{f}.content"),
            quote_type=self.enum(raw.get("quote_type"), QUOTE_TYPES, f"{f}.quote_type"),
            cue=str(raw.get("cue") or ""),
            speaker=self.ref(raw.get("speaker"), f"{f}.speaker"),
            role=self.ref(raw.get("role"), f"{f}.role"),
            place=self.ref(raw.get("place"), f"{f}.place"),
            date=self.day(raw.get("date"), f"{f}.date"),
            medium=self.ref(raw.get("medium"), f"{f}.medium"),
        )

    def holding(self, raw: Mapping[str, Any], i: int) -> GoldHolding:
        f = f"holdings[{i}]"
        holder, office = self.ref(raw.get("holder"), f"{f}.holder"), self.ref(raw.get("office"), f"{f}.office")
        if holder is None or office is None:
            raise self.fail(f"{f} needs a holder and an office")
        return GoldHolding(holder=holder, office=office,
                           status=self.enum(raw.get("status"), HOLDING_STATUSES, f"{f}.status"),
                           evidence=self.span(raw.get("evidence"), f"{f}.evidence"))

    def meeting(self, raw: Mapping[str, Any], i: int) -> GoldMeeting:
        f = f"meetings[{i}]"
        return GoldMeeting(participants=self.refs(raw.get("participants"), f"{f}.participants"),
                           status=self.enum(raw.get("status"), MEETING_STATUSES, f"{f}.status"),
                           evidence=self.span(raw.get("evidence"), f"{f}.evidence"),
                           place=self.ref(raw.get("place"), f"{f}.place"),
                           date=self.day(raw.get("date"), f"{f}.date"))

    def legislation(self, raw: Mapping[str, Any], i: int) -> GoldLegislation:
        f = f"legislation[{i}]"
        law = self.ref(raw.get("legislation"), f"{f}.legislation")
        if law is None:
            raise self.fail(f"{f} needs the phrase naming the legislation")
        return GoldLegislation(legislation=law, evidence=self.span(raw.get("evidence"), f"{f}.evidence"),
                               status=self.enum(raw.get("status"), LEGISLATIVE_STATUSES, f"{f}.status", optional=True),
                               jurisdiction=self.ref(raw.get("jurisdiction"), f"{f}.jurisdiction"),
                               legislature=self.ref(raw.get("legislature"), f"{f}.legislature"),
                               targets=self.refs(raw.get("targets", []), f"{f}.targets"))


def read_texts(wikinews_jsonl: Path) -> dict[str, Mapping[str, Any]]:
    """Wikinews records by id."""
    records: dict[str, Mapping[str, Any]] = {}
    with wikinews_jsonl.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                records[rec["id"]] = rec
    return records


def load_gold(gold_file: Path, wikinews_jsonl: Path, limit: int | None = None) -> list[GoldArticle]:
    """The gold articles with their texts; raises `InputError` naming the article and field at
    the first inconsistency."""
    if not gold_file.is_file():
        raise InputError(f"{gold_file}: no such gold file; it ships with geokg under kg/eval/gold/")
    if not wikinews_jsonl.is_file():
        raise InputError(f"{wikinews_jsonl}: no such file; pass --corpus with the Wikinews jsonl of ../shared")
    texts = read_texts(wikinews_jsonl)
    return list(_articles(gold_file, texts, limit))


def _articles(gold_file: Path, texts: Mapping[str, Mapping[str, Any]], limit: int | None) -> Iterator[GoldArticle]:
    with gold_file.open(encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip()]
    for n, line in enumerate(lines[:limit] if limit is not None else lines, 1):
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{gold_file}, line {n}: not JSON ({exc.msg}); fix the gold line") from None
        rec = texts.get(raw.get("id"))
        if rec is None:
            raise InputError(f"{gold_file}, line {n}: article {raw.get('id')!r} is not in the Wikinews file")
        text = rec["text"]
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != raw.get("text_sha256"):
            raise InputError(f"{gold_file}, article {raw['id']}: the Wikinews text differs from the one annotated "
                             "(SHA-256 mismatch); use the ../shared snapshot the gold was made on")
        r = _Reader(gold_file, raw["id"], text)
        yield GoldArticle(
            id=raw["id"],
            date=r.day(raw.get("date"), "date") or dt.date.fromisoformat(rec["date"][:10]),
            text=text,
            headline=rec.get("title"),
            statements=tuple(r.statement(s, i) for i, s in enumerate(raw.get("statements", []))),
            holdings=tuple(r.holding(h, i) for i, h in enumerate(raw.get("holdings", []))),
            meetings=tuple(r.meeting(m, i) for i, m in enumerate(raw.get("meetings", []))),
            legislation=tuple(r.legislation(x, i) for i, x in enumerate(raw.get("legislation", []))),
        )
