"""Validator of the hand-annotated Wikinews gold files in kg/eval/gold/.

Two files share one format and one set of guidelines (kg/eval/gold/README.md): the hold-out
(wikinews_holdout.jsonl, 20 articles, for reporting only) and the development set
(wikinews_dev.jsonl, 25 other articles, for developing). Both store offsets and short surface
strings only; the article texts stay in ../shared/corpus/wikinews/wikinews_2019_2020.jsonl
(CC BY 2.5, not copied into the repository). Every format test runs on both files: every line
parses, keys are the specified ones in the specified order, each article's sha256 matches the
shared text, every span slices to its surface, enums are valid and QIDs are well formed. The
article lists are checked per file: the hold-out follows SOURCES.md's table, the dev set follows
DEV_IDS and shares no article with the hold-out. Skipped when ../shared is absent."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from kg.resources import shared_dir

GOLD_DIR = Path(__file__).resolve().parents[2] / "kg" / "eval" / "gold"
GOLD_FILES = {"holdout": GOLD_DIR / "wikinews_holdout.jsonl", "dev": GOLD_DIR / "wikinews_dev.jsonl"}
# The development set, in file order (chosen as README.md's "Development set" section describes).
DEV_IDS = (
    "wn2019-011 wn2019-016 wn2019-019 wn2019-029 wn2019-035 wn2019-064 wn2019-082 wn2019-101 wn2019-115 wn2019-118 "
    "wn2019-136 wn2019-154 wn2019-157 wn2019-162 wn2019-166 wn2020-037 wn2020-040 wn2020-045 wn2020-098 wn2020-109 "
    "wn2019-058 wn2019-069 wn2019-085 wn2019-119 wn2020-120"
).split()
SHARED = shared_dir()
CORPUS = SHARED / "corpus" / "wikinews" / "wikinews_2019_2020.jsonl" if SHARED else None
SOURCES = SHARED / "corpus" / "SOURCES.md" if SHARED else None

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(CORPUS is None or not CORPUS.is_file(), reason="../shared corpus is missing"),
]

TOP_KEYS = ["id", "date", "text_sha256", "statements", "holdings", "meetings", "legislation"]
REF_KEYS = ["text", "span", "qid", "kind"]
STATEMENT_KEYS = ["content", "quote_type", "cue", "speaker", "role", "place", "date", "medium"]
HOLDING_KEYS = ["holder", "office", "status", "evidence"]
MEETING_KEYS = ["participants", "place", "date", "status", "evidence"]
LEGISLATION_KEYS = ["legislation", "status", "jurisdiction", "legislature", "targets", "evidence"]
KINDS = {"person", "organization", "country", "place", "office", "legislation"}
QUOTE_TYPES = {"direct", "mixed", "indirect"}
HOLDING_STATUS = {"current", "former", "incoming", "acting"}
MEETING_STATUS = {"held", "planned"}
LEGISLATION_STATUS = {"proposed", "pending", "passed", "enacted", None}
QID = re.compile(r"^Q\d+$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
OPEN_QUOTES, CLOSE_QUOTES = "\"“'‘", "\"”'’"


@pytest.fixture(params=sorted(GOLD_FILES))
def gold_path(request: pytest.FixtureRequest) -> Path:
    return GOLD_FILES[request.param]


@pytest.fixture
def gold(gold_path: Path) -> list[dict]:
    with gold_path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _articles() -> dict[str, dict]:
    with CORPUS.open(encoding="utf-8") as f:
        return {o["id"]: o for o in map(json.loads, f)}


def _holdout_ids() -> list[str]:
    return re.findall(r"^\| (wn20\d\d-\d{3}) \|", SOURCES.read_text(encoding="utf-8"), flags=re.M)


def _check_span(span: object, text: str, where: str) -> tuple[int, int]:
    assert isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span), where
    start, end = span
    assert 0 <= start < end <= len(text), f"{where}: span {span} outside the text"
    return start, end


def _check_ref(ref: object, text: str, where: str, kinds: set[str] = KINDS) -> None:
    assert isinstance(ref, dict) and list(ref) == REF_KEYS, f"{where}: keys {ref!r}"
    start, end = _check_span(ref["span"], text, where)
    assert text[start:end] == ref["text"], f"{where}: {ref['text']!r} != {text[start:end]!r}"
    assert ref["kind"] in kinds, f"{where}: kind {ref['kind']!r}"
    assert ref["qid"] is None or QID.match(ref["qid"]), f"{where}: qid {ref['qid']!r}"


def _check_opt_ref(ref: object, text: str, where: str, kinds: set[str] = KINDS) -> None:
    if ref is not None:
        _check_ref(ref, text, where, kinds)


def test_gold_file_exists_and_every_line_parses(gold_path: Path) -> None:
    assert gold_path.is_file()
    lines = [line for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert lines
    for line in lines:
        assert isinstance(json.loads(line), dict)


def _ids(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line)["id"] for line in f if line.strip()]


def test_holdout_articles_are_the_sources_table_in_order_once_each() -> None:
    ids = _ids(GOLD_FILES["holdout"])
    holdout = _holdout_ids()
    assert len(holdout) == 20
    assert len(ids) == len(set(ids))
    assert ids == [i for i in holdout if i in ids], "articles must follow the SOURCES.md order"


def test_dev_articles_are_the_dev_ids_in_order_and_none_is_a_holdout_article() -> None:
    ids = _ids(GOLD_FILES["dev"])
    assert len(DEV_IDS) == len(set(DEV_IDS)) == 25
    assert ids == DEV_IDS, "the dev file must hold exactly DEV_IDS, in that order"
    assert not set(ids) & set(_holdout_ids()), "a hold-out article must never be in the dev set"
    assert set(ids) <= set(_articles()), "every dev id must be a shared Wikinews article"


def test_keys_dates_and_text_hashes_match_the_shared_texts(gold: list[dict]) -> None:
    articles = _articles()
    for rec in gold:
        assert list(rec) == TOP_KEYS, rec["id"]
        art = articles[rec["id"]]
        assert rec["date"] == art["date"]
        assert rec["text_sha256"] == hashlib.sha256(art["text"].encode("utf-8")).hexdigest(), rec["id"]
        assert any(rec[k] for k in ("statements", "holdings", "meetings", "legislation")), rec["id"]


def test_statements_are_well_formed(gold: list[dict]) -> None:
    articles = _articles()
    for rec in gold:
        text = articles[rec["id"]]["text"]
        for n, st in enumerate(rec["statements"]):
            where = f"{rec['id']} statement {n}"
            assert list(st) == STATEMENT_KEYS, where
            start, end = _check_span(st["content"], text, where)
            assert st["quote_type"] in QUOTE_TYPES, where
            assert isinstance(st["cue"], str) and st["cue"].strip() == st["cue"] != "", where
            if st["quote_type"] == "direct":
                # content of a direct quote excludes the quote marks around it
                assert text[start - 1] in OPEN_QUOTES, f"{where}: no opening quote before content"
                assert text[end:].lstrip(" \u00a0")[:1] in set(CLOSE_QUOTES), f"{where}: no closing quote"
                assert text[start] not in OPEN_QUOTES + CLOSE_QUOTES, where
            _check_opt_ref(st["speaker"], text, where + " speaker", {"person", "organization", "country"})
            _check_opt_ref(st["role"], text, where + " role", {"office"})
            _check_opt_ref(st["place"], text, where + " place", {"place", "organization", "country"})
            _check_opt_ref(st["medium"], text, where + " medium", {"organization"})
            assert st["date"] is None or DATE.match(st["date"]), where


def test_holdings_are_well_formed_and_not_repeated(gold: list[dict]) -> None:
    articles = _articles()
    for rec in gold:
        text = articles[rec["id"]]["text"]
        seen = set()
        for n, h in enumerate(rec["holdings"]):
            where = f"{rec['id']} holding {n}"
            assert list(h) == HOLDING_KEYS, where
            _check_ref(h["holder"], text, where + " holder", {"person"})
            _check_ref(h["office"], text, where + " office", {"office"})
            assert h["status"] in HOLDING_STATUS, where
            _check_span(h["evidence"], text, where)
            pair = (h["holder"]["qid"] or h["holder"]["text"], h["office"]["qid"] or h["office"]["text"])
            assert pair not in seen, f"{where}: repeated {pair}"
            seen.add(pair)


def test_meetings_are_well_formed(gold: list[dict]) -> None:
    articles = _articles()
    for rec in gold:
        text = articles[rec["id"]]["text"]
        for n, m in enumerate(rec["meetings"]):
            where = f"{rec['id']} meeting {n}"
            assert list(m) == MEETING_KEYS, where
            assert len(m["participants"]) >= 2, where
            for p in m["participants"]:
                _check_ref(p, text, where + " participant", {"person", "organization", "country"})
            _check_opt_ref(m["place"], text, where + " place", {"place", "organization", "country"})
            assert m["date"] is None or DATE.match(m["date"]), where
            assert m["status"] in MEETING_STATUS, where
            _check_span(m["evidence"], text, where)


def test_legislation_is_well_formed(gold: list[dict]) -> None:
    articles = _articles()
    for rec in gold:
        text = articles[rec["id"]]["text"]
        for n, lg in enumerate(rec["legislation"]):
            where = f"{rec['id']} legislation {n}"
            assert list(lg) == LEGISLATION_KEYS, where
            _check_ref(lg["legislation"], text, where, {"legislation"})
            assert lg["status"] in LEGISLATION_STATUS, where
            _check_opt_ref(lg["jurisdiction"], text, where + " jurisdiction", {"country"})
            _check_opt_ref(lg["legislature"], text, where + " legislature", {"organization"})
            for t in lg["targets"]:
                _check_ref(t, text, where + " target")
            _check_span(lg["evidence"], text, where)


def test_readme_tables_give_each_article_its_counts(gold: list[dict]) -> None:
    # README.md lists every gold article with its statement/holding/meeting/legislation counts;
    # a re-annotated article must not leave a stale row behind.
    readme = (GOLD_DIR / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (wn20\d\d-\d{3}) \| (\d{4}-\d\d-\d\d) \|.*\| (\d+) \| (\d+) \| (\d+) \| (\d+) \|$", readme, flags=re.M)
    table = {r[0]: (r[1], *map(int, r[2:])) for r in rows}
    for rec in gold:
        counts = tuple(len(rec[k]) for k in ("statements", "holdings", "meetings", "legislation"))
        assert table.get(rec["id"]) == (rec["date"], *counts), f"{rec['id']}: README row is stale or missing"

