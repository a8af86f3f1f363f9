"""Who said what, as the parse shows it: direct quotes, reported speech and "according to".

Input: a parsed spaCy Doc with entities. Output: `QuoteCandidate`s with the content span, quote
type, cue lemma and the span naming the speaker (unresolved: "Darchiev", "The ambassador", "he").
Speaker resolution to entities happens later, in `kg.extract.statements`.

Rules, in order:
1. Direct quotes (paired marks, see `quote_marks`): the cue is a reporting verb outside the quote
   in the sentence where the quote ends (`"...," Darchiev said.`, `"..." said Darchiev.`) or
   starts (`Darchiev said: "..."`, `warned that "..."`); next to quote marks a wider list of verbs
   counts (`QUOTE_CUE_VERBS`: "continued", "chanted"). A quote after a colon that ends the
   paragraph before takes the main verb of that clause (`Caddell continued:`); a quote signed
   after a dash (`"..." \u2015 Name`) takes that name (a signature alone on the rest of its line
   becomes a PERSON entity when the NER missed it). A quote split around its attribution is one
   statement, also when its second part finds the same cue (`"A," he said, "B."`). A short quote
   (under four words) is direct only when laid out as an utterance: it opens its sentence and
   ends in a comma, question or exclamation mark before its cue (`"We need change," he said`);
   when the parser ends the sentence at such a quote's "?", the subject and cue that open the next
   sentence are its attribution. When the parse gives the cue no subject, a name standing alone
   between the closing mark and the cue is the speaker (`"...," Flynn, a top aide, said`).
   Short scare quotes without a cue, and quotes that are only a piece of the writer's
   sentence (`to blame for focusing on "..."`, `"..." to drive up the stock price`), are left to
   rule 2, which makes them part of a "mixed" statement; a reported clause that stops at such a
   quote runs to its closing mark, and a reporting verb inside a quote is the quoted speaker's,
   not a statement of its own. A quote that only ends a reported clause begun before it
   (`said African-Americans can "rock like Jimi" and "stir the pot"`) is "mixed" with that
   clause. A quote in title case after a preposition or possessive (`on CNN's "State of the
   Union"`) names a show or a work and is no statement. A quote continues the one before it
   only when no other statement with a subject of its own stands between them.
2. Reported speech: a reporting verb with a clausal complement ("said that ...", "warned ..."),
   "call for X", "describe X as Y", "called X Y", "accused X of Y", a topic ("complained about
   X") or an object ("cited X"); a characterisation runs on over its predicate ("dismissed X as
   Y", "blasted X for Y", "branded X Y"), short of the circumstances hung on it ("on Monday",
   "during a campaign stop"); "As X put it, ..." attributes the clause around it. Content
   containing quote marks is "mixed"; so is a direct quote announced by a reported clause
   before it (`said the plan had one goal: "..."`), which is one statement with that clause.
   Intentions and pleas report their infinitive ("promised to cut taxes", "urged voters to
   register"); "responded by saying ..." takes the subject of "responded". A reporting verb
   inside the content of another reported statement ("said she hopes ...") is part of it, not a
   statement of its own.
3. "according to X": the content is the clause the phrase attaches to; a direct quote the
   phrase opens (`According to X, "..."`) is X's. A claim noun with a possessor and a "that"
   clause (`Trump's claim that there were "thousands of shootings"`) is the possessor's.
4. Speaker labels at the start of a paragraph: a headline "Trump: Cruz Has a Long Way to Go"
   (the label must be an entity) and the turns of a quoted transcript ("PENCE: ..." and the
   quoted paragraphs after it without a label of their own), which replace the one long quote.

The speaker span is the cue's subject, never a subject inside a quote; for "X, who said" it is X
(the last member of a list "A, B and C, who said");
for a passive cue ("was asked") it is the agent ("by X") or nobody; for a cue that opens its
sentence ("Said Ellis: "..."") the name after it.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kg.lexicon import (
    AS_CUE_VERBS,
    CLAIM_NOUNS,
    CUE_PARTICLES,
    CUE_VERBS,
    INFINITIVE_CUE_VERBS,
    NAMING_VERBS,
    OBJECT_CUE_VERBS,
    QUOTE_CUE_VERBS,
    TOPIC_CUE_VERBS,
    TOPIC_PREPOSITIONS,
)
from kg.model import QuoteCandidate
from kg.nlp.doctext import doc_text
from kg.nlp.names import conjuncts
from kg.nlp.quote_marks import QuoteSpan, find_quote_spans, has_quote_mark

_SUBJ = {"nsubj", "nsubjpass"}
_CLAUSE = {"ccomp", "parataxis"}
_EXPLETIVES = {"there", "this", "that", "which", "who"}
_RELATIVES = {"who", "that", "which"}
_QUOTE_CHARS = "\"\u201c\u201d\u00ab\u00bb\u201e"
_DASHES = "\u2015\u2014\u2013"
_TRIM = " \t\n,;:\u2014\u2013-" + _QUOTE_CHARS


def _is_cue(tok: Token, quote: bool = False) -> bool:
    """A reporting verb. With `quote`, the wider list of verbs that introduce a direct quote
    ("X continued:", "the crowd chanted"), which report speech only next to quote marks."""
    lemma = _lemma(tok)
    if tok.pos_ not in {"VERB", "AUX"}:
        return False
    if lemma in INFINITIVE_CUE_VERBS and not quote and _infinitive(tok) is not None:
        return True  # "promised to cut taxes", "urged voters to register"
    if lemma in NAMING_VERBS and _naming_object(tok) is not None:
        return True  # "called climate change a hoax"
    if lemma in AS_CUE_VERBS and _object_with_predicate(tok) is not None:
        return True  # "portrayed the deal as a betrayal"
    if _as_put_it(tok):
        return True  # "as Ms. Simonyan put it"
    if not quote and (_topic_object(tok) is not None or _direct_object(tok) is not None):
        return True  # "complained about his mic", "cited derogatory comments"
    if lemma not in CUE_VERBS and not (quote and lemma in QUOTE_CUE_VERBS):
        return False
    particles = CUE_PARTICLES.get(lemma)
    if particles is None or quote:
        return True
    return any(c.lower_ in particles and c.dep_ in {"prep", "prt"} for c in tok.children)


#: Word forms the small model lemmatises wrongly ("hoping" -> "hop").
_LEMMA_FIXES = {"hoping": "hope", "hoped": "hope", "hopes": "hope"}


def _lemma(tok: Token) -> str:
    return _LEMMA_FIXES.get(tok.lower_, tok.lemma_.lower())


def _infinitive(verb: Token) -> tuple[Token, Token] | None:
    """First and last token of what an intention or plea verb reports: "to cut taxes" in
    "promised to cut taxes", "voters to register" in "urged voters to register"; None when the
    verb has no infinitive after it (or has a clause, which rule 2 reads as such)."""
    if any(c.dep_ in _CLAUSE for c in verb.children):
        return None
    comps = [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i and c.pos_ in {"VERB", "AUX"}]
    if not comps or not any(g.lower_ == "to" and g.dep_ == "aux" for g in comps[0].children):
        return None
    comp = comps[0]
    objs = [c for c in verb.children if c.dep_ in {"dobj", "dative"} and verb.i < c.i < comp.i]
    first = objs[0].left_edge if objs else comp.left_edge
    return first, comp.right_edge


def _object_with_predicate(verb: Token) -> tuple[Token, Token] | None:
    """First and last token of "X as Y" in "dismissed X as Y" / "portrayed X as Y", or of "X for
    Y" in "blasted X for Y" (a criticism or praise and what it is for), or None. The predicate
    runs on over nouns conjoined to the verb right after it ("condemned the test as "reckless"
    and a "grave threat""), which the parser hangs on the verb."""
    lemma = _lemma(verb)
    preps = {"as"} if lemma in AS_CUE_VERBS or lemma in NAMING_VERBS else set()
    if lemma in OBJECT_CUE_VERBS:
        preps = {"as", "for"}
    if not preps:
        return None
    objs = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    if not objs:
        return None
    obj = objs[0]
    after = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in preps and c.i > obj.i]
    if not after or after[0].i > obj.right_edge.i + 1:
        return None
    last = after[0].right_edge
    for c in verb.children:
        if c.dep_ in {"conj", "dobj"} and c.i > last.i and c.pos_ in {"NOUN", "PROPN", "ADJ"}:
            gap = verb.doc[last.i + 1 : c.left_edge.i]
            if any(t.dep_ == "cc" for t in gap) and all(t.dep_ == "cc" or t.is_punct for t in gap):
                last = c.right_edge
    return obj.left_edge, _before_adjunct(verb.doc, after[0], last)


#: Prepositions of the circumstances of a statement ("during a campaign stop"); "on", "in" and
#: "at" only before a name ("on The Ingraham Show", "in Flint"): "turning its back on workers"
#: is what was said.
_ADJUNCT_PREPS = {"during", "while", "after", "before", "since", "when"}
_PLACE_PREPS = {"on", "in", "at"}


def _circumstance(t: Token) -> bool:
    """Whether `t` opens a phrase telling when, where or on what occasion something was said."""
    if t.dep_ != "prep":
        return False
    if t.lower_ in _ADJUNCT_PREPS:
        return True
    objs = [c for c in t.children if c.dep_ == "pobj"]
    return t.lower_ in _PLACE_PREPS and bool(objs) and (objs[0].pos_ == "PROPN" or objs[0].ent_type_ != "")


_QUOTE_TOKENS = set(_QUOTE_CHARS) | {"''", "``"}


def _before_adjunct(doc: Doc, first: Token, last: Token) -> Token:
    """`last`, or the token before the circumstances that the parser hung on a predicate: a
    date ("as a "disgrace" Wednesday on a radio show", "as unfair on Monday"), and after the
    predicate's last quote mark a place or occasion phrase or a dash ("... "crazy system" during
    a campaign stop", "... "suburbs of St. Petersburg" — a metaphor for ...")."""
    marks = [t.i for t in doc[first.i : last.i + 1] if t.text in _QUOTE_TOKENS]
    for t in doc[(marks[-1] if marks else first.i) + 1 : last.i + 1]:
        dated = t.ent_type_ in {"DATE", "TIME"} and t.dep_ in {"npadvmod", "appos"}
        dated = dated or (t.dep_ == "prep" and any(c.ent_type_ in {"DATE", "TIME"} for c in t.children))
        if marks and (t.text in _DASHES or t.text in {";", "(", "--"} or _circumstance(t)):
            dated = True
        if dated and t.i > first.i + 1:
            k = t.i - 1
            while k > first.i and (doc[k].is_punct and doc[k].text not in _QUOTE_TOKENS):
                k -= 1
            return doc[k]
    return last


def _as_put_it(verb: Token) -> bool:
    """"As X put it, ..." / "..., as X put it": an inserted attribution of the clause around it."""
    return (
        _lemma(verb) == "put" and verb.dep_ == "advcl" and verb.head.pos_ in {"VERB", "AUX"}
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
        and any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children)
    )


def _naming_object(verb: Token) -> tuple[Token, Token] | None:
    """First and last token of "X Y" in "called X Y" (an object and its predicate), or None."""
    objs = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    if len(objs) >= 2:
        # "branded North Korea an "outlaw nation"": the parser reads both as objects
        return objs[0].left_edge, max(objs[-1].subtree, key=lambda t: t.i)
    preds = [c for c in verb.children if c.dep_ in {"oprd", "ccomp", "xcomp"} and c.i > verb.i]
    if objs and preds:
        last = max(preds[-1].subtree, key=lambda t: t.i)
        return objs[0].left_edge, last
    for c in verb.children:
        # the parser often reads "called climate change a hoax" as a clause "change a hoax"
        if c.dep_ == "ccomp" and c.i > verb.i and any(g.dep_ in {"dobj", "attr", "oprd"} for g in c.children):
            return c.left_edge, c.right_edge
    return None


def _topic_object(verb: Token) -> Token | None:
    """The object of "spoke about X" / "warned of X" for a topic verb, or None."""
    if verb.lemma_.lower() not in TOPIC_CUE_VERBS:
        return None
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in TOPIC_PREPOSITIONS and c.i > verb.i:
            objs = [g for g in c.children if g.dep_ in {"pobj", "pcomp"}]
            if objs:
                return objs[0]
    return None


def _direct_object(verb: Token) -> Token | None:
    """The direct object of a verb that reports through it ("cited the polls"), or None."""
    if verb.lemma_.lower() not in OBJECT_CUE_VERBS or any(c.dep_ in _CLAUSE for c in verb.children):
        return None
    objs = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    return objs[0] if objs else None


def _quoted_tokens(doc: Doc) -> set[int]:
    """Indices of the tokens inside direct quotes (cached on the doc)."""
    cached = doc.user_data.get("_geokg_quoted_tokens")
    if cached is None:
        spans = [(q.start, q.end) for q in find_quote_spans(doc_text(doc))]
        cached = {t.i for t in doc if any(s < t.idx < e - 1 for s, e in spans)}
        doc.user_data["_geokg_quoted_tokens"] = cached
    return cached


def _subject(verb: Token) -> Token | None:
    """The subject of a verb; a conjoined verb ("called ... and warned") shares its head's."""
    quoted = _quoted_tokens(verb.doc) if verb.i not in _quoted_tokens(verb.doc) else set()
    v = verb
    for _ in range(4):
        for c in v.children:
            if c.dep_ == "nsubjpass" and c.i not in quoted:
                # "X was asked", "the views were echoed by Y": the subject of a passive is not
                # the speaker; the agent is, when the sentence names one.
                for agent in (a for a in v.children if a.dep_ == "agent"):
                    for obj in agent.children:
                        if obj.dep_ == "pobj":
                            return obj
                return None
            if c.dep_ in _SUBJ and c.i not in quoted:
                if c.lower_ in _RELATIVES and v.dep_ == "relcl" and v.head.pos_ in {"PROPN", "NOUN"}:
                    # "Sen. Tim Kaine, who said ...": the noun the clause modifies
                    return _nearest_conjunct(v.head, c)
                return c
        if v.dep_ in {"conj", "xcomp", "advcl"} and v.head.i != v.i:
            v = v.head
            continue
        if v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.head.pos_ in {"VERB", "AUX"}:
            v = v.head.head  # "responded by saying ...": the subject of "responded"
            continue
        break
    # Inverted order: "..., said Darchiev." (the subject can come out as dobj/attr)
    for c in verb.children:
        if c.dep_ in {"dobj", "attr", "npadvmod"} and c.i > verb.i and c.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}:
            return c
    return None


def _nearest_conjunct(noun: Token, relative: Token) -> Token:
    """The member of a list that a relative clause right after it modifies: in "celebrities
    like A, B and C, who joked ...", C, whichever member the parser hung the clause on."""
    members = conjuncts(noun, frozenset({"PROPN", "NOUN"}))
    before = [t for t in members if t.i < relative.i]
    nearest = max(before, key=lambda t: t.i) if before else noun
    # only when nothing but a comma stands between that member's phrase and the relative
    gap = relative.doc[nearest.i + 1 : relative.i]
    return nearest if all(t.is_punct for t in gap) else noun


def _fronted_speaker(doc: Doc, cue: Token) -> tuple[int, int] | None:
    """`Said Ellis: "..."`, `Added Sen. Tom Ellis (R-Ohio), "..."`: a reporting verb that opens its
    sentence, then a name up to a colon or comma. The parser often reads such a verb as part of
    the name, so the name is taken from the surface: the proper nouns (and titles) after the verb."""
    if cue.i > 0 and not (doc[cue.i - 1].is_space or doc[cue.i - 1].is_sent_end or doc[cue.i - 1].text in _QUOTE_CHARS):
        return None
    if not (cue.is_sent_start or cue.i == 0 or doc[cue.i - 1].is_space) or not cue.text[:1].isupper():
        return None
    end = cue.i + 1
    while end < len(doc) and end - cue.i <= 8 and doc[end].text not in {":", ","}:
        end += 1
    if end >= len(doc) or doc[end].text not in {":", ","}:
        return None
    words = doc[cue.i + 1 : end]
    names = [t for t in words if t.pos_ == "PROPN" and t.text[:1].isupper()]
    if not names or not words[0].text[:1].isupper():
        return None  # "Asked by CNN, ...": not a name right after the verb
    end_char = words.end_char if words[-1].text == ")" else names[-1].idx + len(names[-1])  # "(R-Ohio)"
    return words.start_char, end_char


def _subject_span(doc: Doc, subj: Token) -> tuple[int, int] | None:
    if subj.lower_ in _EXPLETIVES:
        return None
    # The subject's subtree without relative clauses that run on ("X, who ..., said").
    excluded: set[int] = set()
    for c in subj.children:
        if c.dep_ in {"relcl", "acl"}:
            excluded.update(t.i for t in c.subtree)
    left, right = _contiguous({t.i for t in subj.subtree} - excluded, subj.i)
    span = doc[left : right + 1]
    start, end = _trim(doc_text(doc), span.start_char, span.end_char, _TRIM)
    return (start, end) if end > start else None


def _contiguous(members: set[int], center: int) -> tuple[int, int]:
    """First and last index of the unbroken run of `members` around `center`."""
    left = right = center
    while left - 1 in members:
        left -= 1
    while right + 1 in members:
        right += 1
    return left, right


def _trim(text: str, start: int, end: int, right_chars: str) -> tuple[int, int]:
    piece = text[start:end]
    return start + (len(piece) - len(piece.lstrip(_TRIM))), end - (len(piece) - len(piece.rstrip(right_chars)))


def _clean_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    # Quote marks stay on the right: a content that ends a quotation keeps its closing mark.
    s, e = _trim(doc_text(doc), start, end, " \t\n,;:\u2014\u2013-")
    text = doc_text(doc)
    if s > 0 and text[s - 1] in "\u201c\"\u00ab" and (s - 1 == 0 or not text[s - 2].isalnum()):
        # ... and so does one that opens with a quotation ("accused him of "recklessness.""):
        # its opening mark, when the quotation closes in the content or right after it
        closes = sum(text[s:e].count(q) for q in _QUOTE_CHARS) % 2 == 1 or any(c in _QUOTE_CHARS for c in text[e : e + 3])
        if closes:
            s -= 1
    # Keep a final period only when it is inside a quote.
    if e > s and doc_text(doc)[e - 1] == "." and not any(q in doc_text(doc)[s:e] for q in _QUOTE_CHARS):
        e -= 1
    # A quote opened inside the content and closed just after it ("as having a "constructive
    # approach."") belongs to the content.
    inner = doc_text(doc)[s:e]
    if sum(inner.count(q) for q in _QUOTE_CHARS) % 2 == 1:
        tail = doc_text(doc)[e : e + 3]
        for n, ch in enumerate(tail):
            if ch in _QUOTE_CHARS:
                e += n + 1
                break
            if ch not in ".,!?":
                break
    return s, e


def _tokens_in(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _sentence_of(doc: Doc, char: int) -> Span | None:
    for sent in doc.sents:
        if sent.start_char <= char < sent.end_char:
            return sent
    return None


def _find_cue_for_quote(doc: Doc, q: QuoteSpan) -> Token | None:
    """A reporting verb outside the quote, in the sentence where it ends or begins."""
    inside = range(q.start, q.end)
    candidates: list[tuple[int, Token]] = []
    end_sent = _sentence_of(doc, max(q.end - 1, q.start))
    start_sent = _sentence_of(doc, q.start)
    for rank, sent in enumerate([end_sent, start_sent]):
        if sent is None:
            continue
        for tok in sent:
            if tok.idx in inside or not _is_cue(tok, quote=True):
                continue
            # After the quote: "..., X said." Before it: "X said: "..."" / "warned that "..."".
            dist = tok.idx - q.end if tok.idx >= q.end else q.start - tok.idx
            candidates.append((rank * 1000 + dist, tok))
    if not candidates:
        colon = _colon_verb(doc, q)
        if colon is not None:
            return colon
        # The quote ends a sentence and the attribution follows: `"...". Darchiev said.` is rare;
        # "... ," he added." is caught above. Look one sentence on only for a bare "X said."
        if end_sent is not None and end_sent.end < len(doc):
            nxt = doc[end_sent.end].sent
            if len(nxt) <= 6:
                for tok in nxt:
                    if _is_cue(tok) and _subject(tok) is not None:
                        return tok
            # `"You winning?" she said, but ...`: the parser ends the sentence at the quote's
            # question mark; the attribution right after it (its subject, then the cue) is its.
            if not doc_text(doc)[q.end : nxt.start_char].strip():
                for tok in nxt[:10]:
                    subj = _subject(tok) if _is_cue(tok, quote=True) else None
                    if subj is None or any(c.dep_ in _CLAUSE | {"dobj"} and c.i > tok.i for c in tok.children):
                        continue  # `"Why not?" The mayor said nothing more.`: a cue with its own content
                    if all(t.i in {x.i for x in subj.subtree} or t.is_punct for t in nxt[: tok.i - nxt.start]):
                        return tok
        return None
    return min(candidates, key=lambda c: c[0])[1]


def _colon_verb(doc: Doc, q: QuoteSpan) -> Token | None:
    """`Caddell continued:` + a quote (in the same or the next paragraph): the main verb of the
    clause the colon ends, when it has a subject outside any quote."""
    before = doc_text(doc)[: q.start].rstrip()
    if not before.endswith(":"):
        return None
    colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None:
        return None
    sent = colon[0].sent
    verbs = [t for t in sent if t.pos_ in {"VERB", "AUX"} and t.i < colon[0].i and t.i not in _quoted_tokens(doc)]
    for tok in sorted(verbs, key=lambda t: (not _is_cue(t, quote=True), colon[0].i - t.i)):
        if _subject(tok) is not None and (tok.dep_ == "ROOT" or _is_cue(tok, quote=True)):
            return tok
    return None


def _between_quote_and_cue(doc: Doc, q: QuoteSpan, cue: Token) -> tuple[int, int] | None:
    """`"...," Flynn, a top aide, said`: when the parser finds no subject for the cue, the name
    that stands alone between the closing mark and the cue. Only a short stretch that starts
    with a capital (a name, not "and then") and holds no verb, quote mark or line break."""
    if cue.idx < q.end:
        return None
    text = doc_text(doc)
    between = text[q.end : cue.idx]
    start, end = _trim(text, q.end, cue.idx, " \t,\u00a0")
    if start >= end or "\n" in between or has_quote_mark(between) or not text[start].isupper():
        return None
    words = doc.char_span(start, end, alignment_mode="expand")
    # a capitalised word the tagger calls a verb is a name ("Tulsa police Chief ...")
    if words is None or len(words) > 12 or any(t.pos_ in {"VERB", "AUX"} and t.is_lower for t in words):
        return None
    if not any(t.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} for t in words):
        return None
    return start, end


def _dash_speaker(doc: Doc, q: QuoteSpan) -> tuple[int, int] | None:
    """`"..." \u2015 Krystal Correa`: a name right after a dash that follows the quote."""
    after = doc_text(doc)[q.end : q.end + 4]
    stripped = after.lstrip(" \t\u00a0\n")
    if not stripped or stripped[0] not in _DASHES:
        return None
    at = q.end + (len(after) - len(stripped)) + 1
    for ent in doc.ents:
        if at <= ent.start_char <= at + 2 and ent.label_ in {"PERSON", "ORG", "NORP", "GPE"}:
            return ent.start_char, ent.end_char
        if ent.start_char > at + 2:
            break
    # The NER often misses a reader's name signed under a quote; the signature alone on the
    # rest of its line ("― Jane Q. Doe") is a name, and becomes a PERSON entity.
    m = _SIGNATURE.match(doc_text(doc), at)
    if m is None:
        return None
    span = doc.char_span(m.start(1), m.end(1))
    if span is None:
        return None
    kept = [e for e in doc.ents if e.end <= span.start or e.start >= span.end]
    doc.ents = sorted([*kept, Span(doc, span.start, span.end, label="PERSON")], key=lambda e: e.start)
    return span.start_char, span.end_char


#: A signature: two to four capitalised words, then only the end of the line or of the text.
_SIGNATURE = re.compile(r"[ \t\u00a0]{0,2}((?:[A-Z][\w'\u2019-]*\.?[ \u00a0]){1,3}[A-Z][\w'\u2019-]+)[ \t\u00a0]*(?:\n|$)")


def _that_clause(verb: Token, child: Token) -> bool:
    """A "that" clause the parser hung on a reporting verb as an adverbial clause ("tweeted in
    the early hours that Machado was ...", with "that" read as an adverb)."""
    return child.dep_ == "advcl" and child.i > verb.i and any(
        g.lower_ == "that" and g.dep_ in {"mark", "advmod"} and g.i == child.left_edge.i for g in child.children
    )


def _nested_cues(head: Token) -> set[int]:
    """Token indices of reporting verbs conjoined inside a clause, with their subtrees and the
    conjunction before them: in "said that A and confirmed that B" the parser often hangs
    "confirmed" under A; B is a statement of its own, not part of A."""
    out: set[int] = set()
    for t in head.subtree:
        if t.i != head.i and t.dep_ == "conj" and _is_cue(t) and (
            any(c.dep_ in _CLAUSE for c in t.children) or _lemma(t) in INFINITIVE_CUE_VERBS
        ):
            out.update(x.i for x in t.subtree)
            ccs = [c.i for c in t.head.children if c.dep_ == "cc" and c.i < t.i]
            out.update(ccs[-1:])  # the "and" before it, not an earlier one inside A
    return out


def _clause_span(doc: Doc, head: Token, verb: Token, speaker: tuple[int, int] | None) -> tuple[int, int]:
    """The contiguous stretch of `head`'s subtree around `head` that stays clear of the cue verb,
    the speaker and nested reporting clauses (a mis-attached "..., Ambassador X said" must not
    leak into the content)."""
    blocked = {verb.i} | _nested_cues(head)
    if speaker is not None:
        blocked.update(t.i for t in doc if speaker[0] <= t.idx < speaker[1])
    left, right = _contiguous({t.i for t in head.subtree} - blocked, head.i)
    if speaker is not None and head.i < verb.i:
        # Content before the attribution ends at the comma that introduces it.
        sp_first = min((t.i for t in doc if speaker[0] <= t.idx < speaker[1]), default=verb.i)
        commas = [i for i in range(head.i + 1, min(right + 1, sp_first)) if doc[i].text == ","]
        if commas:
            right = min(right, commas[-1] - 1)
    if doc[left].lower_ == "that" and doc[left].dep_ in {"mark", "advmod"} and left < right:
        left += 1
    return _clean_span(doc, doc[left].idx, doc[right].idx + len(doc[right]))


def _around_insertion(doc: Doc, cue: Token) -> tuple[tuple[int, int] | None, str]:
    """Span and text of the clause an attribution is inserted into, without the insertion."""
    inserted = {t.i for t in cue.subtree}
    kept = [t for t in cue.head.subtree if t.i not in inserted]
    while kept and (kept[-1].is_punct and kept[-1].text not in _QUOTE_TOKENS):
        kept.pop()
    while kept and kept[0].is_punct and kept[0].text not in _QUOTE_TOKENS:
        kept.pop(0)  # the comma after a fronted "As X put it,"
    if not kept:
        return None, ""
    words = " ".join(t.text for t in kept if not (t.text == "," and t.i + 1 in inserted))
    return (kept[0].idx, kept[-1].idx + len(kept[-1])), re.sub(r" (?=[,.;:!?%)]|n't|'s)", "", words)


def _governing_cue(tok: Token) -> Token | None:
    """For a conjoined cue with no subject of its own, the cue whose clause it hangs in."""
    if tok.dep_ != "conj" or any(c.dep_ in _SUBJ for c in tok.children):
        return None
    for anc in tok.ancestors:
        if _is_cue(anc) and anc.i < tok.i:
            return anc
    return None


def _content_from_clause(doc: Doc, verb: Token, speaker: tuple[int, int] | None) -> tuple[int, int] | None:
    """Char span of the reported content of a reporting verb, or None."""
    lemma = _lemma(verb)
    predicated = _object_with_predicate(verb)
    if predicated is not None and not any(c.dep_ in _CLAUSE for c in verb.children):
        return _clean_span(doc, predicated[0].idx, predicated[1].idx + len(predicated[1]))
    if lemma in NAMING_VERBS:
        named = _naming_object(verb)
        if named is not None:
            return _clean_span(doc, named[0].idx, named[1].idx + len(named[1]))
    if lemma in INFINITIVE_CUE_VERBS:
        wanted = _infinitive(verb)
        if wanted is not None:
            return _clean_span(doc, wanted[0].idx, wanted[1].idx + len(wanted[1]))
    for c in verb.children:
        if c.dep_ in _CLAUSE or _that_clause(verb, c):
            return _clause_span(doc, c, verb, speaker)
    if lemma in CUE_PARTICLES:
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in CUE_PARTICLES[lemma]:
                objs = [g for g in c.children if g.dep_ in {"pobj", "pcomp"}]
                if objs:
                    # "called on Trump to apologize": the object and what it is called to do
                    tail = [g for g in verb.children if g.dep_ == "xcomp" and g.i > objs[0].i]
                    if tail:
                        return _clean_span(doc, objs[0].left_edge.idx, tail[0].right_edge.idx + len(tail[0].right_edge))
                    return _clause_span(doc, objs[0], verb, speaker)
    obj = _topic_object(verb) or _direct_object(verb)
    if obj is not None and not any(c.dep_ in _CLAUSE for c in verb.children):
        return _clean_span(doc, obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge))
    if lemma == "accuse":
        # "accused Clinton's campaign of being "duped"": what the accusation says
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "of" and c.i > verb.i:
                objs = [g for g in c.children if g.dep_ in {"pobj", "pcomp"}]
                if objs:
                    return _clean_span(doc, objs[0].left_edge.idx, objs[0].right_edge.idx + len(objs[0].right_edge))
    if lemma == "describe":
        # "described as "unhinged" a tweet attacking ...": the predicate before a heavy object
        after = [c for c in verb.children if c.i > verb.i and c.dep_ in {"dobj", "prep"}]
        if after and any(c.lower_ == "as" for c in after):
            first = min(t.i for c in after for t in c.subtree)
            last = max(t.i for c in after for t in c.subtree)
            return _clean_span(doc, doc[first].idx, doc[last].idx + len(doc[last]))
    return None


def _according_to(doc: Doc) -> list[QuoteCandidate]:
    out = []
    for tok in doc:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if not objs:
                continue
            src = list(objs[0].subtree)
            speaker = _clean_span(doc, src[0].idx, src[-1].idx + len(src[-1]))
            sent = tok.sent
            # The content is the sentence without the "according to X" phrase.
            phrase_start = tok.idx
            phrase_end = src[-1].idx + len(src[-1])
            if phrase_start - sent.start_char > sent.end_char - phrase_end:
                content = _clean_span(doc, sent.start_char, phrase_start)
            else:
                content = _clean_span(doc, phrase_end, sent.end_char)
            if content[1] - content[0] < 8:
                continue
            text = doc_text(doc)[content[0] : content[1]]
            out.append(
                QuoteCandidate(
                    start=content[0],
                    end=content[1],
                    content=text.strip(_QUOTE_CHARS + " "),
                    quote_type="mixed" if has_quote_mark(text) else "indirect",
                    cue="according to",
                    cue_span=(tok.idx, to.idx + len(to)),
                    speaker_span=speaker,
                    sentence=_sent_index(doc, sent),
                )
            )
    return out


def _claims(doc: Doc) -> list[QuoteCandidate]:
    """"Trump's claim that there have been "thousands of shootings"": a claim noun with a
    possessor and a "that" clause is the possessor's statement (the possessor a name or a
    pronoun, "his claim that ..."); the content is the clause."""
    out = []
    quoted = _quoted_tokens(doc)
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in CLAIM_NOUNS or tok.i in quoted:
            continue  # inside a quote, a claim is the quoted speaker's words
        owners = [c for c in tok.children if c.dep_ == "poss" and c.i < tok.i]
        clauses = [c for c in tok.children if c.dep_ in {"acl", "ccomp"} and c.i > tok.i
                   and c.left_edge.lower_ == "that" and c.left_edge.dep_ == "mark"]
        if not owners or not clauses:
            continue
        owner = owners[0]
        if owner.ent_type_ not in {"PERSON", "ORG", "GPE", "NORP"} and owner.lower_ not in {"his", "her", "their", "its"}:
            continue
        words = [t for t in owner.subtree if t.dep_ != "case"]
        speaker = _trim(doc_text(doc), words[0].idx, words[-1].idx + len(words[-1]), _TRIM)
        clause = clauses[0]
        start, end = _clean_span(doc, doc[clause.left_edge.i + 1].idx, clause.right_edge.idx + len(clause.right_edge))
        if end - start < 8:
            continue
        text = doc_text(doc)[start:end]
        out.append(
            QuoteCandidate(
                start=start, end=end, content=text.strip(),
                quote_type="mixed" if has_quote_mark(text) else "indirect",
                cue=tok.lemma_.lower(), cue_span=(tok.idx, tok.idx + len(tok)),
                speaker_span=speaker, sentence=_sent_index(doc, tok.sent),
            )
        )
    return out


def _quotes_according_to(found: list[QuoteCandidate], according: list[QuoteCandidate]) -> list[QuoteCandidate]:
    """`According to X, "..."`: a direct quote with no cue of its own that the phrase opens is X's
    (replaced in `found`, in place); the "according to" statements that are not such a quote."""
    rest = []
    for a in according:
        n = next((n for n, d in enumerate(found) if d.quote_type == "direct" and d.cue_span is None
                  and d.speaker_span is None and d.start <= a.start <= d.start + 2), None)
        if n is None:
            rest.append(a)
            continue
        d = found[n]
        found[n] = QuoteCandidate(
            start=d.start, end=d.end, content=d.content, quote_type="direct", cue=a.cue,
            cue_span=a.cue_span, speaker_span=a.speaker_span, sentence=d.sentence,
        )
    return rest


def _sent_index(doc: Doc, sent: Span) -> int:
    return doc.user_data.setdefault("_geokg_sent_index", {s.start: n for n, s in enumerate(doc.sents)})[sent.start]


def _embedded(doc: Doc, q: QuoteSpan, cue: Token) -> bool:
    """Whether a quote is only a piece of a sentence of the writer's: words that are neither the
    attribution nor the quote's own punctuation run into it. Before the opening mark: a word that
    is not the cue, its subject or one of its own dependents ("focusing on "..."", "speak
    "directly to ..."", against "said "..."", "told reporters "...""). After the closing mark,
    when the quote does not end in punctuation: a lower-case word that is not part of the
    attribution (""..." to drive up the stock price", against ""..." he said")."""
    text = doc_text(doc)
    inner = text[q.start + 1 : q.end - 1 if q.closed else q.end].rstrip()
    attribution = {cue.i} | {c.i for c in cue.children if c.i not in _quoted_tokens(doc)}
    subj = _subject(cue)
    if subj is not None:
        attribution |= {t.i for t in subj.subtree}
    first = doc.char_span(q.start, q.end, alignment_mode="expand")
    if first is None:
        return False
    prev = doc[first.start - 1] if first.start > 0 and not doc[first.start - 1].is_space else None
    if (
        prev is not None and prev.sent == first[0].sent and prev.is_alpha and prev.is_lower
        and prev.i not in attribution and prev.head.i != cue.i and prev.lower_ not in {"that", "and", "but", "or"}
    ):
        return True
    if q.closed and inner and inner[-1] not in ".,!?;:\u2014\u2013-\u2026'\u2019":
        nxt = first.end
        while nxt < len(doc) and (doc[nxt].is_space or doc[nxt].text in _QUOTE_CHARS):
            nxt += 1
        if nxt < len(doc) and doc[nxt].sent == doc[first.end - 1].sent:
            t = doc[nxt]
            if t.is_alpha and t.is_lower and t.i not in attribution and t.head.i != cue.i and t.i != cue.i:
                return True
    return False


def _through_quote(
    text: str, quotes: list[QuoteSpan], span: tuple[int, int], content: str, sentence_end: int
) -> tuple[tuple[int, int], str]:
    """A reported clause that stops at (or inside) a quote of its own sentence runs to the end of
    that quote: the parser often hangs a quote apart from the clause it continues ("are to blame
    for focusing on "he said this, he tweeted that."")."""
    for q in quotes:
        if span[0] <= q.start <= span[1] + 1 and q.end > span[1] and q.end <= sentence_end + 1:
            if text[span[1] : q.start].strip():
                continue
            return (span[0], q.end), text[span[0] : q.end]
    return span, content


#: Dependents of a reporting verb that belong to the attribution, not to what was said: when,
#: where, how, to whom ("said on Monday", "told reporters", "said of Clinton", "wrote in a post").
_ATTRIBUTION_DEPS = {"prep", "npadvmod", "advmod", "agent", "dative", "aux", "auxpass", "neg", "prt", "punct", "cc"}


def _lead_in(doc: Doc, q: QuoteSpan, cue: Token) -> int | None:
    """Where the reported clause starts when a direct quote only ends it: the cue stands before
    the quote in its sentence, and between them, besides the attribution (the cue's subject and
    its dependents of time, place, manner and address, "that", punctuation), come two words or
    more of what was said (`claimed that voter fraud is "a big problem" but "nobody ..."`,
    `called the test "a clear violation"`, `lauded Clarke for helping develop "new ideas."`).
    For a verb whose object is what it reports (criticism, praise, naming) the object is part of
    what was said; for the others ("told reporters", "said the following") it is the address.
    Only for a reporting verb of its own, not one inside another reported clause."""
    first = doc.char_span(q.start, q.end, alignment_mode="expand")
    if first is None or cue.idx >= q.start or cue.sent != first[0].sent:
        return None
    lemma = _lemma(cue)
    reports_object = lemma in OBJECT_CUE_VERBS or lemma in NAMING_VERBS or lemma in AS_CUE_VERBS
    if not (reports_object or _is_cue(cue)) or any(_is_cue(a) for a in cue.ancestors):
        # the main verb before a colon ("became so upset that I had to answer: "...""), or a
        # cue inside another reported clause ("said she recalls ... "..."")
        return None
    skip: set[int] = set()
    subj = _subject(cue)
    if subj is not None:
        skip.update(t.i for t in subj.subtree)
    for c in cue.children:
        if c.dep_ in _ATTRIBUTION_DEPS or (c.dep_ == "dobj" and not reports_object):
            skip.update(t.i for t in c.subtree)
    rest = [
        t for t in doc[cue.i + 1 : first.start]
        if t.i not in skip and not t.is_punct and not t.is_space and not (t.lower_ == "that" and t.dep_ == "mark")
    ]
    if sum(t.is_alpha for t in rest) < 2:
        return None
    return rest[0].idx


def _introduces(text: str, clause: tuple[int, int], q: QuoteSpan) -> bool:
    """Whether a reported clause of three words or more announces the quote right after it, with
    only a colon or a dash between them (`said the plan had one goal: "..."`)."""
    between = text[clause[1] : q.start]
    return (
        clause[1] <= q.start and len(text[clause[0] : clause[1]].split()) >= 3 and len(between) <= 4
        and any(c in between for c in ":" + _DASHES + "-") and not between.strip(" \t:-" + _DASHES)
    )


#: Words after which a quote in title case names a work, a show or an event, not words said
#: ("on "Face the Nation"", "CNN's "State of the Union"", "a book titled "The Art of the Deal"").
_TITLE_LEADS = {
    "on", "to", "in", "at", "of", "for", "'s", "\u2019s", "titled", "entitled", "called", "dubbed", "named",
    "book", "show", "program", "programme", "film", "movie", "song", "album", "series", "column", "essay",
}
_MINOR_WORDS = {"a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as"}


def _is_title(text: str, q: QuoteSpan) -> bool:
    """A quote in title case right after a preposition, a possessive or a word that introduces a
    title: the name of a work or a show, not a statement. Title case: every word but the minor
    ones capitalised, and at least two such words."""
    words = re.findall(r"[\w'\u2019-]+", q.content(text))
    major = [w for w in words if w.lower() not in _MINOR_WORDS]
    if len(major) < 2 or not all(w[:1].isupper() or w[:1].isdigit() for w in major):
        return False
    before = re.findall(r"[\w'\u2019]+", text[max(0, q.start - 40) : q.start].lower())
    if not before:
        return False
    last = before[-1]
    return last in _TITLE_LEADS or last.endswith(("'s", "\u2019s"))


def _looks_like_statement(content: str) -> bool:
    """A quote that is a claim rather than a scare-quoted phrase: several words."""
    return len(content.split()) >= 4


def _leads_attribution(doc: Doc, q: QuoteSpan, cue: Token) -> bool:
    """A short quote that is a whole utterance: it opens its sentence, ends in a comma, question
    or exclamation mark inside its marks, and its cue follows (`"We need change," he said`,
    `"You winning?" she asked`); a scare-quoted phrase is never laid out like that."""
    text = doc_text(doc)
    if not q.closed or cue.idx < q.end:
        return False
    inner = text[q.start + 1 : q.end - 1].rstrip()
    if not inner or inner[-1] not in ",?!":
        return False
    before = text[: q.start].rstrip(" \t\u00a0")
    return not before or before[-1] in "\n.!?:" + _QUOTE_CHARS + "\u2019"


def _follows_cue(doc: Doc, q: QuoteSpan, cue: Token) -> bool:
    """A short quote that is a whole utterance after its cue: the reporting verb (not a naming
    one: `called it "a disaster."`) stands right before the opening mark, and the quote ends in
    punctuation inside its marks (`he yelled, "You lie!"`, `answered "Denver,"`)."""
    text = doc_text(doc)
    if not q.closed or cue.idx >= q.start or _lemma(cue) in NAMING_VERBS:
        return False
    inner = text[q.start + 1 : q.end - 1].rstrip()
    if not inner or inner[-1] not in ".,?!":
        return False
    return len(text[: q.start].rstrip(" \t\u00a0,:")) == cue.idx + len(cue.text)


def _continues(
    text: str, out: list[QuoteCandidate], q: QuoteSpan, quotes: list[QuoteSpan], doc: Doc | None = None
) -> bool:
    """Whether quote `q` continues the previous direct quote across its attribution: the two are
    in one paragraph and only the attribution (with its cue) stands between them; a quoted title
    in the attribution ("told "Fox and Friends."") does not break it."""
    if not out or out[-1].quote_type != "direct" or out[-1].cue_span is None:
        return False
    prev = out[-1]
    between = text[prev.end : q.start]
    if not (prev.end <= prev.cue_span[0] < q.start and len(between) <= 320 and "\n" not in between):
        return False
    titles = [x for x in quotes if prev.end <= x.start and x.end <= q.start]
    if any(len(x.content(text).split()) >= 6 for x in titles):
        return False
    rest = between
    for x in titles:
        rest = rest.replace(text[x.start : x.end], "")
    if has_quote_mark(rest):
        return False
    return doc is None or not _says_more(doc, prev, q)


def _says_more(doc: Doc, prev: QuoteCandidate, q: QuoteSpan) -> bool:
    """Whether the stretch between a quote and the next one holds another statement besides the
    attribution: a reporting verb with a subject of its own outside the cue's clause (`The summit
    did "too little," he added.`); the cue's own dependents (`said, referring to ...`, `said
    after he was called to testify`) are the attribution."""
    assert prev.cue_span is not None
    span = doc.char_span(prev.end, q.start, alignment_mode="contract")
    if span is None:
        return False
    cue = next((t for t in span if t.idx == prev.cue_span[0]), None)
    inside = {t.i for t in cue.subtree} if cue is not None else set()
    for t in span:
        if t.i in _quoted_tokens(doc) or t.i in inside:
            continue
        if t.pos_ == "VERB" and _is_cue(t, quote=True) and any(c.dep_ == "nsubj" for c in t.children):
            return True
    return False


#: "Trump: Cruz Has a Long Way to Go" (a headline), "PENCE: Well, look, ..." (a transcript turn):
#: one to four capitalised words, a colon, then the words said, at the start of a paragraph.
_LABEL = re.compile(r"(?m)^[ \t]*[\"\u201c]?((?:[A-Z][\w.'\u2019-]*[ \t]){0,3}[A-Z][\w.'\u2019-]*)[ \t]*:[ \t]+(?=\S)")
_NOT_LABELS = {"q", "a", "update", "updated", "note", "editor's note", "correction", "clarification", "watch",
               "photo", "video", "read", "related", "source", "sources", "listen", "see", "advertisement"}


def _labelled_paragraphs(doc: Doc, quotes: list[QuoteSpan]) -> list[QuoteCandidate]:
    """Paragraphs that open with a speaker label: a headline "Name: words" and the turns of a
    transcript ("PENCE: ..." inside a quoted transcript, with the quoted paragraphs after it
    that have no label of their own). The label must name someone: an entity of the NER, or,
    inside a quote, a name in capitals."""
    text = doc_text(doc)
    out: list[QuoteCandidate] = []
    for m in _LABEL.finditer(text):
        label = m.group(1)
        if label.lower().rstrip(".") in _NOT_LABELS:
            continue
        span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if span is None:
            continue
        inside = next((q for q in quotes if q.start < m.start(1) < q.end), None)
        named = any(t.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} for t in span)
        if not named and not (inside is not None and label.isupper() and len(label) > 1):
            continue
        start = m.end()
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if inside is not None:
            # the turn runs on over the quoted paragraphs after it that have no label of their
            # own and are not a stage direction ("(CROSSTALK.)"), to the end of the quote
            while True:
                k = end
                while k < inside.end and text[k] == "\n":
                    k += 1
                if k >= inside.end or k == end or _LABEL.match(text, k) or text[k:].lstrip(" \t\"\u201c")[:1] == "(":
                    break
                nl = text.find("\n", k)
                end = inside.end if nl < 0 or nl > inside.end else nl
            end = min(end, inside.end)
        s, e = _trim(text, start, end, " \t\n" + _QUOTE_CHARS)
        content = text[s:e]
        if len(content.split()) < 3:
            continue
        sent = _sentence_of(doc, s)
        quote_type = "direct" if inside is not None else ("mixed" if has_quote_mark(content) else "indirect")
        out.append(
            QuoteCandidate(
                start=s,
                end=e,
                content=content,
                quote_type=quote_type,
                cue="say",
                cue_span=(m.end(1), m.end(1) + 1),
                speaker_span=(span.start_char, span.end_char),
                sentence=_sent_index(doc, sent) if sent is not None else 0,
            )
        )
    return out


def _without_nested(found: list[QuoteCandidate]) -> list[QuoteCandidate]:
    """Reported speech whose cue lies inside the content of another reported statement is part
    of that statement, not a second one: in `Flynn said he hopes the plan "works"`, Flynn's
    claim is what he hopes. Direct quotes are kept: their own cues never lie inside a content."""
    reported = [c for c in found if c.quote_type != "direct" and c.cue_span is not None]

    def nested(c: QuoteCandidate) -> bool:
        if c.quote_type == "direct" or c.cue_span is None:
            return False
        return any(o is not c and o.start <= c.cue_span[0] < o.end for o in reported)

    return [c for c in found if not nested(c)]


def _extended(prev: QuoteCandidate, q: QuoteSpan, content: str) -> QuoteCandidate:
    """`prev` with the quote `q` that continues it after its attribution."""
    return QuoteCandidate(
        start=prev.start,
        end=q.end,
        content=f"{prev.content} {content}",
        quote_type=prev.quote_type,
        cue=prev.cue,
        cue_span=prev.cue_span,
        speaker_span=prev.speaker_span,
        sentence=prev.sentence,
    )


def find_attributions(doc: Doc) -> list[QuoteCandidate]:
    """All attribution candidates in `doc`, sorted by position."""
    text = doc_text(doc)
    quotes = find_quote_spans(text)
    out: list[QuoteCandidate] = []
    used_cues: set[int] = set()
    direct_spans: list[tuple[int, int]] = []

    for q in quotes:
        content = q.content(text)
        if not content.strip():
            continue
        cue = _find_cue_for_quote(doc, q)
        sent = _sentence_of(doc, q.start)
        sent_n = _sent_index(doc, sent) if sent is not None else 0
        if (
            cue is not None and cue.i in used_cues and out and out[-1].cue_span == (cue.idx, cue.idx + len(cue))
            and text[: q.start].rstrip(" \t\n\u00a0'")[-1:] in {",", ".", ":", ";"} and _continues(text, out, q, quotes, doc)
        ):
            # `"A," he said, "B."` and `"A," said X, an economist. "B."`: the second part finds
            # the first part's cue; it is the same statement, split around its attribution (a
            # title right after a preposition, `said on "Fox and Friends."`, is not).
            out[-1] = _extended(out[-1], q, content)
            direct_spans.append((q.start, q.end))
        elif cue is not None:
            # A quote inside the cue's own complement clause that is only part of it ("warned
            # that "..."" is whole, "said Russia aims for "coexistence"" is partial): rule 2.
            utterance = _leads_attribution(doc, q, cue) or _follows_cue(doc, q, cue)
            if not (_looks_like_statement(content) or utterance) or _embedded(doc, q, cue) or _is_title(text, q):
                continue  # a scare-quoted phrase: rule 2 reports it as part of a mixed statement
            clause = _content_from_clause(doc, cue, None)
            if clause is not None and clause[0] <= q.start < clause[1]:
                clause_text = text[clause[0] : clause[1]].strip(_TRIM)
                if len(clause_text) > len(content) + 12:
                    continue  # partial quote: reported speech with a quote in it (mixed)
            subj = _subject(cue)
            speaker = _fronted_speaker(doc, cue) or (_subject_span(doc, subj) if subj is not None else None)
            if speaker is None:
                speaker = _between_quote_and_cue(doc, q, cue)
            used_cues.add(cue.i)
            direct_spans.append((q.start, q.end))
            start, quote_type = q.start, "direct"
            lead = _lead_in(doc, q, cue)
            if clause is not None and _introduces(text, clause, q) and cue.idx < clause[0]:
                # `said she has one quality: "Steadiness ..."`: the reported clause and the
                # quote it announces are one statement
                start, quote_type, content = clause[0], "mixed", text[clause[0] : q.end]
            elif lead is not None:
                # `said African-Americans can "rock like Jimi" and "stir the pot ..."`: the
                # quote ends a reported clause that began before it
                start, quote_type, content = lead, "mixed", text[lead : q.end]
            out.append(
                QuoteCandidate(
                    start=start,
                    end=q.end,
                    content=content,
                    quote_type=quote_type,
                    cue=_lemma(cue),
                    cue_span=(cue.idx, cue.idx + len(cue)),
                    speaker_span=speaker,
                    sentence=sent_n,
                )
            )
        elif _continues(text, out, q, quotes, doc):
            # `"A," X said. "B."`: one statement whose content is split around its attribution.
            out[-1] = _extended(out[-1], q, content)
            direct_spans.append((q.start, q.end))
        elif _looks_like_statement(content) and not _is_title(text, q):
            # A quote with no reporting verb: kept, attributed only to a name signed after a
            # dash (`"..." \u2015 Krystal Correa`), else unattributed unless rule 2 covers it.
            out.append(
                QuoteCandidate(
                    start=q.start,
                    end=q.end,
                    content=content,
                    quote_type="direct",
                    cue="",
                    cue_span=None,
                    speaker_span=_dash_speaker(doc, q),
                    sentence=sent_n,
                )
            )
            direct_spans.append((q.start, q.end))

    long_quotes = [q for q in quotes if _looks_like_statement(q.content(text))]
    for tok in doc:
        if tok.i in used_cues or not _is_cue(tok):
            continue
        if any(s <= tok.idx < e for s, e in direct_spans) or any(q.start <= tok.idx < q.end for q in long_quotes):
            continue  # the cue is inside a direct quote ("I can confirm that ...")
        governor = _governing_cue(tok)
        subj = _subject(governor if governor is not None else tok)
        speaker = _subject_span(doc, subj) if subj is not None else None
        if speaker is None:
            continue
        span = _content_from_clause(doc, tok, speaker)
        content_text = text[span[0] : span[1]] if span is not None else ""
        if span is None and (tok.dep_ == "parataxis" or _as_put_it(tok)) and tok.head.pos_ in {"VERB", "AUX"}:
            # "The talks, Lavrov said, were useful": the content is the sentence around the
            # inserted attribution; its text leaves the insertion out.
            span, content_text = _around_insertion(doc, tok)
        if span is None or span[1] - span[0] < 8:
            continue
        span, content_text = _through_quote(text, quotes, span, content_text, tok.sent.end_char)
        quote_type = "mixed" if has_quote_mark(content_text) else "indirect"
        # Drop the unattributed direct quotes now covered by this mixed statement.
        out = [
            c for c in out
            if not (c.cue == "" and c.speaker_span is None and span[0] <= c.start and c.end <= span[1] + 1)
        ]
        out.append(
            QuoteCandidate(
                start=span[0],
                end=span[1],
                content=content_text.strip(),
                quote_type=quote_type,
                cue=_lemma(tok),
                cue_span=(tok.idx, tok.idx + len(tok)),
                speaker_span=speaker,
                sentence=_sent_index(doc, tok.sent),
            )
        )
    out = _without_nested(out)
    taken = {(c.start, c.end) for c in out}
    for claim in _claims(doc):
        if (claim.start, claim.end) in taken:
            continue
        # a quote with no cue of its own inside the claim is part of it, as in rule 2
        out = [c for c in out if not (c.cue == "" and c.speaker_span is None and claim.start <= c.start and c.end <= claim.end + 1)]
        out.append(claim)
    out.extend(_quotes_according_to(out, _according_to(doc)))
    turns = _labelled_paragraphs(doc, quotes)
    if turns:
        # A transcript inside one long quote is its turns, not one statement of nobody's.
        out = [c for c in out if not any(c.start <= t.start < c.end for t in turns) or c.quote_type != "direct"]
        out.extend(turns)
    out.sort(key=lambda c: (c.start, c.end))
    return out
