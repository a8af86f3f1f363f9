"""Where, when and through which outlet a statement was made.

Input: an `ArticleView` and one `QuoteCandidate` (its cue verb and content span). Output:
`Circumstances` (place, date, medium), each only when the text supports it:
- the modifiers of the cue verb and of the verbs that frame it in its own sentence: "On Friday,
  Trump declared an emergency, claiming ..." (the cue hangs from "declared"), "posted a message
  on Facebook on Friday announcing ...", "was met with applause early today upon announcing ...",
  "During an interview on Wednesday, Sanders called ...", "By Sunday afternoon, Pierluisi said";
- a participle clause on the cue ("Speaking at a press conference in Ankara, Erdogan told ...")
  or on its subject ("The opinion, released on Wednesday, read ...");
- never from inside the content, or from a clause that reports something else.
A statement that continues the one before by the same speaker ("he added", "also said",
"continued") is made on the same occasion: what it does not say itself it takes from that one
(`carry_over`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from kg.extract.dates import resolve_date
from kg.extract.view import ArticleView
from kg.model import Entity, LinkedMention, QuoteCandidate, Token

#: How a cue verb may hang from the verb that frames the speech act in its sentence.
_FRAMING_DEPS = {"advcl", "xcomp", "conj", "pcomp", "prep", "acl", "relcl"}
#: Prepositions that put a statement in time ("on Friday", "by Sunday afternoon", "during the
#: debate on Wednesday") or at a place ("in Ankara", "at a rally in Tulsa").
_TIME_PREPS = {"on", "in", "by", "during", "at", "early", "late", "earlier", "later"}
_PLACE_PREPS = {"in", "at"}
_MEDIUM_PREPS = {"with", "to", "on", "via", "in"}
#: What a statement can be made in, which is then no place ("in an interview with CNN").
MEDIUM_HEADS = {"interview", "statement", "post", "video", "address", "broadcast", "op-ed", "article",
                "podcast", "livestream", "stream", "message", "tweet", "show", "programme", "program",
                "column", "letter", "appearance", "press", "conference", "briefing", "speech"}
#: Cues that go on with the statement before.
_CONTINUING_CUES = {"add", "continue", "conclude", "reiterate", "elaborate"}


@dataclass(frozen=True)
class Circumstances:
    place: Entity | None = None
    date: dt.date | None = None
    medium: Entity | None = None


def _framing_verbs(view: ArticleView, cue: Token) -> list[Token]:
    """The cue, then the verbs it hangs from in its sentence, nearest first."""
    chain = [cue]
    t = cue
    while t.dep in _FRAMING_DEPS and t.head != t.i:
        head = view.head(t)
        if head.sent != cue.sent:
            break
        chain.append(head)
        t = head
    return chain


def _outside(toks: list[Token], content: range) -> bool:
    return not any(t.idx in content for t in toks)


def _modifiers(view: ArticleView, verb: Token, content: range, skip: Token | None) -> list[list[Token]]:
    """Subtrees of `verb`'s adverbial modifiers (prepositions, bare noun phrases of time, adverbs)
    that do not reach into the content nor lead down to `skip` (the next verb of the chain)."""
    out = []
    for child in view.children.get(verb.i, []):
        if child.dep not in {"prep", "npadvmod", "advmod", "tmod", "agent"} or child.idx in content:
            continue
        sub = view.subtree(child)
        if skip is not None and skip in sub:
            # "upon announcing ...": only the preposition's own words, not the clause below it.
            sub = [child]
        if _outside(sub, content):
            out.append(sub)
    return out


def _addressee(view: ArticleView, lm: LinkedMention, sub: list[Token], inside: set[int]) -> bool:
    """Whether an organisation inside a modifier is whom a document was addressed to ("in a
    letter to House Democrats"), not the outlet that carried it: its nearest preposition is "to"
    below a word other than the cue's own modifier (`inside`: the indexes of `sub`'s tokens)."""
    tok = view.token_at(lm.mention.start)
    while tok is not None and tok.i in inside and tok.head != tok.i:
        if tok.dep == "prep":
            return tok.text.lower() == "to" and tok.i != sub[0].i
        tok = view.head(tok)
    return False


def where_when(view: ArticleView, q: QuoteCandidate) -> Circumstances:
    """Place, date and medium of the statement `q` (rules in the module docstring)."""
    if q.cue_span is None:
        return Circumstances()
    cue = view.token_at(q.cue_span[0])
    if cue is None:
        return Circumstances()
    content = range(q.start, q.end)
    published = view.document.date
    chain = _framing_verbs(view, cue)
    place: Entity | None = None
    date: dt.date | None = None
    medium: Entity | None = None
    groups: list[list[Token]] = []
    for k, verb in enumerate(chain):
        groups.extend(_modifiers(view, verb, content, chain[k - 1] if k else None))
    # A participle clause on the cue: "Speaking at a press conference in Ankara, Erdogan told ...".
    for clause in (c for c in view.children.get(cue.i, []) if c.dep == "advcl" and c.idx not in content):
        groups.extend(_modifiers(view, clause, content, None))
    # A participle on the cue's subject: "The opinion of the Court, released on Wednesday, read".
    for subj in (c for c in view.children.get(cue.i, []) if c.dep in {"nsubj", "nsubjpass"}):
        for acl in (c for c in view.children.get(subj.i, []) if c.dep == "acl"):
            groups.extend(_modifiers(view, acl, content, None))
    for sub in groups:
        inside = {t.i for t in sub}
        head = next((t for t in sub if t.dep in {"prep", "agent"} and t.head not in inside), None)
        prep = head.text.lower() if head is not None else ""
        if date is None and (prep in _TIME_PREPS or not prep):
            for lm in view.dates_in(sub):
                date = resolve_date(lm.mention.text, published)
                if date is not None:
                    break
        span = view.span_of(sub)
        nouns = {t.lemma.lower() for t in sub if t.pos in {"NOUN", "PROPN"}}
        medium_words = nouns & MEDIUM_HEADS
        orgs = [lm for lm in view.mentions_in(*span) if lm.entity is not None and lm.entity.kind == "organization"
                and not _addressee(view, lm, sub, inside)]
        if medium is None and orgs and (medium_words or prep in _MEDIUM_PREPS - {"in"}):
            medium = orgs[-1].entity
        if place is None and prep in _PLACE_PREPS:
            places = [lm for lm in view.mentions_in(*span) if lm.entity is not None
                      and lm.entity.kind in {"place", "country"}]
            first = view.token_at(places[0].mention.start) if places else None
            pobj = [c for c in view.children.get(head.i, []) if c.dep == "pobj"] if head is not None else []
            # "in an interview with CNN in Moscow" is in Moscow; "in an interview" alone is no place.
            if places and first is not None and pobj and (pobj[0].lemma.lower() not in MEDIUM_HEADS or first != pobj[0]):
                place = places[0].entity
    # "told Reuters", "told the Military Times"; "posted a message on Facebook announcing ..."
    for k, verb in enumerate(chain):
        for child in view.children.get(verb.i, []):
            if medium is not None or child.dep not in {"dobj", "dative"} or child.idx in content:
                continue
            sub = view.subtree(child)
            if not _outside(sub, content) or (k and chain[k - 1] in sub):
                continue
            orgs = view.mentions_in(*view.span_of(sub), kinds={"organization"})
            if orgs and (verb is cue or {t.lemma.lower() for t in sub} & MEDIUM_HEADS):
                medium = orgs[0].entity
    return Circumstances(place=place, date=date, medium=medium)


def continues(view: ArticleView, q: QuoteCandidate) -> bool:
    """Whether `q` goes on with the statement before it ("he added", "also said", "continued")."""
    if q.cue_span is None:
        return False
    cue = view.token_at(q.cue_span[0])
    if cue is None:
        return False
    if cue.lemma.lower() in _CONTINUING_CUES:
        return True
    return any(c.lower() == "also" for c in (t.text for t in view.children.get(cue.i, []) if t.dep == "advmod"))


def carry_over(own: Circumstances, previous: Circumstances) -> Circumstances:
    """What a continuing statement does not say itself, it takes from the one it continues."""
    return replace(own, place=own.place or previous.place, date=own.date or previous.date,
                   medium=own.medium or previous.medium)
