"""Legislation: named acts and described bills, with jurisdiction, legislature, sponsors, targets
and status.

Input: an `ArticleView`. Output: `LegislationFact`s. A named act (a LAW mention) is its own
entity; a described bill ("a bipartisan sanctions bill, targeting countries that purchase Russian
oil and uranium, is awaiting approval in Congress") becomes a NIL legislation entity scoped to the
article (two articles' "sanctions bill" need not be the same bill). "The bill" later in the same
article refers back to it.
"""

from __future__ import annotations

from kg.extract.view import ArticleView
from kg.lexicon import LEGISLATION_NOUNS, LEGISLATIVE_STATUS_WORDS
from kg.model import Entity, LegislationFact, Token
from kg.slugs import slugify

_LEGISLATURE_WORDS = {"congress", "senate", "house", "parliament", "duma", "rada", "bundestag", "knesset",
                      "assembly", "legislature", "council", "diet", "majlis", "sejm", "cortes"}
_TARGET_VERBS = {"target", "sanction", "punish", "penalize", "penalise", "restrict", "ban"}
# "a resolution to expel United States troops": the actors the purpose acts on are its targets.
_PURPOSE_VERBS = {"expel", "sanction", "ban", "block", "bar", "freeze", "condemn", "recognize", "recognise", "impeach", "remove"}
_SPONSOR_VERBS = {"sponsor", "introduce", "author", "draft", "propose", "co-sponsor", "cosponsor"}
_DESCRIPTIVE_DEPS = {"amod", "compound", "nmod"}
# Heads that name a body of law as often as a piece of legislation: only with a drafting word.
_GENERIC_HEADS = {"law", "legislation", "statute", "ordinance"}
_DRAFT_WORDS = {"new", "proposed", "draft", "controversial", "landmark", "bipartisan", "sweeping", "emergency"}
_ACT_WORDS = {"act", "bill", "law", "code", "treaty", "amendment", "directive", "regulation", "resolution",
              "decree", "statute", "ordinance", "constitution", "charter", "accord", "agreement", "convention"}


def _is_named_act(text: str) -> bool:
    """"Affordable Care Act", "Constitution of Ukraine": a title with an act word and a capital;
    not "international law", "Sharia" or a stray quoted phrase."""
    words = text.strip("\"“”' ").split()
    if len(words) < 2 or text[:1] in "\"“":
        return False
    return any(w.lower().strip(".,") in _ACT_WORDS for w in words) and any(w[:1].isupper() for w in words)


def _is_legislature(ent: Entity, text: str) -> bool:
    return ent.kind == "organization" and any(w in text.lower().split() for w in _LEGISLATURE_WORDS)


def _status(view: ArticleView, noun: Token) -> str | None:
    """Status from the verbs around the bill: "awaiting approval" -> pending, "passed" -> passed."""
    candidates = [view.head(noun)] + [c for c in view.children.get(view.head(noun).i, [])]
    candidates += [c for c in view.children.get(noun.i, [])]
    for t in candidates:
        status = LEGISLATIVE_STATUS_WORDS.get(t.lemma.lower())
        if status:
            return status
    return None


def extract_legislation(view: ArticleView) -> list[LegislationFact]:
    facts: list[LegislationFact] = []
    for tok in view.tokens:
        named = view.mention_covering(tok.idx, tok.idx + len(tok.text), kinds={"legislation"})
        if named is not None and named.mention.start == tok.idx:
            if not _is_named_act(named.mention.text):
                continue
            entity = named.entity
            noun = view.token_at(named.mention.end - 1) or tok
        elif tok.pos == "NOUN" and tok.lemma.lower() in LEGISLATION_NOUNS and named is None:
            noun = tok
            mods = [c for c in view.children.get(tok.i, []) if c.dep in _DESCRIPTIVE_DEPS and c.i < tok.i]
            purpose = [c for c in view.children.get(tok.i, []) if c.dep == "acl" and c.i > tok.i
                       and any(a.dep == "aux" and a.text.lower() == "to" for a in view.children.get(c.i, []))]
            if not mods and not (purpose and tok.lemma.lower() not in _GENERIC_HEADS):
                continue  # "the bill", "a law": a reference or a generic use, not a description
            if tok.lemma.lower() in _GENERIC_HEADS and not any(m.lemma.lower() in _DRAFT_WORDS for m in mods):
                continue  # "international law", "Sharia law": a body of law, not a piece of legislation
            first = min((m_.i for m in mods for m_ in view.subtree(m)), default=tok.i)
            last = tok if mods or not purpose else view.subtree(purpose[0])[-1]
            # "a resolution to expel United States troops from the country"
            label = view.text[view.tokens[first].idx : last.idx + len(last.text)]
            entity = Entity(
                key=f"legislation/{view.document.id}-{slugify(label)}",
                kind="legislation",
                label=label,
            )
        else:
            continue
        assert entity is not None
        sent = view.sentence_tokens(noun.sent)
        sent_span = view.span_of(sent)
        # Targets: the actors in a "targeting X" / "sanctions on X" phrase attached to the bill.
        targets: list[Entity] = []
        for c in view.children.get(noun.i, []):
            sub = view.subtree(c)
            is_target = (c.dep in {"acl", "relcl"} and c.lemma.lower() in _TARGET_VERBS | _PURPOSE_VERBS) or (
                c.dep == "prep" and c.text.lower() in {"against", "on"}
            )
            if is_target:
                for lm in view.mentions_in(*view.span_of(sub), kinds={"country", "organization", "person"}):
                    if lm.entity is not None and lm.entity not in targets and lm.mention.kind != "office":
                        targets.append(lm.entity)
        # Legislature and jurisdiction: a legislature named in the bill's sentence.
        legislature = None
        for lm in view.mentions_in(*sent_span, kinds={"organization"}):
            if lm.entity is not None and _is_legislature(lm.entity, lm.mention.text):
                legislature = lm.entity
                break
        jurisdiction = view.entity_by_key(legislature.jurisdiction) if legislature is not None else None
        sponsors: list[Entity] = []
        for t in sent:
            if t.lemma.lower() in _SPONSOR_VERBS and t.pos == "VERB":
                for c in view.children.get(t.i, []):
                    if c.dep in {"nsubj", "agent"}:
                        for lm in view.mentions_in(*view.span_of(view.subtree(c)), kinds={"person"}):
                            if lm.entity is not None and lm.mention.kind == "person" and lm.entity not in sponsors:
                                sponsors.append(lm.entity)
        facts.append(
            LegislationFact(
                legislation=entity,
                start=sent_span[0],
                end=sent_span[1],
                status=_status(view, noun),  # type: ignore[arg-type]
                jurisdiction=jurisdiction if jurisdiction is not None and jurisdiction.kind == "country" else None,
                legislature=legislature,
                sponsors=tuple(sponsors),
                targets=tuple(targets),
            )
        )
    unique: dict[str, LegislationFact] = {}
    for f in facts:
        unique.setdefault(f.legislation.key, f)
    return list(unique.values())
