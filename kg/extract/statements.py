"""Statements: who said what, in which role, where and when.

Input: an `ArticleView` (tokens, linked mentions, quote candidates). Output: `Statement`s and
notes for the statements left unattributed.

Speaker resolution never invents a speaker. In order: an actor named in the speaker span
(person, then organisation, then country); a title alone ("The ambassador") resolved to the
person the article introduced with that title; a pronoun or "the statement" resolved to the
previous statement's speaker when it is at most two sentences back. Anything else stays
unattributed and is reported in the notes.
"""

from __future__ import annotations

from kg.extract.dates import resolve_date
from kg.extract.view import ArticleView
from kg.model import Entity, LinkedMention, QuoteCandidate, Statement

_PRONOUNS = {"he", "she", "they", "i", "we", "him", "her"}
_DOC_NOUNS = {"statement", "report", "release", "communique", "communiqué", "post", "tweet", "letter"}
_SPEAKER_KINDS = ("person", "organization", "country")
_MEDIUM_PREPS = {"with", "to", "on"}
_MEDIUM_HEADS = {"interview", "statement", "post", "video", "address", "broadcast", "op-ed", "article", "podcast"}


def _office_role(view: ArticleView, speaker: Entity, before: int) -> Entity | None:
    """The office the article last gave `speaker` before offset `before`."""
    role = None
    for lm in view.mentions:
        m = lm.mention
        if m.kind != "office" or lm.entity is None or m.start >= before or m.holder_span is None:
            continue
        if view.entity_for_span(m.holder_span) == speaker:
            role = lm.entity
    return role


def _title_antecedent(view: ArticleView, office: LinkedMention) -> tuple[Entity | None, Entity | None]:
    """"The ambassador" -> the person introduced earlier with an ambassador title, and that title."""
    found: tuple[Entity | None, Entity | None] = (None, None)
    for lm in view.mentions:
        m = lm.mention
        if m.start >= office.mention.start:
            break
        if m.kind == "office" and m.holder_span is not None and m.lookup == office.mention.lookup:
            holder = view.entity_for_span(m.holder_span)
            if holder is not None and holder.kind == "person":
                found = (holder, lm.entity)
    return found


def _last_person_before(view: ArticleView, before: int, sentence: int) -> Entity | None:
    """"He"/"she": the last person named before, outside quotes, at most two sentences back,
    provided only one person is named in that stretch (otherwise the pronoun is ambiguous)."""
    quotes = [(q.start, q.end) for q in view.analysis.quotes if q.quote_type == "direct"]
    people: list[Entity] = []
    for lm in view.mentions:
        m = lm.mention
        if m.start >= before:
            break
        if (
            m.kind == "person"
            and lm.entity is not None
            and sentence - 2 <= m.sentence
            and not any(a <= m.start < b for a, b in quotes)
        ):
            if lm.entity not in people:
                people.append(lm.entity)
    return people[0] if len(people) == 1 else None


def _span_head(view: ArticleView, start: int, end: int):
    """The syntactic head of a text span: its token whose head lies outside the span."""
    toks = view.tokens_in(start, end)
    inside = {t.i for t in toks}
    for t in toks:
        if t.head not in inside or t.head == t.i:
            return t
    return None


def _resolve_speaker(
    view: ArticleView, q: QuoteCandidate, previous: list[tuple[int, Entity]]
) -> tuple[Entity | None, Entity | None, str | None]:
    """(speaker, role, note); note explains a statement left unattributed."""
    if q.speaker_span is None:
        if q.quote_type == "direct" and not q.cue and previous and q.sentence - previous[-1][0] <= 1:
            # A quote standing alone right after an attributed statement continues it (news
            # style: `X said on Monday. "..."`); further away, nobody can tell who speaks.
            speaker = previous[-1][1]
            return speaker, _office_role(view, speaker, q.start) if speaker.kind == "person" else None, None
        return None, None, "no speaker given in the text"
    start, end = q.speaker_span
    inside = view.mentions_in(start, end)
    offices = [lm for lm in inside if lm.mention.kind == "office"]
    actors = [lm for lm in inside if lm.entity is not None and lm.entity.kind in _SPEAKER_KINDS and lm.mention.kind != "office"]
    head = _span_head(view, start, end)
    # The speaker is the actor the subject phrase is about (its head), not any name inside it:
    # in "Hillary Clinton's campaign manager Robby Mook" it is Mook, in "the Clinton campaign"
    # it is nobody we can name.
    at_head = [lm for lm in actors if head is not None and lm.mention.start <= head.idx < lm.mention.end]
    if at_head:
        speaker = at_head[-1].entity
        assert speaker is not None
        role = None
        for off in offices:
            if off.mention.holder_span is not None and view.entity_for_span(off.mention.holder_span) == speaker:
                role = off.entity
        if role is None and speaker.kind == "person":
            role = _office_role(view, speaker, max(q.start, end))
        return speaker, role, None
    head_is_title = head is not None and any(o.mention.start <= head.idx < o.mention.end for o in offices)
    if actors and not head_is_title:
        return None, None, f"speaker {view.text[start:end]!r} is a group or role around {actors[-1].mention.text!r}, not a named actor"
    if offices:
        # "a State Department spokesperson, Morgan Ortagus,": the title's own holder first, else
        # the person the article introduced earlier with that title ("The ambassador").
        title = offices[0]
        holder = view.entity_for_span(title.mention.holder_span) if title.mention.holder_span else None
        if holder is not None and holder.kind == "person":
            return holder, title.entity, None
        holder, role = _title_antecedent(view, title)
        if holder is not None:
            return holder, title.entity or role, None
        return None, None, f"speaker {view.text[start:end]!r} names a role but no person it refers to"
    words = view.text[start:end].lower().split()
    if words and (words[-1] in _PRONOUNS or words[-1] in _DOC_NOUNS):
        speaker = None
        if previous and q.sentence - previous[-1][0] <= 2:
            speaker = previous[-1][1]
        elif words[-1] in {"he", "she", "him", "her"}:
            speaker = _last_person_before(view, start, q.sentence)
        if speaker is not None:
            return speaker, _office_role(view, speaker, q.start) if speaker.kind == "person" else None, None
        return None, None, f"speaker {view.text[start:end]!r} has no antecedent in the two sentences before"
    return None, None, f"speaker {view.text[start:end]!r} is not a named actor"


def _where_when(view: ArticleView, q: QuoteCandidate) -> tuple[Entity | None, object, Entity | None]:
    """Place, date and medium attached to the cue verb (outside the content)."""
    if q.cue_span is None:
        return None, None, None
    cue = view.token_at(q.cue_span[0])
    if cue is None:
        return None, None, None
    place = medium = None
    date = None
    content = range(q.start, q.end)
    published = view.document.date
    for prep in view.children.get(cue.i, []):
        if prep.dep != "prep" or prep.idx in content:
            continue
        sub = view.subtree(prep)
        span = view.span_of(sub)
        if prep.text.lower() == "on" or prep.text.lower() == "in":
            for lm in view.dates_in(sub):
                date = date or resolve_date(lm.mention.text, published)
        if prep.text.lower() in {"in", "at"}:
            places = [lm for lm in view.mentions_in(*span) if lm.entity is not None and lm.entity.kind in {"place", "country"}]
            pobj = [c for c in view.children.get(prep.i, []) if c.dep == "pobj"]
            if places and pobj and view.token_at(places[0].mention.start) in sub and pobj[0].lemma.lower() not in _MEDIUM_HEADS:
                place = place or places[0].entity
        # "in an interview with TASS", "in a post on Telegram", "told TASS"
        orgs = [lm for lm in view.mentions_in(*span) if lm.entity is not None and lm.entity.kind == "organization"]
        heads = {t.lemma.lower() for t in sub}
        if orgs and (heads & _MEDIUM_HEADS or prep.text.lower() in _MEDIUM_PREPS):
            medium = medium or orgs[-1].entity
    for child in view.children.get(cue.i, []):
        if child.dep in {"dobj", "dative"} and child.idx not in content:
            orgs = view.mentions_in(*view.span_of(view.subtree(child)), kinds={"organization"})
            if orgs:
                medium = medium or orgs[0].entity
        if child.dep == "npadvmod" and child.idx not in content:
            for lm in view.dates_in(view.subtree(child)):
                date = date or resolve_date(lm.mention.text, published)
    return place, date, medium


def extract_statements(view: ArticleView) -> tuple[list[Statement], list[str]]:
    statements: list[Statement] = []
    notes: list[str] = []
    previous: list[tuple[int, Entity]] = []
    for q in view.analysis.quotes:
        speaker, role, note = _resolve_speaker(view, q, previous)
        if speaker is not None:
            previous.append((q.sentence, speaker))
        else:
            notes.append(f"unattributed statement at {q.start}-{q.end}: {note}")
        place, date, medium = _where_when(view, q)
        about: list[Entity] = []
        for lm in view.mentions_in(q.start, q.end):
            ent = lm.entity
            if ent is not None and ent != speaker and ent not in about and lm.mention.kind != "date":
                about.append(ent)
        statements.append(
            Statement(
                speaker=speaker,
                content=q.content,
                quote_type=q.quote_type,
                cue=q.cue or "unknown",
                start=q.start,
                end=q.end,
                speaker_role=role if role is not None and role.kind == "office" else None,
                place=place,
                date=date,  # type: ignore[arg-type]
                medium=medium,
                about=tuple(about),
            )
        )
    return statements, notes
