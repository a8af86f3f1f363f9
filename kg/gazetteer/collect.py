"""In-memory accumulation of gazetteer rows before they are written.

Input: entity, alias, demonym, position and tenure facts from several sources, each with a rank
(0 = most trusted). Output: merged, deterministic rows for the tables of `kg.gazetteer.schema`.

Merge rules (why: the sources disagree, and the more careful one must win whatever the order in
which they are read):
- an entity's label, kind and description come from its best-ranked source; its prior is the
  highest any source gives; a missing country is filled from any source;
- a QID on the block list (a known-wrong QID from a source, e.g. dr5hn's Kyiv Q517568) is never
  added, so a bad row cannot resurrect it;
- an alias keeps the best-ranked source that gave it;
- tenures of one person in one position that overlap or touch are one tenure: the most precise
  start wins, a closed end beats an open one (a newer source knows the term ended).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kg.gazetteer.text import is_latin, normalize_alias

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def clean_date(raw: str | None) -> str | None:
    """An ISO date string cut to the precision it really has: "2021-01-20", "2017-07" or "2025"."""
    if not raw:
        return None
    m = _DATE.match(raw.strip())
    if not m:
        return None
    year, month, day = m.groups()
    if int(year) < 1000:
        return None
    if month and month != "00" and 1 <= int(month) <= 12:
        if day and day != "00":
            try:
                dt.date(int(year), int(month), int(day))
            except ValueError:
                return f"{year}-{month}"
            return f"{year}-{month}-{day}"
        return f"{year}-{month}"
    return year


def date_bounds(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day a possibly imprecise date can mean ("2025" -> Jan 1 .. Dec 31)."""
    if value is None:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        d = dt.date(*parts)
        return d, d
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        nxt = dt.date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return first, nxt - dt.timedelta(days=1)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def precision(value: str | None) -> int:
    return 0 if value is None else value.count("-") + 1


@dataclass
class EntityDraft:
    qid: str
    label: str
    kind: str
    prior: float
    rank: int
    country: str | None = None
    description: str | None = None


@dataclass
class PositionDraft:
    qid: str
    label: str
    role: str
    jurisdiction: str | None
    destination: str | None
    rank: int


@dataclass
class TenureDraft:
    person: str
    position: str
    start: str | None
    end: str | None
    source: str
    rank: int
    unverified: bool = False


@dataclass
class Collector:
    entities: dict[str, EntityDraft] = field(default_factory=dict)
    aliases: dict[tuple[str, str], tuple[int, str]] = field(default_factory=dict)
    demonyms: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    positions: dict[str, PositionDraft] = field(default_factory=dict)
    tenures: list[TenureDraft] = field(default_factory=list)
    blocked: set[str] = field(default_factory=set)
    skipped: Counter[str] = field(default_factory=Counter)
    kind_conflicts: list[tuple[str, str, str]] = field(default_factory=list)

    # -- entities ---------------------------------------------------------------------------

    def entity(self, qid: str, label: str, kind: str, *, rank: int, prior: float,
               country: str | None = None, description: str | None = None) -> bool:
        """Add or merge an entity; False when the QID is blocked or the label is unusable."""
        if qid in self.blocked:
            self.skipped["blocked qid"] += 1
            return False
        label = " ".join(label.split())
        if not label:
            self.skipped["empty label"] += 1
            return False
        old = self.entities.get(qid)
        if old is None:
            self.entities[qid] = EntityDraft(qid, label, kind, prior, rank, country, description)
            return True
        if old.kind != kind:
            self.kind_conflicts.append((qid, old.kind, kind))
        if rank < old.rank:
            old.label, old.kind, old.rank = label, kind, rank
            old.description = description or old.description
            old.country = country or old.country
        else:
            old.country = old.country or country
            old.description = old.description or description
        old.prior = max(old.prior, prior)
        return True

    def block(self, qid: str) -> None:
        """Never add this QID (a source's known-wrong identifier); drop it if already added."""
        self.blocked.add(qid)
        self.entities.pop(qid, None)
        for key in [k for k in self.aliases if k[0] == qid]:
            del self.aliases[key]

    def alias(self, qid: str, alias: str, source: str, rank: int, *, latin_only: bool = True) -> None:
        alias = " ".join(alias.split())
        if not alias or qid in self.blocked:
            return
        if latin_only and not is_latin(alias):
            return
        if not normalize_alias(alias):
            return
        key = (qid, alias)
        old = self.aliases.get(key)
        if old is None or rank < old[0]:
            self.aliases[key] = (rank, source)

    def demonym(self, word: str, country: str) -> None:
        norm = normalize_alias(word)
        if norm:
            self.demonyms[norm].add(country)

    # -- positions and tenures ----------------------------------------------------------------

    def position(self, qid: str, label: str, role: str, jurisdiction: str | None,
                 destination: str | None, rank: int) -> None:
        old = self.positions.get(qid)
        if old is None or rank < old.rank:
            self.positions[qid] = PositionDraft(qid, label, role, jurisdiction, destination, rank)
        else:
            old.jurisdiction = old.jurisdiction or jurisdiction
            old.destination = old.destination or destination

    def tenure(self, person: str, position: str, start: str | None, end: str | None,
               source: str, rank: int, *, unverified: bool = False) -> None:
        start, end = clean_date(start), clean_date(end)
        if start and end and date_bounds(end)[1] < date_bounds(start)[0]:  # type: ignore[index]
            self.skipped["tenure ends before it starts"] += 1
            return
        self.tenures.append(TenureDraft(person, position, start, end, source, rank, unverified))

    def merged_tenures(self) -> list[TenureDraft]:
        """One row per stint: overlapping or touching records of the same pair merged."""
        groups: dict[tuple[str, str], list[TenureDraft]] = defaultdict(list)
        for t in self.tenures:
            groups[(t.person, t.position)].append(t)
        out: list[TenureDraft] = []
        for key in sorted(groups):
            records = sorted(groups[key], key=_tenure_order)
            clusters: list[list[TenureDraft]] = []
            for rec in records:
                if clusters and any(_same_stint(rec, other) for other in clusters[-1]):
                    clusters[-1].append(rec)
                else:
                    clusters.append([rec])
            out.extend(_merge_cluster(c) for c in clusters)
        return out


_FAR_PAST = dt.date(1, 1, 1)
_FAR_FUTURE = dt.date(9000, 12, 31)
_TOUCH = dt.timedelta(days=7)


def _interval(t: TenureDraft) -> tuple[dt.date, dt.date]:
    lo = date_bounds(t.start)[0] if t.start else _FAR_PAST  # type: ignore[index]
    hi = date_bounds(t.end)[1] if t.end else _FAR_FUTURE  # type: ignore[index]
    return lo, hi


def _tenure_order(t: TenureDraft) -> tuple[dt.date, int, str]:
    return _interval(t)[0], t.rank, t.source


def _same_stint(a: TenureDraft, b: TenureDraft) -> bool:
    a_lo, a_hi = _interval(a)
    b_lo, b_hi = _interval(b)
    # An open end from an old snapshot overlaps everything after it; only let it absorb a record
    # that starts in the same year, or the two stints of Trump (2017-2021, 2025-) would merge.
    if a.end is None and b.start and a.start and b_lo > a_lo:
        if date_bounds(b.start)[0].year != date_bounds(a.start)[0].year:  # type: ignore[index]
            return False
    if b.end is None and a.start and b.start and a_lo > b_lo:
        if date_bounds(a.start)[0].year != date_bounds(b.start)[0].year:  # type: ignore[index]
            return False
    return a_lo <= b_hi + _TOUCH and b_lo <= a_hi + _TOUCH


def _merge_cluster(cluster: list[TenureDraft]) -> TenureDraft:
    def best(values: list[tuple[str, int]], earliest: bool) -> str | None:
        """The earliest start (latest end) of the stint, at the best precision that year has.

        "2025" and "2025-01-20" are one start: the precise one wins. Consecutive terms
        (2003-2009, 2009-2015, 2015-) span from the first start to the last end.
        """
        if not values:
            return None
        edge = (min if earliest else max)(date_bounds(v)[0].year for v, _ in values)  # type: ignore[index]
        same_year = [(v, r) for v, r in values if date_bounds(v)[0].year == edge]  # type: ignore[index]
        top = max(precision(v) for v, _ in same_year)
        pool = sorted((r, v) for v, r in same_year if precision(v) == top)
        best_rank = pool[0][0]
        dates = sorted(v for r, v in pool if r == best_rank)
        return dates[0] if earliest else dates[-1]

    starts = [(t.start, t.rank) for t in cluster if t.start]
    ends = [(t.end, t.rank) for t in cluster if t.end]
    start = best(starts, earliest=True)
    end = best(ends, earliest=False)
    open_records = [t for t in cluster if t.end is None]
    if open_records and end is not None:
        # An open record that starts when the closed ones end continues the stint (consecutive
        # terms); one that starts earlier is an old snapshot that a newer source has closed.
        latest_open_start = max(_interval(t)[0] for t in open_records)
        if latest_open_start >= date_bounds(end)[0] - _TOUCH:  # type: ignore[index]
            end = None
    sources = sorted({t.source for t in cluster}, key=lambda s: (min(t.rank for t in cluster if t.source == s), s))
    first = cluster[0]
    return TenureDraft(
        person=first.person,
        position=first.position,
        start=start,
        end=end,
        source="+".join(sources),
        rank=min(t.rank for t in cluster),
        unverified=all(t.unverified for t in cluster),
    )
