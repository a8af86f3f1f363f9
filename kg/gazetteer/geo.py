"""Readers for the geographic and organisational source files of the gazetteer.

Input: the Wikidata-derived files under a source folder (see `../shared/data/wikidata/SOURCES.md`)
and a `Collector`. Output: country, territory, subdivision, capital, city, organisation,
cabinet and legislature entities with their aliases and demonyms, added to the collector, plus the
small indexes the officeholder reader needs (`Countries`, `Subdivisions`).

Source quirks handled here, each one documented in SOURCES.md:
- dr5hn city QIDs are often wrong for capitals (Kyiv Q517568, Minsk Q21579751, ...): conzept's
  capital QIDs and dr5hn's city-like first-level subdivisions (Kyiv city UA-30 = Q1899) override
  them, and the wrong QIDs are blocked so that no candidate list ever offers them;
- conzept was transcribed by hand: malformed QIDs are repaired only where SOURCES.md gives the
  right value (North Korea's capital "8808" -> Q18808), rows whose capital name is itself a QID
  (Greenland) are skipped, its name fields are not used where dr5hn has a name (typos like
  "Washi, D.C."), and a legislature column that repeats a member-position QID is ignored;
- supraverden is CC BY-SA: only the QID and the English names and abbreviations are read.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.gazetteer.collect import Collector
from kg.gazetteer.text import is_latin, is_qid, normalize_alias

RANK_SUPPLEMENT = 0
RANK_COUNTRY = 1
RANK_OFFICEHOLDER = 2
RANK_ORGANISATION = 3
RANK_SUBDIVISION = 4
RANK_CAPITAL = 3  # beats rigour and dr5hn descriptions of the same city
RANK_LEGISLATURE = 5
RANK_US_CITY = 6
RANK_CITY = 7

PRIOR_SOVEREIGN = 0.95
PRIOR_DEPENDENCY = 0.6
PRIOR_CAPITAL = 0.85
PRIOR_UNKNOWN_CITY = 0.3
PRIOR_DATELINE_CITY = 0.8

# The US cities AP style lets stand alone in a dateline, without their state (AP Stylebook,
# "datelines"): news means these when it names them bare. (name, state) as hearvox spells them.
AP_DATELINE_CITIES: frozenset[tuple[str, str]] = frozenset({
    ("Atlanta", "GA"), ("Baltimore", "MD"), ("Boston", "MA"), ("Chicago", "IL"), ("Cincinnati", "OH"),
    ("Cleveland", "OH"), ("Dallas", "TX"), ("Denver", "CO"), ("Detroit", "MI"), ("Honolulu", "HI"),
    ("Houston", "TX"), ("Indianapolis", "IN"), ("Las Vegas", "NV"), ("Los Angeles", "CA"),
    ("Miami", "FL"), ("Milwaukee", "WI"), ("Minneapolis", "MN"), ("New Orleans", "LA"),
    ("New York City", "NY"), ("Oklahoma City", "OK"), ("Philadelphia", "PA"), ("Phoenix", "AZ"),
    ("Pittsburgh", "PA"), ("St. Louis", "MO"), ("Salt Lake City", "UT"), ("San Antonio", "TX"),
    ("San Diego", "CA"), ("San Francisco", "CA"), ("Seattle", "WA"), ("Washington", "DC"),
})


def us_city_prior(qid: str) -> float:
    """Prominence of a US city that has no population in the sources: Wikidata item numbers were
    handed out first to the places English Wikipedia knew best (Q60 New York City, Q16555
    Houston, Q49225 Reno), from about Q50000 on to small towns in bot runs (Q79555 Weaver,
    Alabama); a weak but real signal, kept below the population-based priors of other
    countries' cities of the same rank."""
    return 0.45 if int(qid[1:]) < 50_000 else PRIOR_UNKNOWN_CITY

# ISO codes are poor aliases ("AND" is Andorra, "CAN" Canada); only these are used in prose.
_ISO_CODES_USED_IN_PROSE = {"US", "USA"}
# Conzept values that SOURCES.md says are wrong, with the value it gives.
_CONZEPT_FIXES = {("Q423", "capital_qid", "8808"): "Q18808"}
_CONZEPT_NAME_TYPOS = {"Washi, D.C.": "Washington, D.C."}
# Countries where conzept's capital is another city than dr5hn's (a real choice of capital, not
# a spelling): Bloemfontein/Pretoria, Aden/Sanaa, Kotte/Colombo, Lobamba/Mbabane,
# Gitega/Bujumbura, Ngerulmud/Melekeok. There conzept's name labels conzept's QID, and dr5hn's
# capital stays an ordinary city. Everywhere else the two names are spellings of one city.
_CONZEPT_OTHER_CAPITAL = {"ZA", "YE", "LK", "SZ", "BI", "PW"}
_DEMONYM_SUFFIX = re.compile(r"(?:an|ese|ish|i|ic|ch)$")
_CITY_LIKE_STATE_TYPES = {
    "city", "autonomous city", "capital city", "capital district", "federal district",
    "special city", "special municipality", "metropolitan city", "city municipality",
    "state city", "special self-governing city", "capital territory", "federal capital territory",
    "city with county rights",
}


def read_csv(path: Path, delimiter: str = ",") -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter=delimiter):
            yield {k: (v or "").strip() for k, v in row.items() if k is not None}


def population_prior(population: str | int | None, floor: float = PRIOR_UNKNOWN_CITY) -> float:
    """0.1 per order of magnitude of population: 1k -> 0.4, 100k -> 0.6, 10M -> 0.8 (cap)."""
    try:
        pop = int(float(population)) if population not in (None, "") else 0
    except ValueError:
        pop = 0
    if pop <= 0:
        return floor
    return round(min(0.8, max(floor, 0.1 + 0.1 * math.log10(pop))), 3)


@dataclass
class Countries:
    """ISO code and name lookups for the countries the gazetteer knows."""

    by_iso2: dict[str, str] = field(default_factory=dict)
    by_iso3: dict[str, str] = field(default_factory=dict)
    name: dict[str, str] = field(default_factory=dict)
    adjective: dict[str, str] = field(default_factory=dict)
    capital_name: dict[str, str] = field(default_factory=dict)
    sovereign: set[str] = field(default_factory=set)
    rigour_disagreements: list[tuple[str, str, str]] = field(default_factory=list)

    def adjective_of(self, qid: str) -> str:
        """The attributive form used in office titles: "Russian", but "United States"."""
        if qid == "Q30":
            return "United States"
        return self.adjective.get(qid) or self.name.get(qid, qid)


@dataclass
class Subdivisions:
    """Names of first-level subdivisions per country, and the city-like ones by name."""

    names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    city_like: dict[tuple[str, str], str] = field(default_factory=dict)  # (iso2, norm name) -> qid
    name_of: dict[tuple[str, str], str] = field(default_factory=dict)  # (iso2, state code) -> name

    def regional_name_in(self, country: str | None, text: str) -> str | None:
        """The subdivision name occurring as whole words in `text` (normalised), if any."""
        if not country:
            return None
        padded = f" {text} "
        for name in sorted(self.names.get(country, ()), key=len, reverse=True):
            if f" {name} " in padded:
                return name
        return None


# -- countries -----------------------------------------------------------------------------------


def load_countries(src: Path, col: Collector) -> Countries:
    countries = Countries()
    rigour = [json.loads(line) for line in (src / "countries/rigour_territories.jsonl").open(encoding="utf-8")
              if line.strip()]
    rigour_by_alpha3 = {r["alpha3"].upper(): r for r in rigour if r.get("alpha3")}
    rigour_by_code = {r["code"]: r for r in rigour}

    def rigour_qid(code: str | None) -> str | None:
        rec = rigour_by_code.get(code or "")
        return rec.get("qid") if rec else None

    dr5hn_rows = list(read_csv(src / "countries/dr5hn_countries.csv"))
    for row in dr5hn_rows:
        qid = row["wikiDataId"]
        if not is_qid(qid):
            col.skipped["dr5hn country without qid"] += 1
            continue
        countries.by_iso2[row["iso2"]] = qid
        countries.by_iso3[row["iso3"]] = qid
        countries.name[qid] = row["name"]
        countries.capital_name[qid] = row["capital"]
        rec = rigour_by_alpha3.get(row["iso3"])
        if rec and rec.get("is_country"):
            countries.sovereign.add(qid)
    # A second pass: territories need their sovereign's QID, which the first pass collected.
    for row in dr5hn_rows:
        qid = row["wikiDataId"]
        if not is_qid(qid):
            continue
        rec = rigour_by_alpha3.get(row["iso3"])
        sovereign = qid in countries.sovereign
        parent = None if sovereign else rigour_qid(rec.get("parent")) if rec else None
        col.entity(qid, row["name"], "country", rank=RANK_COUNTRY,
                   prior=PRIOR_SOVEREIGN if sovereign else PRIOR_DEPENDENCY,
                   country=qid if sovereign else (parent or qid),
                   description="sovereign state" if sovereign else "dependent territory")
        col.alias(qid, row["name"], "dr5hn", RANK_COUNTRY)
        if row["native"] and is_latin(row["native"]):
            col.alias(qid, row["native"], "dr5hn", RANK_COUNTRY)
        adjectives = [p.strip() for p in row["nationality"].split(",") if p.strip()]
        if adjectives:
            countries.adjective[qid] = adjectives[0]
        for adj in adjectives:
            col.demonym(adj, qid)
            col.alias(qid, adj, "dr5hn nationality", RANK_COUNTRY)
        if row["iso3"] in _ISO_CODES_USED_IN_PROSE or row["iso2"] in _ISO_CODES_USED_IN_PROSE:
            col.alias(qid, row["iso2"], "dr5hn iso", RANK_COUNTRY)
            col.alias(qid, row["iso3"], "dr5hn iso", RANK_COUNTRY)
        if rec:
            if rec.get("qid") and rec["qid"] != qid:
                # Kingdom-vs-country items (Denmark Q35 vs Q756617): dr5hn's constituent-country
                # item is the one news linking uses; rigour's names still apply to it.
                countries.rigour_disagreements.append((row["iso3"], qid, rec["qid"]))
            _rigour_names(col, qid, rec)

    known = set(countries.name)
    dr5hn_alpha3 = set(countries.by_iso3)
    for rec in rigour:
        qid = rec.get("qid")
        if not qid or not is_qid(qid) or qid in known:
            continue
        if rec.get("alpha3", "").upper() in dr5hn_alpha3:
            continue  # the same territory under dr5hn's QID (see above)
        if rec.get("region") == "Supranational":
            # "Global" (Q2, the world), "Cyberspace", the EU and the UN are OpenSanctions scopes,
            # not places; the EU and the UN come in as organisations from their own source.
            continue
        parent = rigour_qid(rec.get("parent"))
        if rec.get("is_country"):
            col.entity(qid, rec["name"], "country", rank=RANK_COUNTRY, prior=PRIOR_SOVEREIGN,
                       country=qid, description="sovereign state")
            countries.sovereign.add(qid)
            countries.name[qid] = rec["name"]
        else:
            country_name = countries.name.get(parent or "", "")
            col.entity(qid, rec["name"], "place", rank=RANK_SUBDIVISION, prior=0.5,
                       country=parent, description=f"territory of {country_name}" if country_name else "territory")
        col.alias(qid, rec["name"], "rigour", RANK_SUBDIVISION)
        _rigour_names(col, qid, rec)

    for row in read_csv(src / "countries/wikidata_country_aliases_en.csv"):
        qid = countries.by_iso3.get(row["iso3c"])
        label = row["label"]
        if qid is None or not any(ch.isalpha() for ch in label):
            continue
        if label in (row["iso2c"], row["iso3c"], row["iso2c"].lower(), row["iso3c"].lower()):
            if label not in _ISO_CODES_USED_IN_PROSE:
                continue
        col.alias(qid, label, "econandrew", RANK_COUNTRY)
    return countries


def _rigour_names(col: Collector, qid: str, rec: dict) -> None:
    for key in ("name", "full_name", "in_sentence"):
        if rec.get(key):
            col.alias(qid, rec[key], "rigour", RANK_COUNTRY)
    for name in rec.get("names_strong") or ():
        if not is_latin(name):
            continue
        col.alias(qid, name, "rigour names_strong", RANK_COUNTRY)
        # rigour writes demonyms in lower case among the strong names ("russian").
        if name.islower() and " " not in name and _DEMONYM_SUFFIX.search(name) and rec.get("is_country"):
            col.demonym(name, qid)


# -- subdivisions and capitals --------------------------------------------------------------------


def load_subdivisions(src: Path, col: Collector, countries: Countries) -> Subdivisions:
    subs = Subdivisions()
    for row in read_csv(src / "countries/dr5hn_states.csv"):
        qid, iso2 = row["wikiDataId"], row["country_code"]
        country = countries.by_iso2.get(iso2)
        if row["iso2"]:
            subs.name_of[(iso2, row["iso2"])] = row["name"]
        if not is_qid(qid) or country is None:
            col.skipped["dr5hn state without qid or country"] += 1
            continue
        norm = normalize_alias(row["name"])
        if row["level"] in ("", "1") and len(norm) >= 4 and norm != normalize_alias(countries.name[country]):
            subs.names[country].add(norm)
        if row["type"] in _CITY_LIKE_STATE_TYPES:
            subs.city_like[(iso2, norm)] = qid
        prior = min(0.7, max(0.45, population_prior(row["population"], floor=0.5) - 0.1))
        kind_word = row["type"] or "subdivision"
        col.entity(qid, row["name"], "place", rank=RANK_SUBDIVISION, prior=prior, country=country,
                   description=f"{kind_word} of {countries.name[country]}")
        col.alias(qid, row["name"], "dr5hn", RANK_SUBDIVISION)
        if row["native"] and is_latin(row["native"]):
            col.alias(qid, row["native"], "dr5hn", RANK_SUBDIVISION)

    for row in read_csv(src / "places/hearvox_us_states.tsv", delimiter="\t"):
        qid = row["qid"]
        if not is_qid(qid):
            continue
        col.entity(qid, row["state"], "place", rank=RANK_SUBDIVISION, prior=0.6, country="Q30",
                   description="state of the United States")
        col.alias(qid, row["state"], "hearvox", RANK_SUBDIVISION)
        # AP style ("Calif.", "S.C.") is how news datelines name states; two-letter postal codes
        # ("IN", "OR", "ME") are ordinary words and are left out.
        if row["AP"] and row["AP"] != row["state"]:
            col.alias(qid, row["AP"], "hearvox ap", RANK_SUBDIVISION)
        subs.names["Q30"].add(normalize_alias(row["state"]))
    return subs


@dataclass
class Capitals:
    by_country: dict[str, str] = field(default_factory=dict)  # country qid -> capital qid
    by_name: dict[tuple[str, str], str] = field(default_factory=dict)  # (iso2, norm name) -> qid


def load_capitals(src: Path, col: Collector, countries: Countries) -> Capitals:
    caps = Capitals()
    for row in read_csv(src / "countries/conzept_country_capitals_legislatures.tsv", delimiter="\t"):
        iso2 = row["iso2"].upper()
        country = countries.by_iso2.get(iso2) or (row["country_qid"] if is_qid(row["country_qid"]) else None)
        capital = _CONZEPT_FIXES.get((row["country_qid"], "capital_qid", row["capital_qid"]), row["capital_qid"])
        if country is None or not is_qid(capital):
            col.skipped["conzept capital malformed"] += 1
            continue
        if is_qid(row["capital_name"]) and row["capital_name"] != capital:
            col.skipped["conzept capital row garbled"] += 1  # Greenland: Copenhagen's QID, name "Q226"
            continue
        if country in caps.by_country:
            continue  # Denmark appears twice (Q35 and the Kingdom Q756617), same capital
        conzept_name = _CONZEPT_NAME_TYPOS.get(row["capital_name"], row["capital_name"])
        conzept_name = "" if is_qid(conzept_name) else conzept_name
        dr5hn_name = countries.capital_name.get(country, "")
        if iso2 in _CONZEPT_OTHER_CAPITAL or not dr5hn_name:
            names = [conzept_name]
        else:
            names = [dr5hn_name, conzept_name]
        names = [n for n in names if n]
        if not names:
            col.skipped["conzept capital without a name"] += 1
            continue
        caps.by_country[country] = capital
        col.entity(capital, names[0], "place", rank=RANK_CAPITAL, prior=PRIOR_CAPITAL, country=country,
                   description=f"capital of {countries.name.get(country, country)}")
        for name in names:
            col.alias(capital, name, "conzept capital" if name == conzept_name else "dr5hn capital",
                      RANK_CAPITAL)
            caps.by_name[(iso2, normalize_alias(name))] = capital
    return caps


# -- cities ---------------------------------------------------------------------------------------


def load_cities(src: Path, col: Collector, countries: Countries, subs: Subdivisions,
                caps: Capitals) -> dict[str, int]:
    """dr5hn and hearvox cities; returns counts of QID overrides applied."""
    overrides = {"capital": 0, "subdivision": 0}
    for row in read_csv(src / "places/hearvox_us_cities.tsv", delimiter="\t"):
        qid = row["WD-QID"].rsplit("/", 1)[-1]  # one row (Washington, DC) holds the entity URL
        if not is_qid(qid):
            continue
        dateline = (row["placeLabel"], row["state"]) in AP_DATELINE_CITIES
        prior = PRIOR_DATELINE_CITY if dateline else us_city_prior(qid)
        col.entity(qid, row["placeLabel"], "place", rank=RANK_US_CITY, prior=prior,
                   country="Q30", description=f"city in {row['state-full']}, United States")
        col.alias(qid, row["placeLabel"], "hearvox", RANK_US_CITY)
        if dateline and row["placeLabel"].endswith(" City"):
            # "NEW YORK (AP)", "Oklahoma City" stays as it is: only New York drops "City" in news.
            if row["placeLabel"] == "New York City":
                col.alias(qid, "New York", "hearvox", RANK_US_CITY)

    rows = [r for r in read_csv(src / "places/dr5hn_cities.csv") if r["wikiDataId"]]
    # Biggest first, so a QID shared by several rows takes the label of the main one.
    rows.sort(key=lambda r: (-int(r["population"] or 0), r["country_code"], r["name"], r["id"]))
    # dr5hn gives one QID to many different towns (Q8673 Lagos also names Lajere, Lalupon, Lame
    # ...): only the biggest row's name is trusted for a QID; the others' QIDs are wrong.
    name_of_qid: dict[str, str] = {}
    for row in rows:
        name_of_qid.setdefault(row["wikiDataId"], normalize_alias(row["name"]))
    for row in rows:
        iso2, qid = row["country_code"], row["wikiDataId"]
        if name_of_qid.get(qid) != normalize_alias(row["name"]):
            col.skipped["dr5hn city with another city's QID"] += 1
            continue
        country = countries.by_iso2.get(iso2)
        if country is None or not is_qid(qid):
            col.skipped["dr5hn city without country or qid"] += 1
            continue
        key = (iso2, normalize_alias(row["name"]))
        better = caps.by_name.get(key) or subs.city_like.get(key)
        if better and better != qid:
            overrides["capital" if key in caps.by_name else "subdivision"] += 1
            existing = col.entities.get(qid)
            if existing is None or existing.rank >= RANK_CITY:
                col.block(qid)
            qid = better
        state = subs.name_of.get((iso2, row["state_code"]))
        where = f"{state}, {countries.name[country]}" if state else countries.name[country]
        prior = population_prior(row["population"])
        if qid == caps.by_country.get(country):
            prior = max(prior, PRIOR_CAPITAL)
        if not col.entity(qid, row["name"], "place", rank=RANK_CITY, prior=prior, country=country,
                          description=f"city in {where}"):
            continue
        col.alias(qid, row["name"], "dr5hn", RANK_CITY)
        if row["native"] and is_latin(row["native"]) and _native_variant(row["native"], row["name"]):
            col.alias(qid, row["native"], "dr5hn", RANK_CITY)
    return overrides


def _native_variant(native: str, name: str) -> bool:
    """dr5hn's "native" city names are partly machine translations of the name's parts ("Mazowe"
    -> "It is", "Ho" -> "To"); keep only spellings close to the name ("Kraków" for "Krakow")."""
    from rapidfuzz import fuzz

    return fuzz.ratio(normalize_alias(native), normalize_alias(name)) >= 60


# -- organisations --------------------------------------------------------------------------------


#: Source of aliases that name their item only in context ("the Security Council", "the Supreme
#: Court"): the linker weighs them like any alias, but they never name a jurisdiction in an
#: office title ("Deputy Chairman of the Security Council (Russia)" is Russia's).
CONTEXTUAL = "synthesized-contextual"
_UN_PREFIX = "United Nations "


def un_body_aliases(name: str) -> list[str]:
    """News names the bodies of the United Nations without it once the context is clear: "the
    Security Council", "the General Assembly", "the World Food Programme". Only names of two or
    more words: "Secretariat" or "University" alone name too many other things."""
    if not name.startswith(_UN_PREFIX):
        return []
    rest = name[len(_UN_PREFIX):].strip()
    if len(rest.split()) < 2 or not rest[:1].isupper():
        return []
    return [rest, f"UN {rest}"]


def load_organisations(src: Path, col: Collector, countries: Countries) -> None:
    for row in read_csv(src / "organisations/supraverden_international_organisations.csv"):
        qid = row["Wikidata_code"]
        if not is_qid(qid) or not row["Name_en"]:
            col.skipped["supraverden row without qid"] += 1
            continue
        # Only the QID and English names are taken from this CC BY-SA file (see module docstring).
        prior = 0.75 if row["Abbreviation_en"] else 0.6
        col.entity(qid, row["Name_en"], "organization", rank=RANK_ORGANISATION, prior=prior,
                   description="international organisation")
        for key in ("Name_en", "Abbreviation_en", "Name_other_en", "Name_other_2_en"):
            if row[key]:
                col.alias(qid, row[key], "supraverden", RANK_ORGANISATION)
        for alias in un_body_aliases(row["Name_en"]):
            col.alias(qid, alias, CONTEXTUAL, RANK_ORGANISATION)

    for row in read_csv(src / "organisations/world_country_cabinets.csv"):
        qid, state = row["cabinet"], row["state"]
        if not is_qid(qid) or not is_qid(state) or is_qid(row["cabinetLabel"]):
            continue
        country_name = countries.name.get(state, row["stateLabel"])
        col.entity(qid, row["cabinetLabel"], "organization", rank=RANK_ORGANISATION, prior=0.6,
                   country=state, description=f"cabinet of {country_name}")
        col.alias(qid, row["cabinetLabel"], "world cabinets", RANK_ORGANISATION)
        adjective = countries.adjective.get(state)
        # "the Russian government" is how news names a cabinet; the item label rarely is.
        for synthesized in (f"government of {country_name}", f"{country_name} government",
                            f"{adjective} government" if adjective else None,
                            f"{adjective} cabinet" if adjective else None):
            if synthesized:
                col.alias(qid, synthesized, "synthesized", RANK_LEGISLATURE)


def load_legislatures(src: Path, col: Collector, countries: Countries) -> list[tuple[str, str, str]]:
    """Parliaments, chambers and supreme courts from conzept (labels synthesised: the source has
    QIDs only). Returns (members position QID, country QID, chamber QID) for the caller to turn
    into positions, since only it knows which positions other sources already label."""
    members: list[tuple[str, str, str]] = []
    occupied = {q for q, e in col.entities.items() if e.kind not in ("organization",)}
    for row in read_csv(src / "countries/conzept_country_capitals_legislatures.tsv", delimiter="\t"):
        country = countries.by_iso2.get(row["iso2"].upper())
        if country is None:
            continue
        name = countries.name[country]
        adjective = countries.adjective.get(country)
        member_qids = {row[f"chamber{i}_members_qid"] for i in (1, 2, 3)}
        parliament = row["parliament_qid"]
        if is_qid(parliament) and parliament not in member_qids and parliament not in occupied:
            col.entity(parliament, f"Parliament of {name}", "organization", rank=RANK_LEGISLATURE,
                       prior=0.7, country=country, description=f"legislature of {name}")
            for alias in (f"Parliament of {name}", f"{name} parliament",
                          f"{adjective} parliament" if adjective else None):
                if alias:
                    col.alias(parliament, alias, "synthesized", RANK_LEGISLATURE)
            # "Parliament" alone is the article's country's, as with "Supreme Court" below.
            col.alias(parliament, "Parliament", CONTEXTUAL, RANK_LEGISLATURE)
        for i in (1, 2, 3):
            chamber, member = row[f"chamber{i}_qid"], row[f"chamber{i}_members_qid"]
            if not is_qid(chamber) or chamber == member or chamber in occupied:
                continue
            if chamber != parliament:
                col.entity(chamber, f"chamber of the Parliament of {name}", "organization",
                           rank=RANK_LEGISLATURE, prior=0.6, country=country,
                           description=f"legislative chamber of {name}")
            if is_qid(member) and member != parliament and member not in occupied:
                members.append((member, country, chamber))
        court = row["highest_judicial_qid"]
        if is_qid(court) and court not in occupied:
            col.entity(court, f"Supreme Court of {name}", "organization", rank=RANK_LEGISLATURE,
                       prior=0.6, country=country, description=f"highest court of {name}")
            col.alias(court, f"Supreme Court of {name}", "synthesized", RANK_LEGISLATURE)
            # "The Supreme Court" alone is each country's own: the article's countries decide.
            col.alias(court, "Supreme Court", CONTEXTUAL, RANK_LEGISLATURE)
            if adjective:
                col.alias(court, f"{adjective} Supreme Court", "synthesized", RANK_LEGISLATURE)
    return members
