"""Name repair and name coreference within one article.

Input: a spaCy Doc after NER. Output: the same Doc with corrected entities:
- a surname used alone ("Trump", "Darchiev") is a PERSON when the article names that person in
  full elsewhere, whatever label the statistical NER gave it ("Trump" as ORG is a known failure);
- a name split by a bracketed insertion ("(Russian President Vladimir) Putin") becomes one PERSON;
- a one-word "PERSON" coordinated with places or heading "oblasts/regions" ("Donetsk,
  Dnipropetrovsk, and Zaporizhzhia oblasts") is a place;
- a name the NER took for a work or product that is the subject of a reporting verb ("Zero Hedge
  said", "PolitiFact says") is an organisation: works do not speak, their publishers do.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.lexicon import CUE_VERBS, TITLE_ROLES

_PLACE_HEADS = {"oblast", "oblasts", "region", "regions", "province", "provinces", "city", "cities",
                "district", "districts", "county", "counties", "state", "states", "governorate"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_ORG_WORDS = {"ministry", "department", "office", "agency", "council", "police", "army", "court",
              "government", "committee", "commission", "party", "university", "bank", "company",
              "group", "service", "force", "forces", "guard", "house", "times", "post", "news"}
_RELABEL_FROM = {"ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "FAC", "LOC", "EVENT"}
_NOT_SPEAKERS = {"PRODUCT", "WORK_OF_ART", "FAC", "EVENT", "LAW", "LANGUAGE"}


def _surname_index(doc: Doc) -> dict[str, str]:
    """Last token of every multi-token person name -> that name."""
    names: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) >= 2 and ent[-1].is_alpha and ent[-1].text[:1].isupper():
            names.setdefault(ent[-1].text, ent.text)
    return names


def _compound_surnames(doc: Doc) -> set[str]:
    """Casefolded last words of person names that the tokenizer splits ("el-Sissi" of "Abdel
    Fattah el-Sissi"): a sentence-initial "El-Sissi" is the same surname."""
    found: set[str] = set()
    for ent in doc.ents:
        words = ent.text.split()
        if ent.label_ == "PERSON" and len(words) >= 2 and "-" in words[-1] and words[-1][-1:].isalpha():
            found.add(words[-1].casefold())
    return found


def _after_title(doc: Doc, ent: Span) -> bool:
    return ent.start > 0 and doc[ent.start - 1].lower_ in TITLE_ROLES and doc[ent.start - 1].text[:1].isupper()


def _merge_bracketed(doc: Doc, ents: list[Span]) -> list[Span]:
    """Join a first name and a surname split by a bracket: "(Russian President Vladimir) Putin".
    After a title, the first name may carry a place label ("Vladimir" is also a city)."""
    out: list[Span] = []
    skip = False
    for n, ent in enumerate(ents):
        if skip:
            skip = False
            continue
        nxt = ents[n + 1] if n + 1 < len(ents) else None
        if (
            nxt is not None
            and (ent.label_ == "PERSON" or (len(ent) == 1 and _after_title(doc, ent)))
            and nxt.label_ == "PERSON"
            and 0 <= nxt.start - ent.end <= 1
            and (nxt.start == ent.end or doc[ent.end].text in {")", "("})
        ):
            out.append(Span(doc, ent.start, nxt.end, label="PERSON"))
            skip = True
            continue
        out.append(ent)
    return out


def conjuncts(tok: Token, pos: frozenset[str] | None = None) -> list[Token]:
    """All tokens coordinated with `tok` ("A, B, and C"), `tok` included; with `pos`, only
    conjuncts of those parts of speech are followed."""
    root = tok
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    group, stack = [], [root]
    while stack:
        t = stack.pop()
        group.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj" and (pos is None or c.pos_ in pos))
    return group


def _looks_like_place(ent: Span) -> bool:
    if len(ent) != 1:
        return False
    group = conjuncts(ent[0])
    root = min(group, key=lambda t: t.i) if group else ent[0]
    heads = {t.head for t in group}
    if any(h.lower_ in _PLACE_HEADS and h.i > ent[0].i for h in heads | {root.head}):
        return True
    return any(t.i != ent[0].i and t.ent_type_ in _PLACE_LABELS for t in group)


def _named_by_title(doc: Doc, ent: Span) -> bool:
    """A name in apposition to a personal title ("a State Department spokesperson, Morgan
    Ortagus,") or right after one ("Spokesperson Morgan Ortagus") names a person, whatever the
    NER said. Only multi-word names: a single word after a title may be an organisation."""
    if len(ent) < 2 or not all(t.text[:1].isupper() for t in ent):
        return False
    root = ent.root
    if root.dep_ == "appos" and root.head.lower_ in TITLE_ROLES and root.head.i < ent.start:
        return True
    return ent.start > 0 and doc[ent.start - 1].lower_ in TITLE_ROLES and doc[ent.start - 1].text[:1].isupper()


def repair_names(doc: Doc) -> Doc:
    ents = _merge_bracketed(doc, list(doc.ents))
    surnames = _surname_index(doc)
    compound = _compound_surnames(doc)
    fixed: list[Span] = []
    covered: set[int] = set()
    for ent in ents:
        label = ent.label_
        if label in _RELABEL_FROM and (
            (len(ent) == 1 and ent.text in surnames)
            # "El-Sissi" for "Abdel Fattah el-Sissi": a split surname, any case.
            or (" " not in ent.text and ent.text.casefold() in compound)
        ):
            label = "PERSON"
        elif label in _RELABEL_FROM and len(ent) == 2 and ent[0].lower_ == "the" and ent[1].text in surnames:
            ent = Span(doc, ent.start + 1, ent.end)
            label = "PERSON"
        elif label in _RELABEL_FROM and _named_by_title(doc, ent):
            label = "PERSON"
        elif label == "PERSON" and _looks_like_place(ent):
            label = "GPE"
        elif label in _NOT_SPEAKERS and ent.root.dep_ == "nsubj" and ent.root.head.lemma_.lower() in CUE_VERBS:
            label = "ORG"
        fixed.append(Span(doc, ent.start, ent.end, label=label))
        covered.update(range(ent.start, ent.end))
    # Names the NER missed as the subject of a reporting verb ("Blankenship said").
    for tok in doc:
        if (
            tok.i not in covered
            and tok.pos_ == "PROPN"
            and tok.dep_ == "nsubj"
            and tok.text[:1].isupper()
            and tok.head.lemma_.lower() in CUE_VERBS
        ):
            left = tok.i
            while left - 1 >= 0 and doc[left - 1].dep_ == "compound" and doc[left - 1].pos_ == "PROPN" and (left - 1) not in covered:
                left -= 1
            if any(doc[k].lower_ in _ORG_WORDS for k in range(left, tok.i + 1)):
                continue
            fixed.append(Span(doc, left, tok.i + 1, label="PERSON"))
            covered.update(range(left, tok.i + 1))
    # Surnames the NER missed altogether.
    for tok in doc:
        if tok.i not in covered and tok.pos_ == "PROPN" and tok.text in surnames:
            fixed.append(Span(doc, tok.i, tok.i + 1, label="PERSON"))
    doc.ents = filter_spans(fixed)
    return doc
