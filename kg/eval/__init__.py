"""Evaluation of geokg against gold corpora (../shared/corpus, see its SOURCES.md).

Input: gold files and a pipeline. Output: reports. One module per task:
`kg.eval.linking` scores entity linking on ELEVANT benchmarks (reader `kg.eval.elevant`, scorer
`kg.eval.linkscore`); `kg.eval.attribution` scores who-said-what (reader `kg.eval.polnear`, scorer
`kg.eval.attrscore`, token overlap `kg.eval.overlap`, baseline `kg.eval.textacy_baseline`). Importing this package loads
nothing heavy; the spaCy model is only loaded when an evaluation runs the pipeline.
"""
