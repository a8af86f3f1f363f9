"""RDF stage: extraction results in, one named graph per article out (plus serialisation).

Modules: `namespaces` (vocabularies), `iris` (deterministic IRIs), `emit` (ArticleResult ->
rdflib Dataset), `provenance` (the PROV-O record of a build run), `serialize` (Dataset <-> files),
`jsonld_context` (the published JSON-LD context), `wikidata_export` (office holdings as Wikidata
P39 statements), `convert` (rdflib <-> pyoxigraph terms).
"""
