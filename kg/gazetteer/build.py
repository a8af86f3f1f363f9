"""Build the offline gazetteer file from the Wikidata-derived source files.

Input: a source folder laid out like `../shared/data/wikidata/` (see its SOURCES.md) and the
hand-checked `supplement.tsv`. Output: one SQLite file (schema in `kg.gazetteer.schema`), written
atomically (temp file + rename), and a `BuildStats` summary. The same sources give the same rows
in the same order: every table is written sorted, and no clock value goes into the file (its
"as of" date is the newest source commit date).

    build_gazetteer(Path("../shared/data/wikidata"), Path("kg/data/gazetteer.sqlite"))
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kg.atomic import atomic_path
from kg.errors import GazetteerError
from kg.gazetteer import geo, officeholders
from kg.gazetteer.collect import Collector, TenureDraft
from kg.gazetteer.provenance import SNAPSHOTS, sources_date
from kg.gazetteer.schema import SCHEMA_SQL, SCHEMA_VERSION
from kg.gazetteer.supplement import SUPPLEMENT_FILE, load_supplement, read_supplement
from kg.gazetteer.text import normalize_alias

_REQUIRED = (
    "countries/dr5hn_countries.csv",
    "countries/rigour_territories.jsonl",
    "countries/conzept_country_capitals_legislatures.tsv",
    "officeholders/world_leaders_heads_2026index.csv",
    "places/dr5hn_cities.csv",
)


@dataclass(frozen=True)
class BuildStats:
    """What a build produced; `skipped` counts source rows left out, by reason."""

    path: Path
    size_bytes: int
    entities: dict[str, int]
    aliases: int
    demonyms: int
    positions: int
    tenures: int
    unverified_tenures: int
    inferred_ends: int
    capital_overrides: int
    subdivision_overrides: int
    blocked_qids: int
    kind_conflicts: int
    sources_date: str
    skipped: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(self.entities.items()))
        return (f"{self.path} ({self.size_bytes / 1e6:.1f} MB, sources as of {self.sources_date}): "
                f"{sum(self.entities.values())} entities ({kinds}), {self.aliases} aliases, "
                f"{self.positions} positions, {self.tenures} tenures")


def collect(source_dir: Path, supplement: Path = SUPPLEMENT_FILE) -> tuple[Collector, dict[str, int]]:
    """Read every source into a merged `Collector`; returns it with counters for the stats."""
    missing = [p for p in _REQUIRED if not (source_dir / p).is_file()]
    if missing:
        raise GazetteerError(
            f"expected the Wikidata source files under {source_dir}, but {', '.join(missing)} "
            "are missing; point `geokg gazetteer build` at a folder laid out like "
            "../shared/data/wikidata", source=str(source_dir))
    col = Collector()
    load_supplement(read_supplement(supplement), col)
    countries = geo.load_countries(source_dir, col)
    geo.load_organisations(source_dir, col, countries)
    subs = geo.load_subdivisions(source_dir, col, countries)
    caps = geo.load_capitals(source_dir, col, countries)
    places = officeholders.PlaceIndex.from_collector(col)
    reader = officeholders.OfficeholderReader(source_dir, col, countries, subs, places)
    reader.read_all()
    members = geo.load_legislatures(source_dir, col, countries)
    reader.add_member_positions(members)
    overrides = geo.load_cities(source_dir, col, countries, subs, caps)

    tenures = [t for t in col.merged_tenures()
               if t.person in col.entities and t.position in col.positions]
    roles = {q: p.role for q, p in col.positions.items()}
    inferred = officeholders.close_superseded(tenures, roles)
    officeholders.finalize_people(col, tenures, countries)
    col.tenures = tenures
    counters = {
        "inferred_ends": inferred,
        "capital_overrides": overrides["capital"],
        "subdivision_overrides": overrides["subdivision"],
        "ambiguous_titles": reader.ambiguous_titles,
    }
    return col, counters


def build_gazetteer(source_dir: Path, out: Path, supplement: Path = SUPPLEMENT_FILE) -> BuildStats:
    """Build the gazetteer from `source_dir` into `out` (replaced atomically)."""
    col, counters = collect(Path(source_dir), supplement)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(out) as tmp:
        counts = _write(col, tmp)
    kinds = Counter(e.kind for e in col.entities.values())
    return BuildStats(
        path=out,
        size_bytes=out.stat().st_size,
        entities=dict(sorted(kinds.items())),
        aliases=counts["aliases"],
        demonyms=counts["demonyms"],
        positions=counts["positions"],
        tenures=counts["tenures"],
        unverified_tenures=sum(1 for t in col.tenures if t.unverified),
        inferred_ends=counters["inferred_ends"],
        capital_overrides=counters["capital_overrides"],
        subdivision_overrides=counters["subdivision_overrides"],
        blocked_qids=len(col.blocked),
        kind_conflicts=len(col.kind_conflicts),
        sources_date=sources_date(),
        skipped=dict(sorted({**col.skipped, "ambiguous position titles": counters["ambiguous_titles"]}.items())),
    )


def _write(col: Collector, path: Path, *, meta_override: dict[str, str] | None = None,
           offline_sources: bool = True) -> dict[str, int]:
    """Write the collector's rows, sorted, into a new SQLite file at `path`."""
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA synchronous = OFF")
        con.executescript(SCHEMA_SQL)
        entities = sorted(col.entities.values(), key=lambda e: e.qid)
        con.executemany(
            "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?)",
            ((e.qid, e.label, e.kind, round(min(1.0, max(0.0, e.prior)), 4), e.country, e.description)
             for e in entities))
        alias_rows = sorted(
            {(normalize_alias(alias), qid, alias, source)
             for (qid, alias), (_rank, source) in col.aliases.items() if qid in col.entities},
            key=lambda r: (r[0], r[1], r[2]))
        con.executemany("INSERT OR IGNORE INTO aliases VALUES (?, ?, ?, ?)", alias_rows)
        demonym_rows = sorted((w, c) for w, cs in col.demonyms.items() for c in cs if c in col.entities)
        con.executemany("INSERT INTO demonyms VALUES (?, ?)", demonym_rows)
        positions = sorted((p for p in col.positions.values() if p.qid in col.entities), key=lambda p: p.qid)
        con.executemany("INSERT INTO positions VALUES (?, ?, ?, ?, ?)",
                        ((p.qid, col.entities[p.qid].label, p.role, p.jurisdiction, p.destination)
                         for p in positions))
        tenures: list[TenureDraft] = sorted(
            col.tenures, key=lambda t: (t.person, t.position, t.start or "", t.end or "", t.source))
        con.executemany(
            "INSERT INTO tenures (person_qid, position_qid, start, end, source, unverified) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            ((t.person, t.position, t.start, t.end, t.source, int(t.unverified)) for t in tenures))
        kinds = Counter(e.kind for e in entities)
        meta = {
            "schema_version": SCHEMA_VERSION,
            "sources_date": sources_date(),
            "count.entities": str(len(entities)),
            "count.aliases": str(con.execute("SELECT count(*) FROM aliases").fetchone()[0]),
            "count.demonyms": str(len(demonym_rows)),
            "count.positions": str(len(positions)),
            "count.tenures": str(len(tenures)),
            **{f"count.kind.{k}": str(n) for k, n in sorted(kinds.items())},
        }
        if offline_sources:
            meta.update({f"source.{s.key}": f"{s.repo}@{s.commit} ({s.date or 'date not given'}; {s.licence})"
                         for s in SNAPSHOTS})
            meta["source.supplement"] = "kg/gazetteer/supplement.tsv (hand-checked; see its confirmed_in column)"
        meta.update(meta_override or {})
        con.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        con.commit()
        counts = {"aliases": int(meta["count.aliases"]), "demonyms": len(demonym_rows),
                  "positions": len(positions), "tenures": len(tenures)}
        con.execute("VACUUM")
    finally:
        con.close()
    return counts


def main(argv: list[str] | None = None) -> int:
    """`python -m kg.gazetteer.build [SOURCE_DIR [OUT]]`: rebuild the shipped gazetteer."""
    import sys

    from kg.resources import gazetteer_file, shared_dir

    args = list(sys.argv[1:] if argv is None else argv)
    shared = shared_dir()
    source = Path(args[0]) if args else (shared / "data" / "wikidata" if shared else None)
    if source is None:
        raise GazetteerError("expected a source folder argument (../shared/data/wikidata was not found); "
                             "pass the folder that holds the Wikidata source files")
    out = Path(args[1]) if len(args) > 1 else gazetteer_file()
    print(build_gazetteer(source, out).summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
