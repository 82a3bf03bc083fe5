"""SPARQL in plankg: the named query library, parameters bound as RDF terms,
typed results, and the guard that keeps queries off the network."""
