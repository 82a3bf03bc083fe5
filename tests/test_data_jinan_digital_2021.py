"""The bundled Jinan plan says what its source says: counts and facts checked by hand and against the text."""

import re

import pytest

import plankg
from plankg.resources import bundled_plan_dir

JN = "https://w3id.org/plankg/jinan-digital-2021/"
DATA = bundled_plan_dir("jinan-digital-2021")
TEXT = DATA / "source-text" / "jinan-digital-pioneer-city-plan-2021.txt"
CATALOGUE = DATA / "source-text" / "catalogue-row.tsv"


def iri(path):
    """The full IRI of a Jinan entity, as a SPARQL term."""
    return f"<{JN}{path}>"


def one(kg, query):
    rows = kg.sparql(query)
    assert len(rows) == 1, rows
    return rows[0]


@pytest.fixture(scope="module")
def jn():
    """The Jinan plan with its curated layer, on embedded Oxigraph."""
    return plankg.load([DATA])


@pytest.fixture(scope="module")
def text():
    return TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def catalogue():
    return CATALOGUE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("cls", "count"),
    [
        ("plan:Chapter", 1),
        ("plan:Section", 3),
        ("plan:Area", 7),
        ("plan:Task", 19),
        ("plan:Milestone", 2),
        ("plan:GoalStatement", 17),
        ("plan:Target", 32),
        ("plan:PlaceInvolvement", 4),
        ("plan:DeclaredCount", 0),
        ("plan:ActionPlan", 0),
    ],
)
def test_enumerated_counts(jn, cls, count):
    # Asserted types only, so the count does not depend on the ontology's subclass axioms.
    query = f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a {cls} }}"
    assert one(jn, query).value("n") == count


def test_counts_match_the_numbered_items_of_the_text(jn, text):
    lines = text.split("\n")
    tasks = [ln for ln in lines if re.match(r"（\d+）", ln)]
    groups = [ln for ln in lines if re.match(r"\d+\.", ln)]
    part = text[text.index("二、主要任务") : text.index("三、保障措施")]
    sections = [ln for ln in part.split("\n") if re.match(r"（[一二三四五六七八九十]+）", ln)]
    assert (len(tasks), len(groups), len(sections)) == (19, 7, 3)
    assert one(jn, "SELECT (COUNT(?t) AS ?n) WHERE { ?a plan:hasTask ?t }").value("n") == len(tasks)
    rows = jn.sparql(f"SELECT DISTINCT ?g WHERE {{ {iri('chapter/2')} plan:hasArea/plan:hasArea ?g }}")
    assert len(rows) == len(groups)
    rows = jn.sparql(f"SELECT ?s WHERE {{ {iri('chapter/2')} plan:hasArea ?s }}")
    assert len(rows) == len(sections)


def test_every_quoted_text_is_verbatim_in_the_source(jn, text, catalogue):
    rows = jn.sparql(
        """SELECT ?s ?text WHERE {
             { ?s plan:sourceText ?text } UNION { ?s plan:sourceExpression ?text }
             UNION { ?s plan:comparatorText ?text }
             UNION { ?s a plan:Task ; plan:statement ?text FILTER(LANG(?text) = "zh") }
             UNION { ?s a plan:GoalStatement ; plan:statement ?text FILTER(LANG(?text) = "zh") } }"""
    )
    assert len(rows) > 200
    missing = [(r["s"].value, r.value("text")) for r in rows if r.value("text") not in text + catalogue]
    assert missing == []


def test_only_catalogue_facts_are_quoted_from_the_catalogue(jn, text):
    rows = jn.sparql("SELECT ?s ?text WHERE { ?s plan:sourceText ?text FILTER(LANG(?text) = \"en\") }")
    outside = sorted({r["s"].value[len(JN) :] for r in rows if r.value("text") not in text})
    assert outside == ["org/jinan-general-office", "org/jinan-government", "source/portal"]


def test_tasks_are_numbered_1_to_19_across_the_plan(jn, text):
    assert one(jn, f"SELECT ?n WHERE {{ {iri('plan')} plan:taskNumbering ?n }}")["n"].value.endswith("#AcrossPlan")
    rows = jn.sparql(
        'SELECT ?n ?notation ?stmt ?src WHERE { ?t a plan:Task ; plan:ordinal ?n ; skos:notation ?notation ;'
        ' plan:statement ?stmt ; plan:sourceText ?src FILTER(LANG(?stmt) = "zh") } ORDER BY ?n'
    )
    assert [r.value("n") for r in rows] == list(range(1, 20))
    assert [r.value("notation") for r in rows] == [f"（{n}）" for n in range(1, 20)]
    for row in rows:
        item = next(ln.rstrip() for ln in text.split("\n") if ln.startswith(row.value("notation")))
        assert row.value("src") == item
        assert item == row.value("notation") + row.value("stmt") + re.search(r"（责任单位：[^）]*）$", item).group(0)


def test_areas_nest_part_section_group_with_the_source_numbering(jn):
    rows = jn.sparql(
        f"""SELECT ?sn ?gn ?go WHERE {{ {iri('plan')} plan:hasArea ?c . ?c plan:hasArea ?s . ?s plan:hasArea ?g .
             ?s skos:notation ?sn . ?g skos:notation ?gn ; plan:ordinal ?go }} ORDER BY ?gn"""
    )
    assert [(r.value("sn"), r.value("gn"), r.value("go")) for r in rows] == [
        ("（一）", "1.", 1),
        ("（一）", "2.", 2),
        ("（二）", "3.", 1),
        ("（二）", "4.", 2),
        ("（三）", "5.", 1),
        ("（三）", "6.", 2),
        ("（三）", "7.", 3),
    ]
    row = one(jn, f"SELECT ?notation ?n WHERE {{ {iri('plan')} plan:hasArea ?c . ?c a plan:Chapter ; skos:notation ?notation ; plan:ordinal ?n }}")
    assert (row.value("notation"), row.value("n")) == ("二、", 1)


def test_group_3_holds_tasks_7_to_9(jn):
    rows = jn.sparql(f"SELECT ?n WHERE {{ {iri('group/3')} plan:hasTask ?t . ?t plan:ordinal ?n }} ORDER BY ?n")
    assert [r.value("n") for r in rows] == [7, 8, 9]


def test_the_plan_covers_jinan_in_shandong(jn):
    row = one(
        jn,
        f"""SELECT ?city ?cls ?province ?pcls WHERE {{ {iri('plan')} plan:covers ?c .
             ?c a ?cls ; rdfs:label ?city ; schema:containedInPlace ?p . ?p a ?pcls ; rdfs:label ?province
             FILTER(LANG(?city) = "zh" && LANG(?province) = "zh") }}""",
    )
    assert (row.value("city"), row.value("province")) == ("济南市", "山东省")
    assert row["cls"].value.endswith("#PrefectureLevelCity")
    assert row["pcls"].value.endswith("#Province")


def test_milestones_hold_the_main_goals_targets(jn):
    rows = jn.sparql(
        "SELECT ?year (COUNT(?t) AS ?n) WHERE { ?m plan:year ?year ; plan:hasTarget ?t } GROUP BY ?year ORDER BY ?year"
    )
    assert [(r.value("year"), r.value("n")) for r in rows] == [(2023, 9), (2025, 4)]


def test_digital_economy_share_of_gdp_exceeds_50_percent_by_2025(jn):
    row = one(
        jn,
        f"""SELECT ?value ?unit ?cmp ?word ?expr WHERE {{ {iri('milestone/2025')} plan:hasTarget ?t .
             ?t plan:unit ?unit ; plan:value ?value ; plan:comparator ?cmp ; plan:comparatorText ?word ;
             plan:sourceExpression ?expr FILTER(STRENDS(STR(?unit), "PERCENT")) }}""",
    )
    assert row.value("value") == 50
    assert row["unit"].value == "http://qudt.org/vocab/unit/PERCENT"
    assert row["cmp"].value.endswith("#Exceed")
    assert (row.value("word"), row.value("expr")) == ("超过", "50%")


@pytest.mark.parametrize(
    ("target", "value", "comparator", "word", "expression"),
    [
        ("2023-1", 550000000000, "Exceed", "超过", "5500亿元"),
        ("2023-4", 30, "AtLeast", "以上", "30家"),
        ("2023-7", 40000, "AtLeast", "以上", "4万个"),
        ("2023-8", 20, "About", "左右", "20%"),
        ("08-1", 100, "AtLeast", "不少于", "100个"),
        ("14-1", 20, "About", "左右", "20%"),
    ],
)
def test_target_values_comparators_and_source_words(jn, target, value, comparator, word, expression):
    row = one(
        jn,
        f"""SELECT ?value ?cmp ?word ?expr WHERE {{ {iri('target/' + target)} plan:value ?value ;
             plan:comparator ?cmp ; plan:comparatorText ?word ; plan:sourceExpression ?expr }}""",
    )
    assert row.value("value") == value
    assert row["cmp"].value.endswith("#" + comparator)
    assert (row.value("word"), row.value("expr")) == (word, expression)


def test_counts_say_what_they_count(jn):
    rows = jn.sparql(
        "SELECT ?t WHERE { ?t a plan:Target ; plan:unit ?u FILTER(STRENDS(STR(?u), 'NUM')) FILTER NOT EXISTS { ?t plan:countedKind ?k } }"
    )
    assert len(rows) == 0
    row = one(jn, f"SELECT ?label WHERE {{ {iri('target/2023-7')} plan:countedKind ?k . ?k rdfs:label ?label FILTER(LANG(?label) = 'zh') }}")
    assert row.value("label") == "5G基站"


def test_the_3_to_5_platforms_range_is_two_bounds(jn):
    rows = jn.sparql(
        f"""SELECT ?value ?cmp WHERE {{ {iri('task/07')} plan:hasTarget ?t . ?t plan:value ?value ; plan:comparator ?cmp ;
             plan:sourceExpression "3-5家" }} ORDER BY ?value"""
    )
    assert [(r.value("value"), r["cmp"].value.rsplit("#")[-1]) for r in rows] == [(3, "AtLeast"), (5, "AtMost")]


def test_the_data_set_declares_its_own_unit_kinds_and_role(jn):
    row = one(jn, f"SELECT ?scheme WHERE {{ {iri('unit/rank')} a plan:Unit ; skos:inScheme ?scheme }}")
    assert row["scheme"].value == JN + "units"
    kinds = jn.sparql(f"SELECT ?k WHERE {{ ?k a plan:CountedKind ; skos:inScheme {iri('counted-kinds')} }}")
    assert len(kinds) == 7
    row = one(
        jn,
        f"""SELECT ?place WHERE {{ {iri('task/01')} plan:involves ?i . ?i plan:role {iri('role/relied-on')} ; plan:place ?p .
             ?p rdfs:label ?place FILTER(LANG(?place) = "zh") }}""",
    )
    assert row.value("place") == "中国算谷"


def test_task_2_has_three_parks_as_carriers(jn):
    rows = jn.sparql(
        f"""SELECT ?label WHERE {{ {iri('task/02')} plan:involves ?i . ?i plan:role plan:Carrier ; plan:place ?p .
             ?p rdfs:label ?label FILTER(LANG(?label) = "zh") }}"""
    )
    assert sorted(r.value("label") for r in rows) == sorted(["齐鲁软件园", "明湖国际信息技术产业园", "数字经济产业园"])


def test_publication_facts(jn):
    row = one(
        jn,
        f"""SELECT ?date ?publisher ?issuer WHERE {{ {iri('source/portal')} dcterms:date ?date ; dcterms:publisher ?p .
             ?p rdfs:label ?publisher . {iri('plan')} plan:issuedBy/rdfs:label ?issuer
             FILTER(LANG(?publisher) = "zh" && LANG(?issuer) = "zh") }}""",
    )
    assert (row.value("date"), row.value("publisher"), row.value("issuer")) == ("2021-09-15", "济南市人民政府办公厅", "济南市人民政府")


def test_curated_layer_is_a_choice(jn):
    asserted = plankg.load([DATA], curated=False)
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a plan:supports ?b }"
    assert one(asserted, query).value("n") == 0
    assert one(jn, query).value("n") == 5


def test_validates_against_the_shapes(jn):
    has_chapter = jn.sparql("SELECT ?c WHERE { plan:Chapter rdfs:subClassOf plan:Area }")
    if not has_chapter:
        pytest.skip("the ontology does not have the nesting areas (plan:Chapter) yet")
    report = jn.validate()
    assert report.conforms, [str(r) for r in report.results]
