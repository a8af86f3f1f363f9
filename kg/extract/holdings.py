"""Office holdings: who holds which office, as the article reports it.

Input: an `ArticleView`. Output: `OfficeHolding`s from
- titles attached to names ("U.S. President Donald Trump", "Darchiev, the ambassador"), with the
  status the title's modifier gives ("former", "acting", "new" -> incoming);
- predicates: "X (was) approved/appointed/named/elected as <office>" (incoming), "X became
  <office>" (current);
- succession: "X replaces/succeeds Y": Y held X's office and no longer does (former).
"""

from __future__ import annotations

from kg.extract.view import ArticleView
from kg.model import Entity, LinkedMention, OfficeHolding

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


def _subject_entity(view: ArticleView, verb_i: int) -> Entity | None:
    for c in view.children.get(verb_i, []):
        if c.dep in {"nsubj", "nsubjpass"}:
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
                    holder = _subject_entity(view, anc.i)
                    if anc.lemma.lower() in _APPOINT and status == "current":
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

    unique: dict[tuple[str, str, str], OfficeHolding] = {}
    for h in found:
        unique.setdefault((h.holder.key, h.office.key, h.status), h)
    return list(unique.values())
