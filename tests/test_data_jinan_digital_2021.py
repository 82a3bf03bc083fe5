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
        ("plan:Chapter", 3),
        ("plan:Section", 9),
        ("plan:Area", 7),
        ("plan:Task", 19),
        ("plan:Milestone", 2),
        ("plan:GoalStatement", 17),
        ("plan:Target", 32),
        ("plan:PlaceInvolvement", 4),
        ("plan:DeclaredCount", 0),
        ("plan:ActionPlan", 0),
        ("plan:Organization", 26),
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
             UNION { ?s a plan:GoalStatement ; plan:statement ?text FILTER(LANG(?text) = "zh") }
             UNION { ?s a plan:Section ; plan:statement ?text FILTER(LANG(?text) = "zh") } }"""
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
    rows = jn.sparql(f"SELECT ?c WHERE {{ {iri('plan')} plan:hasArea ?c . ?c plan:hasArea/plan:hasArea ?g }}")
    assert {r["c"].value for r in rows} == {JN + "chapter/2"}


PARTS = ["一、总体要求", "二、主要任务", "三、保障措施"]


def test_the_three_parts_are_areas_1_to_3_with_their_numbering(jn, text):
    assert [ln for ln in text.split("\n") if re.match(r"[一二三四五六七八九十]+、", ln)] == PARTS
    rows = jn.sparql(
        f"""SELECT ?c ?n ?notation ?label ?src WHERE {{ {iri('plan')} plan:hasArea ?c . ?c a plan:Chapter ;
             plan:ordinal ?n ; skos:notation ?notation ; rdfs:label ?label ; plan:sourceText ?src
             FILTER(LANG(?label) = "zh") }} ORDER BY ?n"""
    )
    assert [(r["c"].value, r.value("n")) for r in rows] == [(JN + f"chapter/{n}", n) for n in (1, 2, 3)]
    assert [r.value("notation") + r.value("label") for r in rows] == PARTS
    assert [r.value("src") for r in rows] == PARTS


def sections_of(text, part):
    """The sections （一）… of a part of the text: (notation, heading, whole section text)."""
    start = text.index(PARTS[part])
    end = text.index(PARTS[part + 1]) if part + 1 < len(PARTS) else len(text)
    body = text[start + len(PARTS[part]) : end].strip()
    pieces = re.split(r"\n\n(?=（[一二三四五六七八九十]+）)", body)
    found = []
    for piece in pieces:
        match = re.match(r"(（[一二三四五六七八九十]+）)([^。]+)。", piece)
        found.append((match.group(1), match.group(2), piece.rstrip()))
    return found


@pytest.mark.parametrize(
    ("chapter", "part", "labels"),
    [
        (1, 0, ["指导思想", "主要目标"]),
        (3, 2, ["加强组织领导", "强化要素保障", "鼓励先行先试", "建立评价机制"]),
    ],
)
def test_guidance_and_measures_are_sections_with_their_own_statements(jn, text, chapter, part, labels):
    expected = sections_of(text, part)
    assert [heading for _, heading, _ in expected] == labels
    rows = jn.sparql(
        f"""SELECT ?s ?n ?notation ?label ?zh ?en ?src WHERE {{ {iri(f'chapter/{chapter}')} plan:hasArea ?s .
             ?s a plan:Section ; plan:ordinal ?n ; skos:notation ?notation ; rdfs:label ?label ;
             plan:statement ?zh , ?en ; plan:sourceText ?src
             FILTER(LANG(?label) = "zh" && LANG(?zh) = "zh" && LANG(?en) = "en") }} ORDER BY ?n"""
    )
    assert [(r["s"].value, r.value("n")) for r in rows] == [
        (JN + f"section/{chapter}-{n}", n) for n in range(1, len(labels) + 1)
    ]
    for row, (notation, heading, whole) in zip(rows, expected):
        assert (row.value("notation"), row.value("label")) == (notation, heading)
        assert row.value("src") == whole
        assert row.value("src") == f"{notation}{heading}。" + row.value("zh")
        assert row.value("en") and row.value("en") != row.value("zh")
    # they hold nothing but their statement
    held = jn.sparql(f"SELECT ?x WHERE {{ {iri(f'chapter/{chapter}')} plan:hasArea/(plan:hasArea|plan:hasTask|plan:hasTarget) ?x }}")
    assert len(held) == 0


def test_the_main_goals_section_points_to_the_milestones_that_hold_its_targets(jn):
    rows = jn.sparql(f"SELECT ?m WHERE {{ {iri('section/1-2')} rdfs:seeAlso ?m . ?m plan:hasTarget ?t }} GROUP BY ?m")
    assert sorted(r["m"].value for r in rows) == [JN + "milestone/2023", JN + "milestone/2025"]


def responsibility_notes(text):
    """Task notation -> the units its closing note lists, in the text's order."""
    notes = {}
    for line in text.split("\n"):
        match = re.match(r"(（\d+）).*（责任单位：([^）]*)）\s*$", line)
        if match:
            notes[match.group(1)] = match.group(2).split("、")
    return notes


def test_every_responsible_unit_named_in_the_text_is_an_organization(jn, text):
    notes = responsibility_notes(text)
    assert len(notes) == 19
    named = {unit for units in notes.values() for unit in units}
    assert len(named) == 24
    rows = jn.sparql(
        """SELECT ?o ?src (COUNT(DISTINCT ?zh) AS ?nzh) (COUNT(DISTINCT ?en) AS ?nen) WHERE {
             ?t plan:responsibleUnit ?o . ?o a plan:Organization ; plan:sourceText ?src .
             OPTIONAL { ?o rdfs:label ?zh FILTER(LANG(?zh) = "zh") }
             OPTIONAL { ?o rdfs:label ?en FILTER(LANG(?en) = "en") } } GROUP BY ?o ?src"""
    )
    assert sorted(r.value("src") for r in rows) == sorted(named)  # one IRI per unit, one sourceText each
    assert all((r.value("nzh"), r.value("nen")) == (1, 1) for r in rows)
    assert all(r["o"].value.startswith(JN + "org/") for r in rows)


def test_each_task_has_the_units_its_note_lists(jn, text):
    notes = responsibility_notes(text)
    rows = jn.sparql(
        "SELECT ?notation ?unit WHERE { ?t a plan:Task ; skos:notation ?notation ; plan:responsibleUnit/plan:sourceText ?unit }"
    )
    found = {}
    for row in rows:
        found.setdefault(row.value("notation"), set()).add(row.value("unit"))
    assert found == {notation: set(units) for notation, units in notes.items()}
    assert all(len(units) == len(set(units)) for units in notes.values())
    assert len(rows) == sum(len(units) for units in notes.values()) == 68


@pytest.mark.parametrize(
    ("task", "units"),
    [
        ("task/02", ["济南市工业和信息化局", "济南市委机要保密局", "济南市各区县政府", "济南高新区管委会"]),
        ("task/12", ["济南市口岸物流办", "济南市地方金融监管局", "济南市文化和旅游局", "济南市体育局"]),
        ("task/15", ["济南市大数据局", "济南市相关部门"]),
    ],
)
def test_responsible_units_by_label(jn, task, units):
    rows = jn.sparql(
        f"""SELECT ?label WHERE {{ {iri(task)} plan:responsibleUnit ?o . ?o rdfs:label ?label
             FILTER(LANG(?label) = "zh") }}"""
    )
    assert sorted(r.value("label") for r in rows) == sorted(units)


def test_the_busiest_unit_is_the_industry_bureau(jn):
    rows = jn.sparql(
        """SELECT ?o (COUNT(?t) AS ?n) WHERE { ?t plan:responsibleUnit ?o } GROUP BY ?o ORDER BY DESC(?n) LIMIT 2"""
    )
    assert [(r["o"].value, r.value("n")) for r in rows] == [(JN + "org/industry-it-bureau", 17), (JN + "org/big-data-bureau", 8)]


def test_no_lead_unit_is_recorded_because_the_text_marks_none(jn, text):
    assert "牵头" not in text
    rows = jn.sparql("SELECT ?p WHERE { ?t a plan:Task ; ?p ?o . ?o a plan:Organization }")
    assert {r["p"].value for r in rows} == {"https://w3id.org/plankg/ontology#responsibleUnit"}


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
