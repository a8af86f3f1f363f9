"""The PolNeAR attribution corpus, read as gold: articles with their attribution relations.

Input: the PolNeAR folder (`../shared/corpus/polnear`: `<split>/text/*.txt`,
`<split>/attributions/<article>_<annotator>.ann` in brat standoff, `metadata.tsv`; or the derived
`polnear_attributions.jsonl`) and a split name. Output: `GoldArticle`s (text, date, the selected
annotation's `GoldAttribution`s with content, cue and source spans).

The texts are third-party news without a licence: they are read from `../shared` at run time and
never copied anywhere.

Gold
----
* Brat is read directly because the derived JSONL keeps only the `Content2` part of the 81
  attributions whose content was split into `Content` + `Content2` roles; here the two are merged.
  Discontinuous spans (`start end;start end`) are kept as span lists; texts come from the offsets.
* Articles with one annotator: that annotation. Articles with three or more annotators (two per
  dev/test split, with six): majority. An attribution is supported by each annotator who has an
  attribution whose content matches it (the content matcher below); the annotator whose
  attributions have the most support overall is the reference, and its attributions supported by
  more than half of the annotators are the gold. So spans always come from one annotator.
* Attributions without a content span are dropped (and counted). "Quoted" gold: the content
  contains a double quotation mark (" “ ” « » „) or two apostrophes ('', the quote mark of the NYT
  archive texts); single quotes are left out because ’ is also the apostrophe. Quoted gold
  therefore includes mixed quotes ("said Russia aims for “coexistence”").
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.errors import MalformedInputError, MissingInputError, UsageError
from kg.eval.overlap import MATCH_THRESHOLD, WordTokens, jaccard

Span = tuple[int, int]

SPLITS = ("train", "dev", "test", "annotator-training")
JSONL_NAME = "polnear_attributions.jsonl"
QUOTE_MARKS = "\"\u201c\u201d\u00ab\u00bb\u201e"

# -- gold ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldAttribution:
    """One attribution relation; spans are character offsets into the article text."""

    id: str
    content: tuple[Span, ...]
    cue: tuple[Span, ...]
    source: tuple[Span, ...]  # empty: the text names no source
    content_text: str
    cue_text: str = ""
    source_text: str = ""

    @property
    def quoted(self) -> bool:
        return any(q in self.content_text for q in QUOTE_MARKS) or "''" in self.content_text


@dataclass(frozen=True)
class GoldArticle:
    id: str
    text: str
    attributions: tuple[GoldAttribution, ...]
    date: dt.date | None = None
    annotators: tuple[str, ...] = ()
    selection: str = "single"  # "single" or "majority of N (reference <annotator>)"
    dropped: int = 0  # attributions without a content span


_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t?")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")


def _spans_text(text: str, spans: Sequence[Span]) -> str:
    return " ".join(text[s:e] for s, e in spans)


def parse_ann(ann: str, text: str, *, source: str = "") -> tuple[list[GoldAttribution], int]:
    """Attributions of one brat `.ann` file and the number dropped for lack of a content span.

    Role names ending in a digit (`Content2`) add their spans to the role (`Content`); a missing
    `Cue` falls back to the trigger span, which PolNeAR sets equal to the cue. Lines that are not
    `T`/`E` annotations (annotator notes, continuation lines of multi-line surfaces) are ignored.
    """
    spans: dict[str, tuple[Span, ...]] = {}
    for line in ann.splitlines():
        m = _T_LINE.match(line)
        if m is None:
            continue
        parts = tuple(tuple(int(x) for x in p.split()) for p in m.group(3).split(";"))
        for s, e in parts:
            if not 0 <= s <= e <= len(text):
                raise MalformedInputError(
                    f"annotation {m.group(1)} spans {s}-{e}, outside the {len(text)}-character text; "
                    "check that the .ann file belongs to this .txt file",
                    source=source or None,
                )
        spans[m.group(1)] = tuple(sorted(parts))  # type: ignore[arg-type]
    out: list[GoldAttribution] = []
    dropped = 0
    for line in ann.splitlines():
        m = _E_LINE.match(line)
        if m is None:
            continue
        roles: dict[str, list[Span]] = defaultdict(list)
        trigger: list[Span] = []
        for arg in m.group(2).split():
            role, _, tid = arg.partition(":")
            if tid not in spans:
                continue
            if role.startswith("Attribution"):
                trigger.extend(spans[tid])
            else:
                roles[role.rstrip("0123456789")].extend(spans[tid])
        content = tuple(sorted(set(roles.get("Content", []))))
        if not content:
            dropped += 1
            continue
        cue = tuple(sorted(set(roles.get("Cue", []) or trigger)))
        src = tuple(sorted(set(roles.get("Source", []))))
        out.append(_gold(m.group(1), content, cue, src, text))
    return out, dropped


def _gold(id_: str, content: tuple[Span, ...], cue: tuple[Span, ...], src: tuple[Span, ...], text: str) -> GoldAttribution:
    return GoldAttribution(
        id=id_,
        content=content,
        cue=cue,
        source=src,
        content_text=_spans_text(text, content),
        cue_text=_spans_text(text, cue),
        source_text=_spans_text(text, src),
    )


def _from_json(record: Mapping, text: str) -> tuple[list[GoldAttribution], int]:
    out: list[GoldAttribution] = []
    dropped = 0

    def spans(role: Mapping | None) -> tuple[Span, ...]:
        return tuple(sorted((int(s), int(e)) for s, e in role["spans"])) if role else ()

    for a in record["attributions"]:
        content = spans(a.get("content"))
        if not content:
            dropped += 1
            continue
        cue, src = spans(a.get("cue")), spans(a.get("source"))
        out.append(_gold(str(a["id"]), content, cue, src, text))
    return out, dropped


def select_gold(
    text: str, per_annotator: Mapping[str, Sequence[GoldAttribution]]
) -> tuple[tuple[GoldAttribution, ...], str]:
    """One annotator's attributions, or the majority of three or more (see the module docstring)."""
    names = sorted(per_annotator)
    if len(names) < 3:
        return tuple(per_annotator[names[0]]), "single"
    tokens = WordTokens(text)
    sets = {n: [tokens.ids(a.content) for a in per_annotator[n]] for n in names}
    support: dict[str, list[int]] = {}
    for n in names:
        counts = []
        for ids in sets[n]:
            counts.append(1 + sum(any(jaccard(ids, o) >= MATCH_THRESHOLD for o in sets[m]) for m in names if m != n))
        support[n] = counts
    reference = max(names, key=lambda n: (sum(support[n]), -names.index(n)))
    kept = tuple(a for a, c in zip(per_annotator[reference], support[reference]) if c * 2 > len(names))
    return kept, f"majority of {len(names)} (reference {reference})"


def _read_metadata(corpus: Path) -> dict[str, dt.date]:
    path = corpus / "metadata.tsv"
    dates: dict[str, dt.date] = {}
    if not path.is_file():
        return dates
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t") if lines else []
    if "filename" not in header or "publication_date" not in header:
        return dates
    fi, di = header.index("filename"), header.index("publication_date")
    for line in lines[1:]:
        cols = line.split("\t")
        try:
            dates[cols[fi]] = dt.date.fromisoformat(cols[di])
        except (IndexError, ValueError):
            continue
    return dates


def _load_brat(corpus: Path, split: str) -> list[GoldArticle]:
    text_dir, ann_dir = corpus / split / "text", corpus / split / "attributions"
    dates = _read_metadata(corpus)
    anns: dict[str, list[Path]] = defaultdict(list)
    for path in ann_dir.glob("*.ann"):
        article, _, _annotator = path.stem.rpartition("_")
        anns[article].append(path)
    articles = []
    for path in sorted(text_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        per: dict[str, list[GoldAttribution]] = {}
        dropped: dict[str, int] = {}
        for ann in sorted(anns.get(path.stem, [])):
            name = ann.stem.rpartition("_")[2]
            per[name], dropped[name] = parse_ann(ann.read_text(encoding="utf-8"), text, source=str(ann))
        if not per:
            continue  # an article nobody annotated is not gold for anything
        gold, selection = select_gold(text, per)
        annotators = tuple(sorted(per))
        articles.append(
            GoldArticle(path.stem, text, gold, dates.get(path.stem), annotators, selection,
                        dropped[annotators[0]] if selection == "single" else 0)
        )
    return articles


def _load_jsonl(path: Path, split: str) -> list[GoldArticle]:
    articles = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise MalformedInputError(
                    f"line {n} is not JSON ({exc.msg}); expected one PolNeAR article per line", source=str(path)
                ) from exc
            if record.get("compartment") != split:
                continue
            text = record["text"]
            per, dropped = {}, {}
            for ann in record.get("annotations", []):
                per[ann["annotator"]], dropped[ann["annotator"]] = _from_json(ann, text)
            if not per:
                continue
            gold, selection = select_gold(text, per)
            try:
                date = dt.date.fromisoformat(record.get("publication_date") or "")
            except ValueError:
                date = None
            annotators = tuple(sorted(per))
            articles.append(
                GoldArticle(record["id"], text, gold, date, annotators, selection,
                            dropped[annotators[0]] if selection == "single" else 0)
            )
    return sorted(articles, key=lambda a: a.id)


def load_split(corpus: Path, split: str, limit: int | None = None) -> list[GoldArticle]:
    """Gold articles of one split, sorted by id: from brat files when `corpus/<split>/` exists,
    else from `polnear_attributions.jsonl` (the corpus folder or the file itself)."""
    corpus = Path(corpus)
    if split not in SPLITS:
        raise UsageError(f"unknown PolNeAR split {split!r}; expected one of {', '.join(SPLITS)}")
    if (corpus / split / "text").is_dir() and (corpus / split / "attributions").is_dir():
        articles = _load_brat(corpus, split)
    elif corpus.is_file() or (corpus / JSONL_NAME).is_file():
        articles = _load_jsonl(corpus if corpus.is_file() else corpus / JSONL_NAME, split)
    else:
        raise MissingInputError(
            f"expected the PolNeAR folder (with {split}/text and {split}/attributions, or {JSONL_NAME}) "
            f"at {corpus}, found neither; pass the folder from ../shared/corpus/polnear"
        )
    if not articles:
        raise MissingInputError(f"the PolNeAR {split} split at {corpus} holds no annotated article")
    return articles[:limit] if limit is not None else articles
