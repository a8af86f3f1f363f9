"""Statements: who said what, in which role, where and when.

Input: an `ArticleView` (tokens, linked mentions, quote candidates). Output: `Statement`s and
notes for the statements left unattributed.

Speaker resolution never invents a speaker. In order: an actor named in the speaker span
(person, then organisation, then country); a title alone ("The ambassador") resolved to the
person the article introduced with that title; a definite description ("the businessman", "the
GOP nominee") resolved to the last person the article named with that noun right before the name
or in apposition (a title of the same office counts, "Gov. Mike Pence" for "the governor"; not
across a rank word, "Vice President Biden" is not "the president", nor another place, "Florida
Sen. Marco Rubio" is not "the Ohio senator"), and a non-role noun ("the fund", "the union") to
the last organisation named with that word; "he"/"she" resolved to the main-clause subject of the
last sentence naming a person since the previous statement, else to the previous speaker, else
to the last person named before outside other statements' content (of the same gender where it
is known: Mr./Mrs./Ms., a given name of the lexicon (also a person called by that given name
alone, "Melanie", when it is no other person's surname), or an earlier "he"/"she" for that
person); "his" ("his claim that ...") as "he"; "it"/"they"/"its"/"their" and "the statement"
to the previous speaker, or to the last organisation or country named before; a transcript's
label in capitals ("PENCE") to the one person of the article with that surname. A quote with no
attribution of its own is the person who is the main-clause subject of the sentence before it,
else it continues the previous statement. Anything else ("officials", "a source", "63 percent")
stays unattributed and is reported in the notes: the RDF contract gives a statement a person,
organisation or country as speaker, and a generic group is none of these.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from kg.extract.circumstances import Circumstances, carry_over, continues, where_when
from kg.extract.view import ArticleView
from kg.lexicon import (
    DESCRIPTIVE_ROLES,
    FEMALE_GIVEN_NAMES,
    MALE_GIVEN_NAMES,
    TITLE_ROLES,
)
from kg.model import Entity, LinkedMention, QuoteCandidate, Statement
from kg.slugs import slugify

_PRONOUNS = {"he", "she", "they", "i", "we", "him", "her", "it", "his", "their", "its"}
_GENDERED = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
_GROUP_PRONOUNS = {"they", "it", "their", "its"}
_HONORIFIC_GENDER = {"mr.": "m", "mr": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f", "miss": "f"}
#: How far back (in sentences) a pronoun looks for its antecedent.
_PRONOUN_REACH = 4
#: How far (in sentences) a quote with no attribution of its own continues the statement before.
_CONTINUATION_REACH = 3
_DETERMINERS = {"the", "this", "that"}
#: Words that make a title another office: a vice president is not "the president".
_RANK_WORDS = {"vice", "deputy", "assistant", "associate", "acting", "former", "ex", "lieutenant", "under"}
_DOC_NOUNS = {"statement", "report", "release", "communique", "communiqué", "post", "tweet", "letter"}
_SPEAKER_KINDS = ("person", "organization", "country")


class _Previous(NamedTuple):
    """An attributed statement as later pronouns see it: its sentence, speaker, and the sentence
    where it ends (its content or its speaker phrase, whichever comes last)."""

    sentence: int
    speaker: Entity
    end_sentence: int


def _office_role(view: ArticleView, speaker: Entity, before: int) -> Entity | None:
    """The office the article last gave `speaker` before offset `before`."""
    role = None
    for lm in view.mentions:
        m = lm.mention
        if m.kind != "office" or lm.entity is None or m.start >= before or m.holder_span is None:
            continue
        if view.entity_for_span(m.holder_span) == speaker:
            role = lm.entity
    return role


_ROLE_WORDS = DESCRIPTIVE_ROLES | frozenset(TITLE_ROLES)
_LEADING = re.compile(r"^(?:(?:a|an|the|its|his|her|their|now|also)\s+)+", re.IGNORECASE)
_APPOSITION_END = re.compile(r",|\s(?:who|which|that|whom|whose)\s|\s--|\s\u2014|\(")


def _role_words(phrase: str) -> list[str]:
    return [w.lower().strip(",.()\u2019'") for w in phrase.split()]


def _text_role(view: ArticleView, span: tuple[int, int], person: LinkedMention) -> Entity | None:
    """The role the speaker phrase gives its person in words, when no office links: the words
    before the name ("Clinton campaign manager Robby Mook", "New Jersey Gov. Chris Christie") or
    an apposition after it ("Alan Cole, an economist at the Tax Foundation"). A role word must
    end the words before, or come among the first four words of the apposition; otherwise the
    phrase is a description ("a prominent New York Democrat"), not a role. Returned as an
    unlinked office whose label is those words."""
    start, end = span
    pre = view.text[start : person.mention.start].strip(" ,")
    phrase = None
    if pre:
        words = pre.split()
        last = words[-1].lower()
        if last in _ROLE_WORDS or last.rstrip(".") in _ROLE_WORDS:
            phrase = _LEADING.sub("", pre)
    if phrase is None:
        post = view.text[person.mention.end : end]
        if post.startswith(","):
            body = post[1:].strip()
            cut = _APPOSITION_END.search(body)
            body = _LEADING.sub("", body[: cut.start()] if cut else body).strip(" .")
            head = _role_words(body)[:4]
            if body and any(w in _ROLE_WORDS or w.rstrip(".") in _ROLE_WORDS for w in head) and len(body.split()) <= 12:
                phrase = body
    if not phrase:
        return None
    phrase = re.sub(r"\s+(?:and|or|but)$", "", " ".join(phrase.split()))
    return Entity(key=f"office/{slugify(phrase)}", kind="office", label=phrase)


def _title_antecedent(view: ArticleView, office: LinkedMention) -> tuple[Entity | None, Entity | None]:
    """"The ambassador" -> the person introduced earlier with an ambassador title, and that title."""
    found: tuple[Entity | None, Entity | None] = (None, None)
    for lm in view.mentions:
        m = lm.mention
        if m.start >= office.mention.start:
            break
        if m.kind == "office" and m.holder_span is not None and m.lookup == office.mention.lookup:
            holder = view.entity_for_span(m.holder_span)
            if holder is not None and holder.kind == "person":
                found = (holder, lm.entity)
    return found


def _outside_quotes(view: ArticleView) -> list[tuple[int, int]]:
    return [(q.start, q.end) for q in view.analysis.quotes if q.quote_type == "direct"]


def _gender_of(view: ArticleView, lm: LinkedMention) -> str | None:
    """"m"/"f" when the mention is written with Mr./Mrs./Ms. before it."""
    before = view.text[max(0, lm.mention.start - 6) : lm.mention.start].lower().split()
    if before and before[-1] in _HONORIFIC_GENDER:
        return _HONORIFIC_GENDER[before[-1]]
    first = lm.mention.text.lower().split()
    return _HONORIFIC_GENDER.get(first[0]) if first else None


_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}


def _given_name_gender(label: str) -> str | None:
    """"m"/"f" from the first given name of a person's label, when the name is one that the
    lexicon lists ("Hillary Clinton" -> "f"); None otherwise."""
    words = [w.strip(".,").lower() for w in label.split()]
    words = [w for w in words if w not in _HONORIFIC_GENDER and w not in TITLE_ROLES]
    if len(words) < 2:
        return None  # a surname alone tells nothing
    if words[0] in MALE_GIVEN_NAMES:
        return "m"
    if words[0] in FEMALE_GIVEN_NAMES:
        return "f"
    return None


def _first_name_only_gender(label: str, surnames: set[str]) -> str | None:
    """"m"/"f" for a person the article calls by a given name alone ("Melanie", "Kevin" in a
    feature story): a one-word label the lexicon lists as a given name that is not the surname
    of another person of the article (`surnames`: "Warren" of "Elizabeth Warren")."""
    words = label.lower().split()
    if len(words) != 1 or words[0] in surnames:
        return None
    return "m" if words[0] in MALE_GIVEN_NAMES else "f" if words[0] in FEMALE_GIVEN_NAMES else None


def _article_genders(view: ArticleView) -> dict[str, str]:
    """Gender of the people the article itself marks: "Mr./Mrs./Ms. X", a given name the lexicon
    knows ("Hillary Clinton"), or the pronouns that follow X in sentences where X is the only
    person named ("Trump said his ..."). A given name decides alone; otherwise the majority of
    the evidence per person (an honorific counts twice); a tie tells nothing. Pronouns are weak
    evidence: "Clinton said he ..." is often about someone else."""
    votes: dict[str, list[str]] = {}
    given_names: dict[str, str] = {}
    quotes = _outside_quotes(view)
    by_sentence: dict[int, list[LinkedMention]] = {}
    surnames = {
        lm.entity.label.lower().split()[-1]
        for lm in view.mentions
        if lm.entity is not None and lm.entity.kind == "person" and len(lm.entity.label.split()) > 1
    }
    for lm in view.mentions:
        if lm.entity is None or lm.entity.kind != "person" or lm.mention.kind != "person":
            continue
        given = _given_name_gender(lm.entity.label) or _first_name_only_gender(lm.entity.label, surnames)
        if given is not None:
            given_names[lm.entity.key] = given
        g = _gender_of(view, lm)
        if g is not None:
            votes.setdefault(lm.entity.key, []).extend([g, g])
        if not any(a <= lm.mention.start < b for a, b in quotes):
            by_sentence.setdefault(lm.mention.sentence, []).append(lm)
    for n, lms in by_sentence.items():
        if len({lm.entity.key for lm in lms if lm.entity is not None}) != 1 or n >= len(view.analysis.sentences):
            continue
        first = min(lm.mention.end for lm in lms)
        for tok in view.sentence_tokens(n):
            g = _PRONOUN_GENDER.get(tok.text.lower())
            if g is not None and tok.idx >= first and not any(a <= tok.idx < b for a, b in quotes):
                votes.setdefault(lms[0].entity.key, []).append(g)  # type: ignore[union-attr]
    out = {}
    for key, vs in votes.items():
        m, f = vs.count("m"), vs.count("f")
        if m != f:
            out[key] = "m" if m > f else "f"
    out.update(given_names)
    return out


def _pronoun_antecedent(
    view: ArticleView, pronoun: str, before: int, sentence: int, previous: list[_Previous],
    genders: dict[str, str], current: QuoteCandidate | None = None,
) -> Entity | None:
    """The entity a pronoun (or "the statement") speaking at `before` stands for.

    "he"/"she" (of a person of a compatible gender): the main-clause subject of the last
    sentence naming such a person since the previous statement (`_salient_subject`); else the
    previous speaker if at most `_PRONOUN_REACH` sentences back; else the last such person
    named outside the content of other statements in that stretch, else the
    previous person speaker from further back in the article. "it"/"they" and document nouns:
    the previous speaker when close, else the last organisation or country named in the two
    sentences before. "I"/"we" outside a quote is the writer: nobody here."""
    if pronoun in {"i", "we"}:
        return None
    quotes = _outside_quotes(view)
    if pronoun in _GENDERED:
        want = _GENDERED[pronoun]
        contents = _contents(view, current)

        def fits(e: Entity) -> bool:
            return e.kind == "person" and genders.get(e.key, want) == want

        since = previous[-1].end_sentence if previous else -1
        salient = _salient_subject(view, since, before, sentence - _PRONOUN_REACH, contents, fits)
        if salient is not None:
            return salient
        if previous and sentence - previous[-1].sentence <= _PRONOUN_REACH and fits(previous[-1].speaker):
            return previous[-1].speaker
        last = _last_entity(
            view, before, sentence - _PRONOUN_REACH, contents,
            lambda lm: lm.mention.kind == "person" and fits(lm.entity),
        )
        if last is not None:
            return last
        for p in reversed(previous):
            if fits(p.speaker):
                return p.speaker
        return None
    if previous and sentence - previous[-1].sentence <= 2 and (
        pronoun in _DOC_NOUNS or previous[-1].speaker.kind != "person"
    ):
        return previous[-1].speaker
    if pronoun in _GROUP_PRONOUNS:
        return _last_entity(
            view, before, sentence - 1, quotes,
            lambda lm: lm.entity.kind in {"organization", "country"} and lm.mention.kind != "office",
        )
    return None


def _contents(view: ArticleView, current: QuoteCandidate | None) -> list[tuple[int, int]]:
    """The content spans of reported speech, direct or not, but the indirect content of the
    statement being resolved: a person named there ("Smith said that Jones had lied") is talked
    about, not a candidate antecedent of a later "he"."""
    return [(q.start, q.end) for q in view.analysis.quotes if q is not current or q.quote_type == "direct"]


def _salient_subject(
    view: ArticleView, since: int, before: int, first_sentence: int,
    contents: list[tuple[int, int]], fits: Callable[[Entity], bool],
) -> Entity | None:
    """The person a "he"/"she" at `before` continues with when the story moved on since the
    previous statement: among the sentences after sentence `since` (where that statement ends),
    from `first_sentence` on, the last one naming a person that `fits` outside statement
    contents; that person if it is the subject of the sentence's main clause ("Christie, who
    campaigned for Trump, blasted Clinton on Wednesday." -> Christie). A person named there only
    as an object or inside a subordinate clause is not salient enough to beat the previous
    speaker ("The plan pleased Peter Brown. He said ...": still the previous speaker)."""
    found: dict[int, list[LinkedMention]] = {}
    for lm in view.mentions:
        m = lm.mention
        if m.start >= before:
            break
        if (
            m.sentence > since and m.sentence >= first_sentence and m.kind == "person" and lm.entity is not None
            and not any(a <= m.start < b for a, b in contents) and fits(lm.entity)
        ):
            found.setdefault(m.sentence, []).append(lm)
    if not found:
        return None
    for lm in found[max(found)]:
        head = _span_head(view, lm.mention.start, lm.mention.end)
        if head is not None and head.dep in {"nsubj", "nsubjpass"} and view.head(head).dep == "ROOT":
            return lm.entity
    return None


def _sentence_at(view: ArticleView, at: int) -> int:
    """The index of the sentence holding offset `at`."""
    tok = view.token_at(at)
    return tok.sent if tok is not None else len(view.analysis.sentences) - 1


def _last_entity(
    view: ArticleView, before: int, first_sentence: int, quotes: list[tuple[int, int]],
    accept: Callable[[LinkedMention], bool],
) -> Entity | None:
    """The entity of the last mention before `before`, from sentence `first_sentence` on and
    outside quotes, that `accept` takes."""
    last = None
    for lm in view.mentions:
        m = lm.mention
        if m.start >= before:
            break
        if (
            lm.entity is not None and first_sentence <= m.sentence
            and not any(a <= m.start < b for a, b in quotes) and accept(lm)
        ):
            last = lm.entity
    return last


def _described_person(
    view: ArticleView, noun: str, before: int, words: Sequence[str] = (), places: Sequence[str] = ()
) -> Entity | None:
    """"the businessman" -> the last person named before with that noun right next to the name:
    "businessman Donald Trump", "Trump, the New York businessman", or a title of the same office
    ("Rep. Adam Schiff" for "the congressman", "Gov. Mike Pence" for "the Indiana governor",
    through `TITLE_ROLES`). A rank word before the noun makes another role ("Vice President
    Joseph Biden" is not "the president"), unless the description `words` have it too ("the vice
    president"); a name written next to another place
    than the description's (`places`) is another person ("the Ohio governor" is not "Florida Gov.
    Rick Scott"; "the Arizona Republican" may be "Sen. John McCain, R-Ariz."), and a name written
    next to the description's place comes first ("the Florida senator" is "Florida Sen. Marco
    Rubio" before "fellow Sen. Ted Cruz")."""
    found = placed = None
    for lm in view.mentions:
        m = lm.mention
        if m.start >= before:
            break
        if m.kind != "person" or lm.entity is None or lm.entity.kind != "person":
            continue
        left = view.text[max(0, m.start - 40) : m.start].lower()
        right = view.text[m.end : m.end + 60].lower()
        left_words = left.replace(",", " ").split()
        # the noun itself, or a title form of the same office ("Gov." for "the governor")
        forms = [w for w in left_words[-4:] if w == noun or TITLE_ROLES.get(w, "") == TITLE_ROLES.get(noun)]
        form = forms[-1] if forms else noun
        gap = view.text[m.start - len(left) + left.rfind(form) + len(form) : m.start] if form in left else "."
        # "businessman Donald Trump", "nominee Sen. Tim Kaine"; not "the union backs Clinton"
        before_name = bool(forms) and all(w[:1].isupper() for w in gap.split()) and not any(c in gap for c in "\n;:")
        if before_name:
            at = len(left_words) - 1 - left_words[::-1].index(form)
            ranks = {w.rstrip("-") for w in left_words[max(0, at - 3) : at]} & _RANK_WORDS
            before_name = ranks <= set(words)
        appos = right.split(",")[1].split("\n")[0] if right.startswith(",") else ""
        if appos.split()[:1] in (["who"], ["which"], ["that"], ["whose"]):
            appos = ""  # "Trump, who is 70." is a relative clause, not a description
        in_apposition = noun in appos.replace(".", " ").split()
        if not (before_name or in_apposition):
            continue
        if places:
            near = {
                n.entity.key
                for n in view.mentions_in(m.start - len(left), min(before, m.end + 1 + len(appos)), kinds={"place", "country"})
                if n.entity is not None and n.mention.kind != "office"
            }
            if near & set(places):
                placed = lm.entity
            elif near:
                continue  # "the Ohio governor" is not "Florida Gov. Rick Scott"
        found = lm.entity
    return placed or found


def _span_head(view: ArticleView, start: int, end: int):
    """The syntactic head of a text span: its token whose head lies outside the span."""
    toks = view.tokens_in(start, end)
    inside = {t.i for t in toks}
    for t in toks:
        if t.head not in inside or t.head == t.i:
            return t
    return None


def _resolve_speaker(
    view: ArticleView, q: QuoteCandidate, previous: list[_Previous], genders: dict[str, str]
) -> tuple[Entity | None, Entity | None, str | None]:
    """(speaker, role, note); note explains a statement left unattributed."""
    if q.speaker_span is None:
        if q.quote_type == "direct" and not q.cue:
            # A quote standing alone right after a sentence whose subject is a person is that
            # person's (`Sanders identified X as Y. "..."`), even if someone else spoke before.
            subject = _salient_subject(
                view, q.sentence - 2, q.start, q.sentence - 1, _contents(view, q), lambda e: e.kind == "person"
            )
            if subject is not None:
                return subject, _office_role(view, subject, q.start), None
        if q.quote_type == "direct" and not q.cue and previous and q.sentence - previous[-1].sentence <= _CONTINUATION_REACH:
            # A quote standing alone right after an attributed statement continues it (news
            # style: `X said on Monday. "..."`); further away, nobody can tell who speaks.
            speaker = previous[-1].speaker
            return speaker, _office_role(view, speaker, q.start) if speaker.kind == "person" else None, None
        return None, None, "no speaker given in the text"
    start, end = q.speaker_span
    paren = view.text.find(" (", start, end)
    if paren > start and view.text[start:end].rstrip(" ,").endswith(")"):
        end = paren  # "Gov. John Kasich (R-OH)": the party and state tag is not the head
    inside = view.mentions_in(start, end)
    offices = [lm for lm in inside if lm.mention.kind == "office"]
    actors = [lm for lm in inside if lm.entity is not None and lm.entity.kind in _SPEAKER_KINDS and lm.mention.kind != "office"]
    head = _span_head(view, start, end)
    # The speaker is the actor the subject phrase is about (its head), not any name inside it:
    # in "Hillary Clinton's campaign manager Robby Mook" it is Mook, in "the Clinton campaign"
    # it is nobody we can name.
    at_head = [lm for lm in actors if head is not None and lm.mention.start <= head.idx < lm.mention.end]
    if not at_head:
        # "Tulsa police Chief Chuck Jordan": a person's name that ends the subject phrase is who
        # it is about, whatever the parser made its head (here the place in front).
        last = view.text[start:end].rstrip(" ,;:")
        closing = [lm for lm in actors if lm.entity is not None and lm.entity.kind == "person"
                   and lm.mention.end == start + len(last)]
        at_head = closing[-1:]
    if not at_head and head is not None:
        # "Moscow said": a city at the head speaks for its government, as a country does.
        at_head = [
            lm for lm in inside
            if lm.entity is not None and lm.entity.kind == "place" and lm.mention.start <= head.idx < lm.mention.end
        ]
    if not at_head and head is not None:
        # "The state's campaign chairman, Phil Lovas,": the person in apposition to the head noun.
        for lm in actors:
            root = _span_head(view, lm.mention.start, lm.mention.end)
            if lm.entity is not None and lm.entity.kind == "person" and root is not None and root.dep == "appos" and root.head == head.i:
                at_head = [lm]
                break
    if at_head:
        speaker = at_head[-1].entity
        assert speaker is not None
        role = None
        for off in offices:
            if off.mention.holder_span is not None and view.entity_for_span(off.mention.holder_span) == speaker:
                role = off.entity
        if role is None and speaker.kind == "person":
            role = _text_role(view, (start, end), at_head[-1])
        if role is None and speaker.kind == "person":
            role = _office_role(view, speaker, max(q.start, end))
        return speaker, role, None
    head_is_title = head is not None and any(o.mention.start <= head.idx < o.mention.end for o in offices)
    words = view.text[start:end].lower().split()
    places = [
        lm.entity.key for lm in inside
        if lm.entity is not None and lm.entity.kind in {"place", "country"} and lm.mention.kind != "office"
    ]
    described = _definite_description(view, words, start, places)
    if described is not None:
        return described, _office_role(view, described, q.start) if described.kind == "person" else None, None
    if actors and not head_is_title:
        return None, None, f"speaker {view.text[start:end]!r} is a group or role around {actors[-1].mention.text!r}, not a named actor"
    if offices:
        # "a State Department spokesperson, Morgan Ortagus,": the title's own holder first, else
        # the person the article introduced earlier with that title ("The ambassador").
        title = offices[0]
        holder = view.entity_for_span(title.mention.holder_span) if title.mention.holder_span else None
        if holder is not None and holder.kind == "person":
            return holder, title.entity, None
        holder, role = _title_antecedent(view, title)
        if holder is not None:
            return holder, title.entity or role, None
        words = view.text[start:end].lower().split()
        if words and words[0] in _DETERMINERS and words[-1].isalpha():
            found = _described_person(view, words[-1], start, words, places)
            if found is not None:
                return found, title.entity, None
        return None, None, f"speaker {view.text[start:end]!r} names a role but no person it refers to"
    words = view.text[start:end].lower().split()
    if words and (words[-1] in _PRONOUNS or words[-1] in _DOC_NOUNS):
        speaker = _pronoun_antecedent(view, words[-1], start, q.sentence, previous, genders, q)
        if speaker is not None:
            if words[-1] in _GENDERED and speaker.kind == "person":
                genders.setdefault(speaker.key, _GENDERED[words[-1]])
            return speaker, _office_role(view, speaker, q.start) if speaker.kind == "person" else None, None
        return None, None, f"speaker {view.text[start:end]!r} has no clear antecedent before it"
    named = _capitalised_surname(view, view.text[start:end])
    if named is not None:
        return named, _office_role(view, named, q.start), None
    return None, None, f"speaker {view.text[start:end]!r} is not a named actor"


def _capitalised_surname(view: ArticleView, label: str) -> Entity | None:
    """"PENCE" (a transcript's speaker label) -> the one person of the article whose name ends in
    that word, written in capitals; None when no person or several do."""
    words = label.split()
    if len(words) != 1 or not label.isupper() or not label.isalpha() or len(label) < 3:
        return None
    found = {
        lm.entity.key: lm.entity
        for lm in view.mentions
        if lm.entity is not None and lm.entity.kind == "person" and lm.entity.label.split()[-1].upper() == label
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _definite_description(
    view: ArticleView, words: list[str], before: int, places: Sequence[str] = ()
) -> Entity | None:
    """"the businessman", "the GOP nominee" -> the last person named before with that noun next
    to the name; "the fund", "the commission" -> the last organisation named before whose name
    has that noun ("the International Monetary Fund", "the Commission on Presidential Debates").
    Only for a singular definite phrase whose last word is its head."""
    if len(words) < 2 or words[0] not in _DETERMINERS or not words[-1].isalpha() or words[-1].endswith("s"):
        return None
    noun = words[-1]
    found = _described_person(view, noun, before, words, places)
    if found is None and noun not in _ROLE_WORDS:
        found = _named_organization(view, noun, before)
    return found


def _named_organization(view: ArticleView, noun: str, before: int) -> Entity | None:
    """The last organisation named outside quotes before `before` whose name holds `noun`."""
    quotes = _outside_quotes(view)

    def named_with(lm: LinkedMention) -> bool:
        if lm.entity is None or lm.entity.kind != "organization" or lm.mention.kind != "organization":
            return False
        name = lm.mention.text.split() + lm.entity.label.split()
        return noun in {w.strip(".,\u2019'").lower() for w in name}

    return _last_entity(view, before, 0, quotes, named_with)


def _government_of(view: ArticleView, place: Entity) -> Entity | None:
    """The country a capital speaks for ("Moscow said" -> Russia), if the article names it; a
    place is not a speaker in the model (DESIGN.md: person, organisation or country)."""
    if place.kind != "place" or not place.jurisdiction:
        return None
    country = view.entity_by_key(place.jurisdiction)
    return country if country is not None and country.kind == "country" else None


def extract_statements(view: ArticleView) -> tuple[list[Statement], list[str]]:
    statements: list[Statement] = []
    notes: list[str] = []
    previous: list[_Previous] = []
    genders = _article_genders(view)
    text_roles: dict[str, Entity] = {}  # speaker key -> the role last given in words
    last_circ: tuple[str | None, Circumstances] | None = None  # the occasion of the statement before
    for q in view.analysis.quotes:
        speaker, role, note = _resolve_speaker(view, q, previous, genders)
        if speaker is not None and speaker.kind not in _SPEAKER_KINDS:
            speaker, role, note = _government_of(view, speaker), None, (
                f"the speaker {speaker.label!r} is a {speaker.kind}, and the article names no country it stands for")
            if speaker is not None:
                note = None
        if speaker is not None and role is not None and not role.linked:
            text_roles[speaker.key] = role
        elif speaker is not None and role is None and speaker.key in text_roles:
            role = text_roles[speaker.key]
        nested = any(o is not q and o.start <= q.start and q.end <= o.end and (o.start, o.end) != (q.start, q.end)
                     for o in view.analysis.quotes)
        if speaker is not None:
            if not nested:
                # a statement reported inside another ("Trump's accusation that ..., Biden
                # said") is not a turn of the story: a later "he" still means the outer speaker
                last = max(q.end, q.speaker_span[1] if q.speaker_span else 0) - 1
                previous.append(_Previous(q.sentence, speaker, _sentence_at(view, last)))
        else:
            notes.append(f"unattributed statement at {q.start}-{q.end}: {note}")
        circ = where_when(view, q)
        if speaker is not None and last_circ is not None and last_circ[0] == speaker.key and continues(view, q):
            circ = carry_over(circ, last_circ[1])
        last_circ = (speaker.key if speaker is not None else None, circ)
        place, date, medium = circ.place, circ.date, circ.medium
        about: list[Entity] = []
        for lm in view.mentions_in(q.start, q.end):
            ent = lm.entity
            if ent is not None and ent != speaker and ent not in about and lm.mention.kind != "date":
                about.append(ent)
        statements.append(
            Statement(
                speaker=speaker,
                content=q.content,
                quote_type=q.quote_type,
                cue=q.cue or "unknown",
                start=q.start,
                end=q.end,
                speaker_role=role if role is not None and role.kind == "office" else None,
                place=place,
                date=date,  # type: ignore[arg-type]
                medium=medium,
                about=tuple(about),
            )
        )
    return statements, notes
