"""The SQLite layout of the gazetteer file, shared by the builder, the refresher and the reader.

Input: nothing. Output: the DDL (`SCHEMA_SQL`), the schema version the reader checks, and the
allowed entity kinds. Bump `SCHEMA_VERSION` whenever a table or column changes meaning; a reader
refuses a file with another version and asks for a rebuild.

Tables:
- `entities`  one row per Wikidata item: label, kind, prior (0..1, how likely a bare mention of
  one of its names means this item in geopolitical news), country (the country an entry belongs
  to; for persons the jurisdiction of their most prominent office), description.
- `aliases`   (alias_norm, qid, alias): every surface name of an item, keyed by
  `kg.gazetteer.text.normalize_alias`, with the source that gave it.
- `demonyms`  adjective/nationality word -> country ("russian" -> Q159).
- `positions` office items with a generic role key (see `kg.gazetteer.roles`), the jurisdiction
  (country or organisation) and, for envoys, the destination.
- `tenures`   who held which position when; dates keep the precision of the source ("2025",
  "2017-07", "2021-01-20"); `unverified` flags rows only a source marked as unchecked supports.
- `meta`      key/value facts: schema version, source snapshot dates, counts.
"""

from __future__ import annotations

SCHEMA_VERSION = "3"

KINDS: tuple[str, ...] = ("person", "organization", "country", "place", "office", "legislation")

SCHEMA_SQL = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE entities (
    qid         TEXT PRIMARY KEY,
    label       TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('person', 'organization', 'country', 'place',
                                              'office', 'legislation')),
    prior       REAL NOT NULL CHECK (prior >= 0.0 AND prior <= 1.0),
    country     TEXT,
    description TEXT
) WITHOUT ROWID;

CREATE TABLE aliases (
    alias_norm TEXT NOT NULL,
    qid        TEXT NOT NULL,
    alias      TEXT NOT NULL,
    source     TEXT NOT NULL,
    PRIMARY KEY (alias_norm, qid, alias)
) WITHOUT ROWID;
CREATE INDEX aliases_by_qid ON aliases (qid);

CREATE TABLE demonyms (
    word_norm   TEXT NOT NULL,
    country_qid TEXT NOT NULL,
    PRIMARY KEY (word_norm, country_qid)
) WITHOUT ROWID;

CREATE TABLE positions (
    qid          TEXT PRIMARY KEY,
    label        TEXT NOT NULL,
    role         TEXT NOT NULL,
    jurisdiction TEXT,
    destination  TEXT
) WITHOUT ROWID;
CREATE INDEX positions_by_role ON positions (role, jurisdiction, destination);
CREATE INDEX positions_by_jurisdiction ON positions (jurisdiction);

CREATE TABLE tenures (
    person_qid   TEXT NOT NULL,
    position_qid TEXT NOT NULL,
    start        TEXT,
    end          TEXT,
    source       TEXT NOT NULL,
    unverified   INTEGER NOT NULL DEFAULT 0 CHECK (unverified IN (0, 1))
);
CREATE INDEX tenures_by_person ON tenures (person_qid, position_qid);
CREATE INDEX tenures_by_position ON tenures (position_qid, start);
"""

TABLES: tuple[str, ...] = ("meta", "entities", "aliases", "demonyms", "positions", "tenures")
