"""The named query library: its headers, its answers on the bundled plan, and its integrity checks.

Expected answers were checked by hand against the source text
(/work/shared/source/kunshan-overall-plan-2022.txt, the 中郡研究所 repost of the
昆山发布 release of 2022-07-09). Every named query is run on the three engines
(embedded Oxigraph, rdflib, a real Oxigraph SPARQL server) and must answer
identically, row for row and term for term.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from helpers import loaded_names, start_server

import plankg
from plankg.resources import bundled_plan_dir, queries_dir
from plankg.sparql.text import skeleton

KS = "https://w3id.org/plankg/kunshan-2022/"
PLAN = "https://w3id.org/plankg/ontology#"
LIBRARY = plankg.QueryLibrary()
NAMES = sorted(LIBRARY)
VIOLATIONS = [name for name in NAMES if name.endswith("-violation")]

REQUIRED_QUERIES = {
    "plan-overview", "tasks-by-area", "regional-layout", "places-involvement", "targets",
    "targets-by-year", "tasks-without-targets", "action-plans", "unimplemented-tasks",
    "declared-counts", "initiatives", "label-search", "provenance", "milestones",
    "task-area-violation", "target-fields-violation", "curated-rationale-violation",
    "declared-count-violation", "label-language-violation",
}

#: Parameters for the queries that take them (the first set is the default).
PARAMETER_CASES = {
    "tasks-by-area": [
        {"area": "03"}, {"area": "3"}, {"area": "争当深化改革开放的县域示范"},
        {"area": "strive to be a county-level demonstration of deepening reform and opening-up"},
        {"area": KS + "area/07"}, {"area": "8"},
    ],
    "places-involvement": [
        {"place": "花桥"}, {"place": "Huaqiao International Business City"}, {"place": KS + "place/huaqiao"},
        {"place": "千灯镇"}, {"place": "上海"}, {"place": "昆山未来城"}, {"place": "nowhere"},
    ],
    "targets-by-year": [{"year": 2025}, {"year": 2024}, {"year": "2030"}],
    "label-search": [{"term": "未来城"}, {"term": "huaqiao"}, {"term": "ZONE"}, {"term": "示范"}],
    "provenance": [
        {"entity": "ks:task/06"}, {"entity": KS + "curated/implementation/05-04"},
        {"entity": "ks:target/08-5"}, {"entity": "ks:place/nowhere"},
    ],
}

#: The queries that take the optional parameter plan and return a plan column: every query that
#: returns a plan's entities, except provenance (its entity parameter names the entity itself) and
#: the integrity checks (they return a plan column where they can, and must find nothing anyway).
#: ``plans`` lists the plans themselves.
PLAN_QUERIES = sorted(
    n for n in NAMES if n not in ("provenance", "plans") and not n.endswith("-violation")
)

#: The queries that find what several plans share: nothing in one plan (tests/test_corpusreport.py
#: checks their rows on a generated corpus).
ACROSS_PLANS = {"corpus-shared-indicators", "corpus-shared-places"}

HOSTILE = ['" } ; DROP ALL #', "\\u0022", "\\u0022 } #", "\n", "花桥\n", "花桥\"", "'; DROP ALL; #"]


def k(local: str) -> str:
    """The full IRI of a ks: local name."""
    return KS + local


def rows(result) -> list[dict]:
    """A result as a list of row dicts of RDF terms (unbound variables left out)."""
    return [row.as_dict() for row in result]


def iris(result, variable: str) -> list:
    return [None if row.get(variable) is None else row[variable].value for row in result]


def without(result_rows: list[dict], *variables: str) -> list[dict]:
    return [{v: t for v, t in row.items() if v not in variables} for row in result_rows]


# =================================================================== the library and its headers


def test_the_required_queries_are_all_there():
    assert REQUIRED_QUERIES <= set(NAMES)
    assert {"task-area-violation", "target-fields-violation", "curated-rationale-violation",
            "declared-count-violation", "label-language-violation"} <= set(VIOLATIONS)


@pytest.mark.parametrize("name", NAMES)
def test_header_has_a_summary_and_a_chinese_and_english_description(name):
    query = LIBRARY[name]
    assert query.summary and "\n" not in query.summary
    lines = [line.strip() for line in query.description.splitlines() if line.strip()]
    assert len(lines) >= 2, "the description needs a Chinese and an English sentence"
    assert re.search(r"[\u4e00-\u9fff]", lines[0]), "the first description line is Chinese"
    english = lines[-1]
    assert len(re.findall(r"\b[A-Za-z]{2,}\b", english)) >= 5, "the last description line is English"
    assert len(re.findall(r"[A-Za-z]", english)) > 4 * len(re.findall(r"[\u4e00-\u9fff]", english))
    assert query.tags, "every query has at least one tag"
    if query.is_violation:
        assert "integrity" in query.tags


@pytest.mark.parametrize("name", NAMES)
def test_query_declares_every_prefix_it_uses_for_grlc(name):
    text = LIBRARY[name].text
    declared = set(re.findall(r"(?im)^\s*PREFIX\s+([A-Za-z][\w-]*):", text))
    body = re.sub(r"(?im)^\s*PREFIX\s+[A-Za-z][\w-]*:\s*<[^>]*>", " ", skeleton(text))
    used = set(re.findall(r"(?<![\w?$:])([A-Za-z][\w-]*):(?!//)", body))
    assert used <= declared, f"{name} uses undeclared prefixes {sorted(used - declared)}"
    assert not re.search(r"\\/", skeleton(text)), "rdflib does not unescape '\\/' in prefixed names"


@pytest.mark.parametrize("name", NAMES)
def test_parameters_are_projected_and_not_used_in_a_subquery(name):
    query = LIBRARY[name]
    body = skeleton(query.text)
    projection = re.search(r"\bSELECT\b(.*?)\bWHERE\b", body, re.S | re.I).group(1)
    for parameter in query.parameters:
        projected = {"?" + parameter.variable, "$" + parameter.variable} & set(projection.split())
        assert projected, f"{parameter.variable} is not projected"
    if query.parameters:
        assert not re.search(r"\bBOUND\s*\(\s*[?$]_", body, re.I)
        # No parameter inside a subquery, whose variables are its own unless it projects them (the
        # engines' binding and grlc's text substitution would then disagree). A nested group of the
        # outer query may use one: some queries test their parameter in the group of the patterns
        # it tests, where Oxigraph evaluates the filter (see queries/label-search.rq).
        opened = []  # for each open "{": whether it opens a subquery
        for index, ch in enumerate(body):
            if ch == "{":
                opened.append(bool(re.match(r"\{\s*SELECT\b", body[index:], re.I)))
            elif ch == "}":
                opened.pop()
            elif re.match(r"[?$]_", body[index:index + 2]):
                assert not any(opened), f"{name}: parameter used inside a subquery at {index}"



def _variables_in(node) -> set[str]:
    """The names of the variables anywhere in an rdflib algebra node or expression."""
    from rdflib.term import Variable

    if isinstance(node, Variable):
        return {str(node)}
    if isinstance(node, (list, tuple)):
        return {name for item in node for name in _variables_in(item)}
    if isinstance(node, dict):
        return {name for key, value in node.items() if key != "_vars" for name in _variables_in(value)}
    return set()


@pytest.mark.parametrize("name", ["label-search", "tasks-by-area", "targets-by-year", "places-involvement"])
def test_the_required_parameter_is_tested_in_the_group_of_its_patterns(name):
    # Oxigraph does not move a filter on a substituted parameter into a join: a filter of the outer
    # group runs after every join and OPTIONAL, on every plan's rows (seconds on 1,000 plans).
    from plankg.namespaces import PREFIXES
    from plankg.sparql.netguard import rdflib_prepare
    from plankg.sparql.text import declare_prefixes

    required = {p.variable for p in LIBRARY[name].parameters if p.required}
    node = rdflib_prepare(declare_prefixes(LIBRARY[name].text, PREFIXES)).algebra
    while node.name in {"SelectQuery", "Project", "Distinct", "OrderBy"}:
        node = node.p
    assert node.name == "Filter", "the outer group has its filter (the plan parameter's)"
    assert not required & _variables_in(node.expr), f"{name} tests its parameter in the outer group"
    assert required <= _variables_in(node.p), f"{name} tests its parameter in a nested group"

XSD_PREFIX = "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>"


def grlc_rewrite(name: str, params: dict) -> str:
    """The query grlc sends for a request: its rewrite_query, which pastes each value over the text ``?_name``."""
    query = "\n".join(line for line in LIBRARY[name].text.split("\n") if not line.startswith("#+"))
    require_xsd = False
    for parameter in LIBRARY[name].parameters:
        if parameter.name not in params and not parameter.required:
            continue  # grlc leaves an optional parameter it is not given as a variable
        value = str(params[parameter.name])
        if parameter.kind == "iri":
            text = f"<{parameter.to_term(value, {**plankg.namespaces.PREFIXES, 'ks': KS}).value}>"
        elif parameter.kind in {"literal", "string"}:
            text = f'"{value}"'
        elif re.fullmatch(r"[a-z]{2}", parameter.kind):
            text = f'"{value}"@{parameter.kind}'
        else:
            text, require_xsd = f'"{value}"^^xsd:{parameter.kind}', True
        query = query.replace("?" + parameter.variable, text)
    if require_xsd and XSD_PREFIX not in query:
        query = query.replace("SELECT", XSD_PREFIX + "\n\nSELECT")
    return query


@pytest.mark.parametrize("name", [n for n in NAMES if LIBRARY[n].parameters])
def test_parameterized_query_as_grlc_rewrites_it_gives_the_same_rows(kg_rdflib, name):
    params = PARAMETER_CASES.get(name, [{}])[0]
    rewritten = grlc_rewrite(name, params)
    left = {p.variable for p in LIBRARY[name].parameters if p.name not in params}
    assert set(re.findall(r"\?(_\w+)", skeleton(rewritten))) == left, "grlc leaves only the parameters not given"
    variables = [p.variable for p in LIBRARY[name].parameters]
    expected = without(rows(kg_rdflib.query(name, **params)), *variables)
    assert expected or name in ACROSS_PLANS, "pick test parameters that match something"
    assert rows(kg_rdflib.engine.run(rewritten, {})) == expected


def test_parameters_by_grlc_convention():
    names = {n: [(p.name, p.kind, p.required) for p in LIBRARY[n].parameters] for n in PARAMETER_CASES}
    plan = ("plan", "iri", False)
    assert names == {
        "tasks-by-area": [("area", "literal", True), plan],
        "places-involvement": [("place", "literal", True), plan],
        "targets-by-year": [("year", "integer", True), plan],
        "label-search": [("term", "literal", True), plan],
        "provenance": [("entity", "iri", True)],
    }
    others = {n: [(p.name, p.kind, p.required) for p in LIBRARY[n].parameters] for n in NAMES if n not in PARAMETER_CASES}
    assert {n for n, found in others.items() if found} == set(PLAN_QUERIES) - set(PARAMETER_CASES)
    assert all(found == [plan] for found in others.values() if found)


@pytest.mark.parametrize(
    "text, problem",
    [
        ("#+ summary: [not closed\n#+ tags:\n#+   - x\nSELECT * WHERE { ?s ?p ?o }\n", "malformed"),
        ("#+ summary: fine\n#+ sumary: typo\nSELECT * WHERE { ?s ?p ?o }\n", "unknown header key"),
        ("#+ description: no summary\nSELECT * WHERE { ?s ?p ?o }\n", "summary"),
        ("SELECT * WHERE { ?s ?p ?o }\n", "no '#\\+' header"),
        ("#+ summary: fine\n#+ tags: not-a-list\nSELECT * WHERE { ?s ?p ?o }\n", "tags"),
    ],
)
def test_malformed_header_names_the_file(tmp_path, text, problem):
    (tmp_path / "broken-header.rq").write_text(text, encoding="utf-8")
    with pytest.raises(plankg.QueryDefinitionError, match=problem) as caught:
        list(plankg.QueryLibrary(tmp_path))
    assert "broken-header.rq" in str(caught.value)
    assert caught.value.path.name == "broken-header.rq"
    with pytest.raises(plankg.QueryDefinitionError, match="broken-header.rq"):
        plankg.QueryLibrary(tmp_path)["broken-header"].check()
    with pytest.raises(plankg.QueryDefinitionError, match="broken-header.rq"):
        plankg.QueryLibrary(tmp_path)["broken-header"].summary


def test_a_good_header_beside_a_bad_one_is_still_readable(tmp_path):
    shutil.copy(queries_dir() / "targets.rq", tmp_path / "targets.rq")
    (tmp_path / "bad.rq").write_text("#+ summary: [\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    library = plankg.QueryLibrary(tmp_path)
    assert library["targets"].check().summary == LIBRARY["targets"].summary
    with pytest.raises(plankg.QueryDefinitionError, match="bad.rq"):
        len(library)


def test_unknown_query_name_is_a_query_error(kg):
    with pytest.raises(plankg.QueryError, match="did you mean targets"):
        kg.query("targetz")


def test_unknown_parameter_is_refused(any_kg):
    with pytest.raises(plankg.ParameterError, match="unknown parameter"):
        any_kg.query("targets", year=2025)
    with pytest.raises(plankg.ParameterError, match="unknown parameter"):
        any_kg.query("places-involvement", place="花桥", lang="zh")


def test_missing_required_parameter_is_refused(any_kg):
    with pytest.raises(plankg.ParameterError, match="missing parameter 'year'"):
        any_kg.query("targets-by-year")
    with pytest.raises(plankg.ParameterError, match="missing parameter 'place'"):
        any_kg.query("places-involvement")


def test_parameter_of_the_wrong_type_is_refused(any_kg):
    with pytest.raises(plankg.ParameterError, match="xsd:integer"):
        any_kg.query("targets-by-year", year="soon")
    with pytest.raises(plankg.ParameterError, match="expects an IRI"):
        any_kg.query("provenance", entity="http://x/> } DROP ALL {")


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("name, parameter", [("places-involvement", "place"), ("label-search", "term"),
                                             ("tasks-by-area", "area")])
def test_hostile_parameter_matches_nothing(any_kg, name, parameter, hostile):
    result = any_kg.query(name, **{parameter: hostile})
    assert len(result) == 0


def test_hostile_parameter_leaves_the_data_intact(any_kg):
    any_kg.query("label-search", term='" } ; DROP ALL #')
    assert len(any_kg.query("plan-overview")) == 25


# =================================================================== three engines, one answer


def _cases():
    for name in NAMES:
        for params in PARAMETER_CASES.get(name, [{}]):
            yield pytest.param(name, params, id=f"{name}-{'-'.join(map(str, params.values()))}".rstrip("-"))


@pytest.mark.parametrize("name, params", list(_cases()))
def test_every_query_answers_alike_on_the_three_engines(kg, kg_rdflib, kg_endpoint, name, params):
    required = {p.name for p in LIBRARY[name].parameters if p.required}
    assert required <= set(params), f"give {name} test parameters for {sorted(required)}"
    oxigraph = rows(kg.query(name, **params))
    assert rows(kg_rdflib.query(name, **params)) == oxigraph
    assert rows(kg_endpoint.query(name, **params)) == oxigraph
    assert kg.query(name, **params).variables == kg_endpoint.query(name, **params).variables


@pytest.mark.parametrize("name", ["action-plans", "unimplemented-tasks"])
def test_without_the_curated_layer_the_engines_agree(plan_server, name):
    oxigraph = rows(plankg.load(curated=False).query(name))
    assert rows(plankg.load(curated=False, engine="rdflib").query(name)) == oxigraph
    assert rows(plankg.connect(plan_server.query_url, curated=False).query(name)) == oxigraph


# =================================================================== the answers, checked against the source

AREAS = {
    1: ("争当区域一体发展的县域示范", [1, 2, 3, 4, 5]),
    2: ("争当产业创新发展的县域示范", [6, 7, 8]),
    3: ("争当深化改革开放的县域示范", [9, 10, 11]),
    4: ("争当现代化城市建设的县域示范", [12, 13, 14]),
    5: ("争当社会综合治理的县域示范", [15, 16, 17, 18]),
    6: ("争当实现共同富裕的县域示范", [19, 20, 21, 22]),
    7: ("全面落实新时代党的建设总要求", [23, 24, 25]),
}


def test_plan_overview_has_25_tasks_in_7_sections(kg):
    result = kg.query("plan-overview")
    assert len(result) == 25
    assert result.column("task_ordinal") == list(range(1, 26))
    assert iris(result, "task") == [k(f"task/{n:02d}") for n in range(1, 26)]
    sections = {}
    for row in result:
        sections.setdefault(row.value("area_ordinal"), []).append(row)
    assert list(sections) == list(range(1, 8))
    for ordinal, section in sections.items():
        label, tasks = AREAS[ordinal]
        assert {r.value("area_label_zh") for r in section} == {label}
        assert {r.value("area_notation") for r in section} == {f"{ordinal:02d}"}
        assert [r.value("task_ordinal") for r in section] == tasks
        assert {r.value("area_task_count") for r in section} == {len(tasks)}
        assert all(r.get("task_label_en") is not None for r in section)
    first, last = result[0].values(), result[24].values()
    assert (first["task_label_zh"], first["task_label_en"]) == ("向东接轨上海", "Link up eastward with Shanghai")
    assert (last["task_label_zh"], last["task_label_en"]) == ("强化作风建设", "Strengthen the building of conduct")
    assert result[0]["area_label_zh"].language == "zh" and result[0]["area_label_en"].language == "en"


@pytest.mark.parametrize(
    "area, expected",
    [("3", [9, 10, 11]), ("03", [9, 10, 11]), ("003", [9, 10, 11]), ("争当深化改革开放的县域示范", [9, 10, 11]),
     ("Strive to be a county-level demonstration of deepening reform and opening-up", [9, 10, 11]),
     ("STRIVE TO BE A COUNTY-LEVEL DEMONSTRATION OF DEEPENING REFORM AND OPENING-UP", [9, 10, 11]),
     (KS + "area/03", [9, 10, 11]), ("1", [1, 2, 3, 4, 5]), ("07", [23, 24, 25]),
     ("全面落实新时代党的建设总要求", [23, 24, 25]), ("8", []), ("0", []), ("county", []), ("ks:area/03", [])],
)
def test_tasks_by_area(kg, area, expected):
    result = kg.query("tasks-by-area", area=area)
    assert result.column("task_ordinal") == expected
    assert set(result.column("_area")) <= {area}
    if expected:
        assert len({r["area"] for r in result}) == 1


def test_tasks_by_area_labels(kg):
    result = kg.query("tasks-by-area", area="03")
    assert result.column("task_label_zh") == ["注重制度创新", "深化产业合作", "扩大交流交往"]
    assert result.column("area_label_en") == ["Strive to be a county-level demonstration of deepening reform and opening-up"] * 3


def test_regional_layout(kg):
    result = kg.query("regional-layout")
    got = [
        (r.value("task_ordinal"), r.value("direction"), r.value("region"), r.value("lead"),
         r.value("lead_role"), r.value("collaborator_label_zh"), r.value("cluster"))
        for r in result
    ]
    east, west, north, south = (PLAN + d for d in ("East", "West", "North", "South"))
    lead, pillar, spearhead, main_body = (PLAN + d for d in ("Lead", "Pillar", "Spearhead", "MainBody"))
    digital = k("cluster/international-digital-commerce")
    cross_strait = k("cluster/cross-strait-sci-tech-education")
    manufacturing = k("cluster/yrd-advanced-manufacturing")
    water_town = k("cluster/jiangnan-water-town-eco-culture")
    # 1. 向东接轨上海,以花桥国际商务城为引领,强化与陆家镇协同发展,形成国际数字商务贸易组团
    # 2. 向西融入苏州主城,以昆山高新区为支撑,强化与巴城镇协同发展,形成两岸科技创新教育组团
    # 3. 向北联动太仓,以昆山开发区为龙头,强化与张浦镇、周市镇、千灯镇协同发展,形成长三角先进智能制造组团
    # 4. 向南协同推进长三角生态绿色一体化发展示范区建设,以昆山旅游度假区为主体,推进锦溪镇、淀山湖镇、周庄镇一体化发展,形成江南水乡生态人文组团
    assert got == [
        (1, east, k("place/shanghai"), k("place/huaqiao"), lead, "陆家镇", digital),
        (2, west, k("place/suzhou-main-city"), k("place/kunshan-high-tech-zone"), pillar, "巴城镇", cross_strait),
        (3, north, k("place/taicang"), k("place/kunshan-development-zone"), spearhead, "张浦镇", manufacturing),
        (3, north, k("place/taicang"), k("place/kunshan-development-zone"), spearhead, "周市镇", manufacturing),
        (3, north, k("place/taicang"), k("place/kunshan-development-zone"), spearhead, "千灯镇", manufacturing),
        (4, south, k("place/yrd-eco-green-demo-zone"), k("place/kunshan-tourism-resort"), main_body, "锦溪镇", water_town),
        (4, south, k("place/yrd-eco-green-demo-zone"), k("place/kunshan-tourism-resort"), main_body, "淀山湖镇", water_town),
        (4, south, k("place/yrd-eco-green-demo-zone"), k("place/kunshan-tourism-resort"), main_body, "周庄镇", water_town),
    ]
    first = result[0].values()
    assert (first["lead_label_zh"], first["lead_label_en"]) == ("花桥国际商务城", "Huaqiao International Business City")
    assert (first["collaborator"], first["collaborator_label_en"]) == (k("place/lujia"), "Lujia Town")
    assert (first["direction_label_zh"], first["cluster_label_zh"]) == ("向东", "国际数字商务贸易组团")
    assert result[2].value("lead_label_zh") == "昆山开发区"
    assert result[2].value("lead_role_label_en") == "spearhead"  # 以昆山开发区为龙头
    # 推进锦溪镇、淀山湖镇、周庄镇一体化发展: partners by integration, not 协同
    assert {r.value("collaborator_label_zh") for r in result if r.value("task_ordinal") == 4} == {"锦溪镇", "淀山湖镇", "周庄镇"}


@pytest.mark.parametrize("place", ["花桥", "Huaqiao International Business City", "huaqiao", "花桥国际商务城",
                                   KS + "place/huaqiao"])
def test_places_involvement_finds_huaqiao_by_any_name(kg, place):
    result = kg.query("places-involvement", place=place)
    assert without(rows(result), "_place") == without(rows(kg.query("places-involvement", place="花桥")), "_place")
    assert len(result) == 1
    row = result[0].values()
    assert row["place"] == k("place/huaqiao")
    assert row["task"] == k("task/01") and row["task_ordinal"] == 1
    assert (row["relation"], row["role"], row["role_label_zh"]) == ("lead", PLAN + "Lead", "引领")
    assert row["cluster"] == k("cluster/international-digital-commerce")
    assert row["_place"] == place


@pytest.mark.parametrize(
    "place, expected",
    [
        ("陆家镇", [(1, "collaborator", PLAN + "Collaborator", k("cluster/international-digital-commerce"))]),
        ("千灯", [(3, "collaborator", PLAN + "Collaborator", k("cluster/yrd-advanced-manufacturing"))]),
        ("昆山高新区", [(2, "pillar", PLAN + "Pillar", k("cluster/cross-strait-sci-tech-education"))]),
        ("Kunshan Tourism Resort Zone", [(4, "main body", PLAN + "MainBody", k("cluster/jiangnan-water-town-eco-culture"))]),
        ("锦溪镇", [(4, "integration", PLAN + "Integration", k("cluster/jiangnan-water-town-eco-culture"))]),
        ("昆山开发区", [(3, "spearhead", PLAN + "Spearhead", k("cluster/yrd-advanced-manufacturing"))]),
        ("上海", [(1, "connects to", None, None)]),
        ("吴淞江科创带", [(5, "connects to", None, None)]),
        ("昆山未来城", [(5, "names initiative", None, None)]),
        ("nowhere", []),
    ],
)
def test_places_involvement(kg, place, expected):
    result = kg.query("places-involvement", place=place)
    got = [(r.value("task_ordinal"), r.value("relation"), r.value("role"), r.value("cluster")) for r in result]
    assert got == expected


#: Every target, by hand from the source: (target, task, value, unit, comparator, source expression).
#: (What a unit:NUM target counts is in plan:countedKind; see tests/test_data.py.)
TARGETS = [
    ("06-1", 6, Decimal("600000000000"), "unit:CCY_CNY", "Exceed", "6000亿元"),
    ("07-1", 7, Decimal("400000000000"), "unit:CCY_CNY", "Exceed", "4000亿元"),
    ("08-1", 8, Decimal("3"), "unit:NUM", "Reach", "3个"),
    ("08-2", 8, Decimal("30"), "unit:NUM", "Reach", "30个"),
    ("08-3", 8, Decimal("150"), "unit:NUM", "Reach", "150个"),
    ("08-4", 8, Decimal("3500"), "unit:NUM", "Reach", "3500家"),
    ("08-5", 8, Decimal("3500"), "unit:NUM", "Reach", "3500家"),
    ("09-1", 9, Decimal("80"), "unit:NUM", "Reach", "80家"),
    ("10-1", 10, Decimal("25"), "unit:NUM", "Add", "25家"),
    ("19-1", 19, Decimal("85000"), "unit:CCY_CNY", "Reach", "8.5万元"),
    ("19-2", 19, Decimal("13000000"), "unit:CCY_CNY", "Reach", "1300万元"),
]


def _target_table(result):
    return [
        (r.value("target").removeprefix(KS + "target/"), r.value("task_ordinal"), r.value("value"),
         r.value("unit").replace("http://qudt.org/vocab/unit/", "unit:"), r.value("comparator").removeprefix(PLAN), r.value("source_expression"))
        for r in result
    ]


def test_targets(kg):
    result = kg.query("targets")
    assert len(result) == 11
    assert _target_table(result) == TARGETS
    assert set(result.column("year")) == {2025}
    six = result[0].values()
    assert six["value"] == 600000000000 and six["unit"] == "http://qudt.org/vocab/unit/CCY_CNY" and six["comparator"] == PLAN + "Exceed"
    assert six["measure_zh"] == "新一代信息技术产业产值"
    assert (six["comparator_label_zh"], six["unit_label_en"]) == ("突破", "yuan")
    assert result[0]["value"].datatype == ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")


@pytest.mark.parametrize("year, count", [(2024, 0), (2025, 11), (2035, 11), (2000, 0)])
def test_targets_by_year(kg, year, count):
    result = kg.query("targets-by-year", year=year)
    assert len(result) == count
    assert all(r.value("year") <= year for r in result)
    if count:
        assert _target_table(result) == TARGETS
        assert set(result.column("_year_integer")) == {year}


def test_tasks_without_targets(kg):
    result = kg.query("tasks-without-targets")
    assert result.column("task_ordinal") == [1, 2, 3, 4, 5, *range(11, 19), *range(20, 26)]
    assert len(result) == 19
    assert result[0].value("area_ordinal") == 1 and result[-1].value("area_ordinal") == 7


#: The curated implementation links (action plan, task) in the curated layer.
#: Issue 14's review added AP1→T3, AP3→T5, AP4→T5, AP4→T21, AP6→T2, AP8→T25, AP9→T4, AP10→T9 and AP10→T24
#: (each partial, with its rationale); it rejected AP2→T4.
IMPLEMENTS = [
    (1, 3), (1, 6), (1, 7), (1, 8), (2, 1), (2, 2), (2, 3), (3, 2), (3, 5), (3, 8), (4, 5), (4, 12), (4, 13),
    (4, 14), (4, 21), (5, 4), (6, 2), (6, 10), (6, 11), (7, 19), (7, 20), (7, 21), (7, 22), (8, 4), (8, 25),
    (9, 4), (9, 14), (9, 21), (10, 9), (10, 15), (10, 16), (10, 17), (10, 18), (10, 24), (11, 18), (12, None),
]


def test_action_plans_with_curated_links(kg):
    result = kg.query("action-plans")
    assert [(r.value("action_plan_ordinal"), r.value("task_ordinal")) for r in result] == IMPLEMENTS
    assert sorted(set(result.column("action_plan_ordinal"))) == list(range(1, 13))
    assert {(r.value("period"), r.value("start_year"), r.value("end_year")) for r in result} == {
        (k("period/2022-2025"), 2022, 2025)
    }
    for row in result[:-1]:
        values = row.values()
        assert values["curated"] is True
        assert values["rationale_zh"] and values["rationale_en"]
        assert values["attributed_to"] == k("agent/plankg-analysts")
        assert values["implementation"].startswith(k("curated/implementation/"))
    twelve = result[-1].values()
    assert twelve["action_plan_label_zh"] == "昆山推进鹿城青年伙伴行动计划"
    assert twelve["task"] is None and twelve["curated"] is None and twelve["rationale_zh"] is None
    assert result[0].value("action_plan_label_zh") == "昆山现代产业体系建设行动计划"


def test_action_plans_without_curated_layer_still_lists_all_twelve():
    result = plankg.load(curated=False).query("action-plans")
    assert result.column("action_plan_ordinal") == list(range(1, 13))
    assert set(result.column("task")) == {None} and set(result.column("curated")) == {None}


def test_unimplemented_tasks(kg):
    # Only 强化队伍建设 is left: tasks 5, 9, 24 and 25 gained partial links in issue 14's review.
    assert kg.query("unimplemented-tasks").column("task_ordinal") == [23]


def test_unimplemented_tasks_without_curated_layer_is_every_task(plan_server):
    assert plankg.load(curated=False).query("unimplemented-tasks").column("task_ordinal") == list(range(1, 26))
    endpoint = plankg.connect(plan_server.query_url, curated=False)
    assert endpoint.query("unimplemented-tasks").column("task_ordinal") == list(range(1, 26))


def test_declared_counts(kg):
    result = kg.query("declared-counts")
    got = {r.value("count").removeprefix(KS + "count/"): (r.value("kind"), r.value("declared"), r.value("enumerated"))
           for r in result}
    # “六个示范”, 制定12项现代化行动计划, 明确25项主要任务, 细化形成200项具体项目 (none of them listed)
    assert got == {
        "demonstrations": (PLAN + "DemonstrationArea", 6, 6),
        "action-plans": (PLAN + "ActionPlan", 12, 12),
        "tasks": (PLAN + "Task", 25, 25),
        "projects": (PLAN + "Project", 200, 25),  # 24 named initiatives and the IT industrial cluster
    }
    equal = {name for name, (_, declared, enumerated) in got.items() if declared == enumerated}
    assert equal == {"demonstrations", "action-plans", "tasks"}


def test_initiatives(kg):
    result = kg.query("initiatives")
    assert len(result) == 25
    by_task = {}
    for row in result:
        by_task.setdefault(row.value("task_ordinal"), []).append(row.value("initiative_label_zh"))
    assert list(by_task) == [1, 2, 3, 4, 5, 6, 9, 12, 14, 15, 16, 17, 18, 21, 24, 25]
    # In the order the source names them.
    assert by_task[1] == ["数字经济实验区", "进口贸易促进创新示范区"]
    assert by_task[5] == ["昆山未来城"]
    assert by_task[6] == ["新一代信息技术产业集群", "“强芯”", "“亮屏”", "先进计算基地"]
    assert by_task[12] == ["青阳港滨水城市客厅", "昆山南站城市门户", "西部生态城市庭院"]
    assert by_task[14] == ["“轨道上的昆山”", "“两环四连八射”快速路网", "“七横四纵”生态廊道"]
    assert by_task[25] == ["“鹿城清风”廉洁文化品牌"]
    assert result[0].value("area_ordinal") == 1 and result[-1].value("area_ordinal") == 7


def test_label_search(kg):
    assert iris(kg.query("label-search", term="未来城"), "entity") == [k("place/kunshan-future-city")]
    huaqiao = kg.query("label-search", term="花桥")
    assert sorted(set(iris(huaqiao, "entity"))) == [k("place/huaqiao"), k("task/01/involvement/huaqiao")]
    assert "花桥" in huaqiao.column("matched_label")  # the alternative label
    lower, upper = kg.query("label-search", term="huaqiao"), kg.query("label-search", term="HUAQIAO")
    assert without(rows(lower), "_term") == without(rows(upper), "_term")
    assert set(iris(lower, "entity")) == {k("place/huaqiao"), k("task/01/involvement/huaqiao")}
    assert len(kg.query("label-search", term="")) == 0
    assert all(not e.startswith(PLAN) for e in iris(kg.query("label-search", term="lead"), "entity"))


def test_provenance_of_a_source_entity(kg):
    result = kg.query("provenance", entity="ks:task/06")
    assert len(result) == 1
    row = result[0].values()
    assert row["entity"] == row["_entity_iri"] == k("task/06")
    assert row["source"] == k("source/release")
    assert row["publisher"] == k("org/kunshan-fabu") and row["publisher_label_zh"] == "昆山发布"
    assert result[0]["date"] == ox.Literal("2022-07-09", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    assert date.fromisoformat(row["date"]) == date(2022, 7, 9)
    assert row["source_text"] == (
        "推动新一代信息技术产业集群由大体量向高质量转变,加快“强芯”“亮屏”步伐,做强智能终端,"
        "打造先进计算基地,力争到2025年新一代信息技术产业产值突破6000亿元。"
    )
    assert row["curated"] is False and row["analyst"] is None


def test_provenance_of_a_curated_link(kg):
    result = kg.query("provenance", entity="ks:curated/implementation/05-04")
    assert len(result) == 1
    row = result[0].values()
    assert row["curated"] is True
    assert row["analyst"] == k("agent/plankg-analysts") and row["analyst_label_en"] == "plankg analysts"
    assert row["source"] is None


def test_provenance_of_an_unknown_entity_is_empty(kg):
    assert len(kg.query("provenance", entity="ks:place/nowhere")) == 0


def test_milestones(kg):
    result = kg.query("milestones")
    assert [(r.value("year"), r.value("goal_ordinal")) for r in result] == (
        [(2025, n) for n in range(1, 9)] + [(2035, n) for n in range(1, 5)]
    )
    assert result[0].value("statement_zh") == "经济结构、发展动力、质量效益、空间布局实现重大转变"
    assert result[7].value("statement_zh") == "成为全省社会主义现代化建设的样板"
    assert result[8].value("statement_zh") == "现代化产业体系全面建成"
    assert all(r.value("statement_en") for r in result)


# =================================================================== integrity checks


@pytest.mark.parametrize("name", VIOLATIONS)
def test_violation_queries_find_nothing_on_the_bundled_plan(any_kg, name):
    assert rows(any_kg.query(name)) == []


@pytest.mark.parametrize("name", VIOLATIONS)
def test_violation_queries_find_nothing_without_the_curated_layer(name):
    assert rows(plankg.load(curated=False).query(name)) == []


PREFIXES = f"""
@base <{KS}> .
@prefix plan: <{PLAN}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix qb:   <http://purl.org/linked-data/cube#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


def _term(text: str) -> ox.NamedNode | ox.Literal:
    if text.startswith("ks:"):
        return ox.NamedNode(KS + text[3:])
    if text.startswith("plan:"):
        return ox.NamedNode(PLAN + text[5:])
    return ox.Literal(text, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))


def _remove(subject: str, predicate: str, value: str):
    """An edit that removes one triple from whichever data file states it."""
    unwanted = ox.Triple(_term(subject), _term(predicate), _term(value))

    def edit(folder: Path) -> None:
        removed = 0
        for path in sorted(folder.rglob("*.ttl")):
            triples = [quad.triple for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]
            kept = [t for t in triples if t != unwanted]
            if len(kept) != len(triples):
                removed += len(triples) - len(kept)
                path.write_bytes(ox.serialize(kept, format=ox.RdfFormat.N_TRIPLES))
                path.rename(path.with_suffix(".nt"))
        assert removed == 1, f"the data no longer states {unwanted}"

    return edit


def _add(layer: str, turtle: str):
    """An edit that adds a file of triples to the source or curated layer (``ks:x/y`` written ``<x/y>``)."""
    turtle = re.sub(r"\bks:([\w/-]+)", r"<\1>", turtle)

    def edit(folder: Path) -> None:
        (folder / layer / "zz-broken.ttl").write_text(PREFIXES + turtle, encoding="utf-8")

    return edit


def _both(*edits):
    def edit(folder: Path) -> None:
        for each in edits:
            each(folder)

    return edit


#: Broken copies of the bundled plan: (name, edit, violation query, what a row must contain).
BROKEN = {
    "task-in-no-area": (_remove("ks:area/01", "plan:hasTask", "ks:task/05"), "task-area-violation",
                        {"task": k("task/05"), "area_count": 0}),
    "task-in-two-areas": (_add("source", "ks:area/02 plan:hasTask ks:task/05 ."),
                          "task-area-violation", {"task": k("task/05"), "area_count": 2}),
    "target-without-unit": (
        _add("source", """
            ks:task/06 plan:hasTarget ks:target/06-2 .
            ks:target/06-2 a plan:Target ; rdfs:label "无单位"@zh , "no unit"@en ;
                plan:value "1"^^xsd:decimal ; plan:year 2025 ."""),
        "target-fields-violation", {"target": k("target/06-2"), "field": PLAN + "unit", "value_count": 0}),
    "target-with-two-years": (_add("source", "ks:target/07-1 plan:year 2026 ."),
                              "target-fields-violation",
                              {"target": k("target/07-1"), "field": PLAN + "year", "value_count": 2}),
    "link-without-qualified-node": (_add("curated", "ks:action-plan/12 plan:implements ks:task/05 ."),
                                    "curated-rationale-violation",
                                    {"subject": k("action-plan/12"), "object": k("task/05"),
                                     "problem": "no qualified node"}),
    "link-without-rationale": (
        _add("curated", """
            ks:task/23 plan:supports ks:task/24 .
            ks:curated/support/23-24 a plan:Support ;
                rdfs:label "任务23支撑任务24"@zh , "Task 23 supports task 24"@en ;
                plan:supportingTask ks:task/23 ; plan:supportedTask ks:task/24 ;
                prov:wasAttributedTo ks:agent/plankg-analysts ."""),
        "curated-rationale-violation",
        {"subject": k("task/23"), "object": k("task/24"), "problem": "no rationale"}),
    "qualified-node-without-link": (
        _add("curated", """
            ks:curated/implementation/12-05 a plan:Implementation ;
                rdfs:label "行动计划12落实任务5"@zh , "Action plan 12 implements task 5"@en ;
                plan:actionPlan ks:action-plan/12 ; plan:task ks:task/05 ;
                plan:rationale "理由"@zh , "A reason"@en ; prov:wasAttributedTo ks:agent/plankg-analysts ."""),
        "curated-rationale-violation",
        {"qualified": k("curated/implementation/12-05"), "problem": "no direct link"}),
    "link-not-attributed": (
        _add("curated", """
            ks:action-plan/12 plan:implements ks:task/23 .
            ks:curated/implementation/12-23 a plan:Implementation ;
                rdfs:label "行动计划12落实任务23"@zh , "Action plan 12 implements task 23"@en ;
                plan:actionPlan ks:action-plan/12 ; plan:task ks:task/23 ;
                plan:rationale "理由"@zh , "A reason"@en ."""),
        "curated-rationale-violation",
        {"qualified": k("curated/implementation/12-23"), "problem": "not attributed to an analyst"}),
    "incomplete-qualified-node": (
        _add("curated", """
            ks:curated/support/24-25 a plan:Support ;
                rdfs:label "任务24支撑任务25"@zh , "Task 24 supports task 25"@en ;
                plan:supportingTask ks:task/24 ;
                plan:rationale "理由"@zh , "A reason"@en ; prov:wasAttributedTo ks:agent/plankg-analysts ."""),
        "curated-rationale-violation",
        {"qualified": k("curated/support/24-25"), "problem": "incomplete qualified node"}),
    "extra-action-plan": (
        _add("source", 'ks:action-plan/13 a plan:ActionPlan ; plan:ordinal 13 ; rdfs:label "第13项"@zh , "A 13th"@en .'),
        "declared-count-violation", {"count": k("count/action-plans"), "declared": 12, "enumerated": 13}),
    "too-few-projects-declared": (
        _both(_remove("ks:count/projects", "plan:declaredValue", "200"),
              _add("source", "ks:count/projects plan:declaredValue 20 .")),
        "declared-count-violation",
        {"count": k("count/projects"), "declared": 20, "enumerated": 25, "problem": "fewer declared than named"}),
    "place-without-english-label": (_add("source", 'ks:place/nowhere a plan:Town ; rdfs:label "无名镇"@zh .'),
                                    "label-language-violation",
                                    {"entity": k("place/nowhere"), "missing_language": "en"}),
}
#: The official 2022 listed-companies observation, and copies of it under another IRI.
_OBS = "ks:observation/listed-companies/2022/jiangsu-gov-2023-01-29"


def _observation_copy(drop: str = "", extra: str = "") -> str:
    fields = {
        "qb:dataSet": "ks:observations", "plan:indicator": "ks:indicator/listed-companies",
        "plan:refPeriod": '"2022"', "plan:refArea": "ks:place/kunshan",
        "plan:source": "ks:source/jiangsu-gov-2023-01-29", "plan:value": '"46"^^xsd:decimal',
        "plan:unit": "<http://qudt.org/vocab/unit/NUM>", "plan:periodKind": "plan:FullYear",
        "plan:observationStatus": "plan:Final", "plan:sourceExpression": '"累计达46家"',
    }
    if drop:
        fields["plan:refPeriod"] = '"2021"'  # not a duplicate of the original
    body = " ;\n    ".join(f"{p} {o}" for p, o in fields.items() if p != drop)
    return f'ks:observation/copy a plan:Observation ;\n    rdfs:label "副本"@zh , "Copy"@en ;\n    {body} .\n{extra}'


BROKEN.update({
    "observation-in-two-data-sets": (_add("source", f"{_OBS} qb:dataSet ks:observations-2 ."),
                                     "datacube-ic01-violation", {"observation": k(_OBS[3:]), "datasets": 2}),
    "data-set-without-structure": (_add("source", 'ks:observations-2 a qb:DataSet ; rdfs:label "二"@zh , "Two"@en .'),
                                   "datacube-ic02-violation", {"dataset": k("observations-2"), "structures": 0}),
    "structure-without-measure": (
        _add("source", "ks:dsd a qb:DataStructureDefinition ; qb:component [ qb:dimension plan:indicator ] ."),
        "datacube-ic03-violation", {"structure": k("dsd")}),
    "dimension-without-range": (_add("source", "ks:dimension a qb:DimensionProperty ."),
                                "datacube-ic04-violation", {"dimension": k("dimension")}),
    "optional-dimension": (
        _add("source", "ks:dsd a qb:DataStructureDefinition ; "
                       "qb:component [ qb:dimension plan:indicator ; qb:componentRequired false ] , [ qb:measure plan:value ] ."),
        "datacube-ic06-violation", {"structure": k("dsd"), "property": PLAN + "indicator"}),
    "observation-without-place": (_add("source", _observation_copy("plan:refArea")), "datacube-ic11-violation",
                                  {"observation": k("observation/copy"), "dimension": PLAN + "refArea"}),
    "duplicate-observation": (_add("source", _observation_copy()), "datacube-ic12-violation",
                              {"observation": k("observation/copy"), "duplicate": k(_OBS[3:])}),
    "observation-without-status": (_add("source", _observation_copy("plan:observationStatus")), "datacube-ic13-violation",
                                   {"observation": k("observation/copy"), "attribute": PLAN + "observationStatus"}),
    "observation-without-value": (_add("source", _observation_copy("plan:value")), "datacube-ic14-violation",
                                  {"observation": k("observation/copy"), "measure": PLAN + "value"}),
    "value-outside-code-list": (
        _add("source", "plan:indicator qb:codeList ks:indicators . ks:indicators a skos:ConceptScheme ."),
        "datacube-ic19-violation", {"dimension": PLAN + "indicator"}),
    "proxy-without-judgement": (_add("curated", "ks:target/08-2 plan:proxyIndicator ks:indicator/enterprises-1bn ."),
                                "curated-rationale-violation", {"subject": k("target/08-2"), "problem": "no qualified node"}),
})
if "target-task-violation" in VIOLATIONS:
    BROKEN["target-of-two-tasks"] = (_add("source", "ks:task/07 plan:hasTarget ks:target/06-1 ."),
                                     "target-task-violation", {"target": k("target/06-1"), "task_count": 2})
if "support-cycle-violation" in VIOLATIONS:
    BROKEN["support-cycle"] = (_add("curated", "ks:task/06 plan:supports ks:task/08 ."),
                               "support-cycle-violation", {"task": k("task/06")})


def _graphs(name: str) -> plankg.GraphNames:
    return plankg.GraphNames(base=f"urn:plankg-test:{name}/")


@pytest.fixture(scope="module")
def broken_plans(tmp_path_factory):
    """Each broken copy of the plan, on embedded Oxigraph, rdflib and one Oxigraph server."""
    plans = {}
    for name, (edit, _, _) in BROKEN.items():
        folder = tmp_path_factory.mktemp(name) / "kunshan-2022"
        shutil.copytree(bundled_plan_dir(), folder)
        edit(folder)
        plans[name] = (plankg.load([folder], graphs=_graphs(name)),
                       plankg.load([folder], graphs=_graphs(name), engine="rdflib"))
    location = tmp_path_factory.mktemp("oxigraph-broken")
    store = ox.Store(str(location))
    for local, _ in plans.values():
        store.extend(local.quads())
    store.flush()
    del store
    server = start_server(location, read_only=True)
    yield {name: (*pair, plankg.connect(server.query_url, graphs=_graphs(name))) for name, pair in plans.items()}
    server.stop()


def test_every_violation_query_has_a_broken_plan():
    assert set(VIOLATIONS) == {query for _, query, _ in BROKEN.values()}


@pytest.mark.parametrize("broken", list(BROKEN))
def test_violation_query_finds_the_breakage_on_every_engine(broken_plans, broken):
    _, query, expected = BROKEN[broken]
    local, with_rdflib, endpoint = broken_plans[broken]
    found = rows(local.query(query))
    assert found, f"{query} found nothing on {broken}"
    assert rows(with_rdflib.query(query)) == found
    assert rows(endpoint.query(query)) == found
    assert any(expected.items() <= row.values().items() for row in local.query(query)), found


@pytest.mark.parametrize("broken", list(BROKEN))
def test_each_broken_plan_fails_only_its_own_check(broken_plans, broken):
    _, query, _ = BROKEN[broken]
    local = broken_plans[broken][0]
    fired = {name for name in VIOLATIONS if len(local.query(name))}
    # The cycle is made of a bare supports link, which also lacks its qualified node.
    collateral = {"support-cycle": {"curated-rationale-violation"}}.get(broken, set())
    assert fired == {query} | collateral


def test_bundled_query_folder_is_the_library():
    assert plankg.QueryLibrary().folder == queries_dir()
    assert set(NAMES) == {p.stem for p in queries_dir().glob("*.rq")}


# =================================================================== several plans loaded together

#: Parameters for the plan queries that need some, matching in more than one plan where they can.
PLAN_CASES = {
    "tasks-by-area": {"area": "1"},
    "places-involvement": {"place": "zhoushi"},
    "targets-by-year": {"year": 2035},
    "label-search": {"term": "任务"},
}


def _plan_cases():
    for name in PLAN_QUERIES:
        yield pytest.param(name, PLAN_CASES.get(name, {}), id=name)


def _plan_rows(result) -> list[dict]:
    """A result's rows without the echoed plan parameter (bound only when it was given)."""
    return without(rows(result), "__plan_iri")


def test_every_plan_query_returns_a_plan_column_and_takes_the_plan_parameter():
    for name in PLAN_QUERIES:
        assert [p for p in LIBRARY[name].parameters if p.name == "plan"] == [
            plankg.sparql.params.Parameter("__plan_iri", "plan", "iri", False)], name
        projection = re.search(r"\bSELECT\b(.*?)\bWHERE\b", skeleton(LIBRARY[name].text), re.S | re.I).group(1)
        assert "?plan" in projection.split(), f"{name} does not return a plan column"


@pytest.mark.parametrize("name, params", list(_plan_cases()))
def test_loaded_together_each_plan_gets_exactly_its_own_rows_on_the_three_engines(
    kg_plans, kg_plans_rdflib, kg_plans_endpoint, kg_alone, name, params
):
    together = rows(kg_plans.query(name, **params))
    assert rows(kg_plans_rdflib.query(name, **params)) == together
    assert rows(kg_plans_endpoint.query(name, **params)) == together
    every = []
    for info in kg_plans.plans:
        own = _plan_rows(kg_plans.query(name, plan=info.prefix, **params))
        assert {row["plan"].value for row in own} <= {info.iri}, f"{name}: another plan's rows for {info.prefix}"
        assert _plan_rows(kg_plans_rdflib.query(name, plan=info.iri, **params)) == own
        assert _plan_rows(kg_plans_endpoint.query(name, plan=info.prefix + ":", **params)) == own
        # The plan's rows are what the plan alone gives: nothing of another plan leaks in.
        assert own == _plan_rows(kg_alone[info.prefix].query(name, **params)), f"{name} on {info.prefix}"
        every += own
    assert sorted(map(repr, every)) == sorted(map(repr, without(together, "__plan_iri"))), "every row has a plan"


def test_the_plan_parameter_echoes_the_plan_it_was_given(kg_plans):
    result = kg_plans.query("plan-overview", plan="tiny")
    assert set(result.column("__plan_iri")) == {"https://example.org/tiny/plan"}
    assert result.column("task_label_en") == ["Task 1", "Task 2", "Task 3", "Task 4"]
    assert set(kg_plans.query("plan-overview").column("__plan_iri")) == {None}


@pytest.mark.parametrize("plan", ["sh", "https://example.org/nothing/plan", "ks:task/01"])
def test_a_plan_parameter_that_names_no_loaded_plan_is_refused(any_kg_plans, plan):
    with pytest.raises(plankg.ParameterError, match="the plans loaded are: " + loaded_names(any_kg_plans)):
        any_kg_plans.query("targets", plan=plan)


def test_kunshan_numbers_are_unchanged_beside_another_plan(any_kg_plans):
    assert len(any_kg_plans.query("plan-overview", plan="ks")) == 25
    assert len(any_kg_plans.query("targets", plan="ks")) == 11
    assert len(set(any_kg_plans.query("action-plans", plan="ks").column("action_plan"))) == 12
    counts = {r.value("kind"): (r.value("declared"), r.value("enumerated"))
              for r in any_kg_plans.query("declared-counts", plan="ks")}
    assert counts[PLAN + "Task"] == (25, 25)
    tiny = {r.value("kind"): (r.value("declared"), r.value("enumerated"))
            for r in any_kg_plans.query("declared-counts", plan="tiny")}
    assert tiny == {PLAN + "Task": (4, 4)}


@pytest.mark.parametrize("name", VIOLATIONS)
def test_violation_queries_find_nothing_with_every_plan_loaded(any_kg_plans, name):
    assert rows(any_kg_plans.query(name)) == []


def test_declared_counts_compare_each_plan_with_its_own_items(kg_plans):
    # Merged, 29 tasks would stand against Kunshan's declared 25 and the test plan's 4.
    tasks = {r.value("plan"): r.value("enumerated") for r in kg_plans.query("declared-counts")
             if r.value("kind") == PLAN + "Task"}
    assert (tasks[KS + "plan"], tasks["https://example.org/tiny/plan"]) == (25, 4)
