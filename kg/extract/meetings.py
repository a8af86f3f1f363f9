"""Meetings: talks, summits, calls and visits between actors.

Input: an `ArticleView`. Output: `Meeting`s, one per (place, date, status): "talks in Istanbul on
Feb. 27 and April 10" are two meetings. Participants come from the clause structure (the subject
of "hold/meet", "between X and Y", "X and Y delegations", "with X"), never from every name in the
sentence; talks referred to as "the talks"/"the sides" inherit the participants of the talks the
article described before. A meeting needs a place, a date, two participants of "meet", or two
participants named with it ("he attended a summit with President Macron": the subject and the
"with" phrase; a "he"/"she" subject is the person last named before it). A meeting is between
actors: one known participant is not enough ("the final session" of one parliament is none).
"""

from __future__ import annotations

import datetime as dt

from kg.extract.dates import resolve_dates
from kg.extract.view import ArticleView
from kg.lexicon import MEETING_NOUNS, MEETING_VERBS
from kg.model import Entity, Meeting, Token

_ACTOR_KINDS = {"person", "country", "organization"}
_FUTURE_WORDS = {"will", "would", "next", "future", "upcoming", "expect", "plan", "schedule", "propose", "soon", "shall"}
_TOPIC_PREPS = {"on", "about", "over"}
_TOPIC_VERBS = {"focus", "center", "centre", "discuss", "concentrate", "address", "cover"}
_PERSONAL_PRONOUNS = {"he", "she"}


def _pronoun_person(view: ArticleView, tok: Token) -> Entity | None:
    """"He" as a subject: the person last named as a subject before it, in its sentence or the
    one before (not "COVID-19" that the NER took for a name in an object)."""
    best = None
    for lm in view.mentions:
        m = lm.mention
        if m.start >= tok.idx:
            break
        if (lm.entity is None or lm.entity.kind != "person" or m.kind != "person"
                or not tok.sent - 1 <= m.sentence <= tok.sent):
            continue
        head = view.token_at(m.end - 1)
        if head is not None and head.dep in {"nsubj", "nsubjpass"} and not any(ch.isdigit() for ch in m.text):
            best = lm.entity
    return best


def _clause_root(view: ArticleView, tok: Token) -> Token:
    t = tok
    for anc in view.ancestors(tok):
        t = anc
        if anc.pos in {"VERB", "AUX"}:
            return anc
    return t


def _np_core(view: ArticleView, tok: Token, of_phrases: bool = False) -> list[Token]:
    """A noun phrase without its clauses and prepositional phrases, conjuncts included: "the U.S.
    and Russia" but not "... discussions that focused on peace efforts in Ukraine". With
    `of_phrases`, a title's "of" phrase stays: "with President of France Emmanuel Macron"."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in view.children.get(t.i, []) if c.dep not in {"relcl", "acl", "prep", "advcl", "appos"}
                     or (of_phrases and c.dep == "prep" and c.text.lower() == "of" and t.pos == "PROPN"))
    return sorted(out, key=lambda t: t.i)


def _actors_in(view: ArticleView, toks: list[Token], exclude: set[int]) -> list[Entity]:
    out: list[Entity] = []
    if not toks:
        return out
    # Only mentions on the phrase's own tokens: the span of "Khalilzad , ," also covers the
    # apposition "a US peace envoy" between them.
    own = {t.i for t in toks}
    for lm in view.mentions_in(*view.span_of(toks), kinds=_ACTOR_KINDS):
        if lm.mention.kind == "office" or lm.mention.start in exclude:
            continue
        first = view.token_at(lm.mention.start)
        if first is not None and first.i not in own:
            continue
        ent = lm.entity
        if ent is not None and ent not in out:
            out.append(ent)
    return out


def _is_trigger(view: ArticleView, tok: Token) -> bool:
    lemma = tok.lemma.lower()
    if tok.pos == "NOUN" and (lemma in MEETING_NOUNS or tok.text.lower() in MEETING_NOUNS):
        if lemma == "call" and not any(c.text.lower() == "phone" for c in view.children.get(tok.i, [])):
            return False
        if lemma == "round":
            return any(
                c.dep == "prep" and any(g.lemma.lower() in MEETING_NOUNS for g in view.children.get(c.i, []))
                for c in view.children.get(tok.i, [])
            )
        return True
    # "it was met with protests" is no meeting.
    if tok.pos != "VERB" or lemma != "meet":
        return False
    return not any(c.dep in {"auxpass", "nsubjpass"} for c in view.children.get(tok.i, []))


def _excluded_starts(view: ArticleView, sent: int) -> set[int]:
    """Mentions that cannot be participants: inside titles and statement speakers."""
    out: set[int] = set()
    for lm in view.mentions:
        m = lm.mention
        if m.sentence == sent and m.kind == "office":
            out.update(x.mention.start for x in view.mentions_in(m.start, m.end))
    for q in view.analysis.quotes:
        if q.speaker_span is not None and q.sentence == sent:
            out.update(x.mention.start for x in view.mentions_in(*q.speaker_span))
    return out


def extract_meetings(view: ArticleView) -> list[Meeting]:
    meetings: dict[tuple[str | None, dt.date | None, str], Meeting] = {}
    last_participants: tuple[Entity, ...] = ()
    published = view.document.date
    for sent_n in range(len(view.analysis.sentences)):
        toks = view.sentence_tokens(sent_n)
        triggers = [t for t in toks if _is_trigger(view, t)]
        if not triggers:
            continue
        exclude = _excluded_starts(view, sent_n)
        used_roots: set[int] = set()
        for trig in triggers:
            root = trig if trig.pos == "VERB" else _clause_root(view, trig)
            if root.i in used_roots:
                continue
            used_roots.add(root.i)
            # The meeting's own phrase ("the next round of negotiations between ...") plus the
            # prepositional phrases of its verb ("took place on Feb. 18 in Riyadh").
            head = trig
            if view.head(trig).dep == "prep" and view.head(view.head(trig)).lemma.lower() in {"round", "series"}:
                head = view.head(view.head(trig))
            phrase = view.subtree(head) if trig.pos != "VERB" else [trig]
            clause = list(phrase)
            seen = {t.i for t in clause}
            for c in view.children.get(root.i, []):
                if c.dep in {"prep", "npadvmod", "advmod"} and c.i not in seen:
                    sub = view.subtree(c)
                    clause.extend(t for t in sub if t.i not in seen)
                    seen.update(t.i for t in sub)
            clause.sort(key=lambda t: t.i)
            # Where the meeting's own place and participants attach (not "in Ukraine" deep inside
            # "peace efforts in Ukraine").
            anchors = {root.i, trig.i, head.i} | {t.i for t in phrase if t.lemma.lower() in MEETING_NOUNS}
            # Participants: subject of the verb, "between"/"with" phrases, the meet's object.
            parts: list[Entity] = []
            for c in view.children.get(root.i, []):
                if c.dep in {"nsubj", "nsubjpass"} or (root.lemma.lower() in MEETING_VERBS and c.dep == "dobj" and c.i != trig.i):
                    for e in _actors_in(view, _np_core(view, c), exclude):
                        if e not in parts:
                            parts.append(e)
                    if c.dep == "nsubj" and c.text.lower() in _PERSONAL_PRONOUNS:
                        e = _pronoun_person(view, c)
                        if e is not None and e not in parts:
                            parts.append(e)
            subject_named = bool(parts)
            for t in clause:
                if t.dep == "prep" and t.text.lower() in {"between", "with"} and t.head in anchors:
                    objs = [c for c in view.children.get(t.i, []) if c.dep == "pobj"]
                    for e in _actors_in(view, _np_core(view, objs[0], of_phrases=True) if objs else [], exclude):
                        if e not in parts:
                            parts.append(e)
            participants = tuple(p for p in parts if p.kind in _ACTOR_KINDS)
            if not participants:
                participants = last_participants
            place = None
            # "met with X, a US envoy, in Qatar": the parser hangs the place on the "with" object.
            partners = {c.i for t in clause if t.dep == "prep" and t.text.lower() in {"with", "between"}
                        and t.head in anchors for c in view.children.get(t.i, []) if c.dep == "pobj"}
            for t in clause:
                if t.dep == "prep" and t.text.lower() in {"in", "at"} and (t.head in anchors or t.head in partners):
                    sub = view.subtree(t)
                    for lm in view.mentions_in(*view.span_of(sub), kinds={"place", "country"}):
                        if lm.mention.kind != "office" and lm.mention.start not in exclude:
                            place = lm.entity
                            break
                if place is not None:
                    break
            phrase_words = {t.lemma.lower() for t in phrase} | {t.text.lower() for t in phrase}
            aux = {c.text.lower() for c in view.children.get(root.i, []) if c.dep in {"aux", "auxpass"}}
            future = (
                bool(aux & {"will", "would", "shall", "'ll", "to"})
                or root.lemma.lower() in {"expect", "plan", "schedule", "propose"}
                or view.head(root).lemma.lower() in {"expect", "plan", "schedule"}
                or bool(phrase_words & {"next", "upcoming", "future", "planned", "proposed"})
            ) and not (phrase_words & {"previous", "last", "first", "earlier"})
            status = "planned" if future else "held"
            dates: list[dt.date] = []
            for lm in view.dates_in(clause):
                for d in resolve_dates(lm.mention.text, published, future=future):
                    if d not in dates:
                        dates.append(d)
            topic = None
            for t in clause:
                if (t.dep == "prep" and t.text.lower() in _TOPIC_PREPS and view.head(t).lemma.lower() in _TOPIC_VERBS | MEETING_NOUNS) or (
                    t.lemma.lower() in {"discuss", "address"} and t.pos == "VERB"
                ):
                    objs = [c for c in view.children.get(t.i, []) if c.dep in {"pobj", "dobj"} and c.ent_type != "DATE"]
                    if objs:
                        sub = view.subtree(objs[0])
                        topic = view.text[slice(*view.span_of(sub))]
                        break
            with_phrase = any(t.dep == "prep" and t.text.lower() in {"with", "between"} and t.head in anchors
                              for t in clause)
            meets = (trig.pos == "VERB" or (subject_named and with_phrase)) and len(participants) >= 2
            if place is None and not dates and not meets:
                if participants:
                    last_participants = participants
                continue
            if participants:
                last_participants = participants
            for d in dates or [None]:
                key = (place.key if place else None, d, status)
                old = meetings.get(key)
                if old is not None:
                    merged = tuple(dict.fromkeys(old.participants + participants))
                    meetings[key] = Meeting(merged, old.status, old.start, old.end, old.place, old.date, old.topic or topic)
                else:
                    s, e = view.span_of(view.sentence_tokens(sent_n))
                    meetings[key] = Meeting(participants, status, s, e, place, d, topic)  # type: ignore[arg-type]
    # A meeting is between actors: with one known participant it is not a fact about a meeting
    # (a parliament's "final session"), and the shapes require one.
    return [m for m in meetings.values() if len(m.participants) >= 2]
