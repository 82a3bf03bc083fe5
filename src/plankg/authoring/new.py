"""``plankg new``: start a plan, as a data folder or as a workbook, that validates as it is.

It holds the data set's description and one example of each kind of entity
(a milestone with a goal, a guiding statement, a meeting, an area with a
task, places, a place role and a positioning, a group, an initiative, an
action plan and its period, targets and a target set, a declared count, an
indicator, a data set of observations and an observation, a topic, a shift, a source, an extraction, an organization, a
term of the plan's own, a curated link and a curated baseline), each a row or Turtle block to edit or delete.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> result = new_plan("demo", folder / "demo", title="示例规划")
>>> sorted(p.name for p in (folder / "demo").iterdir())
['curated', 'dataset.ttl', 'source']
>>> prefix_for("jinan-digital-2021")
'jinandigital2021'
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import PlanKGError
from .api import ImportResult, _swap, choices, data_folder_files
from .files import HEADER_ROWS, write_xlsx
from .read import statements_from_tables

__all__ = ["new_plan", "template_tables", "prefix_for", "SLUG_PATTERN"]

#: What a plan's slug looks like: lower-case ASCII letters, digits and hyphens.
SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_ROOT = "https://w3id.org/plankg/"


def prefix_for(slug: str) -> str:
    """Return a prefix for ``slug``: its letters and digits, starting with a letter."""
    prefix = re.sub(r"[^a-z0-9]", "", slug.lower())
    return prefix if prefix[:1].isalpha() else f"p{prefix}"


def template_tables(slug: str, title: str | None = None, uri_space: str | None = None) -> dict[str, list[dict]]:
    """Return the workbook tables of a new plan: one example of each kind.

    Parameters
    ----------
    slug : str
        The plan's short name (``demo``): its folder, IRI space and prefix.
    title : str, optional
        The plan's Chinese title.
    uri_space : str, optional
        The IRI space; ``https://w3id.org/plankg/{slug}/`` by default.
    """
    title = title or f"{slug} 规划"
    en = f"The {slug} plan"
    space = uri_space or f"{_ROOT}{slug}/"
    src = {"source": "source/document"}
    return {
        "dataset": [{"id": "dataset", "type": "dcat:Dataset void:Dataset", "title_zh": f"{title}知识图谱",
                     "title_en": f"{en} knowledge graph", "plan": "plan", "uri_space": space,
                     "prefix": prefix_for(slug), "namespace": space}],
        "plan": [{"id": "plan", "label_zh": title, "label_en": en, "title_zh": title, "title_en": en,
                  "issued_by": "org/issuer", "covers": "place/city", "occasion_event": "event/meeting", "task_numbering": "plan:WithinArea",
                  "source_text": "（此处粘贴规划原文中说明规划名称和印发机关的一句）",
                  "note_zh": "示例：请改成本规划的内容", "note_en": "Example: replace with this plan's own", **src}],
        "milestones": [{"id": "milestone/2025", "plan": "plan", "year": "2025", "label_zh": "2025年",
                        "label_en": "2025 milestone", **src}],
        "goals": [{"id": "milestone/2025/goal/1", "milestone": "milestone/2025", "ordinal": "1",
                   "label_zh": "示例目标", "label_en": "Example goal", "statement_zh": "示例目标表述",
                   "statement_en": "An example goal statement.", **src}],
        "guiding": [{"id": "guiding/mission", "type": "plan:Mission", "plan": "plan", "label_zh": "示例使命",
                     "label_en": "Example mission", "statement_zh": "示例使命表述",
                     "statement_en": "An example mission statement.", **src}],
        "meetings": [{"id": "event/meeting", "label_zh": "示例会议", "label_en": "Example meeting",
                      "organizer": "org/issuer", "about": "place/city", **src}],
        "areas": [{"id": "area/01", "type": "plan:Chapter", "parent": "plan", "ordinal": "1", "notation": "第一章",
                   "label_zh": "示例领域", "label_en": "Example area", **src}],
        "tasks": [{"id": "task/01", "area": "area/01", "ordinal": "1", "notation": "（一）",
                   "label_zh": "示例任务", "label_en": "Example task", "statement_zh": "示例任务表述",
                   "statement_en": "An example task statement.", "initiatives": "project/example",
                   "forms_cluster": "group/example", "concerns": "sector/example", **src}],
        "places": [
            {"id": "place/city", "type": "plan:PrefectureLevelCity", "label_zh": "示例市", "label_en": "Example City", **src},
            {"id": "place/town", "type": "plan:Town", "label_zh": "示例镇", "label_en": "Example Town",
             "contained_in": "place/city", **src},
        ],
        "roles": [{"id": "task/01/involvement/town", "task": "task/01", "place": "place/town", "role": "plan:Lead",
                   "label_zh": "示例镇在任务1中引领", "label_en": "Example Town leads task 1", **src}],
        "positionings": [{"id": "task/01/position/town", "task": "task/01", "place": "place/town",
                          "role": "plan:Engine", "serves": "place/city", "label_zh": "任务1：示例镇（引擎）",
                          "label_en": "Task 1: Example Town (engine)", "source_text": "打造示例市发展引擎", **src}],
        "groups": [{"id": "group/example", "label_zh": "示例组团", "label_en": "Example group",
                    "includes": "place/city place/town", **src}],
        "initiatives": [{"id": "project/example", "label_zh": "示例项目", "label_en": "Example project", **src}],
        "action_plans": [{"id": "action-plan/01", "plan": "plan", "ordinal": "1", "label_zh": "示例行动计划",
                          "label_en": "Example action plan", "period": "period/2023-2025", **src}],
        "periods": [{"id": "period/2023-2025", "label_zh": "2023—2025年", "label_en": "2023–2025",
                     "start_year": "2023", "end_year": "2025", **src}],
        "targets": [{"id": "target/01-1", "holder": "task/01", "expression": "100亿元",
                     "measure_zh": "示例产业产值", "measure_en": "Output of the example industry",
                     "value": "10000000000", "unit": "unit:CCY_CNY", "comparator": "plan:Exceed",
                     "comparator_text": "突破", "year": "2025", "indicator": "indicator/example-output", "label_zh": "示例产业产值突破100亿元",
                     "label_en": "Example industry output above 10 billion yuan",
                     "source_text": "到2025年，示例产业产值突破100亿元", **src},
                    {"id": "target/01-2", "holder": "task/01", "expression": "10家", "measure_zh": "示例企业数",
                     "measure_en": "Number of example enterprises", "value": "10", "unit": "unit:NUM",
                     "counted_kind": "plan:Enterprise", "comparator": "plan:AtLeast", "year": "2025",
                     "label_zh": "示例企业10家", "label_en": "10 example enterprises",
                     "source_text": "培育示例企业10家", **src}],
        "target_sets": [{"id": "target-set/01", "holder": "task/01", "targets": "target/01-1 target/01-2",
                         "modality": "plan:Strive", "label_zh": "示例目标组", "label_en": "Example target set",
                         "source_text": "力争产值突破100亿元、培育示例企业10家", **src}],
        "counts": [{"id": "count/tasks", "plan": "plan", "count_of": "plan:Task", "value": "1",
                    "label_zh": "主要任务数", "label_en": "Number of main tasks", **src}],
        "indicators": [{"id": "indicator/example-output", "label_zh": "示例产业产值",
                        "label_en": "Output of the example industry", "unit": "unit:CCY_CNY"}],
        "data_sets": [{"id": "observations", "label_zh": "示例指标观测值", "label_en": "Example indicator observations",
                       "structure": "plan:ObservationStructure"}],
        "observations": [{"id": "observation/example-output/2023/document", "data_set": "observations",
                          "indicator": "indicator/example-output", "period": "2023", "period_kind": "plan:FullYear",
                          "area": "place/city", "value": "5000000000", "unit": "unit:CCY_CNY", "expression": "50亿元",
                          "status": "plan:Final", "label_zh": "示例产业产值 2023:50亿元",
                          "label_en": "Output of the example industry, 2023: 50亿元",
                          "source_text": "2023年示例产业产值50亿元", **src}],
        "topics": [{"id": "sector/example", "type": "plan:Sector", "label_zh": "示例产业",
                    "label_en": "Example industry", "scheme": "scheme/terms", **src}],
        "shifts": [{"id": "task/01/shift", "task": "task/01", "label_zh": "由大向强转变", "label_en": "From big to strong",
                    "shift_of_zh": "示例产业", "shift_of_en": "the example industry", "from_state_zh": "大",
                    "from_state_en": "big", "to_state_zh": "强", "to_state_en": "strong",
                    "source_text": "推动示例产业由大向强转变", **src}],
        "sources": [{"id": "source/document", "label_zh": "规划原文", "label_en": "The plan's text",
                     "publisher": "org/issuer", "date": "2023-01-01", "url": "<https://example.org/plan>",
                     "source_type": "plan:OfficialSource"}],
        "extractions": [{"id": "activity/extraction", "label_zh": "从规划原文录入", "label_en": "Extraction from the plan's text",
                         "used": "source/document"}],
        "organizations": [
            {"id": "org/issuer", "label_zh": "示例市人民政府", "label_en": "Example City Government", **src},
            {"id": "agent/analysts", "layer": "curated", "type": "plan:Analyst", "label_zh": "分析者",
             "label_en": "Analysts"},
        ],
        "terms": [
            {"id": "scheme/terms", "type": "skos:ConceptScheme", "label_zh": "本规划的词表", "label_en": "This plan's terms"},
            {"id": "unit/mu", "type": "plan:Unit", "label_zh": "亩", "label_en": "mu", "scheme": "scheme/terms",
             "close_match": "unit:HA"},
        ],
        "progress": [{"id": "curated/baseline/01-1", "type": "plan:Baseline", "target": "target/01-1",
                      "baseline_year": "2022", "label_zh": "目标01-1的基线", "label_en": "Baseline of target 01-1",
                      "rationale_zh": "示例理由：没有来源给出2022年的数值。",
                      "rationale_en": "An example rationale: no source gives a 2022 value.",
                      "attributed_to": "agent/analysts"}],
        "links": [{"id": "curated/implementation/01-01", "type": "plan:Implementation", "action_plan": "action-plan/01",
                   "task": "task/01", "direct": "yes", "label_zh": "行动计划1落实任务1",
                   "label_en": "Action plan 1 implements task 1", "rationale_zh": "示例理由",
                   "rationale_en": "An example rationale.", "attributed_to": "agent/analysts"}],
    }


def new_plan(
    slug: str, output: str | Path | None = None, *, title: str | None = None, workbook: bool = False,
    validate: bool = True,
) -> ImportResult:
    """Write a new plan: a data folder, or (``workbook=True``) an ``.xlsx`` workbook.

    Parameters
    ----------
    slug : str
        Lower-case ASCII letters, digits and hyphens (``demo``, ``suzhou-2025``).
    output : path-like, optional
        The folder (or ``.xlsx`` file) to write; ``SLUG`` (``SLUG.xlsx``) by default.
    title : str, optional
        The plan's title in Chinese.
    workbook : bool, default False
    validate : bool, default True
        Check the data folder against the shapes before writing it.

    Returns
    -------
    ImportResult

    Raises
    ------
    PlanKGError
        For a bad slug, or an output that exists already.
    """
    if not SLUG_PATTERN.match(slug):
        raise PlanKGError(f"{slug!r}: a slug is lower-case ASCII letters, digits and hyphens (such as demo or suzhou-2025)")
    tables = template_tables(slug, title)
    if workbook:
        path = Path(output) if output is not None else Path(f"{slug}.xlsx")
        if path.exists():
            raise PlanKGError(f"{path}: exists already; give another path with -o")
        write_xlsx(tables, path, choices())
        return ImportResult(True, (), path, (path,), 0)
    folder = Path(output) if output is not None else Path(slug)
    if folder.exists():
        raise PlanKGError(f"{folder}: exists already; give another folder with -o")
    numbered = {name: [(HEADER_ROWS + 1 + i, row) for i, row in enumerate(rows)] for name, rows in tables.items()}
    read = statements_from_tables(numbered)
    note = "Example entities, one of each kind: edit them, or delete those your plan does not need."
    files = data_folder_files(read, note=note)
    from .api import _write_validated

    return _write_validated(files, read, folder, validate=validate)
