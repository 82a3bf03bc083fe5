"""The bundled Kunshan plan says what the source says: counts and facts checked by hand."""

import pytest

KS = "https://w3id.org/plankg/kunshan-2022/"


def one(kg, query, **params):
    rows = kg.sparql(query, **params)
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize(
    ("cls", "count"),
    [
        ("plan:Area", 7),
        ("plan:DemonstrationArea", 6),
        ("plan:PartyBuildingSection", 1),
        ("plan:Task", 25),
        ("plan:ActionPlan", 12),
        ("plan:Milestone", 2),
        ("plan:Target", 11),
        ("plan:SpatialGroup", 4),
        ("plan:DeclaredCount", 4),
    ],
)
def test_enumerated_counts(kg, cls, count):
    query = f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a/rdfs:subClassOf* {cls} }}"
    assert one(kg, query).value("n") == count


def test_declared_counts_are_data_of_their_own(kg):
    rows = kg.sparql(
        "SELECT ?class ?n WHERE { ks:plan plan:declares ?c . ?c plan:countOf ?class ; plan:declaredValue ?n }"
        " ORDER BY ?n"
    )
    assert [(r["class"].value.rsplit("#")[-1], r.value("n")) for r in rows] == [
        ("DemonstrationArea", 6),
        ("ActionPlan", 12),
        ("Task", 25),
        ("Project", 200),
    ]


def test_task_3_is_led_by_the_development_zone_with_three_collaborating_towns(kg):
    rows = kg.sparql(
        """SELECT ?label ?role WHERE {
             ks:task\\/03 plan:involves ?i . ?i plan:place ?p ; plan:role ?role .
             ?p rdfs:label ?label FILTER(LANG(?label) = "zh") } ORDER BY ?role ?label"""
    )
    found = {(r["label"].value, r["role"].value.rsplit("#")[-1]) for r in rows}
    assert found == {
        ("昆山开发区", "Lead"),
        ("张浦镇", "Collaborator"),
        ("周市镇", "Collaborator"),
        ("千灯镇", "Collaborator"),
    }


def test_task_1_lead_wording_is_kept_verbatim(kg):
    row = one(
        kg,
        "SELECT ?text WHERE { ks:task\\/01 plan:involves ?i . ?i plan:role plan:Lead ; plan:sourceText ?text }",
    )
    assert row["text"].value == "以花桥国际商务城为引领"


def test_task_6_target_is_600_billion_yuan_by_2025(kg):
    row = one(
        kg,
        """SELECT ?value ?unit ?year ?cmp ?expr WHERE {
             ks:task\\/06 plan:hasTarget ?t . ?t plan:value ?value ; plan:unit ?unit ; plan:year ?year ;
             plan:comparator ?cmp ; plan:sourceExpression ?expr }""",
    )
    assert row.value("value") == 600000000000
    assert row["unit"].value == "http://qudt.org/vocab/unit/CCY_CNY"
    assert row.value("year") == 2025
    assert row["cmp"].value.endswith("#Exceed")
    assert row.value("expr") == "6000亿元"


def test_task_19_income_targets_are_normalized_to_yuan(kg):
    rows = kg.sparql(
        "SELECT ?value ?expr WHERE { ks:task\\/19 plan:hasTarget ?t . ?t plan:value ?value ; plan:sourceExpression ?expr } ORDER BY ?value"
    )
    assert [(r.value("value"), r.value("expr")) for r in rows] == [(85000, "8.5万元"), (13000000, "1300万元")]


def test_task_4_forms_the_jiangnan_water_town_cluster(kg):
    row = one(
        kg,
        """SELECT ?label WHERE { ks:task\\/04 plan:formsCluster ?c . ?c rdfs:label ?label FILTER(LANG(?label) = "zh") }""",
    )
    assert row.value("label") == "江南水乡生态人文组团"
    members = kg.sparql(
        """SELECT ?label WHERE { ks:task\\/04 plan:formsCluster ?c . ?c plan:includesPlace ?p .
             ?p rdfs:label ?label FILTER(LANG(?label) = "zh") } ORDER BY ?label"""
    )
    assert sorted(r.value("label") for r in members) == sorted(["昆山旅游度假区", "锦溪镇", "淀山湖镇", "周庄镇"])


def test_action_plan_5_runs_2022_to_2025(kg):
    row = one(
        kg,
        """SELECT ?title ?start ?end WHERE { ks:action-plan\\/05 dcterms:title ?title ;
             plan:period [ plan:startYear ?start ; plan:endYear ?end ] }""",
    )
    assert row.value("title") == "昆山加快建设长三角生态绿色一体化发展示范区协调区行动计划(2022~2025年)"
    assert (row.value("start"), row.value("end")) == (2022, 2025)


def test_tasks_are_numbered_1_to_25_with_their_statements(kg):
    rows = kg.sparql(
        'SELECT ?n ?text WHERE { ?t a plan:Task ; plan:ordinal ?n ; plan:statement ?text FILTER(LANG(?text) = "zh") } ORDER BY ?n'
    )
    assert [r.value("n") for r in rows] == list(range(1, 26))
    assert rows[5].value("text").endswith("力争到2025年新一代信息技术产业产值突破6000亿元。")


def test_every_quoted_text_is_verbatim_in_the_source(kg, source_text):
    rows = kg.sparql(
        """SELECT ?s ?text WHERE {
             { ?s plan:sourceText ?text } UNION { ?s plan:sourceExpression ?text }
             UNION { ?s plan:comparatorText ?text }
             UNION { ?s a plan:Task ; plan:statement ?text FILTER(LANG(?text) = "zh") }
             UNION { ?s a plan:GoalStatement ; plan:statement ?text FILTER(LANG(?text) = "zh") } }"""
    )
    assert len(rows) > 150
    missing = [(r["s"].value, r.value("text")) for r in rows if r.value("text") not in source_text]
    assert missing == []


def test_publication_facts(kg):
    row = one(
        kg,
        """SELECT ?date ?publisher WHERE { ks:source\\/release dcterms:date ?date ; dcterms:publisher ?p .
             ?p rdfs:label ?publisher FILTER(LANG(?publisher) = "zh") }""",
    )
    assert (row.value("date"), row.value("publisher")) == ("2022-07-09", "昆山发布")


def test_curated_layer_is_a_choice(kg):
    import plankg

    asserted = plankg.load(curated=False)
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?ap plan:implements ?task }"
    assert one(asserted, query).value("n") == 0
    assert one(kg, query).value("n") > 0


def test_comparator_words_are_quoted_from_each_targets_source_text(kg):
    rows = kg.sparql("SELECT ?t ?word ?text WHERE { ?t plan:comparatorText ?word ; plan:sourceText ?text }")
    assert len(rows) == 9
    assert [r["t"].value for r in rows if r.value("word") not in r.value("text")] == []
    assert {r.value("word") for r in rows} == {"突破", "形成", "达", "新增"}


def test_counts_say_what_they_count(kg):
    rows = kg.sparql(
        "SELECT ?kind (COUNT(?t) AS ?n) WHERE { ?t plan:unit unit:NUM ; plan:countedKind ?kind } GROUP BY ?kind",
    )
    assert {(r["kind"].value.rsplit("#")[-1], r.value("n")) for r in rows} == {("Enterprise", 6), ("Institution", 1)}
    money = kg.sparql("SELECT (COUNT(?t) AS ?n) WHERE { ?t plan:unit unit:CCY_CNY }")
    assert money[0].value("n") == 4


def test_kunshan_is_a_county_level_city_numbering_its_tasks_across_the_plan(kg):
    row = one(kg, "SELECT ?class ?numbering WHERE { ks:plan plan:covers ?p ; plan:taskNumbering ?numbering . ?p a ?class }")
    assert row["class"].value.endswith("#CountyLevelCity")
    assert row["numbering"].value.endswith("#AcrossPlan")


def test_the_data_set_describes_itself(kg):
    row = one(
        kg,
        """PREFIX void: <http://rdfs.org/ns/void#> PREFIX vann: <http://purl.org/vocab/vann/>
           PREFIX foaf: <http://xmlns.com/foaf/0.1/>
           SELECT ?topic ?space ?prefix WHERE { ?d a void:Dataset ; foaf:primaryTopic ?topic ;
             void:uriSpace ?space ; vann:preferredNamespacePrefix ?prefix }""",
    )
    assert (row["topic"].value, row.value("space"), row.value("prefix")) == (KS + "plan", KS, "ks")
