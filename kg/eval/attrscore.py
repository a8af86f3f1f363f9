"""Scores attribution predictions against PolNeAR gold: content, speaker and role, with error classes.

Input: a `GoldArticle` (from `kg.eval.polnear`) and a system's `Prediction`s (content span, quote
type, cue, speaker and role with the spans where they are named). Output: counts and error
classes added to a `SystemScores` (`score_article`), and the rules behind them as functions
(`source_category`, `resolve_sources`, `speaker_verdict`, `role_verdict`).

Content matching (`kg.eval.overlap`): token Jaccard >= 0.5, one-to-one. A direct quote split
around its attribution (`"A," X said, <apposition>. "B."`) is scored by its quoted parts, without
the attribution between them: PolNeAR marks such a quote as one discontinuous content of those
parts, and the words between are the source and cue, not content (a two-apostrophe `''` quote,
whose statement starts and ends inside its marks, is split the same way). "Quoted" is scored by
matching quoted gold against the predictions whose `quote_type` is "direct" or "mixed" (the
predictions whose content contains quote marks, mirroring the gold definition, except transcript
turns, "PENCE: ...", direct speech without marks of their own, which PolNeAR's gold does not
count as quoted; the textacy baseline only produces direct quotes). "any overlap" repeats the content matching with any shared
token as the bar, which separates boundary errors from misses.

Speaker
-------
"Content + speaker" is a second one-to-one matching over the pairs that match on content and
have a right speaker (same denominators as content). The per-category speaker breakdown is taken
on the content-only pairs, to show why a found statement has a wrong speaker; "unattributed" is
split into quotes geokg found no cue for and statements whose speaker span it could not resolve.

A predicted speaker is represented by the spans where it is named: for geokg every mention in the
article of the speaker entity (`ArticleResult.mentions` with `entity.key == speaker.key`), plus
the label of a transcript turn ("PENCE: ..." at the start of the statement's paragraph) when the
label spells the speaker's name (its last word or all of it, ignoring case; `transcript_label`):
the label names the speaker as a mention does, but the NER does not tag a name in capitals, so
without this rule a right speaker of a turn could never be credited, and a label that spells
another name credits nothing; for textacy the speaker tokens it returns. Gold source spans are classified from their text alone:
`named` (a capitalised word that is not a determiner, pronoun, role word or party adjective; a
sentence-initial word counts only if the article never writes it in lower case), `pronoun`
(he, she, they, I, it, ...), `relative` (who, which, that), `definite` nominal ("the mayor",
"his campaign"), `indefinite` nominal ("a source", "experts") and `none` (no source span).

1. head: correct when a speaker span overlaps the gold source span *at its head*: inside the gold
   span only its end, a comma, a parenthesis, a dash, "and"/"or", "of/from/at ..." or "Jr."
   follows it, and it does not come right after "of/for/at/with/from/by/to/in/on/under (the)".
   "Robby Mook" in "Hillary Clinton's campaign manager Robby Mook" is right, "Hillary Clinton" is
   not (counted as the error `modifier`), nor "Clinton" in "Clinton spokesman Brian Fallon", nor
   "Pentagon" in "the spokesman of the Pentagon"; "Edward Alden" in "Edward Alden of the Council
   on Foreign Relations" is. Applies to every category, so textacy's literal "he" for a gold "he"
   is right.
2. antecedent (gold has no coreference; these approximations stand in for it):
   * pronoun: the nearest preceding `named` gold source (for he/she/him/her/his, not one that
     starts with a determiner and has no role word: "he" is not "the New York Times", nor one
     whose gender the span itself contradicts by an honorific or a given name of geokg's
     lexicon, also one the article writes before a lone surname: "she" is not "Mr. Obama",
     "Donald Trump" or "Trump" in an article that names Donald Trump); for
     I/we/me/us/my/our inside the content of another gold attribution, that attribution's source
     (resolved the same way if it is itself a pronoun). Number is not checked, and gender only as
     said: on 25 dev pronouns checked by hand (before the gender check) about three in four
     antecedents were right;
   * relative: the run of capitalised words right before the pronoun ("Sen. Tim Kaine, who");
   * definite nominal: the nearest preceding `named` gold source containing the nominal's head
     word ("the mayor" -> "Charlotte Mayor Jennifer Roberts"), else the nearest preceding
     "<head word> <Capitalised Name>" in the text.
   Correct when the head rule holds for the antecedent span. No antecedent found: only rule 1 can
   credit the prediction (reported as `unresolved`).
3. none: a gold attribution without a source is right only when the prediction has no speaker.
Indefinite nominals have no antecedent; only rule 1 can credit them (geokg leaves "sources said"
unattributed by design, which counts as an error here).

Role
----
Role-bearing gold: a `named` source that also contains a role word (geokg's title lexicon plus an
evaluation list of news roles: pollster, campaign manager, Gov., Lt. Gen., nominee, ...). On the
pairs matched with a correct speaker, the role is right when the label of the statement's
`speaker_role` shares a word with the role words (abbreviations and geokg's title keys expanded:
"Sen." -> senator, "Rep." -> representative, member; "RNC spokesman" read as "White House Press
Secretary" is wrong). Right roles are split into "span" (a mention of that office lies inside the
gold source span) and "label" (the role came from elsewhere in the article). Reported also end to
end (over all role-bearing gold) and split by whether the role word is in geokg's own title
lexicon.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.eval.overlap import WordTokens, match
from kg.eval.polnear import GoldArticle, GoldAttribution
from kg.lexicon import CUE_VERBS, FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, TITLE_ROLES

if TYPE_CHECKING:  # geokg's result type, for annotations only
    from kg.model import ArticleResult

Span = tuple[int, int]
CATEGORIES = ("named", "pronoun", "relative", "definite", "indefinite", "none")

# -- speaker rules -------------------------------------------------------------------------------

_PERSONAL = {
    "he", "she", "they", "i", "we", "you", "it", "him", "her", "them", "us", "me", "his", "its",
    "their", "our", "my", "your", "hers", "theirs", "himself", "herself", "themselves", "itself",
}
_FIRST_PERSON = {"i", "we", "me", "us", "my", "our"}
_SINGULAR_PERSON = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
_RELATIVE = {"who", "which", "that", "whom", "whose"}
_DEFINITE = {"the", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my", "your"}
_DETERMINERS = _DEFINITE | {"a", "an", "some", "many", "several", "both", "all", "other", "another", "most", "few"}
_HONORIFICS = {"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr"}
#: Capitalised words that name a party, country or level of government but not the source itself
#: ("the Republican nominee" is a nominal, not a name).
_NAME_ADJECTIVES = {
    "democratic", "republican", "gop", "american", "u.s.", "conservative", "liberal", "federal",
    "presidential", "national", "former", "senior", "top", "retired", "longtime", "new",
}
#: News roles the title lexicon of geokg does not cover; with `TITLE_ROLES` they make the role
#: vocabulary of the evaluation.
EXTRA_ROLES = frozenset(
    {
        "gov.", "lt.", "gen.", "col.", "adm.", "sgt.", "capt.", "maj.", "lt. gen.", "general",
        "campaign manager", "manager", "chairman", "chairwoman", "chair", "director", "adviser",
        "advisor", "aide", "strategist", "pollster", "analyst", "economist", "professor", "editor",
        "reporter", "correspondent", "columnist", "commentator", "host", "anchor", "founder",
        "executive", "ceo", "chief", "head", "leader", "majority leader", "minority leader", "whip",
        "official", "officer", "commissioner", "judge", "justice", "attorney", "lawyer", "counsel",
        "sheriff", "nominee", "candidate", "secretary", "treasurer", "deputy", "delegate",
        "chief executive", "fellow", "researcher", "coach", "pastor", "rev.", "organizer",
        "activist", "surrogate", "operative", "consultant", "publisher", "owner",
        "superintendent", "commander", "colonel", "lieutenant", "admiral", "sergeant",
    }
)
ROLE_FORMS = frozenset(TITLE_ROLES) | EXTRA_ROLES
_MAX_ROLE_WORDS = max(len(f.split()) for f in ROLE_FORMS)
_ROLE_ABBREVIATIONS = {
    "sen.": "senator", "rep.": "representative member", "gov.": "governor", "gen.": "general",
    "lt.": "lieutenant", "col.": "colonel", "adm.": "admiral", "sgt.": "sergeant", "capt.": "captain",
    "maj.": "major", "rev.": "reverend", "pm": "prime minister", "mp": "member parliament",
}
_LABEL_STOP = {"of", "the", "and", "for", "to", "in", "a", "an", "united", "states", "state", "s"}
_WORDS = re.compile(r"[^\W\d_][\w.'\u2019&-]*")
_ROLE_TOKENS = re.compile(r"[a-z][a-z'\u2019-]*\.?")


def _bare(word: str) -> str:
    """Lower case without a possessive ending."""
    w = word.lower()
    for suffix in ("'s", "\u2019s", "'", "\u2019"):
        if w.endswith(suffix) and len(w) > len(suffix):
            return w[: -len(suffix)]
    return w


def role_forms(source_text: str) -> frozenset[str]:
    """Role words of the evaluation vocabulary in a source span ("Sen.", "campaign manager")."""
    toks = _ROLE_TOKENS.findall(source_text.lower())
    found: set[str] = set()
    for n in range(_MAX_ROLE_WORDS, 0, -1):
        for i in range(len(toks) - n + 1):
            form = " ".join(toks[i : i + n])
            if form in ROLE_FORMS:
                found.add(form)
            elif form.rstrip(".") in ROLE_FORMS:
                found.add(form.rstrip("."))
    return frozenset(found)


def source_category(source_text: str, article_text: str = "") -> str:
    """named / pronoun / relative / definite / indefinite / none, from the span text alone (see
    the module docstring); `article_text` lets a sentence-initial capital be tested for being a name."""
    words = _WORDS.findall(source_text)
    if not source_text.strip():
        return "none"
    if not words:
        return "indefinite"
    lower = [_bare(w) for w in words]
    if all(w in _PERSONAL | _RELATIVE for w in lower):
        return "relative" if any(w in _RELATIVE for w in lower) else "pronoun"
    roles = {w for f in role_forms(source_text) for w in f.split()}
    not_names = _DETERMINERS | _PERSONAL | _RELATIVE | _HONORIFICS | _NAME_ADJECTIVES | roles
    for i, (w, lw) in enumerate(zip(words, lower)):
        if not w[0].isupper() or lw in not_names or lw.rstrip(".") in not_names:
            continue
        if i == 0 and article_text and re.search(rf"(?<![\w.]){re.escape(lw)}(?!\w)", article_text):
            continue  # "Officials said": the capital is the sentence's, the word is written lower case too
        return "named"
    return "definite" if lower[0] in _DEFINITE else "indefinite"


_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
_HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}


def source_gender(source_text: str, article_text: str = "") -> str | None:
    """"m"/"f" when a source span says it: an honorific ("Mr. Obama") or a given name the
    lexicon lists ("Hillary Clinton"); for a surname alone, the given name the article writes
    before that surname elsewhere ("Obama" -> "Barack Obama"); None otherwise."""
    raws = _WORDS.findall(source_text)
    if any(_bare(w) != w.lower() for w in raws):
        return None  # "Keith Scott's wife": the name is not the source
    words = [w.lower().rstrip(".") for w in raws]
    for w in words:
        if w in _HONORIFIC_GENDER:
            return _HONORIFIC_GENDER[w]
    skip = _DETERMINERS | _NAME_ADJECTIVES | {w for f in role_forms(source_text) for w in f.split()}
    names = [(raw, w) for raw, w in zip(raws, words) if raw[0].isupper() and w not in skip and w + "." not in skip]
    if len(names) == 1 and article_text:
        full = re.findall(rf"\b([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?{re.escape(names[0][0])}\b", article_text)
        genders = {_given_gender(g.lower()) for g in full} - {None}
        return genders.pop() if len(genders) == 1 else None
    if len(names) < 2:
        return None
    return _given_gender(names[0][1])


def _given_gender(name: str) -> str | None:
    return "m" if name in MALE_GIVEN_NAMES else "f" if name in FEMALE_GIVEN_NAMES else None


def head_overlap(text: str, speaker_spans: Iterable[Span], source_spans: Iterable[Span]) -> str:
    """"head" when a speaker span overlaps a source span at its head, "modifier" when it overlaps
    only elsewhere (before a possessive or a noun, or inside an "of/for/at ..." phrase), "" when
    it does not overlap."""
    verdict = ""
    sources = list(source_spans)
    for s, e in speaker_spans:
        for gs, ge in sources:
            if s >= ge or e <= gs:
                continue
            tail = (text[e:ge] if e < ge else "").strip()
            before = text[gs:s] if s > gs else ""
            at_head = (
                not tail.strip(".,;:!?\"'\u2019\u201c\u201d")
                or tail[0] in ",()[]\u2014\u2013-"
                or _HEAD_FOLLOWERS.match(tail) is not None
            )
            if at_head and _POSTMODIFIER_START.search(before) is None:
                return "head"
            verdict = "modifier"
    return verdict


#: What may follow the name that heads a source: a coordinated second source, a suffix, or a
#: post-modifier of the person ("Edward Alden of the Council on Foreign Relations").
_HEAD_FOLLOWERS = re.compile(r"(and|or|&|of|from|at)\b|(jr|sr|ii|iii)\b\.?", re.IGNORECASE)
#: A name right after one of these is inside a post-modifier ("the spokesman of the Pentagon").
_POSTMODIFIER_START = re.compile(r"\b(of|for|at|with|from|by|to|in|on|under)\s+(the\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class SourceInfo:
    """What the evaluation knows about a gold source: its category, the span a pronoun or nominal
    is taken to refer to (None: not resolved or not needed) and its role words."""

    category: str
    antecedent: tuple[Span, ...] | None
    roles: frozenset[str] = frozenset()


def _relative_antecedent(text: str, start: int) -> tuple[Span, ...] | None:
    window_start = max(0, start - 200)
    before = text[window_start:start].rstrip()
    before = before.rstrip(",").rstrip()
    if before.endswith(")"):  # "Rep. John Mica (R-Fla.), who"
        cut = before.rfind("(")
        before = before[:cut].rstrip() if cut >= 0 else before
    m = re.search(r"((?:[A-Z][\w.'\u2019-]*\s+){0,4}[A-Z][\w.'\u2019-]*)$", before)
    if m is None:
        return None
    return ((window_start + m.start(1), window_start + m.end(1)),)


def resolve_sources(article: GoldArticle) -> dict[str, SourceInfo]:
    """Category, antecedent and role words of every gold source of an article."""
    text = article.text
    golds = article.attributions
    cats = {g.id: source_category(g.source_text, text) for g in golds}
    named = sorted(((g.source[0][0], g) for g in golds if cats[g.id] == "named" and g.source), key=lambda x: x[0])
    memo: dict[str, tuple[Span, ...] | None] = {}

    def preceding_named(
        start: int, head: str | None = None, person: bool = False, gender: str | None = None
    ) -> tuple[Span, ...] | None:
        best = None
        for s, g in named:
            if s >= start:
                break
            words = [_bare(w) for w in _WORDS.findall(g.source_text)]
            if person and words[0] in _DETERMINERS and not role_forms(g.source_text):
                continue  # "he" is not "the New York Times" or "a Donald Trump tweet"
            if gender is not None and source_gender(g.source_text, text) not in {None, gender}:
                continue  # "she" is not "Mr. Obama" or "Donald Trump"
            if head is None or head in {w.rstrip("s") for w in words}:
                best = g.source
        return best

    def antecedent(g: GoldAttribution, depth: int = 0) -> tuple[Span, ...] | None:
        if g.id in memo:
            return memo[g.id]
        cat = cats[g.id]
        start = g.source[0][0] if g.source else 0
        result: tuple[Span, ...] | None = None
        if cat == "pronoun":
            words = {_bare(w) for w in _WORDS.findall(g.source_text)}
            if words & _FIRST_PERSON and depth < 4:
                outers = [
                    o for o in golds
                    if o.id != g.id and o.source and any(s <= start < e for s, e in o.content)
                ]
                if outers:
                    outer = min(outers, key=lambda o: sum(e - s for s, e in o.content))
                    if cats[outer.id] == "named":
                        result = outer.source
                    elif cats[outer.id] in {"pronoun", "relative", "definite"}:
                        result = antecedent(outer, depth + 1)
            if result is None:
                gender = next((_PRONOUN_GENDER[w] for w in words if w in _PRONOUN_GENDER), None)
                result = preceding_named(start, person=bool(words & _SINGULAR_PERSON), gender=gender)
        elif cat == "relative":
            result = _relative_antecedent(text, start)
        elif cat == "definite":
            words = _WORDS.findall(g.source_text)
            head = _bare(words[-1]).rstrip("s") if words else ""
            result = preceding_named(start, head) if head else None
            if result is None and head:
                found = None
                # Only the head word ignores case: "Mayor Jennifer Roberts", "mayor Jennifer Roberts".
                pattern = rf"\b(?i:{re.escape(head)})s?\s+((?:[A-Z][\w.'\u2019-]*\s+){{0,3}}[A-Z][\w'\u2019-]*)"
                for m in re.finditer(pattern, text[:start]):
                    found = ((m.start(1), m.end(1)),)
                result = found
        memo[g.id] = result
        return result

    out = {}
    for g in golds:
        cat = cats[g.id]
        ante = antecedent(g) if cat in {"pronoun", "relative", "definite"} else None
        out[g.id] = SourceInfo(cat, ante, role_forms(g.source_text) if cat == "named" else frozenset())
    return out


def speaker_verdict(text: str, gold: GoldAttribution, info: SourceInfo, pred: Prediction) -> tuple[bool, str]:
    """(correct, rule or error). Rules: head, antecedent, none. Errors: unattributed (no speaker
    for a gold source), spurious (a speaker where gold has none), modifier (the speaker is only a
    modifier inside the source span), unresolved (pronoun/nominal whose antecedent was not
    found), wrong."""
    has_speaker = pred.speaker is not None
    if not gold.source:
        return (True, "none") if not has_speaker else (False, "spurious")
    if not has_speaker:
        return False, "unattributed"
    direct = head_overlap(text, pred.speaker_spans, gold.source)
    if direct == "head":
        return True, "head"
    if info.category in {"pronoun", "relative", "definite"}:
        if info.antecedent is None:
            return False, "unresolved"
        via = head_overlap(text, pred.speaker_spans, info.antecedent)
        if via == "head":
            return True, "antecedent"
        return False, "modifier" if "modifier" in (direct, via) else "wrong"
    return False, "modifier" if direct == "modifier" else "wrong"


def _label_words(label: str) -> set[str]:
    return {_bare(w).rstrip(".").rstrip("s") for w in _WORDS.findall(label)} - _LABEL_STOP


def role_verdict(gold: GoldAttribution, info: SourceInfo, pred: Prediction) -> str:
    """The role's label must share a role word with the gold source ("RNC spokesman" read as "White
    House Press Secretary" is wrong though it comes from the right words). Then "span": the role
    was read inside the gold source span; "label": from elsewhere in the article. Otherwise
    "wrong", or "missing" when the statement has no role."""
    if pred.role is None:
        return "missing"
    wanted: set[str] = set()
    for form in info.roles:
        wanted |= _label_words(form)
        wanted |= _label_words(TITLE_ROLES.get(form, ""))
        wanted |= _label_words(_ROLE_ABBREVIATIONS.get(form, _ROLE_ABBREVIATIONS.get(form + ".", "")))
    if not wanted & _label_words(pred.role):
        return "wrong"
    if any(s < ge and e > gs for s, e in pred.role_spans for gs, ge in gold.source):
        return "span"
    return "label"


# -- predictions and scoring ---------------------------------------------------------------------


@dataclass(frozen=True)
class Prediction:
    """A system's attribution, reduced to what the scorer compares (offsets into the article)."""

    start: int
    end: int
    quote_type: str  # "direct", "indirect" or "mixed"
    cue: str
    speaker: str | None  # entity key (geokg) or speaker text (textacy); None: unattributed
    speaker_spans: tuple[Span, ...] = ()  # where the speaker is named in the article
    role: str | None = None  # label of the speaker's office
    role_spans: tuple[Span, ...] = ()
    #: The content's parts when it is not one stretch of text (a direct quote split around its
    #: attribution); empty: the content is start-end.
    parts: tuple[Span, ...] = ()

    @property
    def quoted(self) -> bool:
        return self.quote_type in ("direct", "mixed")

    @property
    def content_spans(self) -> tuple[Span, ...]:
        return self.parts or ((self.start, self.end),)


def quote_parts(text: str, start: int, end: int) -> tuple[Span, ...]:
    """The quoted stretches of a direct quote at `start`-`end`, without the attribution between
    them (`"A," X said. "B."` -> the two quotes); empty when the quote is one stretch."""
    from kg.nlp.quote_marks import (
        find_quote_spans,  # pure string code; the import spares kg.nlp's spaCy
    )

    # A `''` mark is cut at its inner apostrophe (the span starts and ends inside it): take the
    # whole mark back, or the two-apostrophe quotes of the slice would not pair.
    lo = start - 1 if start > 0 and text[start - 1 : start + 1] == "''" else start
    hi = end + 1 if text[end - 1 : end + 1] == "''" else end
    spans = find_quote_spans(text[lo:hi])
    if len(spans) < 2:
        return ()
    return tuple((max(start, lo + q.start), min(end, lo + q.end)) for q in spans)


#: A transcript turn's label: capitals and a colon alone before the words at a paragraph's start.
_TURN_LABEL = re.compile(r"[ \t]*[\"\u201c']?([A-Z][A-Z.'\u2019-]+(?:[ \t][A-Z][A-Z.'\u2019-]+){0,3})[ \t]*:[ \t]*$")


def transcript_label(text: str, start: int, speaker_label: str) -> Span | None:
    """The span of a transcript label ("PENCE:") that opens the paragraph of a statement starting
    at `start`, when the label spells the predicted speaker's name (its last word or all of it,
    ignoring case); else None. The label names the speaker as a mention would, but the NER does
    not tag a name in capitals, so the speaker's mentions alone would never cover it."""
    line_start = text.rfind("\n", 0, start) + 1
    m = _TURN_LABEL.match(text, line_start, start)
    if m is None:
        return None
    label = " ".join(m.group(1).split()).lower()
    words = speaker_label.lower().split()
    if not words or label not in {words[-1], " ".join(words)}:
        return None
    return m.start(1), m.end(1)


def predictions_from_result(result: ArticleResult) -> list[Prediction]:
    """geokg's statements of one article as predictions, with the spans of their speaker's and
    role's mentions."""
    spans: dict[str, list[Span]] = defaultdict(list)
    for lm in result.mentions:
        if lm.entity is not None:
            spans[lm.entity.key].append((lm.mention.start, lm.mention.end))
    out = []
    text = result.document.text
    for s in result.statements:
        key = s.speaker.key if s.speaker is not None else None
        role = s.speaker_role
        label = transcript_label(text, s.start, s.speaker.label) if s.speaker is not None else None
        out.append(
            Prediction(
                start=s.start,
                end=s.end,
                parts=quote_parts(text, s.start, s.end) if s.quote_type == "direct" else (),
                quote_type=s.quote_type,
                cue=s.cue,
                speaker=key,
                speaker_spans=(tuple(spans.get(key, ())) + ((label,) if label else ())) if key else (),
                role=role.label if role is not None else None,
                role_spans=tuple(spans.get(role.key, ())) if role is not None else (),
            )
        )
    return out


@dataclass
class Counts:
    gold: int = 0
    pred: int = 0
    tp: int = 0  # content matches
    tp_speaker: int = 0  # content matches with a correct speaker
    tp_any: int = 0  # content matches at any token overlap
    speaker_on_matched: int = 0  # content matches whose speaker is right
    jaccard_sum: float = 0.0

    @staticmethod
    def _prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def content(self) -> tuple[float, float, float]:
        return self._prf(self.tp, self.pred, self.gold)

    @property
    def speaker(self) -> tuple[float, float, float]:
        return self._prf(self.tp_speaker, self.pred, self.gold)

    @property
    def any_overlap(self) -> tuple[float, float, float]:
        return self._prf(self.tp_any, self.pred, self.gold)

    @property
    def speaker_accuracy(self) -> float:
        """Share of the content matches that also have the right speaker."""
        return self.speaker_on_matched / self.tp if self.tp else 0.0

    @property
    def mean_jaccard(self) -> float:
        return self.jaccard_sum / self.tp if self.tp else 0.0


@dataclass
class SystemScores:
    """Everything measured for one system on one split."""

    name: str
    all: Counts = field(default_factory=Counts)
    quoted: Counts = field(default_factory=Counts)  # quoted gold vs direct + mixed predictions
    direct: Counts = field(default_factory=Counts)  # quoted gold vs direct predictions only
    #: (gold source category, rule or error) -> matched pairs; the speaker breakdown.
    speaker: Counter = field(default_factory=Counter)
    #: gold source category -> matched pairs
    matched_by_category: Counter = field(default_factory=Counter)
    #: role verdicts on role-bearing gold: ("all" | "in_lexicon", verdict) -> count; verdict also
    #: "unmatched" (no content match) and "speaker_wrong".
    roles: Counter = field(default_factory=Counter)
    #: error classes of the content matching (see `_diagnose`)
    errors: Counter = field(default_factory=Counter)
    missed_cues: Counter = field(default_factory=Counter)  # lemma -> missed gold (no overlap at all)
    spurious_cues: Counter = field(default_factory=Counter)  # cue -> predictions overlapping no gold
    articles_failed: list[str] = field(default_factory=list)
    articles_bailed: list[str] = field(default_factory=list)  # textacy refused the article
    seconds: float = 0.0


def _layout(g: GoldAttribution, info: SourceInfo) -> str:
    """Where source, cue and content sit, for the gold a system missed despite knowing its cue."""
    if info.category == "relative":
        return "source is a relative pronoun ('who said')"
    if not g.cue:
        return "no cue span"
    cue = g.cue[0][0]
    first, last = g.content[0][0], g.content[-1][1]
    if first < cue < last:
        return "cue inside the content (parenthetical 'X said,')"
    if cue > last:
        return "content before the cue"
    return "content after the cue"


def _cue_class(lemma: str) -> str:
    if lemma == "according to":
        return "according to"
    if lemma in CUE_VERBS:
        return "cue verb geokg knows"
    if not lemma or not lemma[0].isalpha():
        return "punctuation (':' or none)"
    return "cue word not in geokg's lexicon"


def score_article(
    scores: SystemScores,
    article: GoldArticle,
    preds: Sequence[Prediction],
    infos: Mapping[str, SourceInfo] | None = None,
    cue_lemmas: Mapping[str, str] | None = None,
) -> None:
    """Add one article's matches and errors to `scores`."""
    text = article.text
    golds = article.attributions
    infos = infos if infos is not None else resolve_sources(article)
    tokens = WordTokens(text)
    gsets = [tokens.ids(g.content) for g in golds]
    psets = [tokens.ids(p.content_spans) for p in preds]

    subsets = (
        ("all", scores.all, lambda p: True),
        ("quoted", scores.quoted, lambda p: p.quoted),
        ("direct", scores.direct, lambda p: p.quote_type == "direct"),
    )
    for subset, counts, keep in subsets:
        gi_keep = [i for i, g in enumerate(golds) if subset == "all" or g.quoted]
        pi_keep = [i for i, p in enumerate(preds) if keep(p)]
        gs = [gsets[i] for i in gi_keep]
        ps = [psets[i] for i in pi_keep]
        pairs = match(gs, ps)
        counts.gold += len(gs)
        counts.pred += len(ps)
        counts.tp += len(pairs)
        counts.tp_any += len(match(gs, ps, threshold=0.0))

        def speaker_ok(a: int, b: int, gi_keep: list[int] = gi_keep, pi_keep: list[int] = pi_keep) -> bool:
            g = golds[gi_keep[a]]
            return speaker_verdict(text, g, infos[g.id], preds[pi_keep[b]])[0]

        # Content + speaker is its own one-to-one matching over the pairs right on both counts, so
        # a right prediction is not lost to a content-only tie with a wrong one.
        counts.tp_speaker += len(match(gs, ps, allowed=speaker_ok))
        for a, b, score in pairs:
            counts.jaccard_sum += score
            g, p = golds[gi_keep[a]], preds[pi_keep[b]]
            info = infos[g.id]
            ok, why = speaker_verdict(text, g, info, p)
            counts.speaker_on_matched += ok
            if subset != "all":
                continue
            if why == "unattributed":
                why = "unattributed (cue-less quote)" if p.cue in {"", "unknown"} else "unattributed (cue found)"
            scores.matched_by_category[info.category] += 1
            scores.speaker[(info.category, why)] += 1
        if subset == "all":
            _diagnose(scores, article, preds, gsets, psets, pairs, infos, cue_lemmas or {})


def _diagnose(
    scores: SystemScores,
    article: GoldArticle,
    preds: Sequence[Prediction],
    gsets: Sequence[frozenset[int]],
    psets: Sequence[frozenset[int]],
    pairs: Sequence[tuple[int, int, float]],
    infos: Mapping[str, SourceInfo],
    cue_lemmas: Mapping[str, str],
) -> None:
    """Error classes. Missed gold: `partial` (one prediction overlaps it below the bar), `split`
    (two or more predictions each cover a part), `absorbed` (its overlapping prediction matched
    another gold, typically nested attributions), `missed: <cue class>` (no prediction touches
    it). Unmatched predictions: `fp: boundary` (overlaps a gold below the bar), `fp: overlaps a
    matched gold` (a duplicate or fragment next to a match), `fp: no gold` (nothing there, by
    cue). Matched pairs: `match: exact` (Jaccard >= 0.9) or `match: loose`."""
    golds = article.attributions
    g_matched = {a: b for a, b, _ in pairs}
    p_matched = {b: a for a, b, _ in pairs}
    for a, b, score in pairs:
        scores.errors["match: exact (Jaccard >= 0.9)" if score >= 0.9 else "match: loose (0.5-0.9)"] += 1
    for gi, g in enumerate(golds):
        if gi in g_matched:
            continue
        touching = [pi for pi, p in enumerate(psets) if gsets[gi] & p]
        if not touching:
            lemma = cue_lemmas.get(g.id, g.cue_text.lower().strip())
            cls = _cue_class(lemma)
            scores.errors[f"missed: {cls}"] += 1
            scores.missed_cues[lemma] += 1
            if cls == "cue verb geokg knows":
                scores.errors[f"missed, known cue verb: {_layout(g, infos[g.id])}"] += 1
        elif all(pi in p_matched for pi in touching):
            scores.errors["missed: absorbed by a prediction matched to another gold"] += 1
        elif len([pi for pi in touching if pi not in p_matched]) >= 2:
            scores.errors["missed: split over several predictions"] += 1
        else:
            scores.errors["missed: partial overlap below 0.5"] += 1
        info = infos[g.id]
        if info.roles:
            scores.roles[("all", "unmatched")] += 1
            if any(f in TITLE_ROLES for f in info.roles):
                scores.roles[("in_lexicon", "unmatched")] += 1
    for pi, p in enumerate(preds):
        if pi in p_matched:
            continue
        touching = [gi for gi, g in enumerate(gsets) if psets[pi] & g]
        if not touching:
            scores.errors["fp: overlaps no gold"] += 1
            scores.spurious_cues[p.cue or "(none)"] += 1
        elif all(gi in g_matched for gi in touching):
            if any(len(golds[gi].content) > 1 for gi in touching):
                scores.errors["fp: another part of a matched discontinuous gold"] += 1
            else:
                scores.errors["fp: fragment or duplicate of a matched gold"] += 1
        else:
            scores.errors["fp: boundary (overlaps an unmatched gold)"] += 1
    for a, b, _ in pairs:
        g, p = golds[a], preds[b]
        info = infos[g.id]
        if not info.roles:
            continue
        ok, _ = speaker_verdict(article.text, g, info, p)
        verdict = role_verdict(g, info, p) if ok else "speaker_wrong"
        scores.roles[("all", verdict)] += 1
        if any(f in TITLE_ROLES for f in info.roles):
            scores.roles[("in_lexicon", verdict)] += 1
