"""Legislation: named acts and described bills, with jurisdiction, legislature, sponsors, targets
and status.

Input: an `ArticleView`. Output: `LegislationFact`s. A named act (a LAW mention) is its own
entity; a described bill ("a bipartisan sanctions bill, targeting countries that purchase Russian
oil and uranium, is awaiting approval in Congress") becomes a NIL legislation entity scoped to the
article (two articles' "sanctions bill" need not be the same bill). "The bill" later in the same
article refers back to it.

Also:
- titled acts the NER did not label ("the Alabama Human Life Protection Act", "the United States
  Constitution", "Reproductive Health Care Reform Bill 2019"): a run of capitalised words ending
  in Act/Bill/Constitution/Code, with its year;
- bans, executive orders and sanctions ("a ban on face veils", "an executive order", "sanctions
  on Iran"), whose targets are what "on/against" names;
- jurisdiction from a country named inside the measure's name or as its possessor ("the United
  States Constitution", "Hong Kong's extradition law"), never from an adjective ("Polish law");
- a constitution is in force (enacted) unless a verb says otherwise.
"""

from __future__ import annotations

import re

from kg.extract.view import ArticleView
from kg.lexicon import LEGISLATION_NOUNS, LEGISLATIVE_STATUS_WORDS
from kg.model import Entity, LegislationFact, Token
from kg.slugs import slugify

_LEGISLATURE_WORDS = {"congress", "senate", "house", "parliament", "duma", "rada", "bundestag", "knesset",
                      "assembly", "legislature", "council", "diet", "majlis", "sejm", "cortes"}
#: Status verbs beyond the shared lexicon: a bill introduced or filed awaits debate (pending); one
#: withdrawn or suspended is back to a proposal; a declared emergency or an imposed ban is in force.
_MORE_STATUS = {
    "introduce": "pending", "file": "pending", "table": "pending", "withdraw": "proposed", "suspend": "proposed",
    "declare": "enacted", "impose": "enacted", "instate": "enacted", "issue": "enacted", "decree": "enacted",
}
_TARGET_VERBS = {"target", "sanction", "punish", "penalize", "penalise", "restrict", "ban"}
# "a resolution to expel United States troops": the actors the purpose acts on are its targets.
_PURPOSE_VERBS = {"expel", "sanction", "ban", "block", "bar", "freeze", "condemn", "recognize", "recognise", "impeach", "remove"}
_SPONSOR_VERBS = {"sponsor", "introduce", "author", "draft", "propose", "co-sponsor", "cosponsor"}
_DESCRIPTIVE_DEPS = {"amod", "compound", "nmod"}
# Heads that name a body of law as often as a piece of legislation: only with a drafting word.
_GENERIC_HEADS = {"law", "legislation", "statute", "ordinance", "constitution"}
#: Head nouns of described legislation: the shared lexicon's, and "the Puerto Rican constitution".
_HEADS = LEGISLATION_NOUNS | {"constitution"}
_DRAFT_WORDS = {"new", "proposed", "draft", "controversial", "landmark", "bipartisan", "sweeping", "emergency"}
_ACT_WORDS = {"act", "bill", "law", "code", "treaty", "amendment", "directive", "regulation", "resolution",
              "decree", "statute", "ordinance", "constitution", "charter", "accord", "agreement", "convention"}


#: Titled acts: capitalised words ending in an act word, optionally dated ("... Bill 2019").
_TITLED_ACT = re.compile(
    r"\b(?:(?:[A-Z][\w'\u2019.-]*|of|the|and|for|on)\s+){0,9}?(?:[A-Z][\w'\u2019.-]*\s+)"
    r"(?:Act|Bill|Constitution|Code)(?:\s+(?:of\s+)?(?:19|20)\d\d)?\b")
#: Measures that are not bills: bans, executive orders, sanctions (with what they act on).
_MEASURE_NOUNS = {"ban", "order", "sanction", "embargo", "moratorium"}
_ORDER_WORDS = {"executive", "presidential", "administrative", "emergency", "cease-and-desist"}


def _titled_acts(view: ArticleView) -> list[tuple[int, int, str]]:
    out = []
    for m in _TITLED_ACT.finditer(view.text):
        start, text = m.start(), m.group()
        if re.match(r"\s+[A-Z]", view.text[m.end():]):
            continue  # "the U.S. Constitution Party": the act words name something else
        # Leading function words and sentence-initial "The" are no part of the title.
        while True:
            first, _, rest = text.partition(" ")
            if first.lower() in {"the", "of", "and", "for", "on", "a", "an", "its", "their", "his", "her"} and rest:
                start += len(first) + 1
                text = rest
            else:
                break
        if len(text.split()) >= 2:
            out.append((start, start + len(text), text))
    return out


def _is_named_act(text: str) -> bool:
    """"Affordable Care Act", "Constitution of Ukraine": a title with an act word and a capital;
    not "international law", "Sharia" or a stray quoted phrase."""
    words = text.strip("\"“”' ").split()
    if len(words) < 2 or text[:1] in "\"“":
        return False
    return any(w.lower().strip(".,") in _ACT_WORDS for w in words) and any(w[:1].isupper() for w in words)


#: Modifiers that make "law"/"legislation" a body of law rather than one law.
_BODY_OF_LAW = {"international", "sharia", "martial", "common", "case", "criminal", "civil", "constitutional",
                "customary", "humanitarian", "islamic", "canon", "human", "natural", "family", "religious",
                "domestic", "european", "national", "local", "federal", "state", "this", "that", "any", "such"}
#: Modifiers that pick out one existing law: "the previous law", "the current law".
_THIS_LAW_WORDS = _DRAFT_WORDS | {"previous", "current", "existing", "old", "original", "restrictive", "strict"}


#: Heads that are legislation only with a legislative modifier: "a criminal act" is none.
_AMBIGUOUS_HEADS = {"act", "resolution", "amendment"}


def _one_law(view: ArticleView, noun: Token, mods: list[Token]) -> bool:
    """Whether "law"/"legislation" with these modifiers is one law: a modifier names a law, and
    none names a body of law unless an indefinite article picks one out of it ("a New York State
    law", not "current U.S. constitutional law")."""
    if not any(_names_a_law(view, m) for m in mods):
        return False
    indefinite = any(c.dep == "det" and c.text.lower() in {"a", "an"} for c in view.children.get(noun.i, []))
    return indefinite or not any((m.lemma.lower() in _BODY_OF_LAW or m.text.lower() in _BODY_OF_LAW)
                                 and m.ent_type not in {"NORP", "GPE"} for m in mods)


def _names_a_law(view: ArticleView, mod: Token) -> bool:
    """"Thai law", "a 2005 law", "Polish privacy legislation", "the previous law": one law (or
    one country's law on a matter); not "international law" or "federal law"."""
    low = mod.lemma.lower()
    if mod.ent_type in {"NORP", "GPE"}:
        return True  # "Thai law", "a New York State law" (a name, not the word "state")
    if low in _BODY_OF_LAW or mod.text.lower() in _BODY_OF_LAW:
        return False
    if low in _THIS_LAW_WORDS or (mod.like_num if hasattr(mod, "like_num") else False):
        return True
    if re.fullmatch(r"(?:19|20)\d\d", mod.text):
        return True
    if mod.ent_type in {"NORP", "GPE"}:
        return True
    # A topic noun: "privacy legislation", "extradition law", "campaign finance law", "anti-abortion law".
    return mod.dep == "compound" and mod.pos == "NOUN" or low.startswith("anti")


def _is_legislature(ent: Entity, text: str) -> bool:
    return ent.kind == "organization" and any(w in text.lower().split() for w in _LEGISLATURE_WORDS)


def _status(view: ArticleView, noun: Token) -> str | None:
    """Status from the verbs around the bill: "awaiting approval" -> pending, "passed" -> passed."""
    candidates = [view.head(noun)] + [c for c in view.children.get(view.head(noun).i, [])]
    candidates += [c for c in view.children.get(noun.i, [])]
    for t in candidates:
        lemma = t.lemma.lower()
        status = _MORE_STATUS.get(lemma) or LEGISLATIVE_STATUS_WORDS.get(lemma)
        if status:
            return status
    # "Thai law forbids ...", "the constitution requires ...": a law that acts now is in force.
    head = view.head(noun)
    if noun.dep == "nsubj" and head.tag in {"VBZ", "VBP"} and head.lemma.lower() not in {"be", "have"}:
        return "enacted"
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
        elif tok.pos == "NOUN" and tok.lemma.lower() in _HEADS and named is None:
            noun = tok
            mods = [c for c in view.children.get(tok.i, []) if c.dep in _DESCRIPTIVE_DEPS and c.i < tok.i]
            purpose = [c for c in view.children.get(tok.i, []) if c.dep == "acl" and c.i > tok.i
                       and any(a.dep == "aux" and a.text.lower() == "to" for a in view.children.get(c.i, []))]
            # "a bill that would have allowed ...": a relative clause describes a bill too.
            relcl = [c for c in view.children.get(tok.i, []) if c.dep == "relcl" and c.i > tok.i
                     and tok.lemma.lower() not in _GENERIC_HEADS
                     and any(a.dep == "aux" and a.lemma.lower() in {"would", "will"} for a in view.children.get(c.i, []))]
            purpose = purpose or relcl
            if not mods and not (purpose and tok.lemma.lower() not in _GENERIC_HEADS):
                continue  # "the bill", "a law": a reference or a generic use, not a description
            if tok.lemma.lower() in _GENERIC_HEADS and not _one_law(view, tok, mods):
                continue  # "international law", "Sharia law": a body of law, not a piece of legislation
            if tok.lemma.lower() in _AMBIGUOUS_HEADS and not purpose and not any(
                    m.dep == "compound" or m.lemma.lower() in _DRAFT_WORDS or m.ent_type in {"NORP", "GPE", "ORG"}
                    or re.fullmatch(r"\d+(?:st|nd|rd|th)", m.text.lower()) for m in mods):
                continue  # "a deliberate criminal act", "low-resolution": no legislation
            first = min((m_.i for m in mods for m_ in view.subtree(m)), default=tok.i)
            last = tok if mods or not purpose else view.subtree(purpose[0])[-1]
            if relcl and purpose == relcl and last.i - first > 14:
                last = tok  # the clause describes; the label stays readable
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
        if named is not None:
            jurisdiction = _country_in(view, named.mention.start, named.mention.end) or jurisdiction
        jurisdiction = jurisdiction or _enacting_country(view, noun)
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
    facts += _extra_measures(view, facts)
    unique: dict[str, LegislationFact] = {}
    for f in facts:
        unique.setdefault(f.legislation.key, f)
    return list(unique.values())


def _country_in(view: ArticleView, start: int, end: int) -> Entity | None:
    for lm in view.mentions_in(start, end, kinds={"country"}):
        # A country named, not an adjective: "United States Constitution", not "Polish law".
        if lm.mention.kind == "office":
            continue
        adjective = lm.mention.text.lower().endswith(("ish", "ian", "ese", "ic", "an", "i"))
        if not adjective or lm.entity.label.lower() == lm.mention.text.lower():  # type: ignore[union-attr]
            return lm.entity
    # The NER may take "United States Constitution" whole: a country the article names elsewhere
    # that opens the title.
    title = view.text[start:end]
    for lm in view.mentions:
        e = lm.entity
        if (e is not None and e.kind == "country" and lm.mention.kind != "office"
                and not start <= lm.mention.start < end
                and title.startswith(lm.mention.text + " ") and lm.mention.text[:1].isupper()):
            return e
    return None


def _enacting_country(view: ArticleView, noun: Token) -> Entity | None:
    """The country whose measure it is, when the text names the country itself: as possessor
    ("Hong Kong's extradition law", "a change to Hong Kong's law") or as the government that acts
    on it ("the Hong Kong government proposed an amendment", "Germany imposed a ban")."""
    toks = [c for c in view.children.get(noun.i, []) if c.dep == "poss"]
    head = view.head(noun)
    if noun.dep in {"dobj", "nsubjpass"} and head.pos == "VERB":
        toks += [c for c in view.children.get(head.i, []) if c.dep in {"nsubj", "agent"}]
    elif noun.dep == "pobj" and view.head(head).pos == "NOUN":
        # "a change to Hong Kong's law": the possessor of the law the change is to.
        toks += [c for c in view.children.get(view.head(head).i, []) if c.dep == "poss"]
    for t in toks:
        core = [x for x in view.subtree(t) if x.dep not in {"relcl", "acl", "prep", "appos"} or x is t]
        for lm in view.mentions_in(*view.span_of(core), kinds={"country"}):
            if lm.mention.kind == "office" or lm.entity is None:
                continue
            words = view.text[core[0].idx : lm.mention.start].lower().split()
            adjective = lm.mention.text.lower().endswith(("ish", "ian", "ese", "ic", "an", "i")) and \
                lm.entity.label.lower() != lm.mention.text.lower()
            if not adjective and not words or "government" in view.text[lm.mention.end : core[-1].idx + 5].lower():
                return lm.entity
    return None


def _fact(view: ArticleView, entity: Entity, noun: Token, name_span: tuple[int, int],
          default_status: str | None = None) -> LegislationFact:
    sent = view.sentence_tokens(noun.sent)
    sent_span = view.span_of(sent)
    legislature = None
    for lm in view.mentions_in(*sent_span, kinds={"organization"}):
        if lm.entity is not None and _is_legislature(lm.entity, lm.mention.text):
            legislature = lm.entity
            break
    jurisdiction = _country_in(view, *name_span)
    if jurisdiction is None and legislature is not None:
        jurisdiction = view.entity_by_key(legislature.jurisdiction)
    jurisdiction = jurisdiction or _enacting_country(view, noun)
    targets: list[Entity] = []
    for c in view.children.get(noun.i, []):
        if c.dep == "prep" and c.text.lower() in {"on", "against"}:
            for lm in view.mentions_in(*view.span_of(view.subtree(c)), kinds={"country", "organization", "person"}):
                if lm.entity is not None and lm.entity not in targets and lm.mention.kind != "office":
                    targets.append(lm.entity)
    return LegislationFact(
        legislation=entity, start=sent_span[0], end=sent_span[1],
        status=_status(view, noun) or default_status,  # type: ignore[arg-type]
        jurisdiction=jurisdiction if jurisdiction is not None and jurisdiction.kind == "country" else None,
        legislature=legislature, targets=tuple(targets))


def _declared_emergency(view: ArticleView, tok: Token) -> tuple[Token, Token] | None:
    """"a state of emergency", "a national emergency", "a partial lockdown": government measures
    (the gold guidelines count emergency declarations and lockdown decisions as legislation)."""
    lemma = tok.lemma.lower()
    if lemma == "state" and tok.pos == "NOUN":
        of = [c for c in view.children.get(tok.i, []) if c.dep == "prep" and c.text.lower() == "of"]
        objs = [g for c in of for g in view.children.get(c.i, []) if g.dep == "pobj" and g.lemma.lower() == "emergency"]
        return (tok, objs[0]) if objs else None
    if lemma == "emergency" and tok.pos == "NOUN" and view.head(tok).lemma.lower() != "of":
        mods = [c for c in view.children.get(tok.i, []) if c.dep == "amod" and c.lemma.lower() in {"national", "public", "health"}]
        return (mods[0], tok) if mods else None
    if lemma in {"lockdown", "curfew"} and tok.pos == "NOUN":
        mods = [c for c in view.children.get(tok.i, []) if c.dep in {"amod", "compound"} and c.i < tok.i]
        verbs = {view.head(tok).lemma.lower()} & {"impose", "instate", "declare", "order", "announce", "introduce", "extend", "lift"}
        if mods or verbs:
            return (min(mods, key=lambda t: t.i) if mods else tok, tok)
    return None


def _extra_measures(view: ArticleView, facts: list[LegislationFact]) -> list[LegislationFact]:
    """Titled acts the NER missed, and bans, executive orders and sanctions."""
    out: list[LegislationFact] = []
    labels = {f.legislation.label.lower() for f in facts}
    for start, end, text in _titled_acts(view):
        if text.lower() in labels or any(text.lower() in lab or lab in text.lower() for lab in labels):
            continue
        key_text = re.sub(r"\s+(?:of\s+)?(?:19|20)\d\d$", "", text)
        noun = view.token_at(start + len(key_text) - 1)  # the act word, not the year after it
        if noun is None:
            continue
        entity = Entity(key=f"legislation/{slugify(key_text)}", kind="legislation", label=text)
        labels.add(text.lower())
        default = "enacted" if key_text.endswith("Constitution") else None
        out.append(_fact(view, entity, noun, (start, end), default))
    for tok in view.tokens:
        lemma = tok.lemma.lower()
        emergency = _declared_emergency(view, tok)
        if emergency is not None:
            first, last = emergency
            label = view.text[first.idx : last.idx + len(last.text)]
            entity = Entity(key=f"legislation/{view.document.id}-{slugify(label)}", kind="legislation", label=label)
            out.append(_fact(view, entity, first if first.lemma.lower() == "state" else last,
                             (first.idx, last.idx + len(last.text))))
            continue
        if tok.pos != "NOUN" or lemma not in _MEASURE_NOUNS:
            continue
        kids = view.children.get(tok.i, [])
        if lemma == "order" and not any(c.text.lower() in _ORDER_WORDS for c in kids if c.i < tok.i):
            continue  # "in order to", "law and order", "the order of events"
        if lemma in {"ban", "sanction", "embargo", "moratorium"} and not any(
                c.dep == "prep" and c.text.lower() in {"on", "against"} for c in kids):
            continue  # "a ban" alone refers back; "a ban on X" describes one
        sub = view.subtree(tok)
        first = next((t for t in sub if t.dep not in {"det", "poss"} and t.tag != "POS"), tok)
        last = sub[-1]
        label = view.text[first.idx : last.idx + len(last.text)].rstrip(" ,.")
        if len(label.split()) > 12:
            label = view.text[first.idx : tok.idx + len(tok.text)]
        entity = Entity(key=f"legislation/{view.document.id}-{slugify(label)}", kind="legislation", label=label)
        out.append(_fact(view, entity, tok, (first.idx, tok.idx + len(tok.text))))
    return out
