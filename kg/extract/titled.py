"""Titles the NLP stage left without a holder: who holds them, and what office they name.

Input: an `ArticleView`. Output: `TitledPerson`s, each a person entity, an office entity and the
status the wording gives, found by these rules (each only where the NLP stage's office mention,
if any, has no holder):

- a title right before a name that the title finder does not know ("Police spokesman Mariusz
  Ciarka", "Opposition leader Jeremy Corbyn", "Chinese University political scientist Ma Ngok");
- a title complemented before the name ("United States Senator from Vermont Bernie Sanders",
  "Minister of Economy Richard Sulik");
- coordinated titles before one name: each one is held ("Conservative Party leader and Prime
  Minister Boris Johnson");
- apposition either way round ("Delfin Lorenzana, the Defence Secretary,"; "the Archbishop of
  Gdansk, Slawoj Glodz,"; "The Labour Party's leader, Jeremy Corbyn");
- predication: "X is/was T", "X, who is T", "X served as T", "X was sworn in as T", "appointed X
  as T". A past tense ("was", "served") makes the holding former, as the gold guidelines read
  "was the deputy commander".

An office the NLP stage did not find is NIL, labelled by the title as written, minus party
adjectives and articles ("the Republican Senate Majority Leader" -> "Senate Majority Leader").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kg.extract.view import ArticleView
from kg.lexicon import STATUS_MODIFIERS
from kg.model import Entity, HoldingStatus, LinkedMention, Token
from kg.slugs import slugify

#: Head nouns of titles, political and private; a word here is a title only next to a name or
#: in a predicate about a person.
TITLE_HEADS = frozenset({
    "adviser", "advisor", "ambassador", "analyst", "archbishop", "attorney", "bishop", "ceo", "chair",
    "chairman", "chairperson", "chairwoman", "chancellor", "chief", "commandant", "commander",
    "commissioner", "congressman", "congresswoman", "correspondent", "counsel", "director", "economist",
    "editor", "emir", "envoy", "executive", "governor", "head", "judge", "justice", "king", "lawyer", "leader",
    "mayor", "minister", "mp", "officer", "pope", "premier", "president", "professor", "prosecutor",
    "queen", "reporter", "representative", "scientist", "secretary", "senator", "sheriff", "speaker",
    "spokesman", "spokesperson", "spokeswoman", "superintendent", "taoiseach", "treasurer",
})
#: Verbs whose "as T" gives the subject (or, for appoint-type verbs, the object) an office.
_AS_VERBS = {"serve", "swear", "appoint", "name", "nominate", "elect", "install", "choose", "select",
             "confirm", "designate", "work", "act", "remain", "continue", "return"}
#: Appoint-type verbs: "Rossello appointed Pierluisi as secretary of state" -> the object holds it.
_GIVING_VERBS = {"appoint", "name", "nominate", "elect", "install", "choose", "select", "designate", "confirm"}
_PARTY_WORDS = {"democratic", "republican", "conservative", "labour", "liberal", "socialist", "green"}
_LEADING_DROP = {"the", "a", "an", "his", "her", "their", "its", "our", "my"}
_COMPLEMENT_PREPS = {"of", "for", "from"}
#: Military and police ranks between a post and the name: "Commandant Admiral Elson Hermogino".
_RANKS = {"admiral", "general", "gen", "colonel", "col", "major", "maj", "captain", "capt", "lieutenant", "lt",
          "commander", "cmdr", "brigadier", "marshal", "sergeant", "sgt"}
_TITLE_PREFIXES = {"chief", "deputy", "vice", "assistant", "senior", "principal"}
_RANKING = {"first", "second", "third", "last", "only", "next", "youngest", "oldest", "longest-serving"}


@dataclass(frozen=True)
class TitledPerson:
    holder: Entity
    office: Entity
    status: HoldingStatus
    start: int  # the evidence: the title's span
    end: int


def _status_of(words: list[str], default: HoldingStatus = "current") -> HoldingStatus:
    for w in words:
        for part in w.lower().split("-"):  # "now-former", "then-"
            status = STATUS_MODIFIERS.get(part)
            if status in {"former", "acting", "incoming"}:
                return status  # type: ignore[return-value]
    return default


def _is_status_word(text: str) -> bool:
    parts = [p for p in text.lower().split("-") if p]
    return text == "-" or (bool(parts) and all(p in STATUS_MODIFIERS or p == "now" for p in parts))


class _People:
    """Person mentions by first and last token, and the office mentions by token."""

    def __init__(self, view: ArticleView) -> None:
        self.by_first: dict[int, LinkedMention] = {}
        self.by_token: dict[int, LinkedMention] = {}
        self.office_at: dict[int, LinkedMention] = {}
        for lm in view.mentions:
            m = lm.mention
            toks = view.tokens_in(m.start, m.end)
            if not toks or lm.entity is None:
                continue
            if m.kind == "person" and lm.entity.kind == "person":
                self.by_first.setdefault(toks[0].i, lm)
                for t in toks:
                    self.by_token.setdefault(t.i, lm)
            elif m.kind == "office":
                for t in toks:
                    self.office_at.setdefault(t.i, lm)

    def person_of(self, tok: Token) -> LinkedMention | None:
        return self.by_token.get(tok.i)


def _title_phrase(view: ArticleView, head: Token, people: _People) -> tuple[int, int, str, HoldingStatus]:
    """The title's tokens: the head noun's left modifiers and its "of/for" complement, without
    articles, possessors, party adjectives, names and status words (which give the status)."""
    toks = view.tokens
    left = head.i
    status_words: list[str] = []
    # Left: contiguous modifiers in the head's subtree.
    sub = {t.i for t in view.subtree(head)}
    j = head.i - 1
    while j >= 0 and j in sub:
        t = toks[j]
        low = t.text.lower()
        if low in _LEADING_DROP or t.dep == "poss" or t.tag == "POS" or people.person_of(t) is not None:
            break
        if _is_status_word(low):
            status_words.append(low)
            j -= 1
            continue
        if low in _RANKING or re.fullmatch(r"\d+(?:st|nd|rd|th)", low) or t.tag == "JJS":
            break  # "the country's first president": the ordinal ranks the holder, not the office
        # "the Republican Senate Majority Leader": the party is no part of the office; "Conservative
        # Party leader" keeps it.
        if low in _PARTY_WORDS and toks[j + 1].text.lower() != "party":
            break
        left = j
        j -= 1
    # "Hong Kong Chief Executive": the parser may leave "Chief" and the place out of the subtree.
    while j >= 0 and (toks[j].text.lower() in _TITLE_PREFIXES or (toks[j].ent_type in {"GPE", "NORP", "ORG"}
                      and toks[j].text[:1].isupper() and people.person_of(toks[j]) is None)) \
            and toks[j].text.lower() not in _LEADING_DROP | _PARTY_WORDS and toks[j].tag != "POS":
        left = j
        j -= 1
    # Status words further left ("former Interior Minister", "then-prime-minister").
    while j >= 0 and _is_status_word(toks[j].text):
        status_words.append(toks[j].text.lower())
        j -= 1
    # Drop status words caught inside the title ("the current prime minister").
    while left < head.i and _is_status_word(toks[left].text):
        status_words.append(toks[left].text.lower())
        left += 1
    right = head.i
    for c in view.children.get(head.i, []):
        if c.dep == "prep" and c.text.lower() in {"of", "for"} and c.i == head.i + 1:
            obj = view.subtree(c)
            if not any(people.person_of(t) for t in obj):
                right = obj[-1].i
    start = toks[left].idx
    end = toks[right].idx + len(toks[right].text)
    label = " ".join(view.text[start:end].split()).strip(" ,")
    return start, end, label, _status_of(status_words)


def _is_complement(view: ArticleView, tok: Token) -> bool:
    """"Justice" in "Secretary of Justice": the object of a title's "of/for", not a title."""
    if tok.i < 2:
        return False
    prep = view.tokens[tok.i - 1]
    return prep.text.lower() in {"of", "for"} and _is_title_head(view.tokens[tok.i - 2])


def _nil_office(label: str) -> Entity:
    return Entity(key=f"office/{slugify(label)}", kind="office", label=label)


def _is_title_head(tok: Token) -> bool:
    return tok.pos in {"NOUN", "PROPN"} and tok.text.lower().rstrip(".") in TITLE_HEADS


def _office_for(view: ArticleView, head: Token, people: _People,
                right: Token | None = None) -> tuple[Entity, int, int, HoldingStatus] | None:
    """The office a title head names: the NLP stage's mention when it found one (its linked
    entity), otherwise a NIL office labelled by the title phrase (through `right` when given:
    "Minister of Economy")."""
    start, end, label, status = _title_phrase(view, head, people)
    if right is not None and right.idx + len(right.text) > end:
        end = right.idx + len(right.text)
        label = " ".join(view.text[start:end].split())
    lm = people.office_at.get(head.i)
    if lm is not None and lm.entity is not None:
        if lm.mention.holder_span is not None:
            return None  # the NLP stage attached it; kg.extract.holdings reads it
        mod = lm.mention.modifier
        status = status if status != "current" else (mod if mod in {"former", "acting", "incoming"} else "current")
        office = lm.entity
        # "Minister of Economy": the title finder stopped at "Minister"; name the office fully.
        if office.qid is None and end > lm.mention.end and not lm.mention.jurisdiction_span:
            office = _nil_office(label)
        return office, min(start, lm.mention.start), max(end, lm.mention.end), status
    if not label or len(label.split()) > 8:
        return None
    return _nil_office(label), start, end, status


def _predicate_holder(view: ArticleView, head: Token, people: _People) -> tuple[Entity, HoldingStatus] | None:
    """"X was T", "X, who is T", "X served as T", "X was sworn in as T", "appointed X as T"."""
    verb = None
    # "Trump was the first president to ...": a description, not a holding.
    if any(c.tag == "JJS" or c.text.lower() in _RANKING for c in view.children.get(head.i, [])):
        return None
    if head.dep == "attr":
        verb = view.head(head)
        if verb.lemma.lower() != "be" and verb.lemma.lower() != "become":
            return None
    elif head.dep == "pobj" and view.head(head).text.lower() == "as":
        verb = view.head(view.head(head))
        if verb.lemma.lower() not in _AS_VERBS:
            return None
    if verb is None:
        return None
    kids = view.children.get(verb.i, [])
    subj = next((c for c in kids if c.dep in {"nsubj", "nsubjpass"}), None)
    lemma = verb.lemma.lower()
    if lemma in _GIVING_VERBS and not any(c.dep == "nsubjpass" for c in kids):
        subj = next((c for c in kids if c.dep == "dobj"), None)
    if subj is None:
        return None
    if subj.text.lower() in {"who", "that"} and verb.dep == "relcl":
        subj = view.head(verb)  # "Chirac, who served as president": the relative's antecedent
    person = people.person_of(subj)
    if person is None or person.entity is None:
        return None
    past = verb.tag in {"VBD", "VBN"} or any(c.tag == "VBD" and c.dep in {"aux", "auxpass"} for c in kids)
    if lemma in {"swear", "become"} | _GIVING_VERBS:
        status: HoldingStatus = "current" if lemma in {"swear", "become"} else "incoming"
    else:
        status = "former" if past else "current"
    return person.entity, status


def _past_complement(toks: Sequence[Token], tok: Token) -> int:
    """The index right after title `tok` and its own capitalised complement ("Archbishop of
    Gdansk", "Minister for Finance"; at most six words)."""
    k = tok.i + 1
    if k < len(toks) and toks[k].text.lower() in {"of", "for"}:
        k += 1
        while k < len(toks) and toks[k].text[:1].isupper() and k - tok.i <= 6:
            k += 1
    return k


def find_titled_people(view: ArticleView) -> list[TitledPerson]:
    people = _People(view)
    toks = view.tokens
    out: list[TitledPerson] = []
    # Holders found per title head, for coordinated titles ("T1 and T2 Name").
    holder_at: dict[int, tuple[Entity, HoldingStatus]] = {}

    def add(head: Token, holder: Entity, status: HoldingStatus | None = None, right: Token | None = None) -> None:
        found = _office_for(view, head, people, right)
        if found is None:
            return
        office, start, end, title_status = found
        st = title_status if title_status != "current" or status is None else status
        holder_at[head.i] = (holder, st)
        out.append(TitledPerson(holder, office, st, start, end))

    for tok in toks:
        if not _is_title_head(tok) or people.person_of(tok) is not None or _is_complement(view, tok):
            continue
        nxt = toks[tok.i + 1] if tok.i + 1 < len(toks) else None
        # A title right before a name: "Police spokesman Mariusz Ciarka" (not "Chief" before a name
        # the NER ran into another title, "Superintendent Graciano").
        if nxt is not None and nxt.i in people.by_first and nxt.sent == tok.sent and not _is_title_head(nxt):
            add(tok, people.by_first[nxt.i].entity)  # type: ignore[arg-type]
            continue
        # A complement between title and name: "Senator from Vermont Bernie Sanders".
        if nxt is not None and nxt.text.lower() in _COMPLEMENT_PREPS:
            k = nxt.i + 1
            while (k < len(toks) and k - nxt.i <= 6 and toks[k].text[:1].isupper() and k not in people.by_first
                   and not (_is_title_head(toks[k]) and nxt.text.lower() != "of")):
                k += 1  # "spokesperson for President Rodrigo Duterte": the run stops at a title
            if k < len(toks) and k > nxt.i + 1 and k in people.by_first and toks[k].sent == tok.sent:
                if nxt.text.lower() == "from":
                    lm = people.office_at.get(tok.i)
                    if lm is not None and lm.entity is not None and lm.mention.holder_span is None:
                        holder_at[tok.i] = (people.by_first[k].entity, "current")  # type: ignore[assignment]
                        out.append(TitledPerson(people.by_first[k].entity, lm.entity,  # type: ignore[arg-type]
                                                _status_of([lm.mention.modifier or ""]),
                                                lm.mention.start, toks[k - 1].idx + len(toks[k - 1].text)))
                    continue
                add(tok, people.by_first[k].entity, right=toks[k - 1])  # type: ignore[arg-type]
                continue
        # Apposition: "Delfin Lorenzana, the Defence Secretary"; "the leader, Jeremy Corbyn".
        if tok.dep == "appos":
            person = people.person_of(view.head(tok))
            if person is not None and toks[tok.i - 1].text != "(":
                add(tok, person.entity)  # type: ignore[arg-type]
                continue
        apposed = [people.person_of(c) for c in view.children.get(tok.i, []) if c.dep == "appos" and people.person_of(c)]
        if apposed:
            first = view.token_at(apposed[0].mention.start)  # type: ignore[union-attr]
            if first is not None and first.i > 0 and toks[first.i - 1].text == ",":
                add(tok, apposed[0].entity)  # type: ignore[union-attr, arg-type]
                continue
        # Surface apposition where the parse has none: "The Labour Party's leader, Jeremy Corbyn";
        # "the Archbishop of Gdansk, Slawoj Leszek Glodz".
        k = _past_complement(toks, tok)
        before = _title_phrase(view, tok, people)[0]
        first_tok = view.token_at(before)
        lead = toks[first_tok.i - 1].text.lower() if first_tok is not None and first_tok.i > 0 else ""
        if (k + 1 < len(toks) and toks[k].text == "," and k + 1 in people.by_first
                and lead in {"the", "'s", "\u2019s", "his", "her", "its", "their", "a", "an"}):
            add(tok, people.by_first[k + 1].entity, right=toks[k - 1] if k > tok.i + 1 else None)  # type: ignore[arg-type]
            continue
        # A title before another title with its holder: "AU chairperson President Abdel el-Sisi",
        # or before a rank: "Coast Guard Commandant Admiral Elson Hermogino".
        if nxt is not None and nxt.sent == tok.sent:
            other = people.office_at.get(nxt.i)
            if other is not None and other.mention.holder_span is not None and people.office_at.get(tok.i) is None:
                holder = view.entity_for_span(other.mention.holder_span)
                if holder is not None and holder.kind == "person":
                    add(tok, holder)
                    continue
            after = toks[nxt.i + 1] if nxt.i + 1 < len(toks) else None
            if nxt.text.lower().rstrip(".") in _RANKS and after is not None and after.i in people.by_first:
                add(tok, people.by_first[after.i].entity)  # type: ignore[arg-type]
                continue
        pred = _predicate_holder(view, tok, people)
        if pred is not None:
            add(tok, pred[0], pred[1])
            # "was chairman and CEO of Massey Energy": each conjoined title is held.
            for c in view.children.get(tok.i, []):
                if c.dep == "conj" and _is_title_head(c):
                    add(c, pred[0], pred[1])

    # Coordinated titles: "Conservative Party leader and Prime Minister Boris Johnson".
    for tok in toks:
        if not _is_title_head(tok) or tok.i in holder_at:
            continue
        k = _past_complement(toks, tok)  # "Deputy Prime Minister for Finance and ..."
        if k + 1 >= len(toks) or toks[k].text.lower() != "and":
            continue
        later = next((h for h in range(k + 1, min(k + 8, len(toks))) if h in holder_at), None)
        if later is None or any(toks[x].i in people.by_first for x in range(k + 1, later)):
            continue
        lm = people.office_at.get(tok.i)
        if lm is not None and lm.mention.holder_span is not None:
            continue
        holder, _ = holder_at[later]
        add(tok, holder)
    return out


def coordinated_with_attached(view: ArticleView, found: list[TitledPerson]) -> list[TitledPerson]:
    """Coordination where the later title is the NLP stage's: "Conservative Party leader and Prime
    Minister Boris Johnson" gives the leader title Johnson too."""
    people = _People(view)
    toks = view.tokens
    taken = {(t.start, t.end) for t in found}
    out: list[TitledPerson] = []
    for lm in view.mentions:
        m = lm.mention
        if m.kind != "office" or m.holder_span is None or lm.entity is None:
            continue
        holder = view.entity_for_span(m.holder_span)
        if holder is None or holder.kind != "person":
            continue
        first = view.tokens_in(m.start, m.end)
        if not first or first[0].i < 2 or toks[first[0].i - 1].text.lower() != "and":
            continue
        j = first[0].i - 2
        # Walk back over an "of/for X" complement to the earlier title's head.
        k = j
        while k > 0 and toks[k].text[:1].isupper() and toks[k].text.lower() not in TITLE_HEADS and j - k < 5:
            k -= 1
        if k != j and toks[k].text.lower() in {"of", "for"}:
            k -= 1
        head = toks[k]
        if not _is_title_head(head) or people.person_of(head) is not None:
            continue
        other = people.office_at.get(head.i)
        if other is not None and other.mention.holder_span is not None:
            continue
        got = _office_for(view, head, people)
        if got is None or (got[1], got[2]) in taken:
            continue
        office, start, end, status = got
        out.append(TitledPerson(holder, office, status, start, end))
    return out
