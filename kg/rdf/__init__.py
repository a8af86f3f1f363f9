"""RDF stage: extraction results in, one named graph per article out (plus serialisation).

Modules: `namespaces` (vocabularies), `iris` (deterministic IRIs), `emit` (ArticleResult ->
rdflib Dataset), `serialize` (Dataset <-> files), `convert` (rdflib <-> pyoxigraph terms).
"""
