"""Offline Wikidata gazetteer: names -> QIDs for countries, places, people, offices, organisations.

Input: `../shared/data/wikidata/` source files (build time) or the shipped SQLite file (run time).
Output: `kg.gazetteer.store.Gazetteer`, the read API the linker and the entity ruler use;
`kg.gazetteer.build.build_gazetteer` makes the file; `kg.gazetteer.refresh` fills the same tables
from the live Wikidata SPARQL endpoint.
"""
