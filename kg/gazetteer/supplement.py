"""The hand-checked supplement: items the Wikidata-derived source files lack.

Input: `kg/gazetteer/supplement.tsv` (columns qid, kind, label, aliases separated by "|", country,
confirmed_in). Output: validated `SupplementRow`s, added to a `Collector` with the best rank, so a
supplement label overrides a synthesised one ("Parliament of United States" -> "United States
Congress").

Every row must say where its QID was confirmed next to its name (a repository path or URL of a
Wikidata-derived file); a row without that is rejected, because a wrong QID is worse than none.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import GazetteerError
from kg.gazetteer.collect import Collector
from kg.gazetteer.schema import KINDS
from kg.gazetteer.text import is_qid

COLUMNS = ("qid", "kind", "label", "aliases", "country", "confirmed_in")
RANK_SUPPLEMENT = 0
PRIOR_BY_KIND = {"organization": 0.8, "legislation": 0.7, "place": 0.7, "office": 0.7,
                 "person": 0.8, "country": 0.9}

SUPPLEMENT_FILE = Path(__file__).with_name("supplement.tsv")


@dataclass(frozen=True)
class SupplementRow:
    qid: str
    kind: str
    label: str
    aliases: tuple[str, ...]
    country: str | None
    confirmed_in: str


def read_supplement(path: Path = SUPPLEMENT_FILE) -> list[SupplementRow]:
    rows: list[SupplementRow] = []
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise GazetteerError(
            f"expected the columns {', '.join(COLUMNS)} but found {', '.join(reader.fieldnames or [])}; "
            "fix the header of the supplement", source=str(path))
    seen: set[str] = set()
    for n, raw in enumerate(reader, start=2):
        row = {k: (v or "").strip() for k, v in raw.items()}
        where = f"{path}:{n}"
        if not is_qid(row["qid"]) or row["kind"] not in KINDS or not row["label"]:
            raise GazetteerError(
                f"expected a QID, one of the kinds {', '.join(KINDS)} and a label, got "
                f"{row['qid']!r}, {row['kind']!r}, {row['label']!r}; fix the row", source=where)
        if row["country"] and not is_qid(row["country"]):
            raise GazetteerError(f"expected a country QID or nothing, got {row['country']!r}; fix the row",
                                 source=where)
        if not row["confirmed_in"]:
            raise GazetteerError(
                f"{row['qid']} has no confirmed_in; name the file or page where the QID stands next "
                "to its name, or drop the row", source=where)
        if row["qid"] in seen:
            raise GazetteerError(f"{row['qid']} appears twice; merge the rows", source=where)
        seen.add(row["qid"])
        aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
        rows.append(SupplementRow(row["qid"], row["kind"], row["label"], aliases,
                                  row["country"] or None, row["confirmed_in"]))
    return rows


def load_supplement(rows: list[SupplementRow], col: Collector) -> None:
    for row in rows:
        col.entity(row.qid, row.label, row.kind, rank=RANK_SUPPLEMENT,
                   prior=PRIOR_BY_KIND[row.kind], country=row.country)
        for alias in (row.label, *row.aliases):
            col.alias(row.qid, alias, "supplement", RANK_SUPPLEMENT)
            for variant in department_variants(alias):
                col.alias(row.qid, variant, "supplement", RANK_SUPPLEMENT)


_DEPARTMENT_OF = re.compile(r"^(?P<country>(?:U\.S\.|US|United States) )?Department of (?P<field>[A-Z][a-z]+(?: [A-Z][a-z]+)*)$")


def department_variants(alias: str) -> list[str]:
    """News names US executive departments both ways: "Department of Defense" is also "Defense
    Department" (and "U.S. Department of Defense" "U.S. Defense Department")."""
    m = _DEPARTMENT_OF.match(alias)
    if m is None:
        return []
    return [f"{m.group('country') or ''}{m.group('field')} Department"]
