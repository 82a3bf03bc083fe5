"""Writing the tables: each bundled plan's statements go to the columns that hold them, not to ``other``."""

from __future__ import annotations

import pytest

import plankg
from plankg.authoring.api import plan_statements
from plankg.authoring.cells import Names
from plankg.authoring.layout import SHEETS
from plankg.authoring.write import tables_from_statements

from .conftest import BUNDLED

_HELD = {c.predicate for s in SHEETS for c in s.columns if c.predicate} | {p for s in SHEETS for _, p, _ in s.direct}


def _tables(plan: str):
    dataset, layers = plan_statements(plankg.load([BUNDLED[plan]]))
    return tables_from_statements(layers, dataset.uri_space), layers


def _row(tables, sheet: str, id: str, layer: str = "") -> dict:
    [row] = [r for r in tables[sheet] if r["id"] == id and r["layer"] == layer]
    return row


@pytest.mark.parametrize("plan", sorted(BUNDLED))
def test_other_keeps_only_what_no_column_can_hold(plan):
    dataset, layers = plan_statements(plankg.load([BUNDLED[plan]]))
    tables = tables_from_statements(layers, dataset.uri_space)
    held = {Names(dataset.uri_space).show(p) for p in _HELD}
    # a column holds each property's values one a line: a multi-line literal stays in other
    assert [r for r in tables["other"] if r["predicate"] in held and "\n" not in r["object"]] == []
    if plan == "ks":
        assert tables["other"] == []


def test_kunshan_new_terms_have_their_rows_and_columns():
    tables, _ = _tables("ks")
    link = _row(tables, "links", "curated/implementation/01-03", "")
    assert (link["coverage"], link["confidence"], link["direct"]) == ("plan:PartialCoverage", "0.6", "yes")
    alignment = _row(tables, "links", "curated/alignment/task-06-sdg-9.2")
    assert (alignment["aligned_entity"], alignment["aligned_concept"]) == ("task/06", "<http://metadata.un.org/sdg/9.2>")
    assert _row(tables, "places", "place/kunshan", "curated") == {"id": "place/kunshan", "layer": "curated",
                                                                  "byname": "鹿城"}
    assert _row(tables, "shifts", "task/06/shift")["from_state_zh"] == "大体量"
    assert _row(tables, "positionings", "task/01/position/kunshan")["role"] == "plan:Bridgehead"
    assert _row(tables, "target_sets", "target-set/08-enterprise-matrix")["targets"] == "target/08-1 target/08-2 target/08-3"
    assert _row(tables, "topics", "sector/automotive", "curated")["broader"] == "sector/high-end-equipment"
    assert _row(tables, "guiding", "guiding/mission")["type"] == "plan:Mission"
    assert _row(tables, "meetings", "event/suzhou-standing-committee-kunshan-meeting")["organizer"] == "org/suzhou-standing-committee"
    assert _row(tables, "periods", "time/2025")["in_year"] == "2025"
    assert _row(tables, "tasks", "task/20")["concerns"].split()[0] == "domain/childcare"


def test_kunshan_progress_terms_have_their_rows_and_columns():
    tables, _ = _tables("ks")
    obs = _row(tables, "observations", "observation/electronic-information-output/2021/caijing-2022-10-24")
    assert (obs["data_set"], obs["indicator"], obs["period"], obs["period_kind"], obs["area"]) == (
        "observations", "indicator/electronic-information-output", "2021", "plan:FullYear", "place/kunshan")
    assert (obs["value"], obs["unit"], obs["expression"], obs["bound"], obs["status"]) == (
        "560000000000", "unit:CCY_CNY", "超5600亿元", "plan:LowerBound", "plan:Final")
    assert obs["source"] == "source/caijing-2022-10-24" and "period_inferred" not in obs
    ranked = _row(tables, "observations", "observation/listed-companies/2022/jiangsu-gov-2023-01-29", "curated")
    assert ranked == {"id": ranked["id"], "layer": "curated", "rank": "plan:PreferredRank"}
    assert _row(tables, "data_sets", "observations")["structure"] == "plan:ObservationStructure"
    assert _row(tables, "indicators", "indicator/enterprises-100bn")["counted_kind"] == "plan:Enterprise"
    assert _row(tables, "targets", "target/06-1")["indicator"] == "indicator/new-generation-it-output"
    source = _row(tables, "sources", "source/chaxiaohao-1750458133")
    assert (source["source_type"], source["publisher_text"]) == ("plan:LowSource", "chaxiaohao.com, claims 昆山日报 2025年4月")
    proxy = _row(tables, "progress", "curated/proxy/06-1/electronic-information-output")
    assert (proxy["type"], proxy["target"], proxy["indicator"], proxy["direct"]) == (
        "plan:Proxy", "target/06-1", "indicator/electronic-information-output", "yes")
    assert _row(tables, "progress", "curated/baseline/19-1")["baseline_year"] == "2020"
    conflict = _row(tables, "progress", "curated/conflict/listed-companies-2022")
    assert conflict["conflicting"].split() == ["observation/listed-companies/2022/gongweng-422280",
                                               "observation/listed-companies/2022/jiangsu-gov-2023-01-29"]
    assert [r for r in tables["observations"] if r.get("period_inferred")]
    assert {r["period_inferred"] for r in tables["observations"] if r.get("period_inferred")} == {"true"}
