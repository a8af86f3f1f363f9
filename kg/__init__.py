"""geokg: a knowledge-graph builder for geopolitical actors (news text in, validated RDF out)."""

__version__ = "0.1.0"
