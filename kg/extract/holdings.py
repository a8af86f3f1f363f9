"""Office holdings: who holds which office, as the article reports it.

Input: an `ArticleView`. Output: `OfficeHolding`s from
- titles attached to names ("U.S. President Donald Trump", "Darchiev, the ambassador"), with the
  status the title's modifier gives ("former", "acting", "new" -> incoming);
- predicates: "X (was) approved/appointed/named/elected as <office>" (incoming), "X became
  <office>" (current);
- succession: "X replaces/succeeds Y": Y held X's office and no longer does (former);
- titles the NLP stage left without a holder (`kg.extract.titled`): appositions, predicates ("X
  was sworn in as T"), coordinated titles, complements ("Senator from Vermont Bernie Sanders");
- a bare title ("Former prime minister John Major") whose holder the gazetteer does not know
  takes the specific office the article gives that role elsewhere ("Boris Johnson, the prime
  minister" -> Prime Minister of the United Kingdom), when that office is the only one of its
  role in the article and belongs to the country the article is about (`main_country`) or, for
  "Prime Minister Igor Matovic of the Slovak Republic", to the country named after the holder;
  which office a title names is the linker's business, so a role the article never links stays
  a NIL office here;
- "Health Minister X": the portfolio word the title finder left out names the office;
- one office per person and title: "District Attorney" beside "Manhattan District Attorney", or
  "Secretary" beside "Secretary of Justice", is the same office said shorter.
"""

from __future__ import annotations

from collections import Counter

from kg.extract.titled import coordinated_with_attached, find_titled_people
from kg.extract.view import ArticleView
from kg.model import Entity, LinkedMention, OfficeHolding
from kg.slugs import slugify

_APPOINT = {"approve", "appoint", "name", "nominate", "confirm", "elect", "install", "swear", "designate", "choose", "select"}
_BECOME = {"become"}
_SUCCEED = {"replace", "succeed"}


def _jurisdiction(view: ArticleView, office_lm: LinkedMention) -> Entity | None:
    m = office_lm.mention
    ent = view.entity_for_span(m.jurisdiction_span)
    if ent is not None and ent.kind == "country":
        return ent
    office = office_lm.entity
    return view.entity_by_key(office.jurisdiction) if office is not None else None


def _subject_entity(view: ArticleView, verb_i: int, deps: frozenset[str] = frozenset({"nsubj", "nsubjpass"})) -> Entity | None:
    for c in view.children.get(verb_i, []):
        if c.dep in deps:
            span = view.span_of(view.subtree(c))
            people = view.mentions_in(span[0], span[1], kinds={"person"})
            people = [p for p in people if p.mention.kind == "person"]
            if people:
                return people[0].entity
    return None


def extract_holdings(view: ArticleView) -> list[OfficeHolding]:
    found: list[OfficeHolding] = []
    for lm in view.mentions:
        m = lm.mention
        office = lm.entity
        if m.kind != "office" or office is None:
            continue
        holder = view.entity_for_span(m.holder_span)
        status = m.modifier or "current"
        if holder is None:
            # Predicative titles: "Ruslan Kravchenko approved as Ukraine's new Prosecutor General."
            title_tok = view.token_at(m.end - 1)
            if title_tok is None:
                continue
            for anc in view.ancestors(title_tok)[:3]:
                if anc.lemma.lower() in _APPOINT | _BECOME and anc.pos in {"VERB", "AUX"}:
                    kids = view.children.get(anc.i, [])
                    if (anc.lemma.lower() in _APPOINT and any(c.dep == "dobj" for c in kids)
                            and not any(c.dep == "nsubjpass" for c in kids)):
                        # "May appointed him Foreign Secretary": the object takes the office, not
                        # the one who appoints (and "him" names no one here); "Kravchenko
                        # approved as Prosecutor General" has no object and keeps its subject.
                        holder = _subject_entity(view, anc.i, frozenset({"dobj"}))
                    else:
                        holder = _subject_entity(view, anc.i)
                    # "was sworn in as governor" takes office now: current, not incoming.
                    if anc.lemma.lower() in _APPOINT - {"swear"} and status == "current":
                        status = "incoming"
                    break
        if holder is None or holder.kind != "person":
            continue
        found.append(
            OfficeHolding(
                holder=holder,
                office=office,
                status=status,  # type: ignore[arg-type]
                start=m.start,
                end=m.end,
                jurisdiction=_jurisdiction(view, lm),
            )
        )

    # Succession: the predecessor held the successor's office.
    for tok in view.tokens:
        if tok.lemma.lower() not in _SUCCEED or tok.pos != "VERB":
            continue
        successor = _subject_entity(view, tok.i)
        objs = [c for c in view.children.get(tok.i, []) if c.dep == "dobj"]
        if successor is None or not objs:
            continue
        obj = objs[0]
        span = view.span_of([obj])
        preds = [p for p in view.mentions_in(*view.span_of(view.subtree(obj)), kinds={"person"})]
        preds = [p for p in preds if p.mention.start <= span[0] < p.mention.end or p.mention.end == span[1]]
        if not preds:
            continue
        predecessor = preds[0].entity
        assert predecessor is not None
        for h in list(found):
            if h.holder == successor and h.status in {"incoming", "current", "acting"}:
                found.append(
                    OfficeHolding(
                        holder=predecessor,
                        office=h.office,
                        status="former",
                        start=preds[0].mention.start,
                        end=preds[0].mention.end,
                        jurisdiction=h.jurisdiction,
                    )
                )
                break

    titled = find_titled_people(view)
    titled += coordinated_with_attached(view, titled)
    for t in titled:
        found.append(OfficeHolding(holder=t.holder, office=t.office, status=t.status, start=t.start, end=t.end,
                                   jurisdiction=view.entity_by_key(t.office.jurisdiction)))
    found = _specific_offices(view, found)

    found = [_with_portfolio(view, h) for h in found]
    unique: dict[tuple[str, str, str], OfficeHolding] = {}
    for h in found:
        unique.setdefault((h.holder.key, h.office.key, h.status), h)
    return _drop_vaguer(list(unique.values()))


#: Portfolio words before a bare "Minister"/"Secretary": "Health Minister", "Defence Secretary".
_PORTFOLIOS = frozenset({
    "agriculture", "defence", "defense", "economy", "education", "energy", "environment", "finance",
    "foreign", "health", "home", "interior", "justice", "labour", "labor", "trade", "transport", "treasury",
    "culture", "development", "infrastructure", "security", "communications", "tourism", "emergencies",
    "first",  # "First Minister Nicola Sturgeon"
})


def _with_portfolio(view: ArticleView, h: OfficeHolding) -> OfficeHolding:
    """"Health Minister Lukasz Szumowski": the title finder took "Minister" alone; a NIL office
    named by the portfolio word before it is the health minister's office, not any minister's."""
    if h.office.qid is not None or h.office.jurisdiction is not None:
        return h
    if h.office.label.lower() not in {"minister", "secretary", "deputy minister", "secretary of state"}:
        return h  # "Security Council President": the word before names another body
    first = view.token_at(h.start)
    if first is None or first.i == 0 or first.idx != h.start:
        return h
    prev = view.tokens[first.i - 1]
    if prev.text.lower() not in _PORTFOLIOS or not prev.text[:1].isupper():
        return h
    label = f"{prev.text} {h.office.label}"
    office = Entity(key=f"office/{slugify(label)}", kind="office", label=label)
    return OfficeHolding(h.holder, office, h.status, prev.idx, h.end, h.jurisdiction)


def _drop_vaguer(holdings: list[OfficeHolding]) -> list[OfficeHolding]:
    """One person titled "Manhattan District Attorney" and later "District Attorney" holds one
    office: a NIL office whose label ends or begins another of the same holder's labels
    ("Secretary" beside "Secretary of Justice"), or whose role a linked office of that holder
    has, is dropped."""
    out = []
    for h in holdings:
        words = h.office.label.lower().split()
        vaguer = h.office.qid is None and any(
            o is not h and o.holder == h.holder and (
                (o.office.qid is not None and _role_of(o.office) == _role_of(h.office))
                or (o.office.qid is None and len(o.office.label.split()) > len(words)
                    and words in (o.office.label.lower().split()[-len(words):],
                                  o.office.label.lower().split()[: len(words)])))
            for o in holdings)
        if not vaguer:
            out.append(h)
    return out


def _role_of(office: Entity) -> str:
    from kg.gazetteer.roles import parse_title

    return parse_title(office.label).role


def _bare(office: Entity) -> bool:
    """A title without words of its own domain ("President", "Former prime minister"), not
    "chairman of the House Intelligence Committee" (whose role may parse as a speaker's)."""
    from kg.gazetteer.roles import parse_title

    words = office.label.lower().split()
    return len(words) <= 3 and not {"of", "for", "to"} & set(words) and parse_title(office.label).jurisdiction_text is None


def main_country(view: ArticleView) -> str | None:
    """The QID of the country the article is about: named at least three times, and at least
    twice as often as any other (an article listing European leaders has none)."""
    counts = Counter(lm.entity.qid for lm in view.mentions
                     if lm.entity is not None and lm.entity.kind == "country" and lm.entity.qid)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]):
        return None
    return ranked[0][0]


def _holder_country(view: ArticleView, h: OfficeHolding) -> str | None:
    """"Prime Minister Igor Matovic of the Slovak Republic": the country after the holder's name
    (within the title's sentence) is the title's jurisdiction."""
    for lm in view.mentions:
        m = lm.mention
        if m.kind != "person" or lm.entity != h.holder or m.start < h.end or m.start - h.end > 3:
            continue
        tail = view.text[m.end : m.end + 60]
        for c in view.mentions:
            e = c.entity
            if (e is not None and e.kind == "country" and e.qid and c.mention.kind != "office"
                    and c.mention.start > m.end and c.mention.start - m.end < 60):
                between = view.text[m.end : c.mention.start]
                if between.strip().lower() in {"of", "of the"} and tail:
                    return e.qid
    return None


def _specific_offices(view: ArticleView, found: list[OfficeHolding]) -> list[OfficeHolding]:
    """A NIL office without a jurisdiction ("President" before a name the gazetteer lacks) is the
    specific office the article links for that role, when that office is unique and belongs to
    the country named after the holder ("... of the Slovak Republic") or else the article's main
    country (an article about France: "President Francois Mitterrand")."""
    country = main_country(view)
    by_role: dict[str, set[Entity]] = {}
    for lm in view.mentions:
        if lm.mention.kind == "office" and lm.entity is not None and lm.entity.qid:
            by_role.setdefault(lm.mention.lookup or _role_of(lm.entity), set()).add(lm.entity)
    for h in found:
        if h.office.qid:
            by_role.setdefault(_role_of(h.office), set()).add(h.office)
    out = []
    for h in found:
        office = h.office
        if office.qid is None and office.jurisdiction is None and h.jurisdiction is None and _bare(office):
            role = _role_of(office)
            own = _holder_country(view, h)
            specific = by_role.get(role, set())
            where = own or country
            if len(specific) == 1:
                (only,) = specific
                if where is not None and only.jurisdiction == where:
                    h = OfficeHolding(h.holder, only, h.status, h.start, h.end, view.entity_by_key(where))
        out.append(h)
    return out
