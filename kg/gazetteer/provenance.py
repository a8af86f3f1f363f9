"""Where each source file of the gazetteer comes from: repository, commit, date, licence.

Input: nothing (the facts are transcribed from `../shared/data/wikidata/SOURCES.md`). Output:
`SNAPSHOTS`, the credit list the builder writes into the `meta` table and that
`kg/data/GAZETTEER-SOURCES.md` mirrors. The build date of the gazetteer is the newest snapshot
date here, never the wall clock, so the same sources give the same file.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Snapshot:
    key: str  # the `source` value aliases and tenures carry
    repo: str
    commit: str
    date: str | None  # commit date, ISO; None when the source did not give one
    licence: str
    files: tuple[str, ...]  # paths under the source folder


SNAPSHOTS: tuple[Snapshot, ...] = (
    Snapshot("dr5hn", "dr5hn/countries-states-cities-database",
             "7fda0afd3e75391d9480c22ed3a2b91f50e08eb6", "2026-08-08", "ODbL-1.0",
             ("countries/dr5hn_countries.csv", "countries/dr5hn_states.csv",
              "places/dr5hn_cities.csv")),
    Snapshot("rigour", "opensanctions/rigour", "8f4044dd6719d71e8ba59b5033818ff407e0efab",
             "2026-07-19", "MIT", ("countries/rigour_territories.jsonl",)),
    Snapshot("econandrew", "econandrew/sparql_queries", "51c11b835e9c30603bf85e44e688612ce5a6d29d",
             "2017-09-07", "MIT", ("countries/wikidata_country_aliases_en.csv",)),
    Snapshot("conzept", "waldenn/conzept", "149bbc9633a4bc725a076517c7a379eaa7c6e6de", None,
             "none stated (values are Wikidata QIDs, CC0)",
             ("countries/conzept_country_capitals_legislatures.tsv",)),
    Snapshot("hearvox", "hearvox/wiki-media-cred", "e61118c66e052c5afc1d07136dae37f8fbf70f3a",
             "2025-02-16", "CC0-1.0", ("places/hearvox_us_cities.tsv", "places/hearvox_us_states.tsv")),
    Snapshot("world_leaders_2026", "every-politician-scrapers/world-leaders-2021",
             "05e3baa24155a10fe12db26a25fa4494eec7e711", None,
             "none stated (Wikidata SPARQL output, CC0)",
             ("officeholders/world_leaders_heads_2026index.csv",)),
    Snapshot("world_leaders_2022", "every-politician-scrapers/world-leaders-2021",
             "be7039cf5952d8121c4f1e24eea64cc5dd465633", "2022-10-09",
             "none stated (Wikidata SPARQL output, CC0)",
             ("officeholders/world_leaders_heads_2022snapshot.csv",)),
    Snapshot("world", "every-politician-scrapers/world", "4a3b394d9a35d26d138cded8718d0805b7ce9336",
             "2023-01-10", "none stated (Wikidata SPARQL output, CC0)",
             ("officeholders/world_foreign_ministers.csv", "officeholders/intl/",
              "organisations/world_country_cabinets.csv")),
    Snapshot("us_cabinet", "every-politician-scrapers/us-cabinet",
             "0d5e73cb24ba9f78bc36f6cd0fbe9839e6cd8600", "2022-08-03",
             "none stated (Wikidata SPARQL output, CC0)", ("officeholders/us/",)),
    Snapshot("ru_cabinet", "every-politician-scrapers/russia-cabinet",
             "3871831d9846a16c5017acc229e003ab706202ab", "2022-08-03",
             "none stated (Wikidata SPARQL output, CC0)", ("officeholders/ru/",)),
    Snapshot("ua_cabinet", "every-politician-scrapers/ukraine-cabinet",
             "4fc6ab0f4d90d6170b674172a115f1bc98478e4b", "2022-07-23",
             "none stated (Wikidata SPARQL output, CC0)", ("officeholders/ua/",)),
    Snapshot("us_congress", "unitedstates/congress-legislators",
             "dfa9622263dd4c8d08636926e498f1845704d7eb", "2026-06-15", "CC0-1.0",
             ("officeholders/us_congress/legislators-current.yaml",
              "officeholders/us_congress/executive.yaml")),
    Snapshot("supraverden", "confirmordeny/supraverden", "59ab4fa0f92f3c75bb45e230908e612f15e8dbdf",
             "2026-06-24", "CC BY-SA 4.0 (only QIDs and English names/abbreviations are used)",
             ("organisations/supraverden_international_organisations.csv",)),
)

SNAPSHOT_BY_KEY: dict[str, Snapshot] = {s.key: s for s in SNAPSHOTS}


def sources_date() -> str:
    """The newest commit date among the sources: the gazetteer's 'as of' date."""
    return max(s.date for s in SNAPSHOTS if s.date)
