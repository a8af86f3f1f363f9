"""How an article names its organisations: owners, country prefixes, defined acronyms, head words.

Input: an article's text and mentions (and, for owners and prefixes, the gazetteer's demonyms and
organisation candidates). Output: the evidence the offline linker weighs before and beside the
gazetteer's own reading of a name: which country owns an organisation ("Russia's Security
Council"), which country a name begins with ("U.S. Supreme Court"), which acronyms the article
defines ("Food and Agriculture Organisation (FAO)"), which organisation a head word refers back
to ("the Commission"), and whether two spellings name one organisation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from kg.gazetteer.store import GazEntry, Gazetteer, normalize_alias
from kg.gazetteer.text import is_acronym_of
from kg.model import LinkedMention, Mention

# One or two capitalised words, possibly possessive, right before a mention ("Russia's ").
_OWNER = re.compile(r"((?:[A-Z][\w.\-]*\s+)?[A-Z][\w.\-]*?)(?:['\u2019]s)?\s+(?:the\s+)?$")
_BRACKETED = re.compile(r"\s*\(\s*([A-Za-z.&]{2,12})\s*\)")


def defined_acronyms(text: str, mentions: Sequence[Mention]) -> dict[str, int]:
    """Acronym (without periods) -> index of the name mention that defines it in brackets right
    after itself, "Food and Agriculture Organisation (FAO)"; the first definition wins."""
    found: dict[str, int] = {}
    for n, m in enumerate(mentions):
        if m.kind in {"office", "date", "person"} or len(m.lookup.split()) < 2:
            continue
        bracket = _BRACKETED.match(text, m.end)
        if bracket and is_acronym_of(bracket.group(1), m.lookup):
            found.setdefault(bracket.group(1).replace(".", ""), n)
    return found


def named_before(mentions: Sequence[Mention], results: Mapping[int, LinkedMention], n: int,
                 word: str) -> LinkedMention | None:
    """The result of the last organisation before mention `n` whose name of two or more words
    ends in `word` ("European Commission" for "Commission")."""
    key = word.casefold()
    for k in range(n - 1, -1, -1):
        m = mentions[k]
        words = m.lookup.split()
        if m.kind == "organization" and len(words) >= 2 and words[-1].casefold() == key and k in results:
            return results[k]
    return None


def same_name(a: str, b: str) -> bool:
    """Two spellings of one organisation's name: the words of one nearly contain the other's
    ("U.N.s Food and Agriculture Organisation" ~ "Food and Agriculture Organization")."""
    from rapidfuzz import fuzz

    return fuzz.token_set_ratio(normalize_alias(a), normalize_alias(b)) >= 85


def owner_country(gaz: Gazetteer, text: str, m: Mention) -> str | None:
    """The country named right before mention `m` as its owner: "Russia's" or "Russian"
    (one or two capitalised words, possessive or demonym), or None."""
    before = _OWNER.search(text, max(0, m.start - 40), m.start)
    if before is None:
        return None
    words = before.group(1).split()
    for k in (2, 1):
        if len(words) >= k and (qid := gaz.demonym(" ".join(words[-k:]), cased=True)):
            return qid
    return None


def country_prefixed(gaz: Gazetteer, name: str, cands: Sequence[GazEntry]) -> tuple[list[GazEntry], str]:
    """Organisations of the country that `name` starts with: among `cands` (the whole name
    is an alias: "US Senate"), else named by the rest of it ("U.S." + "Supreme Court"); and
    that country's QID. ([], "") when there are none."""
    words = name.split()
    for k in (1, 2):
        if len(words) <= k:
            break
        country = gaz.demonym(" ".join(words[:k]), cased=True)
        if country is None:
            continue
        found = [c for c in cands if c.kind == "organization" and c.country == country]
        if not found:
            found = [c for c in gaz.candidates(" ".join(words[k:]), kinds=("organization",), cased=True)
                     if c.country == country]
        if found:
            return found, country
    return [], ""
