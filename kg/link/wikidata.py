"""Online entity linking: the offline linker first, then the Wikidata API for what it left NIL.

Input: an `Analysis`. Output: `Linked`, exactly what `OfflineLinker` gives, except that NIL
persons, organisations, places and legislation may now carry the QID of a Wikidata item found
with the Wikidata Action API (`wbsearchentities` for candidates, `wbgetentities` for their
statements). Offices and dates are left to the offline linker, which knows tenures.

How a candidate is judged (a wrong QID is worse than none, so below `threshold` it stays NIL):
- name: the surface must be the item's English label or the alias the search matched;
- type, from P31 (instance of): a person must be a human (Q5); an organisation or legislation
  must be an instance of a class in `ORGANIZATION_CLASSES` / `LEGISLATION_CLASSES`, directly or
  one P279 (subclass of) step up, or else of a class we cannot classify, which costs confidence;
  a place must have coordinates (P625) or a country (P17). Works, names, taxa, fiction and
  Wikimedia pages are never entities of a news story;
- prominence: the number of Wikipedia (and sister project) sitelinks, log-scaled;
- context: the countries the article links (from the offline result) against the candidate's
  citizenship (P27), country (P17) or jurisdiction (P1001); for persons also the positions (P39)
  they held at the article date (qualifiers P580/P582), above all the office the article gives
  them. A candidate tied only to countries the article never mentions is penalised.
The candidates of one name, plus a "none of them" hypothesis, compete in a softmax; the winner's
share is its confidence. Namesakes that context cannot tell apart therefore stay NIL.

Politeness (`kg.http.PoliteClient`): a geokg User-Agent, `maxlag=5`, one request at a time, a
timeout, and bounded retries that honour `Retry-After` on 429, 5xx and `maxlag`/`ratelimited`
errors. Every answer is cached on disk (`kg.link.cache`), so a rebuild makes no new requests.

Never fatal: if the API fails for good (network down, repeated 5xx, an error answer, malformed
JSON), the linker logs one warning on the `kg.link` logger, returns the offline result for that
article and for the rest of the run, and keeps the reason in `fallback_reason`.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from kg.errors import NetworkError
from kg.gazetteer.store import Gazetteer, normalize_alias
from kg.http import PoliteClient, user_agent
from kg.link.cache import ResponseCache, default_cache_dir, request_key
from kg.link.offline import OfflineLinker
from kg.link.people import name_key
from kg.model import Analysis, Entity, Linked, LinkedMention

logger = logging.getLogger("kg.link")

DEFAULT_ENDPOINT = "https://www.wikidata.org/w/api.php"
USER_AGENT = user_agent("online entity linking; opt-in --online")
#: Seconds of replication lag after which Wikidata should refuse us (its etiquette asks for 5).
MAXLAG = "5"
SEARCH_LIMIT = 7
#: wbgetentities accepts at most 50 ids per request.
BATCH = 50
#: API error codes that mean "come back later", not "your request is wrong".
RETRYABLE_API_ERRORS = frozenset({"maxlag", "ratelimited"})

#: Prefix of the cache keys of parsed items; bump it when `Item.to_json` changes.
ITEM_FORMAT = "item/1 "
#: The entity kinds looked up online (offices need tenures; countries are all in the gazetteer).
ONLINE_KINDS = frozenset({"person", "organization", "place", "legislation"})
_MAX_SURFACE = 200

HUMAN = "Q5"
COUNTRY_CLASSES = frozenset({"Q6256", "Q3624078"})  # country, sovereign state
ORGANIZATION_CLASSES = frozenset({
    "Q43229",  # organization
    "Q4830453",  # business
    "Q783794",  # company
    "Q891723",  # public company
    "Q6881511",  # enterprise
    "Q167037",  # corporation
    "Q7278",  # political party
    "Q7210356",  # political organization
    "Q484652",  # international organization
    "Q245065",  # intergovernmental organization
    "Q327333",  # government agency
    "Q2659904",  # government organization
    "Q7188",  # government
    "Q192350",  # ministry
    "Q11204",  # legislature
    "Q35749",  # parliament
    "Q637846",  # upper house
    "Q375928",  # lower house
    "Q41487",  # court
    "Q190752",  # supreme court
    "Q66344",  # central bank
    "Q22687",  # bank
    "Q163740",  # nonprofit organization
    "Q79913",  # non-governmental organization
    "Q48204",  # voluntary association
    "Q178790",  # trade union
    "Q1193236",  # news agency
    "Q11032",  # newspaper
    "Q1110794",  # daily newspaper
    "Q15265344",  # broadcaster
    "Q1616075",  # television station
    "Q1331793",  # media company
    "Q2085381",  # publisher
    "Q3918",  # university
    "Q31855",  # research institute
    "Q17127659",  # terrorist organization
    "Q17149090",  # armed organization
    "Q8473",  # military
    "Q176799",  # military unit
    "Q46970",  # airline
})
LEGISLATION_CLASSES = frozenset({
    "Q820655",  # statute
    "Q7748",  # law
    "Q686822",  # bill
    "Q131569",  # treaty
    "Q476068",  # Act of Congress in the United States
    "Q4677783",  # Act of Parliament of the United Kingdom
    "Q1006612",  # federal law
})
#: Items that are never the actor, place or act a news story names.
NEVER_CLASSES = frozenset({
    "Q4167410",  # Wikimedia disambiguation page
    "Q4167836",  # Wikimedia category
    "Q13406463",  # Wikimedia list article
    "Q11266439",  # Wikimedia template
    "Q101352",  # family name
    "Q202444",  # given name
    "Q12308941",  # male given name
    "Q11879590",  # female given name
    "Q11424",  # film
    "Q5398426",  # television series
    "Q7725634",  # literary work
    "Q571",  # book
    "Q482994",  # album
    "Q7366",  # song
    "Q134556",  # single
    "Q7889",  # video game
    "Q13442814",  # scholarly article
    "Q15632617",  # fictional human
    "Q95074",  # fictional character
    "Q16521",  # taxon
})

_CLASSIFIED = ORGANIZATION_CLASSES | LEGISLATION_CLASSES | NEVER_CLASSES | COUNTRY_CLASSES | {HUMAN}

# Evidence weights (log-odds). A candidate's evidence competes with NO_MATCH, the evidence that
# the name means someone or something the search did not return.
W_PROMINENCE = 3.0
W_CONTEXT = 3.0
W_KNOWN_TYPE = 1.0
W_UNKNOWN_TYPE = -0.5
W_LABEL = 0.5
W_FOREIGN = 1.0
NO_MATCH = 3.0
#: Sitelinks at which prominence saturates (heads of government have 150-300).
SITELINKS_FULL = 100


# -- parsed items ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Held:
    """A P39 statement: a position held, from `start` to `end` (None: open or unknown)."""

    position: str
    start: dt.date | None
    end: dt.date | None
    #: P582 is "somevalue": the tenure ended, on a date Wikidata does not know.
    ended: bool = False

    def active(self, day: dt.date | None) -> bool:
        if self.ended:
            return False
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Item:
    """The parts of a Wikidata item the linker uses."""

    qid: str
    label: str | None = None
    instance_of: frozenset[str] = frozenset()
    subclass_of: frozenset[str] = frozenset()
    country: frozenset[str] = frozenset()  # P17
    citizenship: frozenset[str] = frozenset()  # P27
    jurisdiction: frozenset[str] = frozenset()  # P1001
    coordinates: bool = False  # P625
    positions: tuple[Held, ...] = ()  # P39
    sitelinks: int = 0
    missing: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "qid": self.qid, "label": self.label, "missing": self.missing, "sitelinks": self.sitelinks,
            "P31": sorted(self.instance_of), "P279": sorted(self.subclass_of), "P17": sorted(self.country),
            "P27": sorted(self.citizenship), "P1001": sorted(self.jurisdiction), "P625": self.coordinates,
            "P39": [[h.position, _iso(h.start), _iso(h.end), h.ended] for h in self.positions],
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Item:
        return cls(
            qid=d["qid"], label=d.get("label"), missing=bool(d.get("missing")), sitelinks=int(d.get("sitelinks", 0)),
            instance_of=frozenset(d.get("P31", ())), subclass_of=frozenset(d.get("P279", ())),
            country=frozenset(d.get("P17", ())), citizenship=frozenset(d.get("P27", ())),
            jurisdiction=frozenset(d.get("P1001", ())), coordinates=bool(d.get("P625")),
            positions=tuple(Held(p, _date(s), _date(e), bool(ended)) for p, s, e, ended in d.get("P39", ())),
        )

    @property
    def countries(self) -> frozenset[str]:
        return self.country | self.citizenship | self.jurisdiction


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


_TIME = re.compile(r"^([+-])(\d{1,16})-(\d\d)-(\d\d)T")


def parse_time(value: Mapping[str, Any], *, end: bool) -> dt.date | None:
    """A Wikibase time value as the first (start) or last (`end`) day it can mean.

    "+2025-01-20T00:00:00Z" with precision 11 is that day; precision 10 a month, 9 a year (and
    coarser precisions are read as their year). BCE and unreadable times give None.
    """
    m = _TIME.match(str(value.get("time", "")))
    if m is None or m.group(1) == "-":
        return None
    year, month, day = int(m.group(2)), int(m.group(3)), int(m.group(4))
    if not 1 <= year <= 9999:
        return None
    precision = int(value.get("precision", 11))
    if precision < 10 or month == 0:
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    if precision == 10 or day == 0:
        if not end:
            return dt.date(year, month, 1)
        following = dt.date(year + (month == 12), month % 12 + 1, 1) if year < 9999 or month < 12 else None
        return following - dt.timedelta(days=1) if following else dt.date(9999, 12, 31)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _statements(claims: Mapping[str, Any], pid: str) -> list[Mapping[str, Any]]:
    """Statements of `pid` that Wikidata does not deprecate."""
    out = []
    for st in claims.get(pid, ()) or ():
        if isinstance(st, Mapping) and st.get("rank") != "deprecated":
            out.append(st)
    return out


def _item_ids(claims: Mapping[str, Any], pid: str) -> frozenset[str]:
    ids = set()
    for st in _statements(claims, pid):
        qid = _snak_item(st.get("mainsnak"))
        if qid:
            ids.add(qid)
    return frozenset(ids)


def _snak_item(snak: Any) -> str | None:
    if not isinstance(snak, Mapping) or snak.get("snaktype") != "value":
        return None
    value = (snak.get("datavalue") or {}).get("value")
    if not isinstance(value, Mapping):
        return None
    qid = value.get("id") or (f"Q{value['numeric-id']}" if "numeric-id" in value else None)
    return qid if isinstance(qid, str) and qid.startswith("Q") else None


def _qualifier_time(st: Mapping[str, Any], pid: str, *, end: bool) -> tuple[dt.date | None, bool]:
    """(date, somevalue) of the first usable qualifier `pid` of a statement."""
    for snak in (st.get("qualifiers") or {}).get(pid, ()) or ():
        if not isinstance(snak, Mapping):
            continue
        if snak.get("snaktype") == "somevalue":
            return None, True
        value = (snak.get("datavalue") or {}).get("value")
        if snak.get("snaktype") == "value" and isinstance(value, Mapping):
            return parse_time(value, end=end), False
    return None, False


def parse_entity(qid: str, raw: Mapping[str, Any]) -> Item:
    """An `Item` from one entry of a wbgetentities answer ({"id", "labels", "claims", "sitelinks"})."""
    if "missing" in raw:
        return Item(qid=qid, missing=True)
    claims = raw.get("claims") or {}
    if not isinstance(claims, Mapping):
        raise TypeError("claims is not an object")
    label = ((raw.get("labels") or {}).get("en") or {}).get("value")
    positions = []
    for st in _statements(claims, "P39"):
        position = _snak_item(st.get("mainsnak"))
        if position is None:
            continue
        start, _ = _qualifier_time(st, "P580", end=False)
        end, ended = _qualifier_time(st, "P582", end=True)
        positions.append(Held(position, start, end, ended))
    return Item(
        qid=str(raw.get("id") or qid),
        label=label if isinstance(label, str) else None,
        instance_of=_item_ids(claims, "P31"),
        subclass_of=_item_ids(claims, "P279"),
        country=_item_ids(claims, "P17"),
        citizenship=_item_ids(claims, "P27"),
        jurisdiction=_item_ids(claims, "P1001"),
        coordinates=bool(_statements(claims, "P625")),
        positions=tuple(sorted(positions, key=lambda h: (h.position, _iso(h.start) or "", _iso(h.end) or ""))),
        sitelinks=len(raw.get("sitelinks") or {}),
    )


# -- the linker -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    key: str  # the NIL entity key the offline linker gave
    kind: str
    label: str


@dataclass(frozen=True)
class _Context:
    countries: Counter[str]
    day: dt.date | None
    offices: dict[str, frozenset[str]]  # NIL person key -> office QIDs the article gives them


def _api_error(data: Any) -> tuple[str, str] | None:
    if isinstance(data, Mapping) and isinstance(data.get("error"), Mapping):
        err = data["error"]
        return str(err.get("code", "unknown")), str(err.get("info", "")).strip()
    return None


def _retry_reason(data: Any) -> str | None:
    err = _api_error(data)
    if err is not None and err[0] in RETRYABLE_API_ERRORS:
        return f"{err[0]}: {err[1]}" if err[1] else err[0]
    return None


def _same_name(a: str, b: str, person: bool) -> bool:
    na, nb = normalize_alias(a), normalize_alias(b)
    if not na or not nb:
        return False
    return na == nb or (person and name_key(na) == name_key(nb))


def prominence(sitelinks: int) -> float:
    """Sitelink count mapped to [0, 1] on a log scale (0 -> 0, 10 -> 0.52, 100+ -> 1)."""
    return min(1.0, math.log1p(max(sitelinks, 0)) / math.log1p(SITELINKS_FULL))


class WikidataLinker:
    """`OfflineLinker`, then the Wikidata API for NIL names; opt-in, cached, polite, never fatal."""

    name = "wikidata"

    def __init__(self, gazetteer: Gazetteer, *, endpoint: str = DEFAULT_ENDPOINT,
                 cache_dir: Path | None = None, timeout: float = 10.0, max_retries: int = 3,
                 threshold: float = 0.6, session: requests.Session | None = None,
                 max_lookups: int = 20, backoff: float = 1.0, max_wait: float = 60.0) -> None:
        self.gaz = gazetteer
        # The offline pass keeps its own calibrated threshold; `threshold` judges API candidates.
        self.offline = OfflineLinker(gazetteer)
        self.threshold = threshold
        self.endpoint = endpoint
        self.max_lookups = max_lookups
        self.client = PoliteClient(endpoint, service="the Wikidata API", user_agent=USER_AGENT,
                                   timeout=timeout, max_retries=max_retries, backoff=backoff,
                                   max_wait=max_wait, session=session)
        directory = Path(cache_dir) if cache_dir is not None else default_cache_dir() / "wikidata"
        self.cache = ResponseCache(directory)
        self._cache_problem: str | None = None
        self._check_cache()
        #: Why the linker stopped going online, once it has; None while it is online.
        self.fallback_reason: str | None = None

    @property
    def requests(self) -> int:
        """HTTP requests made so far (retries included)."""
        return self.client.requests

    def close(self) -> None:
        self.cache.close()

    def _check_cache(self) -> None:
        """Warn once per new cache problem (it keeps working from memory)."""
        if self.cache.problem and self.cache.problem != self._cache_problem:
            self._cache_problem = self.cache.problem
            logger.warning("Wikidata linker: %s", self.cache.problem)

    # -- the document -----------------------------------------------------------------------------

    def link(self, analysis: Analysis) -> Linked:
        base = self.offline.link(analysis)
        if self.fallback_reason is not None:
            return base
        targets = self._targets(base)
        if not targets:
            return base
        try:
            found = self._resolve(targets, self._context(base))
            self._check_cache()
        except NetworkError as exc:
            self._fall_back(exc.message)
            return base
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            # JSON of the wrong shape: the endpoint is not speaking the Wikidata API.
            self._fall_back(f"expected Wikidata API answers, got one of another shape ({type(exc).__name__}: {exc})")
            return base
        if not found:
            return base
        # Reuse an entity already in the article for the same QID, so one item has one label.
        known = {lm.entity.qid: lm.entity for lm in base.mentions if lm.entity is not None and lm.entity.qid}
        mentions = []
        for lm in base.mentions:
            ent = lm.entity
            if ent is not None and ent.qid is None and ent.key in found:
                new, conf = found[ent.key]
                lm = LinkedMention(lm.mention, known.setdefault(new.key, new), conf)
            mentions.append(lm)
        return Linked(analysis=analysis, mentions=tuple(mentions))

    def _fall_back(self, reason: str) -> None:
        self.fallback_reason = reason
        logger.warning("Wikidata linker fell back to the offline linker for the rest of the run: %s "
                       "(%s)", reason, self.endpoint)

    def _targets(self, base: Linked) -> list[_Target]:
        """NIL entities worth a lookup, most mentioned first, at most `max_lookups`."""
        counts: Counter[str] = Counter()
        first: dict[str, tuple[int, _Target]] = {}
        for n, lm in enumerate(base.mentions):
            ent = lm.entity
            if ent is None or ent.qid is not None or ent.kind not in ONLINE_KINDS:
                continue
            label = " ".join(ent.label.split())
            if not label or len(label) > _MAX_SURFACE or not any(ch.isalpha() for ch in label):
                continue
            if ent.kind == "person" and len(label.split()) < 2:
                continue  # a lone surname or first name is anyone's
            counts[ent.key] += 1
            first.setdefault(ent.key, (n, _Target(ent.key, ent.kind, label)))
        order = sorted(counts, key=lambda k: (-counts[k], first[k][0]))
        return [first[k][1] for k in order[: self.max_lookups]]

    def _context(self, base: Linked) -> _Context:
        countries: Counter[str] = Counter()
        for lm in base.mentions:
            ent = lm.entity
            if ent is not None and ent.kind == "country" and ent.qid:
                countries[ent.qid] += 1
        offices: dict[str, set[str]] = {}
        for lm in base.mentions:
            m, office = lm.mention, lm.entity
            if m.kind != "office" or m.holder_span is None or office is None or not office.qid:
                continue
            holder = base.entity_at(*m.holder_span)
            if holder is not None and holder.kind == "person" and holder.qid is None:
                offices.setdefault(holder.key, set()).add(office.qid)
        return _Context(countries, base.analysis.document.date,
                        {k: frozenset(v) for k, v in offices.items()})

    # -- requests -------------------------------------------------------------------------------

    def _call(self, params: Mapping[str, str]) -> Mapping[str, Any]:
        """One API request (with `maxlag`); an error answer that is not "come back later" is final."""
        data = self.client.get_json({**params, "format": "json", "maxlag": MAXLAG},
                                    expected="a JSON answer", retry_on=_retry_reason)
        err = _api_error(data)
        if err is not None:
            raise NetworkError(
                f"expected an answer from the Wikidata API, got the error {err[0]!r} ({err[1]}); "
                "check the endpoint URL or try later", source=self.endpoint)
        if not isinstance(data, Mapping):
            raise NetworkError(f"expected a JSON object from the Wikidata API, got a JSON "
                               f"{type(data).__name__}; check the endpoint URL", source=self.endpoint)
        return data

    def _key(self, params: Mapping[str, str]) -> str:
        return request_key(self.endpoint, {**params, "format": "json"})

    def _search(self, target: _Target) -> list[str]:
        """QIDs of the search hits whose label or matched alias is the name itself."""
        params = {"action": "wbsearchentities", "search": target.label, "language": "en",
                  "uselang": "en", "type": "item", "limit": str(SEARCH_LIMIT)}
        key = self._key(params)
        hits = self.cache.get(key)
        if hits is None:
            data = self._call(params)
            if not isinstance(data.get("search"), list):
                raise NetworkError('expected a wbsearchentities answer ({"search": [...]}), got one '
                                   "without a search list; check the endpoint URL", source=self.endpoint)
            # Keep only what the linker reads: the cache stays small.
            hits = [{k: h[k] for k in ("id", "label", "match", "aliases") if k in h}
                    for h in data["search"] if isinstance(h, Mapping)]
            self.cache.put(key, hits)
        person = target.kind == "person"
        ids = []
        for h in hits:
            qid = h.get("id")
            if not isinstance(qid, str) or not qid.startswith("Q"):
                continue
            match = h.get("match") if isinstance(h.get("match"), Mapping) else {}
            names = [h.get("label"), match.get("text"), *(h.get("aliases") or ())]
            if any(isinstance(n, str) and _same_name(n, target.label, person) for n in names):
                ids.append(qid)
        return ids

    def _entities(self, qids: Iterable[str], props: str) -> dict[str, Item]:
        """Items by QID, each cached on its own so that a later batch fetches only what is new."""
        out: dict[str, Item] = {}
        todo: list[str] = []

        def key(qid: str) -> str:
            # Stored is our digest of the item (`Item.to_json`), not the answer: say which digest.
            return ITEM_FORMAT + self._key({"action": "wbgetentities", "ids": qid, "props": props,
                                            "languages": "en"})

        for qid in dict.fromkeys(qids):
            hit = self.cache.get(key(qid))
            if hit is not None:
                out[qid] = Item.from_json(hit)
            else:
                todo.append(qid)
        for i in range(0, len(todo), BATCH):
            batch = todo[i:i + BATCH]
            data = self._call({"action": "wbgetentities", "ids": "|".join(batch), "props": props,
                               "languages": "en"})
            entities = data.get("entities")
            if not isinstance(entities, Mapping):
                raise NetworkError('expected a wbgetentities answer ({"entities": {...}}), got one '
                                   "without entities; check the endpoint URL", source=self.endpoint)
            fresh: dict[str, Any] = {}
            for qid in batch:
                raw = entities.get(qid)
                if raw is None:  # a redirected id may answer under its target's id
                    raw = next((e for e in entities.values() if isinstance(e, Mapping)
                                and (e.get("redirects") or {}).get("from") == qid), {"missing": ""})
                item = parse_entity(qid, raw)
                out[qid] = item
                fresh[key(qid)] = item.to_json()
            self.cache.put_many(fresh)
        return out

    # -- judging candidates -----------------------------------------------------------------------

    def _resolve(self, targets: list[_Target], ctx: _Context) -> dict[str, tuple[Entity, float]]:
        """NIL key -> (linked entity, confidence) for the targets that clear the threshold."""
        candidates = {t.key: self._search(t) for t in targets}
        items = self._entities([q for ids in candidates.values() for q in ids],
                               "labels|descriptions|claims|sitelinks")
        # Organisations and acts are often typed by a narrower class ("ministry of defence"):
        # look one P279 step up from the classes we cannot place.
        unknown = sorted({
            c
            for t in targets if t.kind in {"organization", "legislation"}
            for q in candidates[t.key] if (it := items.get(q)) is not None and not it.missing
            for c in it.instance_of
            if c not in _CLASSIFIED
        })
        supers = {q: it.subclass_of for q, it in self._entities(unknown, "claims").items()} if unknown else {}
        found: dict[str, tuple[Entity, float]] = {}
        for t in targets:
            scored = []
            for qid in candidates[t.key]:
                item = items.get(qid)
                if item is None or item.missing:
                    continue
                z = self._evidence(item, t, ctx, supers)
                if z is not None:
                    scored.append((z, item))
            if not scored:
                continue
            scored.sort(key=lambda s: (-s[0], s[1].qid))
            z_best, best = scored[0]
            conf = 1.0 / (math.exp(NO_MATCH - z_best) + sum(math.exp(z - z_best) for z, _ in scored))
            if conf >= self.threshold:
                found[t.key] = (self._entity(best, t), round(conf, 4))
        return found

    def type_fit(self, item: Item, kind: str, supers: Mapping[str, frozenset[str]] | None = None) -> str | None:
        """"known" if `item` is clearly of `kind`, "unknown" if it may be, None if it cannot be."""
        p31 = item.instance_of
        if not p31 or item.subclass_of or p31 & NEVER_CLASSES:
            return None  # a class, not an entity; or a work, a name, a page
        if kind == "person":
            return "known" if HUMAN in p31 else None
        if HUMAN in p31:
            return None
        if kind == "place":
            return "known" if item.coordinates or item.country else None
        wanted = ORGANIZATION_CLASSES if kind == "organization" else LEGISLATION_CLASSES
        lifted = set(p31)
        for c in p31:
            lifted |= (supers or {}).get(c, frozenset())
        if lifted & wanted:
            return "known"
        if item.coordinates or p31 & COUNTRY_CLASSES:
            return None  # a place read as an organisation ("Washington" is not the government)
        return "unknown"

    def _evidence(self, item: Item, t: _Target, ctx: _Context,
                  supers: Mapping[str, frozenset[str]]) -> float | None:
        fit = self.type_fit(item, t.kind, supers)
        if fit is None:
            return None
        z = W_PROMINENCE * prominence(item.sitelinks)
        z += W_KNOWN_TYPE if fit == "known" else W_UNKNOWN_TYPE
        if item.label and _same_name(item.label, t.label, t.kind == "person"):
            z += W_LABEL
        context, foreign = self._context_fit(item, t, ctx)
        z += W_CONTEXT * context
        if foreign:
            z -= W_FOREIGN / 2 if t.kind == "place" else W_FOREIGN
        return z

    def _context_fit(self, item: Item, t: _Target, ctx: _Context) -> tuple[float, bool]:
        """(how much the article supports the item, in [0, 1]; whether the item belongs only to
        countries the article never mentions)."""
        countries = set(ctx.countries)
        if t.kind == "person":
            if ctx.offices.get(t.key, frozenset()) & {h.position for h in item.positions}:
                return 1.0, False  # the article gives them an office Wikidata says they held
            own = item.citizenship
            local = 0.5 if own & countries else 0.0
            active = [h for h in item.positions if h.active(ctx.day)]
            if any((p := self.gaz.position(h.position)) is not None and p.jurisdiction in countries
                   for h in active):
                local += 0.5
            # Any office held at the article date makes a namesake likelier to be news, a little:
            # many P39 statements lack an end date long after the tenure ended.
            score = local + (0.15 if active and not local else 0.0)
        else:
            own = item.countries | ({item.qid} if item.instance_of & COUNTRY_CLASSES else set())
            local = score = 1.0 if own & countries else 0.0
        foreign = not local and bool(countries) and bool(own) and not own & countries
        return min(score, 1.0), foreign

    def _entity(self, item: Item, t: _Target) -> Entity:
        entry = self.gaz.entry(item.qid)
        if entry is not None:
            return self.offline._entity(entry)  # one label and kind per QID across linkers
        kind = t.kind
        if kind == "place" and item.instance_of & COUNTRY_CLASSES:
            kind = "country"
        jurisdiction = None
        if kind == "organization" and len(item.country | item.jurisdiction) == 1:
            (jurisdiction,) = item.country | item.jurisdiction
        return Entity(key=item.qid, kind=kind, label=item.label or t.label,  # type: ignore[arg-type]
                      qid=item.qid, jurisdiction=jurisdiction)
