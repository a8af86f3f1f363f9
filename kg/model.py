"""Plain data passed between pipeline stages.

Input: nothing (this module only declares types). Output: frozen dataclasses that every stage after
`kg.nlp` takes and returns, so those stages and their tests never need a spaCy model.

Offsets are character offsets into `Document.text`, end exclusive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

#: Entity kinds; each maps to one ontology class (gk:Person, gk:Organization, ...).
EntityKind = Literal["person", "organization", "country", "place", "office", "legislation", "event"]
ENTITY_KINDS: tuple[str, ...] = (
    "person",
    "organization",
    "country",
    "place",
    "office",
    "legislation",
    "event",
)
#: Mention kinds: entity kinds plus dates, which become literals rather than entities.
MentionKind = Literal["person", "organization", "country", "place", "office", "legislation", "date"]

QuoteType = Literal["direct", "indirect", "mixed"]
HoldingStatus = Literal["current", "former", "incoming", "acting"]
MeetingStatus = Literal["held", "planned"]
LegislativeStatus = Literal["proposed", "pending", "passed", "enacted"]


@dataclass(frozen=True)
class Document:
    """One article as read from the input, boilerplate removed.

    `id` is stable for the same article (hash of its URL, given id or text; see `kg.ingest.ids`),
    `text` is the article body the offsets of every later stage point into.
    """

    id: str
    text: str
    source: str  # file path (with line number for JSONL) or URL, for messages
    headline: str | None = None
    authors: tuple[str, ...] = ()
    date: dt.date | None = None
    url: str | None = None
    external_id: str | None = None  # an id given by the input (JSONL "id"), kept as provenance


@dataclass(frozen=True)
class Token:
    """A token as the NLP stage saw it; `head` and `i` index `Analysis.tokens`."""

    i: int
    text: str
    idx: int
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    sent: int
    ent_type: str = ""


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    token_start: int
    token_end: int


@dataclass(frozen=True)
class Mention:
    """A span naming (or describing) an entity, a title or a date."""

    start: int
    end: int
    text: str
    kind: MentionKind
    sentence: int
    #: Canonical surface to look up ("Sen." -> "senator"; demonym "Russian" -> "Russian").
    lookup: str = ""
    #: QID proposed by the gazetteer entity ruler, if the surface matched it exactly.
    qid_hint: str | None = None
    #: For office mentions: the char span of the jurisdiction word inside or next to the title
    #: ("Russian" in "Russian Ambassador to the United States") and of the destination ("the
    #: United States"), each as (start, end) or None.
    jurisdiction_span: tuple[int, int] | None = None
    destination_span: tuple[int, int] | None = None
    #: For office mentions: the person mention span this title is attached to, if any.
    holder_span: tuple[int, int] | None = None
    #: Status words around a title: "former", "acting", "incoming", "new".
    modifier: str | None = None


@dataclass(frozen=True)
class QuoteCandidate:
    """A reported-speech construction found by the NLP stage, before the speaker is resolved."""

    start: int  # span of the whole content (quote marks included for direct quotes)
    end: int
    content: str  # content text without surrounding quote marks
    quote_type: QuoteType
    cue: str  # reporting verb lemma, or "according to"
    cue_span: tuple[int, int] | None
    speaker_span: tuple[int, int] | None  # text span naming the speaker, None if not found
    sentence: int


@dataclass(frozen=True)
class Analysis:
    """Output of the NLP stage for one document."""

    document: Document
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    quotes: tuple[QuoteCandidate, ...] = ()


@dataclass(frozen=True)
class Entity:
    """A linked (qid set) or NIL entity. `key` is the QID, or `<kind>/<slug>` for NIL."""

    key: str
    kind: EntityKind
    label: str
    qid: str | None = None
    #: For offices and organisations (legislatures, ministries): the QID of the country they
    #: belong to, when known; for a national capital, the country whose capital it is.
    jurisdiction: str | None = None

    @property
    def linked(self) -> bool:
        return self.qid is not None


@dataclass(frozen=True)
class LinkedMention:
    mention: Mention
    entity: Entity | None  # None: the mention was dropped (e.g. a date or an unresolvable title)
    score: float = 0.0


@dataclass(frozen=True)
class Linked:
    """Output of the linking stage: the analysis plus one LinkedMention per mention."""

    analysis: Analysis
    mentions: tuple[LinkedMention, ...]

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity of the mention covering [start, end), preferring the tightest one."""
        best: LinkedMention | None = None
        for lm in self.mentions:
            m = lm.mention
            if lm.entity is not None and m.start <= start and end <= m.end:
                if best is None or (m.end - m.start) < (best.mention.end - best.mention.start):
                    best = lm
        return best.entity if best else None


@dataclass(frozen=True)
class Statement:
    speaker: Entity | None  # None: unattributed (kept, and flagged as such in the output)
    content: str
    quote_type: QuoteType
    cue: str
    start: int
    end: int
    speaker_role: Entity | None = None
    place: Entity | None = None
    date: dt.date | None = None
    medium: Entity | None = None
    about: tuple[Entity, ...] = ()


@dataclass(frozen=True)
class OfficeHolding:
    holder: Entity
    office: Entity
    status: HoldingStatus
    start: int
    end: int
    jurisdiction: Entity | None = None


@dataclass(frozen=True)
class Meeting:
    participants: tuple[Entity, ...]
    status: MeetingStatus
    start: int
    end: int
    place: Entity | None = None
    date: dt.date | None = None
    topic: str | None = None


@dataclass(frozen=True)
class LegislationFact:
    legislation: Entity
    start: int
    end: int
    status: LegislativeStatus | None = None
    jurisdiction: Entity | None = None
    legislature: Entity | None = None
    sponsors: tuple[Entity, ...] = ()
    targets: tuple[Entity, ...] = ()


@dataclass(frozen=True)
class ArticleResult:
    """Everything extracted from one article; the RDF stage turns it into one named graph."""

    document: Document
    entities: tuple[Entity, ...]
    mentions: tuple[LinkedMention, ...] = ()
    statements: tuple[Statement, ...] = ()
    holdings: tuple[OfficeHolding, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    legislation: tuple[LegislationFact, ...] = ()
    notes: tuple[str, ...] = field(default=())  # human-readable remarks (e.g. unattributed quotes)
