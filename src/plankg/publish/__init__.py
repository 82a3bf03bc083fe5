"""Publishing plans: push to a SPARQL server (with graph ownership checks)
and serve read-only over SPARQL."""
