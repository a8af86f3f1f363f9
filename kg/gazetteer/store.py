"""Read API of the offline gazetteer, used by the linker and the entity ruler.

Input: the SQLite file built by `kg.gazetteer.build` (default: the one shipped in the package,
`kg.resources.gazetteer_file()`). Output: `GazEntry`, `Position` and `Tenure` values for names,
QIDs, role keys and dates. The file is opened read-only; a missing, corrupt or outdated file raises
`GazetteerError` naming the file and the rebuild command.

Dates: tenures keep the precision of their source. `Tenure.start` is the first day the source
date can mean and `Tenure.end` the last ("2025" -> 2025-01-01 .. 2025-12-31); the exact strings
are in `start_text`/`end_text`. An open tenure (`end is None`) is current as of the source's
snapshot (`meta` key `sources_date` and the `source.*` keys), not necessarily today.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg import resources
from kg.errors import GazetteerError
from kg.gazetteer.collect import date_bounds
from kg.gazetteer.schema import KINDS, SCHEMA_VERSION, TABLES
from kg.gazetteer.text import is_acronym, normalize_alias

__all__ = ["GazEntry", "Gazetteer", "Position", "Tenure", "case_fits", "normalize_alias"]

REBUILD_HINT = "rebuild it with `geokg gazetteer build`"
#: rapidfuzz ratio a name must reach to be a fuzzy candidate (one typo in a 20-letter name ~ 95).
FUZZY_MIN_SCORE = 90.0


@dataclass(frozen=True)
class GazEntry:
    qid: str
    label: str
    kind: str
    prior: float
    country: str | None
    description: str | None


@dataclass(frozen=True)
class Position:
    qid: str
    label: str
    role: str
    jurisdiction: str | None
    destination: str | None


@dataclass(frozen=True)
class Tenure:
    person: str
    position: str
    start: dt.date | None
    end: dt.date | None
    source: str
    #: True when only a source its curators marked as unchecked supports this row.
    unverified: bool = False
    start_text: str | None = None
    end_text: str | None = None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


# Single words that are names in the gazetteer but ordinary English words too: an entity ruler
# must not tag "Reading" or "May" at the start of a sentence. Months, weekdays and words that are
# towns, cities or organisations somewhere; checked case-insensitively.
COMMON_WORDS: frozenset[str] = frozenset("""
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
reading bath nice mobile split bar most of goes best born sale wells deal hull bury worth
hope union independence liberty victory concord harmony unity progress enterprise commerce
industry justice friendship paradise eden orange buffalo phoenix florence marshall grace
faith joy love peace mercy trinity providence bethlehem canton normal republic liberal
ideal welcome opportunity plain plains fairview center centre midway newport highland
lincoln washington jackson franklin clinton madison monroe hamilton jefferson
young price page long rich king ball rose bell hill wood field brook green white black
brown gray grey gold silver river lake ocean bay port fort mount point spring springs
falls park valley mountain forest beach island islands city town village county state
north south east west central upper lower new old great little big grand
ore cork derby lancaster chester wayne warren marion salem dover troy athens rome venice
moscow paris berlin
""".split()) - {"moscow", "paris", "berlin", "washington", "rome", "athens"}


class Gazetteer:
    """Read-only access to a gazetteer file; cheap to open, queries go to SQLite indexes."""

    def __init__(self, path: Path, con: sqlite3.Connection, meta: dict[str, str]) -> None:
        self.path = path
        self._con = con
        self._lock = threading.Lock()
        self.meta = meta
        self._cache: OrderedDict[tuple[str, tuple[str, ...] | None], list[GazEntry]] = OrderedDict()
        self._fuzzy_blocks: dict[str, list[tuple[str, str, str]]] = {}

    @classmethod
    def open(cls, path: Path | None = None) -> Gazetteer:
        path = Path(path) if path is not None else resources.gazetteer_file()
        if not path.is_file():
            raise GazetteerError(f"expected a gazetteer file, but there is none; {REBUILD_HINT}",
                                 source=str(path))
        try:
            con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                  check_same_thread=False)
        except sqlite3.Error as exc:
            raise GazetteerError(f"expected a readable SQLite file, got an error ({exc}); {REBUILD_HINT}",
                                 source=str(path)) from exc
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not set(TABLES) <= tables:
                raise GazetteerError(
                    f"expected the gazetteer tables {', '.join(TABLES)}, found "
                    f"{', '.join(sorted(tables)) or 'none'}; {REBUILD_HINT}", source=str(path))
            meta = dict(con.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as exc:
            con.close()
            raise GazetteerError(f"expected a gazetteer SQLite file, but it is unreadable ({exc}); "
                                 f"{REBUILD_HINT}", source=str(path)) from exc
        except GazetteerError:
            con.close()
            raise
        version = meta.get("schema_version")
        if version != SCHEMA_VERSION:
            con.close()
            raise GazetteerError(
                f"expected gazetteer schema version {SCHEMA_VERSION}, the file has {version!r}; "
                f"{REBUILD_HINT}", source=str(path))
        return cls(path, con, meta)

    def close(self) -> None:
        with self._lock:
            self._con.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _query(self, sql: str, params: Iterable[object] = ()) -> list[tuple]:
        with self._lock:
            try:
                return self._con.execute(sql, tuple(params)).fetchall()
            except sqlite3.DatabaseError as exc:
                raise GazetteerError(f"expected a readable gazetteer, but a query failed ({exc}); "
                                     f"{REBUILD_HINT}", source=str(self.path)) from exc

    # -- entities -------------------------------------------------------------------------------

    def candidates(self, alias: str, kinds: Iterable[str] | None = None, *,
                   cased: bool = False) -> list[GazEntry]:
        """Entities one of whose names normalises like `alias`, best prior first. With
        `cased`, the name must also fit the case `alias` is written in (see `case_fits`):
        "Us" is not the US, "CAIR" not Čair."""
        if cased:
            norm = normalize_alias(alias)
            return [e for e in self.candidates(alias, kinds)
                    if any(case_fits(alias, a) for a in self._aliases_normalised(e.qid, norm))]
        norm = normalize_alias(alias)
        kind_key = tuple(sorted(set(kinds))) if kinds is not None else None
        key = (norm, kind_key)
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return list(hit)
        if not norm:
            return []
        sql = ("SELECT DISTINCT e.qid, e.label, e.kind, e.prior, e.country, e.description "
               "FROM aliases a JOIN entities e ON e.qid = a.qid WHERE a.alias_norm = ?")
        params: list[object] = [norm]
        if kind_key is not None:
            unknown = set(kind_key) - set(KINDS)
            if unknown:
                raise ValueError(f"unknown kind(s) {', '.join(sorted(unknown))}; expected {', '.join(KINDS)}")
            sql += f" AND e.kind IN ({','.join('?' * len(kind_key))})"
            params.extend(kind_key)
        sql += " ORDER BY e.prior DESC, e.qid"
        result = [GazEntry(*row) for row in self._query(sql, params)]
        self._cache[key] = result
        if len(self._cache) > 50_000:
            self._cache.popitem(last=False)
        return list(result)

    def fuzzy_candidates(self, alias: str, kinds: Iterable[str] | None = None,
                         min_score: float = FUZZY_MIN_SCORE) -> list[tuple[GazEntry, float]]:
        """Entities with a name within a small edit distance of `alias` ("el-Sissi" ~ "el-Sisi",
        "Volodymir Zelenskyy" ~ "Volodymyr Zelenskyy"), best match first, with the rapidfuzz
        ratio (0-100). Only for names of 6+ characters; candidates share the first two letters
        of the name (typos rarely hit them, and it keeps each lookup to a few hundred names)."""
        from rapidfuzz import fuzz

        norm = normalize_alias(alias)
        if len(norm) < 6:
            return []
        block = self._fuzzy_block(norm[:2])
        wanted = set(kinds) if kinds is not None else None
        best: dict[str, float] = {}
        for other, qid, kind in block:
            if wanted is not None and kind not in wanted:
                continue
            score = fuzz.ratio(norm, other)
            if score >= min_score and score > best.get(qid, 0.0):
                best[qid] = score
        found = [(e, best[e.qid]) for qid in best if (e := self.entry(qid)) is not None]
        found.sort(key=lambda pair: (-pair[1], -pair[0].prior, pair[0].qid))
        return found

    def _fuzzy_block(self, prefix: str) -> list[tuple[str, str, str]]:
        """(normalised alias, QID, kind) of the aliases that start with `prefix`, cached."""
        hit = self._fuzzy_blocks.get(prefix)
        if hit is None:
            rows = self._query(
                "SELECT DISTINCT a.alias_norm, a.qid, e.kind FROM aliases a JOIN entities e ON e.qid = a.qid "
                "WHERE a.alias_norm >= ? AND a.alias_norm < ?", (prefix, prefix + "\uffff"))
            hit = self._fuzzy_blocks[prefix] = [tuple(r) for r in rows]  # type: ignore[misc]
        return hit

    def entry(self, qid: str) -> GazEntry | None:
        rows = self._query("SELECT qid, label, kind, prior, country, description FROM entities "
                           "WHERE qid = ?", (qid,))
        return GazEntry(*rows[0]) if rows else None

    def entries(self, kind: str | None = None) -> Iterator[GazEntry]:
        """Every entity (of `kind`, if given), in QID order."""
        sql = "SELECT qid, label, kind, prior, country, description FROM entities"
        params: tuple = ()
        if kind is not None:
            sql, params = sql + " WHERE kind = ?", (kind,)
        for row in self._query(sql + " ORDER BY qid", params):
            yield GazEntry(*row)

    def _aliases_normalised(self, qid: str, norm: str) -> list[str]:
        """The names of `qid`, as written, that normalise to `norm`."""
        return [r[0] for r in self._query("SELECT alias FROM aliases WHERE qid = ? AND alias_norm = ?",
                                          (qid, norm))]

    def aliases(self, qid: str) -> list[str]:
        return [r[0] for r in self._query("SELECT DISTINCT alias FROM aliases WHERE qid = ? ORDER BY alias",
                                          (qid,))]

    def demonym(self, word: str, *, cased: bool = False) -> str | None:
        """The country a demonym or country name denotes: "Russian" -> "Q159", "U.S." -> "Q30".
        With `cased`, a word that is also one of the country's names must fit its case ("Us")."""
        norm = normalize_alias(word)
        if not norm:
            return None
        rows = self._query(
            "SELECT d.country_qid FROM demonyms d JOIN entities e ON e.qid = d.country_qid "
            "WHERE d.word_norm = ? ORDER BY e.prior DESC, e.qid LIMIT 1", (norm,))
        if rows:
            qid = rows[0][0]
            names = self._aliases_normalised(qid, norm) if cased else []
            if not names or any(case_fits(word, a) for a in names):
                return qid
            return None
        countries = self.candidates(word, kinds=("country",), cased=cased)
        return countries[0].qid if countries else None

    # -- offices --------------------------------------------------------------------------------

    def positions(self, role: str | None = None, jurisdiction: str | None = None,
                  destination: str | None = None) -> list[Position]:
        """Positions with this role key (see `kg.gazetteer.roles`), jurisdiction and destination;
        a None argument does not filter. Best-known office first."""
        clauses, params = [], []
        for column, value in (("p.role", role), ("p.jurisdiction", jurisdiction),
                              ("p.destination", destination)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._query(
            "SELECT p.qid, p.label, p.role, p.jurisdiction, p.destination FROM positions p "
            f"JOIN entities e ON e.qid = p.qid {where} ORDER BY e.prior DESC, p.qid", params)
        return [Position(*r) for r in rows]

    def position(self, qid: str) -> Position | None:
        rows = self._query("SELECT qid, label, role, jurisdiction, destination FROM positions "
                           "WHERE qid = ?", (qid,))
        return Position(*rows[0]) if rows else None

    def tenures(self, person: str | None = None, position: str | None = None) -> list[Tenure]:
        """Tenures of a person and/or in a position, oldest first."""
        if person is None and position is None:
            raise ValueError("tenures() needs a person, a position or both")
        clauses, params = [], []
        if person is not None:
            clauses.append("person_qid = ?")
            params.append(person)
        if position is not None:
            clauses.append("position_qid = ?")
            params.append(position)
        rows = self._query(
            "SELECT person_qid, position_qid, start, end, source, unverified FROM tenures "
            f"WHERE {' AND '.join(clauses)} ORDER BY start IS NULL, start, person_qid", params)
        return [_tenure(*r) for r in rows]

    def holders_on(self, position: str, day: dt.date) -> list[Tenure]:
        """Who held `position` on `day` as far as the sources know; verified and latest first."""
        held = [t for t in self.tenures(position=position) if t.covers(day)]
        return sorted(held, key=lambda t: (t.unverified, -(t.start or dt.date.min).toordinal(), t.person))

    # -- entity ruler ---------------------------------------------------------------------------

    def ruler_patterns(self, kinds: Iterable[str] | None = None, min_prior: float = 0.0,
                       *, include_demonyms: bool = True) -> Iterator[tuple[str, str, str]]:
        """(surface, kind, qid) for a case-sensitive phrase matcher (spaCy EntityRuler, ORTH).

        Each surface goes to its best-prior entity. Left out, because they would fire on
        ordinary text: surfaces shorter than 2 characters, two-letter surfaces that are not
        acronyms, all-lowercase surfaces, single-token person names ("Chad", "Graham"),
        single-token surfaces that are stop words or common English words ("May", "Reading")
        unless written as an acronym ("US", "WHO"), and single-token places with a prior under
        0.5 (villages named like everyday things). `include_demonyms=False` also drops
        demonyms ("Russian") that point to a country.
        """
        from spacy.lang.en.stop_words import STOP_WORDS

        wanted = set(kinds) if kinds is not None else set(KINDS)
        demonyms = {r[0] for r in self._query("SELECT word_norm FROM demonyms")}
        rows = self._query(
            "SELECT a.alias, a.alias_norm, e.kind, e.qid, e.prior FROM aliases a "
            "JOIN entities e ON e.qid = a.qid WHERE e.prior >= ? "
            "ORDER BY a.alias, e.prior DESC, e.qid", (min_prior,))
        last_surface = None
        for alias, norm, kind, qid, prior in rows:
            if alias == last_surface:
                continue  # an earlier row (higher prior) took this surface
            last_surface = alias
            if kind not in wanted or not _ruler_ok(alias, kind, prior, STOP_WORDS):
                continue
            if not include_demonyms and kind == "country" and norm in demonyms:
                continue
            yield alias, kind, qid


#: Acronyms up to this many letters match only text in capitals ("US", not "Us"); longer ones
#: are also written as words ("Nato", "Unesco").
SHORT_ACRONYM = 3
#: Text in capitals up to this many letters is an acronym and matches only acronyms ("CAIR").
SHORT_CAPITALS = 4


def _letters(text: str) -> str:
    text = text[4:] if text[:4].casefold() == "the " else text
    return "".join(ch for ch in text if ch.isalpha())


def case_fits(surface: str, alias: str) -> bool:
    """Whether `surface`, as written, can be the gazetteer name `alias` (which it already
    matches case-blind). Short acronyms match only capitals: "Us" and "Who" are words, not the
    US and WHO. Short text in capitals matches only capitals: "CAIR" is an acronym, not the town
    Čair. Several lowercase words are a description, not a name: "the west coast of South
    America" is not West Coast in South Africa. Everything else matches whatever its case
    ("Nato", "WASHINGTON", "moscow")."""
    s, a = _letters(surface), _letters(alias)
    if not s or not a:
        return True
    if len(surface.split()) > 1 and surface.islower() and not alias.islower():
        return False
    if a.isupper() and len(a) <= SHORT_ACRONYM and len(alias.split()) == 1 + alias.casefold().startswith("the "):
        return s.isupper()
    if s.isupper() and len(s) <= SHORT_CAPITALS and len(surface.split()) == 1:
        return a.isupper()
    return True


def _ruler_ok(alias: str, kind: str, prior: float, stop_words: Iterable[str]) -> bool:
    if len(alias) < 2 or alias.islower():
        return False
    tokens = alias.split()
    acronym = is_acronym(alias)
    if len(alias) == 2 and not acronym:
        return False
    if len(tokens) == 1:
        if kind == "person":
            return False
        if acronym:
            return True
        low = alias.lower()
        if low in stop_words or low in COMMON_WORDS:
            return False
        if kind == "place" and prior < 0.5:
            return False
    return True


def _tenure(person: str, position: str, start: str | None, end: str | None, source: str,
            unverified: int) -> Tenure:
    return Tenure(
        person=person,
        position=position,
        start=date_bounds(start)[0] if start else None,
        end=date_bounds(end)[1] if end else None,
        source=source,
        unverified=bool(unverified),
        start_text=start,
        end_text=end,
    )
