"""Scoring of geokg's facts against the Wikinews hold-out gold: statements with their speaker,
role, place, date and medium; office holdings; meetings; legislation.

Input: one `GoldArticle` (gold, `kg.eval.wikinews_gold`) and geokg's `ArticleResult` for it.
Output: counts added to a `FactScores`, from which precision, recall and F1 are read.

Rules (what counts as right):
- Entities: when the gold has a QID, the prediction must carry that QID. When the annotator could
  confirm none, the prediction must share a name word with the gold surface (words of three or
  more letters, titles and function words left out: "Mr. Lavrov" ~ "Sergey Lavrov"); a gold
  surface without such words (a pronoun whose person has no QID) accepts any entity. An office
  without a QID must be the same kind of office by `kg.gazetteer.roles.parse_title` ("Greek prime
  minister" ~ "Prime Minister of Greece"; the jurisdiction is not compared).
- Statements are paired with gold by content (token Jaccard >= 0.5, one-to-one, as on PolNeAR:
  `kg.eval.overlap`). On each pair the speaker is judged as above (a gold statement without a
  speaker wants none), and role, place, date and medium each end as right, wrong (both given,
  different), missing (gold only) or spurious (prediction only).
- Holdings are (holder, office) pairs, duplicates counted once; a prediction is right when both
  entities match a gold pair's; status is judged on the pairs that match.
- Meetings pair with the gold meeting that shares the most participants (at least two, or all of
  a gold meeting's when it names fewer); place, date and status are judged on the pairs.
- Legislation pairs by the phrase: the prediction's entity shares a name word with the gold
  phrase, or its evidence overlaps it; status, jurisdiction and targets are judged on the pairs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kg.eval.overlap import WordTokens, match
from kg.eval.wikinews_gold import GoldArticle, GoldRef
from kg.model import ArticleResult, Entity

_WORD = re.compile(r"[^\W\d_]{3,}")
#: Words that name no one in particular: titles, function words, pronouns.
_NOT_NAMES = frozenset((
    "the", "and", "for", "with", "from", "who", "his", "her", "its", "their", "they", "them", "she", "him",
    "this", "that", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "minister", "prime",
    "secretary", "state", "foreign", "spokesman", "spokeswoman", "spokesperson", "leader", "official",
    "officials", "government", "ministry", "department", "office", "house", "senate", "speaker", "chairman",
    "chair", "general", "former", "acting", "deputy", "chief", "head", "new",
))
#: Words every piece of legislation may bear; sharing one is no evidence of the same one.
_LAW_WORDS = frozenset({"bill", "act", "law", "decree", "amendment", "resolution", "order", "legislation"})
OUTCOMES = ("right", "wrong", "missing", "spurious")


def name_words(text: str) -> frozenset[str]:
    return frozenset(w for w in (m.group().casefold() for m in _WORD.finditer(text)) if w not in _NOT_NAMES)


def same_role(a: str, b: str) -> bool:
    """Two titles name the same kind of office ("Greek prime minister" ~ "Prime Minister of
    Greece"); the jurisdiction is not compared."""
    from kg.gazetteer.roles import parse_title

    pa, pb = parse_title(a), parse_title(b)
    if pa is None or pb is None:
        return " ".join(a.casefold().split()) == " ".join(b.casefold().split())
    return pa.role == pb.role


def entity_matches(pred: Entity | None, gold: GoldRef) -> bool:
    """Whether a predicted entity is the gold one (rules in the module docstring)."""
    if pred is None:
        return False
    if gold.qid is not None:
        return pred.qid == gold.qid
    if gold.kind == "office":
        return same_role(pred.label, gold.text)
    wanted = name_words(gold.text)
    return not wanted or bool(wanted & name_words(pred.label))


def outcome(pred: Entity | object | None, gold: GoldRef | object | None, same: bool) -> str | None:
    """right / wrong / missing / spurious, or None when neither side gives a value."""
    if gold is None and pred is None:
        return None
    if gold is None:
        return "spurious"
    if pred is None:
        return "missing"
    return "right" if same else "wrong"


@dataclass
class PRF:
    gold: int = 0
    pred: int = 0
    right: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Attribute:
    """Outcomes of one attribute (role, place...) on paired facts."""

    counts: Counter = field(default_factory=Counter)

    def add(self, result: str | None) -> None:
        if result is not None:
            self.counts[result] += 1

    @property
    def precision(self) -> float:
        given = self.counts["right"] + self.counts["wrong"] + self.counts["spurious"]
        return self.counts["right"] / given if given else 0.0

    @property
    def recall(self) -> float:
        wanted = self.counts["right"] + self.counts["wrong"] + self.counts["missing"]
        return self.counts["right"] / wanted if wanted else 0.0


@dataclass
class FactScores:
    statements: dict[str, PRF] = field(default_factory=lambda: {k: PRF() for k in ("all", "direct")})
    with_speaker: dict[str, PRF] = field(default_factory=lambda: {k: PRF() for k in ("all", "direct")})
    speaker_linked: Attribute = field(default_factory=Attribute)  # gold speakers with a QID
    quote_type: Counter = field(default_factory=Counter)  # right / wrong on pairs
    attributes: dict[str, Attribute] = field(
        default_factory=lambda: {k: Attribute() for k in ("role", "place", "date", "medium")})
    holdings: PRF = field(default_factory=PRF)
    holding_status: Counter = field(default_factory=Counter)
    meetings: PRF = field(default_factory=PRF)
    meeting_attributes: dict[str, Attribute] = field(
        default_factory=lambda: {k: Attribute() for k in ("place", "date", "status")})
    legislation: PRF = field(default_factory=PRF)
    legislation_attributes: dict[str, Attribute] = field(
        default_factory=lambda: {k: Attribute() for k in ("status", "jurisdiction", "targets")})
    articles: int = 0
    failed: list[str] = field(default_factory=list)


def score_article(scores: FactScores, gold: GoldArticle, result: ArticleResult | None) -> None:
    """Add one article's outcomes; `result` None (the article failed) scores every gold fact as missed."""
    scores.articles += 1
    statements = result.statements if result is not None else ()
    _score_statements(scores, gold, statements)
    _score_holdings(scores, gold, result.holdings if result is not None else ())
    _score_meetings(scores, gold, result.meetings if result is not None else ())
    _score_legislation(scores, gold, result.legislation if result is not None else ())


def _score_statements(scores: FactScores, gold: GoldArticle, statements: Sequence) -> None:
    tokens = WordTokens(gold.text)
    gsets = [tokens.ids([g.content]) for g in gold.statements]
    psets = [tokens.ids([(s.start, s.end)]) for s in statements]
    pairs: list[tuple[int, int]] = []
    for subset in ("all", "direct"):
        gi = {i for i, g in enumerate(gold.statements) if subset == "all" or g.quote_type == "direct"}
        pi = {j for j, s in enumerate(statements) if subset == "all" or s.quote_type == "direct"}
        sub_pairs = match([gsets[i] for i in sorted(gi)], [psets[j] for j in sorted(pi)])
        gl, pl = sorted(gi), sorted(pi)
        scores.statements[subset].gold += len(gi)
        scores.statements[subset].pred += len(pi)
        scores.statements[subset].right += len(sub_pairs)
        scores.with_speaker[subset].gold += len(gi)
        scores.with_speaker[subset].pred += len(pi)
        scores.with_speaker[subset].right += sum(
            _speaker_right(statements[pl[y]].speaker, gold.statements[gl[x]].speaker) for x, y, _ in sub_pairs)
        if subset == "all":
            pairs = [(gl[x], pl[y]) for x, y, _ in sub_pairs]
    for x, y in pairs:
        g, p = gold.statements[x], statements[y]
        if g.speaker is not None and g.speaker.qid is not None:
            scores.speaker_linked.add("right" if entity_matches(p.speaker, g.speaker) else
                                      "missing" if p.speaker is None else "wrong")
        scores.quote_type["right" if p.quote_type == g.quote_type else "wrong"] += 1
        attrs = scores.attributes
        attrs["role"].add(outcome(p.speaker_role, g.role, g.role is not None and entity_matches(p.speaker_role, g.role)))
        attrs["place"].add(outcome(p.place, g.place, g.place is not None and entity_matches(p.place, g.place)))
        attrs["medium"].add(outcome(p.medium, g.medium, g.medium is not None and entity_matches(p.medium, g.medium)))
        attrs["date"].add(outcome(p.date, g.date, p.date == g.date))


def _speaker_right(pred: Entity | None, gold: GoldRef | None) -> bool:
    return pred is None if gold is None else entity_matches(pred, gold)


def _score_holdings(scores: FactScores, gold: GoldArticle, holdings: Iterable) -> None:
    seen: set[tuple[str, str]] = set()
    predicted = []
    for h in holdings:
        key = (h.holder.key, h.office.key)
        if key not in seen:
            seen.add(key)
            predicted.append(h)
    scores.holdings.gold += len(gold.holdings)
    scores.holdings.pred += len(predicted)
    used: set[int] = set()
    for h in predicted:
        for i, g in enumerate(gold.holdings):
            if i not in used and entity_matches(h.holder, g.holder) and entity_matches(h.office, g.office):
                used.add(i)
                scores.holdings.right += 1
                scores.holding_status["right" if h.status == g.status else "wrong"] += 1
                break


def _shared_participants(pred: Sequence[Entity], gold: Sequence[GoldRef]) -> int:
    left = list(pred)
    n = 0
    for g in gold:
        hit = next((p for p in left if entity_matches(p, g)), None)
        if hit is not None:
            left.remove(hit)
            n += 1
    return n


def _score_meetings(scores: FactScores, gold: GoldArticle, meetings: Sequence) -> None:
    scores.meetings.gold += len(gold.meetings)
    scores.meetings.pred += len(meetings)
    candidates = []
    for i, g in enumerate(gold.meetings):
        for j, m in enumerate(meetings):
            shared = _shared_participants(m.participants, g.participants)
            if shared >= min(2, len(g.participants)) and shared > 0:
                candidates.append((-shared, i, j))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, i, j in sorted(candidates):
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        g, m = gold.meetings[i], meetings[j]
        scores.meetings.right += 1
        attrs = scores.meeting_attributes
        attrs["place"].add(outcome(m.place, g.place, g.place is not None and entity_matches(m.place, g.place)))
        attrs["date"].add(outcome(m.date, g.date, m.date == g.date))
        attrs["status"].add("right" if m.status == g.status else "wrong")


def _score_legislation(scores: FactScores, gold: GoldArticle, facts: Sequence) -> None:
    scores.legislation.gold += len(gold.legislation)
    scores.legislation.pred += len(facts)
    used: set[int] = set()
    for fact in facts:
        for i, g in enumerate(gold.legislation):
            if i in used:
                continue
            gs, ge = g.legislation.span
            named = bool((name_words(g.legislation.text) & name_words(fact.legislation.label)) - _LAW_WORDS)
            if named or (fact.start < ge and fact.end > gs):
                used.add(i)
                scores.legislation.right += 1
                attrs = scores.legislation_attributes
                attrs["status"].add(outcome(fact.status, g.status, fact.status == g.status))
                attrs["jurisdiction"].add(outcome(
                    fact.jurisdiction, g.jurisdiction,
                    g.jurisdiction is not None and entity_matches(fact.jurisdiction, g.jurisdiction)))
                if g.targets or fact.targets:
                    shared = _shared_participants(fact.targets, g.targets)
                    attrs["targets"].add("right" if g.targets and shared == len(g.targets) == len(fact.targets)
                                         else "missing" if not fact.targets else "spurious" if not g.targets
                                         else "wrong")
                break
