"""Score `plankg extract` against the hand-built plans: precision and recall per kind, and every miss and extra.

Items are matched by normalised Chinese label, statement or value (never by
IRI): areas by label; tasks and goal statements by statement; targets by
(value, unit, year); places by label (a final 市 or 省 and text in brackets
left out, as everywhere); roles by (task number, place, role); groups
by label and members; initiatives (plan:Project, quotes left out) by label; declared
counts by (class, value). Each match is one to one (a multiset).

Run: python benchmarks/score_extraction.py [--quiet]
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

PLANS = {
    "kunshan-2022": Path("/work/shared/source/kunshan-overall-plan-2022.txt"),
    "jinan-digital-2021": ROOT / "data/jinan-digital-2021/source-text/jinan-digital-pioneer-city-plan-2021.txt",
}
KINDS = ("areas", "tasks", "goals", "targets", "places", "roles", "groups", "initiatives", "counts")
P = "https://w3id.org/plankg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
NOTATION = "http://www.w3.org/2004/02/skos/core#notation"


def norm(text: str) -> str:
    text = re.sub(r"[（(][^（）()]*[)）]", "", text)
    text = re.sub(r"[\s“”\"'《》。，,、；;：:！!？?·]", "", text)
    if len(text) > 2 and text[-1] in "市省":
        text = text[:-1]
    return text


def keys(triples, supers) -> dict[str, Counter]:
    by_s: dict = {}
    for s, p, o in triples:
        by_s.setdefault(s, []).append((p, o))

    def vals(s, p, lang="zh"):
        return [o.value for pp, o in by_s.get(s, ()) if pp == p and hasattr(o, "value") and (o.lang in (lang, None))]

    def isa(s, cls):
        return any(pp == RDF_TYPE and cls in supers.get(o, {o}) for pp, o in by_s.get(s, ()))

    out = {k: Counter() for k in KINDS}
    notation = {}
    for s in by_s:
        if isa(s, P + "Task"):
            notation[s] = (vals(s, NOTATION) or ["?"])[0].strip("（）()．.、")
    for s in by_s:
        label = (vals(s, LABEL) or [""])[0]
        if isa(s, P + "Area"):
            out["areas"][norm(label)] += 1
        if isa(s, P + "Task"):
            out["tasks"][norm((vals(s, P + "statement") or [""])[0])] += 1
        if isa(s, P + "GoalStatement"):
            out["goals"][norm((vals(s, P + "statement") or [""])[0])] += 1
        if isa(s, P + "Target"):
            value = (vals(s, P + "value") or ["?"])[0]
            unit = [o for pp, o in by_s[s] if pp == P + "unit"]
            year = (vals(s, P + "year") or ["?"])[0]
            out["targets"][(value.rstrip("0").rstrip(".") if "." in value else value, str(unit[0]) if unit else "?", year)] += 1
        if isa(s, P + "Place"):
            out["places"][norm(label)] += 1
        if isa(s, P + "Project"):
            out["initiatives"][norm(label)] += 1
        if isa(s, P + "SpatialGroup"):
            members = sorted(norm((vals(o, LABEL) or ["?"])[0]) for pp, o in by_s[s] if pp == P + "includesPlace")
            out["groups"][(norm(label), tuple(members))] += 1
        if isa(s, P + "DeclaredCount"):
            cls = [o for pp, o in by_s[s] if pp == P + "countOf"]
            out["counts"][(str(cls[0]).rsplit("#", 1)[-1] if cls else "?", (vals(s, P + "declaredValue") or ["?"])[0])] += 1
        if isa(s, P + "PlaceInvolvement"):
            task = [t for t, pp, o in triples if pp == P + "involves" and o == s]
            place = [o for pp, o in by_s[s] if pp == P + "place"]
            role = [o for pp, o in by_s[s] if pp == P + "role"]
            place_label = (vals(place[0], LABEL) or ["?"])[0] if place else "?"
            out["roles"][(notation.get(task[0], "?") if task else "?", norm(place_label),
                          str(role[0]).rsplit("#", 1)[-1].rsplit("/", 1)[-1] if role else "?")] += 1
    return out


def score(name: str, text: Path):
    import plankg
    from plankg.authoring.api import plan_statements
    from plankg.authoring.write import class_ancestors
    from plankg.extraction import draft_statements, extract

    supers = class_ancestors()
    kg = plankg.load([ROOT / "data" / name])
    _, layers = plan_statements(kg)
    gold = keys(layers["source"], supers)
    drafted = keys(draft_statements(extract(text, slug="draft")).layers["source"], supers)
    rows = []
    for kind in KINDS:
        g, d = gold[kind], drafted[kind]
        hit = sum((g & d).values())
        precision = hit / sum(d.values()) if d else (1.0 if not g else 0.0)
        recall = hit / sum(g.values()) if g else 1.0
        rows.append((kind, sum(g.values()), sum(d.values()), hit, precision, recall,
                     sorted(map(str, (g - d).elements())), sorted(map(str, (d - g).elements()))))
    return rows


def main(argv=None) -> int:
    quiet = "--quiet" in (argv or sys.argv[1:])
    for name, text in PLANS.items():
        print(f"\n## {name}\n")
        print("| kind | hand-built | drafted | matched | precision | recall |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        rows = score(name, text)
        for kind, g, d, hit, p, r, _, _ in rows:
            print(f"| {kind} | {g} | {d} | {hit} | {p:.2f} | {r:.2f} |")
        if not quiet:
            for kind, *_, missed, extra in rows:
                for what, items in (("missed", missed), ("extra", extra)):
                    if items:
                        print(f"- {kind} {what}: " + "; ".join(items))
    return 0


if __name__ == "__main__":
    sys.exit(main())
