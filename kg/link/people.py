"""Who a name alone can mean: the gazetteer's people by surname, office and prominence.

Input: the gazetteer, and a surname with what the article gives around it (its countries, its
date, the title in front of the name). Output: the one gazetteer person the evidence points to,
with the fixed confidence of the rule that found them, or nobody. `PeopleIndex` keeps the
indexes (surnames, first names, national office holders by country) built once per process.

Rules, surest first: the holder of the title the article gives ("Sen. Graham"); the head of state
or government of a named country in office at the article date; the one cabinet-level holder of a
named country in office then; a former head of state or government with no prominent namesake;
a household name whose surname is theirs far above any namesake's.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping

from kg.gazetteer.store import GazEntry, Gazetteer, Position, Tenure

#: The prior from which a person is a household name (national leaders, cabinet, party leaders).
PROMINENT = 0.7
#: The prior from which a bare surname may name a person out of office: national leaders and the
#: best-known politicians (not every former cabinet member: "Paige" in a sports story is not Rod
#: Paige, 0.7).
HOUSEHOLD_NAME = 0.8
#: How much more prominent than every namesake a person must be for a bare surname to be theirs
#: ("Trump": Donald 0.95 over Ivanka 0.55; not "Johnson": Boris 0.85 over Jeh and Ron 0.7).
SURNAME_MARGIN = 0.3
#: Roles of the seats of a legislature.
LEGISLATOR_ROLES = frozenset({"member of parliament", "member of regional parliament", "senator", "assemblyman"})
_HEAD_ROLES = ("president", "prime minister", "chancellor")

Found = tuple[GazEntry | None, float]


def name_key(name: str) -> str:
    """Comparison key for personal names across transliterations ("Zelenskyy" ~ "Zelensky",
    "Andriy" ~ "Andrii")."""
    key = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    for a, b in (("yy", "y"), ("iy", "i"), ("ii", "i"), ("kh", "h")):
        key = key.replace(a, b)
    return key


def _held(tenure: Tenure, day: dt.date | None, before: dt.date | None) -> bool:
    """In office on `day`; with no `day`, at any time that began by `before` (if given)."""
    if day is not None:
        return tenure.covers(day)
    return before is None or tenure.start is None or tenure.start <= before


class PeopleIndex:
    """The gazetteer's people, indexed for bare-surname and title evidence."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._bearers: dict[str, list[GazEntry]] | None = None
        self._given_names: set[str] | None = None
        self._holders_cache: dict[str, dict[str, list[Tenure]]] = {}

    # -- indexes ----------------------------------------------------------------------------------

    def surnamed(self, surname: str) -> list[GazEntry]:
        """The people in the gazetteer whose last name is `surname` (case- and accent-blind)."""
        if self._bearers is None:
            self._bearers = {}
            for e in self.gaz.entries(kind="person"):
                if e.label.split():
                    self._bearers.setdefault(name_key(e.label.split()[-1]), []).append(e)
        return self._bearers.get(name_key(surname), [])

    def surname_bearers(self, label: str) -> int:
        """How many people in the gazetteer share the last name of `label`."""
        parts = label.split()
        return len(self.surnamed(parts[-1])) if parts else 0

    def is_given_name(self, word: str) -> bool:
        """Whether anyone in the gazetteer bears `word` as a first name ("Warren", "Ryan")."""
        if self._given_names is None:
            self._given_names = {name_key(e.label.split()[0]) for e in self.gaz.entries(kind="person")
                                 if len(e.label.split()) >= 2}
        return name_key(word) in self._given_names

    def prominent_namesakes(self, person: GazEntry) -> int:
        """Other people in the gazetteer, prominent themselves (prior >= `PROMINENT`), who share
        `person`'s surname: "Clinton" alone may be Hillary as well as Bill."""
        return sum(1 for e in self.surnamed(person.label.split()[-1])
                   if e.prior >= PROMINENT and e.qid != person.qid)

    def national_holders(self, country: str, day: dt.date) -> dict[str, set[str]]:
        """Surname key -> people holding a national office of `country` on `day`; the seats of a
        legislature are left out (hundreds of holders: too many namesakes for a bare surname)."""
        index = self._holders_cache.get(country)
        if index is None:
            index = {}
            for p in self.gaz.positions(jurisdiction=country):
                if p.role in LEGISLATOR_ROLES:
                    continue
                for t in self.gaz.tenures(position=p.qid):
                    e = self.gaz.entry(t.person)
                    if e is not None and e.label.split():
                        index.setdefault(name_key(e.label.split()[-1]), []).append(t)
            self._holders_cache[country] = index
        return {key: {t.person for t in tenures if t.covers(day)} for key, tenures in index.items()}

    def holder_named(self, surname: str, positions: Iterable[Position], day: dt.date | None,
                     before: dt.date | None = None) -> GazEntry | None:
        """The one person holding one of `positions` (at `day`, if given; else at any time, but
        not only after `before`) whose name ends in `surname`; None when there is none or more
        than one."""
        found: dict[str, GazEntry] = {}
        key = name_key(surname)
        for p in positions:
            tenures = self.gaz.holders_on(p.qid, day) if day else self.gaz.tenures(position=p.qid)
            for t in tenures:
                if not _held(t, day, before):
                    continue
                e = self.gaz.entry(t.person)
                if e is not None and name_key(e.label.split()[-1]) == key:
                    found[e.qid] = e
        return next(iter(found.values())) if len(found) == 1 else None

    def held_roles(self, person: str) -> set[str]:
        """The roles of the positions `person` (a QID) ever held."""
        return {p.role for t in self.gaz.tenures(person=person) if (p := self.gaz.position(t.position)) is not None}

    # -- rules ------------------------------------------------------------------------------------

    def titled(self, name: str, role: str) -> Found:
        """The one person called `name` who held a position of the `role` the article titles them
        with ("Senator Juan Dalmau": the Puerto Rico state senator of that name, whose prior alone
        is too low to link). A legislator's title fits any legislature's seat: "Senator" and
        "state representative" name members of state legislatures as well as national ones."""
        fits = LEGISLATOR_ROLES if role in LEGISLATOR_ROLES else {role}
        found = {c.qid: c for c in self.gaz.candidates(name, kinds=("person",)) if self.held_roles(c.qid) & fits}
        return (next(iter(found.values())), 0.85) if len(found) == 1 else (None, 0.0)

    def by_office(self, surname: str, role: str, juris: str | None, day: dt.date | None) -> Found:
        """The one holder of a `role` position (in `juris`, if known) whose name ends in `surname`."""
        entry = self.holder_named(surname, self.gaz.positions(role=role, jurisdiction=juris), day)
        return (entry, 0.85) if entry is not None else (None, 0.0)

    def prominent(self, surname: str, context: Mapping[str, float], day: dt.date | None) -> Found:
        """A surname alone links only to a national office holder of a country the article
        mentions ("Putin" in a Russia story, "Buttigieg" in a US one), and only when exactly one
        such holder bears it. Heads of state and government are surer than the rest of the
        national offices (cabinet posts; not the seats of a legislature, whose hundreds of
        holders share too many surnames). Holders in office at the article's date come first;
        when none bears the surname, or the article has no date, former heads of state and
        government count ("Obama" in a 2019 story), still only when exactly one of them bears
        it and no other prominent person does ("Clinton" may be Hillary); former cabinet members
        do not (too many namesakes among them: "Finn", "Paige")."""
        heads = [p for country in context for role in _HEAD_ROLES
                 for p in self.gaz.positions(role=role, jurisdiction=country)]
        key = name_key(surname)
        if day is not None:
            entry = self.holder_named(surname, heads, day)
            if entry is not None:
                return entry, 0.8
            found: set[str] = set()
            for country in context:
                found |= self.national_holders(country, day).get(key, set())
            if len(found) == 1 and (person := self.gaz.entry(next(iter(found)))) is not None:
                return person, 0.7
        entry = self.holder_named(surname, heads, None, before=day)
        if entry is None or self.prominent_namesakes(entry) > 0:
            return None, 0.0
        return entry, 0.7

    def distinctive(self, surname: str, context: Mapping[str, float], common_word: bool) -> Found:
        """A surname that one household name bears far above its namesakes ("Buttigieg",
        "Netanyahu", "Pelosi"), in a story that names that person's country: that person, in
        office or not. Not when the word is also a first name in the gazetteer ("Warren",
        "Clinton"), names a country, place or organisation, or is written in lowercase in the
        article; a namesake named in full in the article has already won by coreference."""
        if common_word or self.is_given_name(surname):
            return None, 0.0
        bearers = sorted(self.surnamed(surname), key=lambda e: -e.prior)
        if not bearers or bearers[0].prior < HOUSEHOLD_NAME:
            return None, 0.0
        top = bearers[0]
        if any(e.prior > top.prior - SURNAME_MARGIN for e in bearers[1:]) or not context.get(top.country or ""):
            return None, 0.0
        if self.gaz.candidates(surname, kinds=("country", "place", "organization"), cased=True):
            return None, 0.0
        return top, 0.7
