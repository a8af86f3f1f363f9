"""Offline entity linking against the shipped gazetteer.

Input: an `Analysis` (mentions with kinds and lookup strings). Output: `Linked`, one
`LinkedMention` per mention: a Wikidata-linked `Entity` when the evidence is strong enough, a NIL
entity with a local key otherwise, or no entity (dates, demonyms that name no country).

Evidence, in order of trust:
1. in-article coreference: a surname alone is the person named in full elsewhere in the article;
2. the office the article gives a person ("Sen. Graham" -> the senator named Graham in office at
   the article date);
3. exact alias match in the gazetteer, disambiguated by the countries the article talks about
   and by each candidate's prominence (prior).
A wrong QID is worse than none: below `threshold` the entity stays NIL.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from collections.abc import Iterable

from kg.gazetteer.store import GazEntry, Gazetteer, Position, normalize_alias
from kg.slugs import slugify
from kg.model import Analysis, Entity, Linked, LinkedMention, Mention

_ENTITY_KINDS_FOR_MENTION: dict[str, tuple[str, ...]] = {
    "person": ("person",),
    "organization": ("organization", "country", "place"),
    "place": ("country", "place", "organization"),
    "country": ("country",),
    "legislation": ("legislation",),
}


def name_key(name: str) -> str:
    """Comparison key for personal names across transliterations ("Zelenskyy" ~ "Zelensky",
    "Andriy" ~ "Andrii")."""
    key = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    for a, b in (("yy", "y"), ("iy", "i"), ("ii", "i"), ("kh", "h")):
        key = key.replace(a, b)
    return key


def nil_entity(kind: str, label: str) -> Entity:
    return Entity(key=f"{kind}/{slugify(label)}", kind=kind, label=label)  # type: ignore[arg-type]


def _active(start: dt.date | None, end: dt.date | None, day: dt.date | None) -> bool:
    if day is None:
        return end is None
    return (start is None or start <= day) and (end is None or day <= end)


class OfflineLinker:
    """Links mentions with the gazetteer only; deterministic and network-free."""

    name = "offline"

    def __init__(self, gazetteer: Gazetteer, threshold: float = 0.6) -> None:
        self.gaz = gazetteer
        self.threshold = threshold

    # -- entities -----------------------------------------------------------------------------

    def _entity(self, entry: GazEntry, jurisdiction: str | None = None) -> Entity:
        return Entity(
            key=entry.qid,
            kind=entry.kind,  # type: ignore[arg-type]
            label=entry.label,
            qid=entry.qid,
            jurisdiction=jurisdiction or (entry.country if entry.kind in {"office", "organization"} else None),
        )

    def _choose(
        self, candidates: list[GazEntry], context: Counter[str], surface: str = ""
    ) -> tuple[GazEntry | None, float]:
        """Best candidate and a confidence in [0, 1].

        A candidate scores by prominence (prior), by how much the article talks about its
        country (context) and by whether the surface is its label rather than a derived alias
        ("Moscow" is Moscow, not Moscow Oblast). Confidence is the margin over the runner-up; a
        candidate tied to a country the article never mentions loses half of it, unless it is a
        well-known place.
        """
        if not candidates:
            return None, 0.0
        total = sum(context.values()) or 1
        norm = normalize_alias(surface)

        def ctx(c: GazEntry) -> float:
            return context.get(c.qid if c.kind == "country" else (c.country or ""), 0) / total

        def score(c: GazEntry) -> float:
            exact = 1.0 if norm and normalize_alias(c.label) == norm else 0.0
            return 0.4 * c.prior + 0.4 * ctx(c) + 0.2 * exact

        ranked = sorted(candidates, key=lambda c: (-score(c), c.qid))
        best = ranked[0]
        if len(ranked) == 1:
            conf = 0.9
        else:
            s1, s2 = score(best), score(ranked[1])
            # Equal scores give 0.5 (a coin toss, never linked).
            conf = 0.5 + 0.5 * (s1 - s2) / s1 if s1 > 0 else 0.0
        well_known_place = best.kind == "place" and best.prior >= 0.7
        if context and best.kind != "country" and best.country and ctx(best) == 0 and not well_known_place:
            # An organisation or minor place is rarely meant outside its own country's news
            # ("the Senate" in a story about Italy is not the US Senate); capitals and major
            # cities are ("talks in Riyadh" in a story about the US and Russia).
            conf *= 0.5
        return best, conf

    def _lookup(self, m: Mention, kinds: Iterable[str], context: Counter[str]) -> tuple[Entity | None, float]:
        cands = self.gaz.candidates(m.lookup, kinds=list(kinds))
        entry, conf = self._choose(cands, context, m.lookup)
        if entry is None or conf < self.threshold:
            return None, conf
        return self._entity(entry), conf

    # -- the document ---------------------------------------------------------------------------

    def link(self, analysis: Analysis) -> Linked:
        day = analysis.document.date
        mentions = analysis.mentions
        results: dict[int, LinkedMention] = {}

        # Countries first: they are the context for everything else.
        context: Counter[str] = Counter()
        for n, m in enumerate(mentions):
            if m.kind in {"country", "place"}:
                qid = self.gaz.demonym(m.lookup)
                if qid:
                    entry = self.gaz.entry(qid)
                    if entry is not None:
                        results[n] = LinkedMention(m, self._entity(entry), 0.95)
                        context[qid] += 1

        # Full person names, then surnames by in-article coreference.
        full_names: dict[str, Entity] = {}
        for n, m in enumerate(mentions):
            if m.kind == "person" and len(m.lookup.split()) >= 2:
                ent, conf = self._lookup(m, ("person",), context)
                if ent is None:
                    ent, conf = nil_entity("person", m.lookup), conf
                results[n] = LinkedMention(m, ent, conf)
                full_names.setdefault(m.lookup.split()[-1], ent)

        # Other names.
        for n, m in enumerate(mentions):
            if n in results or m.kind in {"office", "date", "person"}:
                continue
            kinds = _ENTITY_KINDS_FOR_MENTION.get(m.kind, ())
            ent, conf = self._lookup(m, kinds, context)
            if ent is None:
                if m.kind == "country":
                    # A NORP that is no demonym ("Republicans", "Shiite"): try organisations.
                    ent, conf = self._lookup(m, ("organization",), context)
                    if ent is None:
                        results[n] = LinkedMention(m, None, 0.0)
                        continue
                else:
                    ent = nil_entity(m.kind, m.lookup)
            results[n] = LinkedMention(m, ent, conf)
            if ent.kind == "country" and ent.qid:
                context[ent.qid] += 1

        def entity_at(span: tuple[int, int] | None) -> Entity | None:
            if span is None:
                return None
            for k, lm in results.items():
                mm = lm.mention
                if mm.start <= span[0] and span[1] <= mm.end and lm.entity is not None:
                    return lm.entity
            return None

        # The titles given to people: role and jurisdiction, keyed by the holder's span.
        office_ctx: dict[int, tuple[Entity | None, Entity | None]] = {}
        title_of: dict[tuple[int, int], tuple[str, str | None]] = {}
        for n, m in enumerate(mentions):
            if m.kind != "office":
                continue
            juris = entity_at(m.jurisdiction_span)
            if juris is None and m.jurisdiction_span is not None:
                qid = self.gaz.demonym(analysis.document.text[slice(*m.jurisdiction_span)])
                entry = self.gaz.entry(qid) if qid else None
                juris = self._entity(entry) if entry is not None else None
            office_ctx[n] = (juris, entity_at(m.destination_span))
            if m.holder_span is not None:
                title_of[m.holder_span] = (m.lookup, juris.qid if juris is not None and juris.qid else None)

        # Single-token person names: coreference, then the office given to them, then NIL.
        for n, m in enumerate(mentions):
            if n in results or m.kind != "person":
                continue
            ent = full_names.get(m.lookup)
            conf = 0.9
            if ent is None and (m.start, m.end) in title_of:
                role, juris_qid = title_of[(m.start, m.end)]
                ent, conf = self._person_by_office(m.lookup, role, juris_qid, day)
            if ent is None:
                ent, conf = self._prominent_person(m.lookup, context, day)
            if ent is None:
                ent, conf = nil_entity("person", m.lookup), 0.0
            results[n] = LinkedMention(m, ent, conf)
            full_names.setdefault(m.lookup, ent)

        # Offices, now that holders and jurisdictions are known. A bare title ("the ambassador")
        # is the office last given with that title in the article.
        last_office: dict[str, LinkedMention] = {}
        for n, m in enumerate(mentions):
            if m.kind != "office":
                continue
            juris, dest = office_ctx[n]
            holder = entity_at(m.holder_span)
            bare = juris is None and dest is None and holder is None
            if bare and m.lookup in last_office:
                prev = last_office[m.lookup]
                results[n] = LinkedMention(m, prev.entity, prev.score)
                continue
            ent, conf = self._link_office(m, juris, dest, holder, day)
            results[n] = LinkedMention(m, ent, conf)
            if not bare:
                last_office[m.lookup] = results[n]

        # Date mentions carry no entity; extraction reads their text.
        for n, m in enumerate(mentions):
            if n not in results:
                results[n] = LinkedMention(m, None, 0.0)
        return Linked(analysis=analysis, mentions=tuple(results[n] for n in range(len(mentions))))

    # -- offices and people in office -------------------------------------------------------------

    def _link_office(
        self,
        m: Mention,
        juris: Entity | None,
        dest: Entity | None,
        holder: Entity | None,
        day: dt.date | None,
    ) -> tuple[Entity, float]:
        role = m.lookup
        juris_qid = juris.qid if juris is not None and juris.kind == "country" else None
        dest_qid = dest.qid if dest is not None and dest.kind == "country" else None
        positions: list[Position] = []
        if juris_qid:
            positions = self.gaz.positions(role=role, jurisdiction=juris_qid, destination=dest_qid)
            if not positions and dest_qid:
                positions = self.gaz.positions(role=role, jurisdiction=juris_qid)
                positions = [p for p in positions if p.destination in (None, dest_qid)]
        if holder is not None and holder.qid:
            held = {t.position for t in self.gaz.tenures(person=holder.qid)}
            if positions:
                preferred = [p for p in positions if p.qid in held]
                positions = preferred or positions
            else:
                positions = [
                    p
                    for q in sorted(held)
                    if (p := self.gaz.position(q)) is not None and p.role == role
                ]
                if len(positions) > 1:
                    current = {
                        t.position for t in self.gaz.tenures(person=holder.qid) if _active(t.start, t.end, day)
                    }
                    positions = [p for p in positions if p.qid in current] or positions
        if len(positions) > 1:
            positions = self._rank_positions(positions, role, juris)
        if len(positions) == 1:
            p = positions[0]
            return (
                Entity(key=p.qid, kind="office", label=p.label, qid=p.qid, jurisdiction=p.jurisdiction),
                0.9,
            )
        label = role.title() if role != "member of parliament" else "Member of Parliament"
        if juris is not None:
            label += f" of {juris.label}"
        if dest is not None:
            label += f" to {dest.label}"
        ent = nil_entity("office", label)
        return Entity(key=ent.key, kind="office", label=label, jurisdiction=juris_qid), 0.0

    def _rank_positions(self, positions: list[Position], role: str, juris: Entity | None) -> list[Position]:
        """Several positions fit: keep the one labelled plainly "<Role> of <Country>" (the head
        office, not "President of the Central Bank of Russia"), if exactly one is."""
        if juris is None:
            return positions
        plain = normalize_alias(f"{role} of {juris.label}")
        exact = [p for p in positions if normalize_alias(p.label) == plain]
        return exact if len(exact) == 1 else positions

    def _holder_named(self, surname: str, positions: Iterable[Position], day: dt.date | None) -> GazEntry | None:
        """The one person holding one of `positions` (at `day`, if given) whose name ends in
        `surname`; None when there is none or more than one."""
        found: dict[str, GazEntry] = {}
        key = name_key(surname)
        for p in positions:
            tenures = self.gaz.holders_on(p.qid, day) if day else self.gaz.tenures(position=p.qid)
            for t in tenures:
                e = self.gaz.entry(t.person)
                if e is not None and name_key(e.label.split()[-1]) == key:
                    found[e.qid] = e
        return next(iter(found.values())) if len(found) == 1 else None

    def _person_by_office(
        self, surname: str, role: str, juris: str | None, day: dt.date | None
    ) -> tuple[Entity | None, float]:
        """The one holder of a `role` position (in `juris`, if known) whose name ends in `surname`."""
        entry = self._holder_named(surname, self.gaz.positions(role=role, jurisdiction=juris), day)
        return (self._entity(entry), 0.85) if entry is not None else (None, 0.0)

    def _prominent_person(
        self, surname: str, context: Counter[str], day: dt.date | None
    ) -> tuple[Entity | None, float]:
        """A surname alone links only to a head of state or government in office at the
        article's date, of a country the article mentions (e.g. "Putin" in a Russia story)."""
        if day is None:
            return None, 0.0
        heads = [
            p
            for country in context
            for role in ("president", "prime minister", "chancellor")
            for p in self.gaz.positions(role=role, jurisdiction=country)
        ]
        entry = self._holder_named(surname, heads, day)
        return (self._entity(entry), 0.8) if entry is not None else (None, 0.0)
        found: dict[str, GazEntry] = {}
        for country in context:
            for role in ("president", "prime minister", "chancellor"):
                for p in self.gaz.positions(role=role, jurisdiction=country):
                    for t in self.gaz.holders_on(p.qid, day):
                        e = self.gaz.entry(t.person)
                        if e is not None and name_key(e.label.split()[-1]) == name_key(surname):
                            found[e.qid] = e
        if len(found) == 1:
            return self._entity(next(iter(found.values()))), 0.8
        return None, 0.0
