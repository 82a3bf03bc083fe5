"""Compact IRIs: the longest matching namespace wins, whatever the number of prefixes."""

import random

from plankg.namespaces import PREFIXES, Compactor, compact


def _longest_match(iri, prefixes):
    """The rule, written as plainly as possible: compare with every namespace."""
    best = None
    for prefix, namespace in prefixes.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            if best is None or len(namespace) > len(best[1]):
                best = (prefix, namespace)
    return iri if best is None else f"{best[0]}:{iri[len(best[1]):]}"


def test_a_compactor_follows_the_rule_on_a_thousand_plans_prefixes():
    rng = random.Random(7)
    prefixes = dict(PREFIXES)
    for n in range(1000):
        prefixes[f"p{n:04d}"] = f"https://w3id.org/plankg/synthetic/p{n:04d}/"
    prefixes["syn"] = "https://w3id.org/plankg/synthetic/"
    prefixes["same"] = "https://w3id.org/plankg/synthetic/p0001/"  # a second prefix of one namespace: the first wins
    iris = [namespace + rng.choice(["", "task/1", "地方/花桥"]) for namespace in prefixes.values()]
    iris += ["https://w3id.org/plankg/synthetic/p99999/x", "urn:x", "", "https://w3id.org/plankg/synthetic/"]
    short = Compactor(prefixes)
    assert [short(iri) for iri in iris] == [_longest_match(iri, prefixes) for iri in iris]
    assert short("https://w3id.org/plankg/synthetic/p0001/task/1") == "p0001:task/1"
    assert short("https://w3id.org/plankg/synthetic/p99999/x") == "syn:p99999/x"
    assert short("https://w3id.org/plankg/synthetic/p0001/") == "syn:p0001/"  # a namespace alone is not compacted


def test_compact_without_prefixes_uses_plankgs_own():
    assert compact("https://w3id.org/plankg/ontology#Task") == "plan:Task"
    assert compact("https://example.org/x", {"ex": "https://example.org/"}) == "ex:x"
