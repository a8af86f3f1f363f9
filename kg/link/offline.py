"""Offline entity linking against the shipped gazetteer.

Input: an `Analysis` (mentions with kinds and lookup strings). Output: `Linked`, one
`LinkedMention` per mention: a Wikidata-linked `Entity` when the evidence is strong enough, a NIL
entity with a local key otherwise, or no entity (dates, demonyms that name no country).

Evidence, in order of trust:
1. in-article coreference: a surname alone is the person named in full elsewhere in the article;
2. the office the article gives a person ("Sen. Graham" -> the senator named Graham in office at
   the article date);
3. exact alias match in the gazetteer, disambiguated by the countries the article talks about
   (named, or holding the places it names) and by each candidate's prominence (prior); the
   best candidate's confidence is the calibrated probability of `kg.link.confidence`.
A wrong QID is worse than none: below `threshold` the entity stays NIL.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from kg.gazetteer.geo import PRIOR_CAPITAL
from kg.gazetteer.store import GazEntry, Gazetteer, Position, normalize_alias
from kg.gazetteer.text import (
    formal_name_variants,
    is_acronym,
    organisation_name_variants,
)
from kg.link.confidence import Evidence, LinkModel, load_model
from kg.link.organisations import (
    country_prefixed,
    defined_acronyms,
    named_before,
    owner_country,
    same_name,
)
from kg.link.people import PeopleIndex, name_key
from kg.model import Analysis, Entity, Linked, LinkedMention, Mention
from kg.slugs import slugify

#: A place whose name only one country's places bear tells the article's country this much
#: (a country named outright counts 1).
PLACE_CONTEXT_WEIGHT = 0.5
_ENTITY_KINDS_FOR_MENTION: dict[str, tuple[str, ...]] = {
    "person": ("person",),
    "organization": ("organization", "country", "place"),
    "place": ("country", "place", "organization"),
    "country": ("country",),
    "legislation": ("legislation",),
}


def nil_entity(kind: str, label: str) -> Entity:
    return Entity(key=f"{kind}/{slugify(label)}", kind=kind, label=label)  # type: ignore[arg-type]


def exact_label(surface: str, label: str) -> bool:
    """The surface is the label itself, up to case and spacing but not accents ("Los Angeles" is
    not "Los Ángeles")."""
    return " ".join(surface.split()).casefold() == " ".join(label.split()).casefold()


#: A one-word place or organisation whose word the article also writes in lowercase must be
#: this prominent (a capital, a major city or organisation) to be linked.
COMMON_WORD_MIN_PRIOR = 0.8
_LOWERCASE_WORD = re.compile(r"(?<![\w.])[a-z][a-z\-]+(?!\w)")
_OF_COUNTRY = re.compile(r",?\s+of\s+(?:the\s+)?")


def _active(start: dt.date | None, end: dt.date | None, day: dt.date | None) -> bool:
    if day is None:
        return end is None
    return (start is None or start <= day) and (end is None or day <= end)


class OfflineLinker:
    """Links mentions with the gazetteer only; deterministic and network-free."""

    name = "offline"

    def __init__(self, gazetteer: Gazetteer, threshold: float = 0.5, model: LinkModel | None = None) -> None:
        self.gaz = gazetteer
        self.threshold = threshold
        self.model = model if model is not None else load_model()
        #: When a list, every gazetteer decision is appended to it as (document id, mention, best
        #: candidate, evidence): the training data of `kg.link.train`.
        self.trace: list[tuple[str, Mention, GazEntry, Evidence]] | None = None
        self._doc_id = ""
        self.people = PeopleIndex(gazetteer)

    # -- entities -----------------------------------------------------------------------------

    def _entity(self, entry: GazEntry, jurisdiction: str | None = None) -> Entity:
        capital = entry.kind == "place" and (entry.description or "").startswith("capital of ")
        return Entity(
            key=entry.qid,
            kind=entry.kind,  # type: ignore[arg-type]
            label=entry.label,
            qid=entry.qid,
            jurisdiction=jurisdiction or (entry.country if entry.kind in {"office", "organization"} or capital else None),
        )

    def _person(self, found: tuple[GazEntry | None, float]) -> tuple[Entity | None, float]:
        entry, conf = found
        return (self._entity(entry), conf) if entry is not None else (None, 0.0)

    def _choose(
        self, candidates: list[GazEntry], context: Mapping[str, float], surface: str = "", inexact: bool = False
    ) -> tuple[GazEntry | None, float, Evidence | None]:
        """Best candidate, its calibrated confidence, and the evidence behind it.

        Candidates rank by prominence (prior), by how much the article talks about their country
        (context) and by whether the surface is their label rather than a derived alias ("Moscow"
        is Moscow, not Moscow Oblast); the confidence comes from the link model.
        """
        if not candidates:
            return None, 0.0, None
        total = sum(context.values()) or 1.0

        def ctx(c: GazEntry) -> float:
            return context.get(c.qid if c.kind == "country" else (c.country or ""), 0.0) / total

        def score(c: GazEntry) -> float:
            # The exact label only breaks near-ties ("Moscow" the city, not Moscow Oblast): news
            # says "Washington" and "New York" for the capital and the city, not the states.
            return 0.5 * c.prior + 0.5 * ctx(c) + 0.05 * exact_label(surface, c.label)

        ranked = sorted(candidates, key=lambda c: (-score(c), -c.prior, c.qid))
        best = ranked[0]
        runner = ranked[1] if len(ranked) > 1 else None
        evidence = Evidence(
            surface=surface,
            kind=best.kind,
            prior=best.prior,
            context=ctx(best),
            exact_label=exact_label(surface, best.label),
            foreign=bool(context) and best.kind != "country" and bool(best.country) and ctx(best) == 0,
            candidates=len(ranked),
            runner_up_prior=runner.prior if runner is not None else None,
            runner_up_context=ctx(runner) if runner is not None else 0.0,
            runner_up_same_country=runner is not None and bool(best.country) and runner.country == best.country,
            surname_bearers=self.people.surname_bearers(best.label) if best.kind == "person" else 0,
            inexact=inexact,
        )
        conf = self._confidence(evidence)
        if best.kind == "place" and best.prior >= PRIOR_CAPITAL and ctx(best) > 0:
            # A capital in a story that names its country ("a trial in Paris" next to "French
            # police") is as sure as the country itself; the model, fitted on few capitals,
            # let its many namesakes (a dozen American Parises) outweigh that.
            conf = max(conf, 0.9)
        tied = sum(1 for c in ranked if abs(score(c) - score(best)) < 1e-9)
        if tied > 1:
            # Nothing tells the best from its equals ("the Supreme Court" of no named country):
            # picking one is a coin toss with `tied` sides.
            conf = min(conf, 1.0 / tied)
        return best, conf, evidence

    def _confidence(self, evidence: Evidence) -> float:
        conf = self.model.probability(evidence)
        if evidence.foreign and evidence.kind == "organization" and not evidence.exact_label \
                and not is_acronym(evidence.surface):
            # "The Senate" in a story about Italy is not the US Senate (a generic alias), while
            # "Reuters", "the White House" or an acronym ("AP", "FBI": case-aware aliases make
            # it the entity's own) are themselves wherever they appear. The benchmarks
            # hold too few such cases for the model to learn it, so the rule stays explicit.
            conf *= 0.5
        return conf

    def _lookup(self, m: Mention, kinds: Iterable[str], context: Mapping[str, float],
                owner: str | None = None, common_word: bool = False) -> tuple[Entity | None, float]:
        """`owner`: the country the text puts right before an organisation ("Russia's", "Russian").
        `common_word`: the article also writes the mention's one word in lowercase ("Police said"
        next to "told police"), so it is a capitalised noun unless the name is a major one: the
        town of Police in Poland needs more than a story about Poland."""
        kinds = list(kinds)
        # Case-aware: "Us" is not the US, "CAIR" is not Čair in North Macedonia.
        cands = self.gaz.candidates(m.lookup, kinds=kinds, cased=True)
        if common_word:
            cands = [c for c in cands if c.prior >= COMMON_WORD_MIN_PRIOR]
            if not cands:
                return None, 0.0
        inexact = False
        if not cands and m.kind == "person":
            for variant in formal_name_variants(m.lookup):
                cands.extend(c for c in self.gaz.candidates(variant, kinds=kinds) if c not in cands)
            inexact = bool(cands)
        surface = m.lookup
        if not cands and m.kind == "organization":
            # The same name spelled the other side of the Atlantic, or with a legal form; only
            # organisations ("California Inc." is no reading of California).
            for variant in organisation_name_variants(m.lookup):
                cands = self.gaz.candidates(variant, kinds=("organization",))
                if cands:
                    surface = variant
                    break
        if m.kind == "organization":
            # "U.S. Supreme Court", "US Senate": the organisation of the country the name begins
            # with, whatever other countries the article names.
            own, country = country_prefixed(self.gaz, m.lookup, cands)
            if own:
                cands, context = own, {country: 1.0}
            elif owner:
                # "Russia's Security Council" is Russia's, not the UN's: the owner's own
                # organisations only; another's is kept only under its full name or acronym
                # ("Ukraine's NATO bid", "Britain's European Union membership"), and no
                # spelling of a short name is guessed (fuzzy matching would find the UN's again).
                mine = [c for c in cands if c.country == owner]
                if mine:
                    cands, context = mine, {owner: 1.0}
                else:
                    cands = [c for c in cands if exact_label(surface, c.label) or surface.isupper()]
                    if not cands:
                        return None, 0.0
        if not cands and len(m.lookup.split()) >= 2:
            # One or two letters off ("Abdel Fattah el-Sissi"); single words are too risky.
            fuzzy = self.gaz.fuzzy_candidates(m.lookup, kinds=kinds)
            cands, inexact = [c for c, _ in fuzzy], bool(fuzzy)
        entry, conf, evidence = self._choose(cands, context, surface, inexact)
        if entry is not None and evidence is not None and self.trace is not None:
            self.trace.append((self._doc_id, m, entry, evidence))
        if entry is None or conf < self.threshold:
            return None, conf
        return self._entity(entry), conf

    def _country_after(self, text: str, span: tuple[int, int], results: Mapping[int, LinkedMention],
                       mentions: Sequence[Mention]) -> Entity | None:
        """The country named right after a title's holder, "of (the) <country>" (within the
        holder's sentence), as the title's jurisdiction."""
        after = _OF_COUNTRY.match(text, span[1])
        if after is None:
            return None
        for k, mm in enumerate(mentions):
            lm = results.get(k)
            if mm.start == after.end() and lm is not None and lm.entity is not None and lm.entity.kind == "country":
                return lm.entity
        return None

    def _main_country(self, context: Mapping[str, float]) -> GazEntry | None:
        """The country the article is about: named at least three times, and at least twice as
        often as any other (a story listing European leaders has none)."""
        ranked = sorted(context.items(), key=lambda kv: -kv[1])[:2]
        if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]):
            return None
        return self.gaz.entry(ranked[0][0])

    def _after_place(self, name: str) -> str | None:
        """What follows a leading place or country name of one or two words ("Vermont Bernie
        Sanders" -> "Bernie Sanders"), when two or more words follow; else None."""
        words = name.split()
        for k in (2, 1):
            if len(words) - k >= 2:
                head = " ".join(words[:k])
                if self.gaz.demonym(head, cased=True) or self.gaz.candidates(head, kinds=("place", "country"), cased=True):
                    return " ".join(words[k:])
        return None

    def _places_sharing(self, name: str) -> set[str]:
        """Countries of the notable places that bear a country's name (Georgia: the US)."""
        return {c.country for c in self.gaz.candidates(name, kinds=("place",)) if c.prior >= 0.5 and c.country}

    def _place_country(self, m: Mention) -> str | None:
        """The country a place mention tells of: a place name all of whose gazetteer readings lie
        in one country ("Texas", "Kharkiv"). Not asked of names of countries (Italy, Texas is a
        town)."""
        if m.kind != "place":
            return None
        countries = {c.country for c in self.gaz.candidates(m.lookup, kinds=("place",))}
        return next(iter(countries)) if len(countries) == 1 and None not in countries else None

    # -- the document ---------------------------------------------------------------------------

    def link(self, analysis: Analysis) -> Linked:
        day = analysis.document.date
        mentions = analysis.mentions
        results: dict[int, LinkedMention] = {}
        self._doc_id = analysis.document.id

        # Countries first: they are the context for everything else.
        context: Counter[str] = Counter()
        shared: list[tuple[int, str, set[str]]] = []
        for n, m in enumerate(mentions):
            if m.kind in {"country", "place"}:
                qid = self.gaz.demonym(m.lookup, cased=True)
                if qid and m.kind == "place":
                    place_countries = self._places_sharing(m.lookup)
                    if place_countries:
                        shared.append((n, qid, place_countries))
                        continue
                if qid:
                    entry = self.gaz.entry(qid)
                    if entry is not None:
                        results[n] = LinkedMention(m, self._entity(entry), 0.95)
                        context[qid] += 1
        # "Georgia" is the country unless the article is about the country of the place that
        # shares its name (the US state) and never names the country otherwise.
        deferred = {n for n, _, _ in shared}
        place_country = {n: c for n, m in enumerate(mentions) if n not in results and (c := self._place_country(m))}
        place_ctx: Counter[str] = Counter()
        for n, country in place_country.items():
            if n not in deferred:
                place_ctx[country] += PLACE_CONTEXT_WEIGHT
        for n, qid, place_countries in shared:
            if any(context.get(c, 0) + place_ctx.get(c, 0) > 0 for c in place_countries) and not context.get(qid):
                continue  # left to the general lookup below, which weighs both readings
            entry = self.gaz.entry(qid)
            if entry is not None:
                results[n] = LinkedMention(mentions[n], self._entity(entry), 0.95)
                context[qid] += 1

        # Places that can lie in one country only add to it (weaker than naming it).
        for n, country in place_country.items():
            if n not in results:
                context[country] += PLACE_CONTEXT_WEIGHT

        # Full person names, then surnames by in-article coreference.
        # A title given to a full name says which of its bearers is meant ("Senator Juan Dalmau").
        titled_as = {m.holder_span: m.lookup for m in mentions if m.kind == "office" and m.holder_span}
        full_names: dict[str, Entity] = {}
        first_names: dict[str, set[str]] = {}
        for n, m in enumerate(mentions):
            if m.kind == "person" and len(m.lookup.split()) >= 2:
                ent, conf = self._lookup(m, ("person",), context)
                role = titled_as.get((m.start, m.end))
                if role is not None and conf < 0.85:
                    by_title, title_conf = self._person(self.people.titled(m.lookup, role))
                    if by_title is not None:
                        ent, conf = by_title, title_conf
                if ent is None:
                    ent = nil_entity("person", m.lookup)
                results[n] = LinkedMention(m, ent, conf)
                full_names.setdefault(name_key(m.lookup.split()[-1]), ent)
                first_names.setdefault(name_key(m.lookup.split()[0]), set()).add(ent.key)
        by_key = {lm.entity.key: lm for lm in results.values() if lm.entity is not None}

        # Other names. An acronym the article defines ("Food and Agriculture Organisation
        # (FAO)") is that name's entity, linked or not: the article's own definition beats any
        # gazetteer reading of the letters (CCA is not a court in a story about a prison firm).
        defined = defined_acronyms(analysis.document.text, mentions)
        lowercase_words = set(_LOWERCASE_WORD.findall(analysis.document.text))
        for n, m in enumerate(mentions):
            if n in results or m.kind in {"office", "date", "person"}:
                continue
            kinds = _ENTITY_KINDS_FOR_MENTION.get(m.kind, ())
            source = defined.get(m.lookup.replace(".", ""))
            if source is not None and source < n and (prev := results.get(source)) is not None \
                    and prev.entity is not None:
                ent, conf = prev.entity, prev.score
                if not prev.entity.qid:
                    # The full name is unknown to the gazetteer; the acronym's own reading
                    # counts only if it is that name ("FAO" for "U.N.s Food and Agriculture
                    # Organisation"), not another one with the same letters.
                    found, found_conf = self._lookup(m, kinds, context)
                    if found is not None and same_name(mentions[source].lookup, found.label):
                        ent, conf = found, found_conf
                results[n] = LinkedMention(m, ent, conf)
                continue
            if m.kind == "organization" and " " not in m.lookup:
                # "the Agency", "the Commission", "Parliament": the organisation last named in
                # full with that head word; the article's own naming beats the gazetteer's
                # reading of the word ("Parliament" after "European Parliament" in a British story).
                head = named_before(mentions, results, n, m.lookup)
                if head is not None and head.entity is not None:
                    results[n] = LinkedMention(m, head.entity, head.score)
                    continue
            owner = owner_country(self.gaz, analysis.document.text, m) if m.kind == "organization" else None
            common = " " not in m.lookup and m.lookup.lower() in lowercase_words
            ent, conf = self._lookup(m, kinds, context, owner, common)
            if ent is None and m.kind in {"organization", "place"}:
                # The NER takes people for organisations and places ("Husted", "Churkin"): a
                # surname of a person named in full in the article, or a person's full name.
                ent = full_names.get(name_key(m.lookup)) if len(m.lookup.split()) == 1 else None
                conf = 0.9 if ent is not None else conf
                if ent is None and len(m.lookup.split()) >= 2 and not self.gaz.candidates(m.lookup, kinds=kinds):
                    ent, conf = self._lookup(m, ("person",), context)
                    if ent is None and (rest := self._after_place(m.lookup)):
                        # "Senator from Vermont Bernie Sanders": the NER glued the place to the name.
                        ent, conf = self._lookup(replace(m, lookup=rest), ("person",), context)
                    if ent is not None:
                        full_names.setdefault(name_key(ent.label.split()[-1]), ent)
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
            for lm in results.values():
                mm = lm.mention
                # Either way round: the span may carry an article the mention leaves out
                # ("to the United States").
                inside = mm.start <= span[0] and span[1] <= mm.end
                covers = span[0] <= mm.start and mm.end <= span[1]
                if (inside or covers) and lm.entity is not None:
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
            # Case-blind: "El-Sissi" opens a sentence about "Abdel Fattah el-Sissi".
            ent = full_names.get(name_key(m.lookup))
            conf = 0.9
            if ent is None and len(first_names.get(name_key(m.lookup), ())) == 1:
                # A first name alone ("Terri said" after "Terri Collins") is the one person the
                # article named in full with it, when it is nobody's surname there.
                prev = by_key[next(iter(first_names[name_key(m.lookup)]))]
                ent, conf = prev.entity, min(prev.score, 0.8) if prev.entity and prev.entity.qid else 0.0
            if ent is None and (m.start, m.end) in title_of:
                role, juris_qid = title_of[(m.start, m.end)]
                ent, conf = self._person(self.people.by_office(m.lookup, role, juris_qid, day))
            if ent is None:
                ent, conf = self._person(self.people.prominent(m.lookup, context, day))
            if ent is None:
                common = m.lookup.lower() in lowercase_words
                ent, conf = self._person(self.people.distinctive(m.lookup, context, common))
            if ent is None:
                ent, conf = self._place_named_as_person(m.lookup, context)
            if ent is None:
                ent, conf = self._organisation_named_as_person(m.lookup)
            if ent is None:
                ent, conf = nil_entity("person", m.lookup), 0.0
            results[n] = LinkedMention(m, ent, conf)
            full_names.setdefault(name_key(m.lookup), ent)

        # Offices, now that holders and jurisdictions are known. A bare title ("the ambassador")
        # is the office last given with that title in the article.
        last_office: dict[str, LinkedMention] = {}
        for n, m in enumerate(mentions):
            if m.kind != "office":
                continue
            juris, dest = office_ctx[n]
            holder = entity_at(m.holder_span)
            if juris is None and dest is None and holder is not None and not holder.qid and m.holder_span:
                # "Prime Minister Jan Novotny of Slovakia"; else, for a holder the gazetteer does
                # not know, the country the article is about, if the title says the role itself.
                juris = self._country_after(analysis.document.text, m.holder_span, results, mentions) or (
                    self._entity(entry) if (entry := self._main_country(context)) is not None
                    and m.lookup in " ".join(m.text.lower().replace("-", " ").split()) else None)
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

    def _organisation_named_as_person(self, name: str) -> tuple[Entity | None, float]:
        """The NER takes one-word brands for people ("on Twitter, he wrote"): a one-word "person"
        that nobody in the article bears and no one in the gazetteer has as a name is a major
        organisation (prior >= 0.8) that bears that very label, when it is the only one."""
        if self.people.surnamed(name) or self.people.is_given_name(name):
            return None, 0.0
        cands = [c for c in self.gaz.candidates(name, kinds=("organization",), cased=True)
                 if c.prior >= 0.8 and exact_label(name, c.label)]
        return (self._entity(cands[0]), 0.8) if len(cands) == 1 else (None, 0.0)

    def _place_named_as_person(self, name: str, context: Mapping[str, float]) -> tuple[Entity | None, float]:
        """The NER takes capitals for people ("warned Kyiv"): a one-word "person" that nobody in
        the article bears is a country or a capital (prior >= 0.85) whose country the article
        names, when no other place of that name is notable (a runner-up below 0.6). "Sofia said"
        in a story that never names Bulgaria stays a person."""
        cands = sorted(self.gaz.candidates(name, kinds=("country", "place"), cased=True), key=lambda c: -c.prior)
        if not cands or cands[0].prior < 0.85 or (len(cands) > 1 and cands[1].prior >= 0.6):
            return None, 0.0
        best = cands[0]
        country = best.qid if best.kind == "country" else best.country
        if not context.get(country or ""):
            return None, 0.0
        return self._entity(best), 0.8

