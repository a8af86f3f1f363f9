"""Readers for the position and officeholder source files of the gazetteer.

Input: the `officeholders/` files under a source folder (every-politician-scrapers exports, the
world-leaders lists, the US Congress YAML) and a `Collector` that already holds the countries,
subdivisions and organisations. Output: office entities with role keys, person entities with
their names and spelling variants, and tenures, added to the collector; `finalize_people` then
derives each person's prior, country and description from the merged tenures.

Joins: the every-politician holder files name a position by a short title ("President",
"Ambassador to the United States"); the `*-positions.csv` files of the same folder map titles to
QIDs. A title that maps to two QIDs is ambiguous and its holder rows are skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.gazetteer.collect import Collector, TenureDraft, date_bounds
from kg.gazetteer.geo import (
    CONTEXTUAL,
    RANK_COUNTRY,
    RANK_OFFICEHOLDER,
    RANK_ORGANISATION,
    Countries,
    Subdivisions,
    read_csv,
)
from kg.gazetteer.provenance import SNAPSHOT_BY_KEY
from kg.gazetteer.roles import parse_title
from kg.gazetteer.text import (
    drop_patronymic,
    is_qid,
    normalize_alias,
    slavic_name_variants,
    surname,
)

RANK_SHORT_TITLE = 3  # a scraper's short title ("Minister of Culture") loses to a Wikidata label

FOLDERS: dict[str, tuple[str, str]] = {"us": ("Q30", "us_cabinet"), "ru": ("Q159", "ru_cabinet"),
                                        "ua": ("Q212", "ua_cabinet")}

# Countries whose officials' names reach English news in several romanisations.
SLAVIC_COUNTRIES = {"Q159", "Q212", "Q184", "Q232", "Q217", "Q813", "Q863", "Q874", "Q265"}

HEAD_ROLES = {"president", "prime minister", "chancellor", "monarch", "supreme leader"}
SENIOR_ROLES = {
    "vice president", "deputy prime minister", "secretary-general", "chief of staff",
    "national security adviser", "speaker", "prosecutor general", "attorney general",
    "governor-general", "commander-in-chief", "chief of the general staff",
}
LEGISLATOR_ROLES = {"senator", "member of parliament"}
# Offices one person holds at a time: a later holder ends an earlier open tenure.
SINGLE_HOLDER_ROLES = HEAD_ROLES | {
    "vice president", "prosecutor general", "attorney general", "secretary-general",
    "chief of staff", "national security adviser", "speaker", "governor", "mayor", "ambassador",
    "permanent representative", "governor-general",
}

# Congress delegates from these places hold "non-voting member of the House" (Q5253588).
_NON_VOTING = {"DC", "PR", "GU", "VI", "AS", "MP"}
_SENATOR, _REPRESENTATIVE, _DELEGATE = "Q4416090", "Q13218630", "Q5253588"
_PRESIDENT_US, _VICE_PRESIDENT_US = "Q11696", "Q11699"

# Display forms of role keys for synthesised office aliases ("Russian Foreign Minister").
_ROLE_TITLES: dict[str, tuple[str, ...]] = {
    "president": ("President",),
    "prime minister": ("Prime Minister",),
    "vice president": ("Vice President",),
    "chancellor": ("Chancellor",),
    "minister of foreign affairs": ("Foreign Minister", "Minister of Foreign Affairs"),
    "minister of defence": ("Defence Minister", "Defense Minister"),
    "minister of finance": ("Finance Minister",),
    "minister of interior": ("Interior Minister",),
    "minister of justice": ("Justice Minister",),
    "prosecutor general": ("Prosecutor General",),
}


def is_regional(role: str) -> bool:
    return role.startswith("regional ") or role in {"member of regional parliament", "governor", "mayor"}


def office_prior(role: str, sovereign_jurisdiction: bool) -> float:
    if is_regional(role):
        return 0.4
    if role in HEAD_ROLES:
        return 0.85 if sovereign_jurisdiction else 0.7
    if role in SENIOR_ROLES or role.startswith("minister of"):
        return 0.75
    if role in LEGISLATOR_ROLES:
        return 0.65
    return 0.55


def person_prior(role: str, sovereign_jurisdiction: bool, current: bool) -> float:
    """How likely a bare mention of this person's name means them, from their best office."""
    if role in HEAD_ROLES:
        tier = (0.95, 0.85) if sovereign_jurisdiction else (0.8, 0.7)
    elif role in SENIOR_ROLES or role.startswith("minister of"):
        tier = (0.8, 0.7)
    elif role in {"governor", "mayor"}:
        tier = (0.55, 0.45)
    elif is_regional(role):
        tier = (0.4, 0.3)
    elif role == "senator":
        tier = (0.7, 0.55) if sovereign_jurisdiction else (0.4, 0.3)
    elif role == "member of parliament":
        tier = (0.6, 0.45) if sovereign_jurisdiction else (0.4, 0.3)
    else:
        tier = (0.65, 0.55)
    return tier[0] if current else tier[1]


@dataclass
class PlaceIndex:
    """Normalised names of countries, subdivisions and organisations -> QID, for title parsing."""

    qid_of: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_collector(cls, col: Collector) -> PlaceIndex:
        ranked: dict[str, tuple[int, float, str]] = {}
        kinds = {"country": 0, "organization": 1, "place": 2}
        for (qid, alias), (_rank, source) in col.aliases.items():
            ent = col.entities.get(qid)
            if ent is None or ent.kind not in kinds or source == CONTEXTUAL:
                continue
            if ent.kind == "place" and "capital" not in (ent.description or "") and ent.rank > 4:
                continue  # ordinary cities do not name jurisdictions
            key = (kinds[ent.kind], -ent.prior, qid)
            norm = normalize_alias(alias)
            if norm not in ranked or key < ranked[norm]:
                ranked[norm] = key
        for word, countries in col.demonyms.items():
            for country in sorted(countries):
                ranked.setdefault(word, (0, -1.0, country))
        return cls({norm: key[2] for norm, key in ranked.items()})

    def resolve(self, text: str | None) -> str | None:
        if not text:
            return None
        return self.qid_of.get(normalize_alias(text))

    def is_place(self, text: str) -> bool:
        return normalize_alias(text) in self.qid_of


@dataclass
class OfficeholderReader:
    src: Path
    col: Collector
    countries: Countries
    subs: Subdivisions
    places: PlaceIndex
    ambiguous_titles: int = 0

    # -- positions ------------------------------------------------------------------------------

    def add_position(self, qid: str, label: str, *, rank: int, jurisdiction: str | None = None,
                     destination: str | None = None, role: str | None = None,
                     short_title: bool = False) -> None:
        if not is_qid(qid) or not label or is_qid(label):
            return
        parsed = parse_title(label, self.places.is_place)
        key = role or parsed.role
        if parsed.modifier == "acting" and not role:
            key = f"acting {key}"  # "Acting President" is its own item in Wikidata
        jurisdiction = jurisdiction or self.places.resolve(parsed.jurisdiction_text)
        if destination is None and parsed.destination_text:
            destination = self.places.resolve(parsed.destination_text)
        country = jurisdiction if jurisdiction in self.countries.name else None
        if key not in ("ambassador", "permanent representative") and role is None:
            where = normalize_alias(parsed.jurisdiction_text or label)
            if self.subs.regional_name_in(country, where):
                key = {"member of parliament": "member of regional parliament",
                       "senator": "member of regional parliament",
                       "governor": "governor", "mayor": "mayor"}.get(key, f"regional {key}")
        if short_title and country:
            label = self._qualified_label(label, key, country, destination)
        self.col.position(qid, label, key, jurisdiction, destination, rank)
        sovereign = country in self.countries.sovereign
        described = self.countries.name.get(jurisdiction or "", None) or (
            self.col.entities[jurisdiction].label if jurisdiction in self.col.entities else None)
        description = f"{key} ({described})" if described else key
        if destination and destination in self.col.entities:
            description += f" to {self.col.entities[destination].label}"
        self.col.entity(qid, label, "office", rank=rank, prior=office_prior(key, sovereign),
                        country=country, description=description)
        self.col.alias(qid, label, "position label", rank)
        if sovereign and not is_regional(key) and (key == "ambassador" or self._plain_title(label, key, country)):
            self._synthesized_aliases(qid, key, country, destination)

    def _qualified_label(self, title: str, role: str, country: str, destination: str | None) -> str:
        norm = f" {normalize_alias(title)} "
        names = {normalize_alias(self.countries.name[country]),
                 normalize_alias(self.countries.adjective_of(country))}
        if any(f" {n} " in norm for n in names if n):
            return title
        if role == "ambassador":
            return f"{self.countries.adjective_of(country)} {title[0].upper()}{title[1:]}"
        return f"{title} ({self.countries.name[country]})"

    def _plain_title(self, label: str, role: str, country: str) -> bool:
        """Whether `label` is just the role plus the country ("President of Russia", "Russian
        President"), so that short forms of it name this position. "President of the Central
        Bank of Russia" also parses as role "president" but is not what "Russian President" means."""
        drop = {"of", "the", "and"}
        for name in (self.countries.name[country], self.countries.adjective_of(country)):
            drop |= set(normalize_alias(name).split())
        bare = [w for w in normalize_alias(label).split() if w not in drop]
        forms = {role, *(t for t in _ROLE_TITLES.get(role, ()))}
        return any(bare == [w for w in normalize_alias(f).split() if w not in drop] for f in forms)

    def _synthesized_aliases(self, qid: str, role: str, country: str, destination: str | None) -> None:
        adjective = self.countries.adjective_of(country)
        name = self.countries.name[country]
        prefixes = [adjective] + (["U.S.", "US"] if country == "Q30" else [])
        if role == "ambassador" and destination in self.col.entities:
            dest = self.col.entities[destination].label
            for p in prefixes:
                self.col.alias(qid, f"{p} Ambassador to {dest}", "synthesized", RANK_SHORT_TITLE)
            self.col.alias(qid, f"Ambassador of {name} to {dest}", "synthesized", RANK_SHORT_TITLE)
            return
        for title in _ROLE_TITLES.get(role, ()):
            for p in prefixes:
                self.col.alias(qid, f"{p} {title}", "synthesized", RANK_SHORT_TITLE)
            self.col.alias(qid, f"{title} of {name}", "synthesized", RANK_SHORT_TITLE)

    # -- people ---------------------------------------------------------------------------------

    def add_person(self, qid: str, name: str | None, rank: int, source: str) -> bool:
        if not is_qid(qid):
            return False
        if name and not is_qid(name):
            self.col.entity(qid, name, "person", rank=rank, prior=0.2)
            self.col.alias(qid, name, source, rank)
        return True

    # -- readers --------------------------------------------------------------------------------

    def read_all(self) -> None:
        self.read_world_leaders()
        for folder in FOLDERS:
            self.read_country_folder(folder)
        self.read_intl()
        self.read_foreign_ministers()
        self.read_congress()
        self.read_executive()

    def read_world_leaders(self) -> None:
        files = (("world_leaders_heads_2026index.csv", "world_leaders_2026", RANK_OFFICEHOLDER),
                 ("world_leaders_heads_2022snapshot.csv", "world_leaders_2022", RANK_SHORT_TITLE))
        for filename, source, rank in files:
            for row in read_csv(self.src / "officeholders" / filename):
                country = row["countryid"]
                self.add_position(row["position"], row["positionLabel"], rank=rank,
                                  jurisdiction=country if is_qid(country) else None)
                person = row["officeholder"]
                if not self.add_person(person, row["officeholderLabel"], rank, source):
                    continue
                # SOURCES.md: starts in 2026 could not be checked and include likely vandalism.
                unverified = source == "world_leaders_2026" and row["start_year"] >= "2026"
                self.col.tenure(person, row["position"], row["start_year"], row["end_year"], source,
                                rank, unverified=unverified)

    def _title_map(self, paths: Iterable[Path], columns: tuple[str, str]) -> dict[str, str]:
        by_title: dict[str, set[str]] = defaultdict(set)
        for path in paths:
            if not path.exists():
                continue
            for row in read_csv(path):
                qid_col, title_col = columns
                if is_qid(row[qid_col]) and row[title_col]:
                    by_title[row[title_col]].add(row[qid_col])
        out = {}
        for title, qids in by_title.items():
            if len(qids) == 1:
                out[title] = next(iter(qids))
            else:
                self.ambiguous_titles += 1
        return out

    def read_country_folder(self, folder: str) -> None:
        base = self.src / "officeholders" / folder
        country, source = FOLDERS[folder]
        for row in read_csv(base / "positions.csv"):
            jur = row["country"] if is_qid(row["country"]) else country
            self.add_position(row["id"], row["position"], rank=RANK_OFFICEHOLDER, jurisdiction=jur)
        for row in read_csv(base / "legislative-positions.csv"):
            self.add_position(row["position"], row["title"], rank=RANK_OFFICEHOLDER, jurisdiction=country)
        titles = self._title_map(
            [base / f"{n}.csv" for n in ("wanted-positions", "xtra-positions", "legislative-positions")],
            ("position", "title"))
        for title, qid in sorted(titles.items()):
            if qid not in self.col.positions:
                self.add_position(qid, title, rank=RANK_SHORT_TITLE, jurisdiction=country,
                                  short_title=True)
        for row in read_csv(base / "current-cabinet.csv"):
            self.add_position(row["position"], row["positionLabel"], rank=RANK_OFFICEHOLDER,
                              jurisdiction=country)
            if self.add_person(row["item"], row["itemLabel"], RANK_OFFICEHOLDER, source):
                self.col.tenure(row["item"], row["position"], row["start"], None, source, RANK_OFFICEHOLDER)
        self._read_holders(base, titles, source)
        self._read_bio(base / "bio.csv", source)

    def _read_holders(self, base: Path, titles: dict[str, str], source: str) -> None:
        for name in ("holders21", "current", "legislators"):
            path = base / f"{name}.csv"
            if not path.exists():
                continue
            for row in read_csv(path):
                position = titles.get(row["position"])
                if position is None:
                    self.col.skipped["holder row with unknown or ambiguous title"] += 1
                    continue
                if not self.add_person(row["personID"], row["person"], RANK_OFFICEHOLDER, source):
                    continue
                self.col.tenure(row["personID"], position, row.get("start"), row.get("end"), source,
                                RANK_OFFICEHOLDER)

    def _read_bio(self, path: Path, source: str) -> None:
        if not path.exists():
            return
        for row in read_csv(path):
            qid = row["id"]
            if qid not in self.col.entities:
                continue
            self.add_person(qid, row["name"], RANK_OFFICEHOLDER, source)
            enwiki = re.sub(r"\s*\(.*\)$", "", row.get("enwiki", ""))
            if enwiki:
                self.col.alias(qid, enwiki, "enwiki title", RANK_OFFICEHOLDER)

    def read_intl(self) -> None:
        base = self.src / "officeholders" / "intl"
        info = {r["position"]: r for r in read_csv(base / "position-info.csv")}
        by_title: dict[str, set[str]] = defaultdict(set)
        for row in read_csv(base / "positions.csv"):
            qid = row["id"]
            jur = row["jurisdiction"] or info.get(qid, {}).get("jurisdiction", "")
            self.add_position(qid, row["position"], rank=RANK_OFFICEHOLDER,
                              jurisdiction=jur if is_qid(jur) else None)
            for title in (row["position"], row["enwiki"], info.get(qid, {}).get("positionLabel", "")):
                if title:
                    by_title[normalize_alias(title)].add(qid)
        titles = {t: next(iter(q)) for t, q in by_title.items() if len(q) == 1}

        def lookup(title: str) -> str | None:
            norm = normalize_alias(title)
            if norm in titles:
                return titles[norm]
            # "OSCE High Commissioner on National Minorities" vs the label without the acronym.
            hits = {q for t, q in titles.items() if norm.endswith(" " + t)}
            return next(iter(hits)) if len(hits) == 1 else None

        resolved = {}
        for name in ("holders21", "current", "legislators"):
            for row in read_csv(base / f"{name}.csv"):
                if row["position"] not in resolved:
                    resolved[row["position"]] = lookup(row["position"])
        self._read_holders(base, {t: q for t, q in resolved.items() if q}, "world")
        self._read_bio(base / "bio.csv", "world")

    def read_foreign_ministers(self) -> None:
        for row in read_csv(self.src / "officeholders/world_foreign_ministers.csv"):
            country, position = row["country"], row["position"]
            if not is_qid(country) or not is_qid(position):
                continue
            label = row["positionLabel"]
            if is_qid(label) or not label:
                label = "Minister of Foreign Affairs"
            self.add_position(position, label, rank=RANK_SHORT_TITLE, jurisdiction=country,
                              role="minister of foreign affairs", short_title=True)
            if row["person"] and self.add_person(row["person"], row["name"], RANK_OFFICEHOLDER, "world"):
                self.col.tenure(row["person"], position, row["start"], None, "world", RANK_OFFICEHOLDER)

    def read_congress(self) -> None:
        self._read_congress_yaml("legislators-current.yaml", count_missing=True)

    def read_executive(self) -> None:
        self._read_congress_yaml("executive.yaml", count_missing=False)

    def _read_congress_yaml(self, name: str, *, count_missing: bool) -> None:
        """unitedstates/congress-legislators files: people with Wikidata ids and their terms.
        Most presidents in executive.yaml have no Wikidata id, so only Congress counts misses."""
        path = self.src / "officeholders/us_congress" / name
        snapshot = SNAPSHOT_BY_KEY["us_congress"].date or "9999-12-31"
        for person in _load_yaml(path):
            qid = (person.get("id") or {}).get("wikidata")
            if not qid or not is_qid(qid):
                if count_missing:
                    self.col.skipped["congress member without wikidata id"] += 1
                continue
            names = _congress_names(person.get("name") or {})
            for i, name_ in enumerate(names):
                if i == 0:
                    self.add_person(qid, name_, RANK_COUNTRY, "us_congress")
                self.col.alias(qid, name_, "us_congress", RANK_COUNTRY)
            for position, start, end in _merged_terms(person.get("terms") or [], snapshot):
                self.col.tenure(qid, position, start, end, "us_congress", RANK_COUNTRY)

    def add_member_positions(self, members: list[tuple[str, str, str]]) -> None:
        """conzept's chamber-member positions, for countries the officeholder files do not cover."""
        covered = {p.jurisdiction for p in self.col.positions.values()
                   if p.role in ("member of parliament", "senator")}
        for qid, country, chamber in members:
            if qid in self.col.positions or country in covered or qid in self.col.entities:
                continue
            chamber_ent = self.col.entities.get(chamber)
            where = chamber_ent.label if chamber_ent else f"the Parliament of {self.countries.name[country]}"
            label = f"member of {where}"
            self.col.position(qid, label, "member of parliament", country, None, RANK_ORGANISATION + 2)
            self.col.entity(qid, label, "office", rank=RANK_ORGANISATION + 2,
                            prior=office_prior("member of parliament", country in self.countries.sovereign),
                            country=country,
                            description=f"member of parliament ({self.countries.name[country]}); label synthesised")


def _load_yaml(path: Path) -> list[dict]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=loader)  # noqa: S506 - a safe loader
    return data or []


def _congress_names(name: dict) -> list[str]:
    first, last = name.get("first", ""), name.get("last", "")
    names = [name.get("official_full"), f"{first} {last}".strip()]
    if name.get("nickname"):
        names.append(f"{name['nickname']} {last}")
    if name.get("middle"):
        names.append(f"{first} {name['middle']} {last}")
    out: list[str] = []
    for n in names:
        if n and n.strip() and n.strip() not in out:
            out.append(" ".join(n.split()))
    return out


def _merged_terms(terms: list[dict], snapshot: str) -> list[tuple[str, str, str | None]]:
    """Consecutive terms in the same office as one tenure; an end after the snapshot is open."""
    out: list[list] = []
    for term in sorted(terms, key=lambda t: str(t.get("start", ""))):
        kind = term.get("type")
        if kind == "sen":
            position = _SENATOR
        elif kind == "rep":
            position = _DELEGATE if term.get("state") in _NON_VOTING else _REPRESENTATIVE
        elif kind == "prez":
            position = _PRESIDENT_US
        elif kind == "viceprez":
            position = _VICE_PRESIDENT_US
        else:
            continue
        start, end = str(term.get("start", "")), str(term.get("end", ""))
        if out and out[-1][0] == position and out[-1][2] and _gap_days(out[-1][2], start) <= 7:
            out[-1][2] = end
        else:
            out.append([position, start, end])
    return [(p, s, None if (e and e > snapshot) else e) for p, s, e in out]


def _gap_days(end: str, start: str) -> int:
    try:
        return (dt.date.fromisoformat(start) - dt.date.fromisoformat(end)).days
    except ValueError:
        return 10**6


# -- after the merge ----------------------------------------------------------------------------


def close_superseded(tenures: list[TenureDraft], roles: dict[str, str]) -> int:
    """End open tenures of single-holder offices at the start of the next (verified) holder.

    The every-politician snapshots are from 2022: without this, a minister replaced since would
    still look current whenever a newer source lists the successor. Returns how many were closed.
    """
    by_position: dict[str, list[TenureDraft]] = defaultdict(list)
    for t in tenures:
        by_position[t.position].append(t)
    closed = 0
    for position, rows in by_position.items():
        if roles.get(position) not in SINGLE_HOLDER_ROLES:
            continue
        dated = sorted((t for t in rows if t.start), key=lambda t: date_bounds(t.start)[0])  # type: ignore[index]
        for t in dated:
            if t.end is not None:
                continue
            t_start = date_bounds(t.start)[1]  # type: ignore[index]
            later = [u for u in dated if u.person != t.person and not u.unverified
                     and date_bounds(u.start)[0] > t_start]  # type: ignore[index]
            if later:
                t.end = later[0].start
                t.source += "+end inferred from successor"
                closed += 1
    return closed


def finalize_people(col: Collector, tenures: list[TenureDraft], countries: Countries) -> None:
    """Set each person's prior, country and description from their best tenure; add variants."""
    by_person: dict[str, list[TenureDraft]] = defaultdict(list)
    for t in tenures:
        by_person[t.person].append(t)
    names_of: dict[str, set[str]] = defaultdict(set)
    for q, alias in col.aliases:
        names_of[q].add(alias)
    for qid, ent in col.entities.items():
        if ent.kind != "person":
            continue
        best: tuple[float, str, TenureDraft] | None = None
        for t in by_person.get(qid, ()):
            pos = col.positions.get(t.position)
            if pos is None:
                continue
            sovereign = pos.jurisdiction in countries.sovereign
            current = t.end is None and not t.unverified
            score = person_prior(pos.role, sovereign, current)
            if best is None or (score, t.start or "") > (best[0], best[1]):
                best = (score, t.start or "", t)
        if best is not None:
            t = best[2]
            pos = col.positions[t.position]
            ent.prior = max(ent.prior, best[0])
            if pos.jurisdiction in countries.name:
                ent.country = pos.jurisdiction
            span = f"{(t.start or '?')[:4]}–{(t.end or '')[:4]}"
            ent.description = f"{pos.label} ({span})"
        names = sorted(names_of.get(qid, set()) | {ent.label})
        if ent.country in SLAVIC_COUNTRIES:
            extra: set[str] = set()
            for name in names:
                short = drop_patronymic(name)
                if short:
                    col.alias(qid, short, "patronymic dropped", RANK_SHORT_TITLE)
                    extra.add(short)
                for variant in slavic_name_variants(short or name):
                    col.alias(qid, variant, "transliteration variant", RANK_SHORT_TITLE)
                    extra.add(variant)
            names = sorted(set(names) | extra)
        if ent.prior >= 0.8:
            # Leaders are named by surname alone after the first mention ("Putin said").
            for name in names:
                last = surname(name)
                if last:
                    col.alias(qid, last, "surname", RANK_SHORT_TITLE + 1)
