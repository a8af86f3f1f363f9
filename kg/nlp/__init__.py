"""NLP stage: spaCy model plus geokg components; the only package that touches spaCy objects."""

from kg.nlp.pipeline import analyze, load_pipeline

__all__ = ["analyze", "load_pipeline"]
