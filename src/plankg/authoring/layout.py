"""The plan workbook's layout: its sheets, their columns, and what each column holds.

A sheet holds one kind of entity (the classes in :attr:`Sheet.classes`, with
their subclasses); each row is one entity of one layer, named by its ``id``.
A column holds the values of one property, of one kind (:class:`Kind`):
IRIs, a language's strings, plain strings, integers, decimals or dates. An
*inverse* column holds the subjects that point at the row's entity (a task's
``area`` is the area whose ``plan:hasTask`` names it). Whatever no column
holds goes to the ``other`` sheet, one statement a row, so that a workbook
keeps every triple of a plan, whatever terms the model grows.

Examples
--------
>>> sheet("tasks").column("label_zh").predicate
'http://www.w3.org/2000/01/rdf-schema#label'
>>> [c.key for c in sheet("tasks").columns][:4]
['id', 'layer', 'type', 'area']
>>> sheet_for_class("https://w3id.org/plankg/ontology#Task").name
'tasks'
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from ..namespaces import PLAN, PREFIXES

__all__ = ["Kind", "Column", "Sheet", "SHEETS", "OTHER", "OTHER_COLUMNS", "ABOUT", "LISTS", "sheet", "sheet_for_class", "ANCHOR_COLUMNS",
           "ANCHOR_PREDICATES"]

_RDF, _RDFS, _SKOS = PREFIXES["rdf"], PREFIXES["rdfs"], PREFIXES["skos"]
_DCT, _PROV, _SCHEMA = PREFIXES["dcterms"], PREFIXES["prov"], PREFIXES["schema"]
_VOID, _VANN, _FOAF, _TIME = PREFIXES["void"], PREFIXES["vann"], PREFIXES["foaf"], PREFIXES["time"]
_XSD, _QB = PREFIXES["xsd"], PREFIXES["qb"]
_ELI = "http://data.europa.eu/eli/ontology#"

#: The name of the sheet of statements no column holds, and of the hidden sheet of drop-down lists.
OTHER = "other"
ABOUT = "about"
LISTS = "lists"


class Kind(enum.Enum):
    """What a column's cells hold."""

    #: IRIs (a plan's own as ``task/06``, others as ``plan:Lead`` or ``<http://…>``), several separated by spaces.
    IRI = "iri"
    #: A string tagged ``@zh``.
    ZH = "zh"
    #: A string tagged ``@en``.
    EN = "en"
    #: Strings tagged ``@zh``, one a line.
    ZH_LINES = "zh-lines"
    #: Strings tagged ``@en``, one a line.
    EN_LINES = "en-lines"
    #: A plain string (``xsd:string``).
    STRING = "string"
    #: An ``xsd:integer``.
    INTEGER = "integer"
    #: An ``xsd:decimal``.
    DECIMAL = "decimal"
    #: An ``xsd:date`` (YYYY-MM-DD).
    DATE = "date"
    #: An ``xsd:gYear`` (YYYY).
    YEAR = "year"
    #: An ``xsd:boolean`` (``true`` or ``false``).
    BOOLEAN = "boolean"

    @property
    def lang(self) -> str | None:
        """The language tag of the column's strings, if any."""
        return {"zh": "zh", "en": "en", "zh-lines": "zh", "en-lines": "en"}.get(self.value)

    @property
    def many(self) -> bool:
        """Whether a cell may hold several values."""
        return self in (Kind.IRI, Kind.ZH_LINES, Kind.EN_LINES)

    @property
    def datatype(self) -> str | None:
        """The datatype of the column's literals (None for IRIs and tagged strings)."""
        return {
            "string": _XSD + "string",
            "integer": _XSD + "integer",
            "decimal": _XSD + "decimal",
            "date": _XSD + "date",
            "year": _XSD + "gYear",
            "boolean": _XSD + "boolean",
        }.get(self.value)


@dataclass(frozen=True)
class Column:
    """One column of a sheet.

    Attributes
    ----------
    key : str
        The column's name in the first header row (ASCII, stable: CSV files and
        code use it).
    zh, en : str
        The column's title in Chinese and English (the second header row).
    predicate : str or None
        The property whose values the column holds; None for ``id`` and ``layer``.
    kind : Kind
    inverse : bool
        Whether the cells name the subjects of ``predicate`` whose object is the row's entity.
    choices : str or None
        The name of the drop-down list of the column (see :data:`LISTS`).
    required : bool
        Whether the shapes require a value (shown in the headers; SHACL decides).
    """

    key: str
    zh: str
    en: str
    predicate: str | None = None
    kind: Kind = Kind.IRI
    inverse: bool = False
    choices: str | None = None
    required: bool = False

    @property
    def title(self) -> str:
        """The bilingual header (``标签（中文） / Label (zh)``), with a star when required."""
        star = " *" if self.required else ""
        return f"{self.zh} / {self.en}{star}"


@dataclass(frozen=True)
class Sheet:
    """One sheet: a kind of entity and its columns.

    Attributes
    ----------
    name : str
        The sheet's name (ASCII; also the CSV file's stem).
    zh, en : str
        What the sheet holds, in Chinese and English.
    classes : tuple of str
        The classes whose instances (with those of their subclasses) are its rows.
    columns : tuple of Column
    layer : str
        The layer of a row whose ``layer`` cell is blank (``source`` or ``curated``).
    file : str
        The Turtle file its rows are written to, in a data folder.
    direct : tuple
        Each direct triple a row stands for: (subject column, predicate, object column).
    curated_file : str
        The file of the curated layer's rows of a source sheet (an observation's rank).
    """

    name: str
    zh: str
    en: str
    classes: tuple[str, ...]
    columns: tuple[Column, ...]
    layer: str = "source"
    file: str = "source/plan.ttl"
    direct: tuple[tuple[str, str, str], ...] = field(default=())
    curated_file: str = "curated/links.ttl"

    def column(self, key: str) -> Column:
        """Return the column named ``key``."""
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)

    @property
    def default_class(self) -> str:
        """The class of a row whose ``type`` cell is blank."""
        return self.classes[0]


def _c(key, zh, en, predicate=None, kind=Kind.IRI, **kw) -> Column:
    return Column(key, zh, en, predicate, kind, **kw)


_ID = _c("id", "标识", "id", required=True)
_LAYER = _c("layer", "层", "layer", choices="layers")


def _head(type_choices: str | None = None) -> tuple[Column, ...]:
    return (_ID, _LAYER, _c("type", "类型", "type", _RDF + "type", choices=type_choices))


def _labels(required: bool = True) -> tuple[Column, ...]:
    return (
        _c("label_zh", "名称（中文）", "label (zh)", _RDFS + "label", Kind.ZH, required=required),
        _c("label_en", "名称（英文）", "label (en)", _RDFS + "label", Kind.EN, required=required),
    )


def _pair(key, zh, en, predicate, required=False, lines=False) -> tuple[Column, ...]:
    kz, ke = (Kind.ZH_LINES, Kind.EN_LINES) if lines else (Kind.ZH, Kind.EN)
    return (
        _c(f"{key}_zh", f"{zh}（中文）", f"{en} (zh)", predicate, kz, required=required),
        _c(f"{key}_en", f"{zh}（英文）", f"{en} (en)", predicate, ke, required=required),
    )


def _tail() -> tuple[Column, ...]:
    """Where each statement comes from, and notes: the last columns of every source sheet."""
    return (
        _c("source_text", "原文", "source text (zh)", PLAN + "sourceText", Kind.ZH_LINES),
        _c("source_text_en", "原文（英文）", "source text (en)", PLAN + "sourceText", Kind.EN_LINES),
        _c("source", "来源", "source", PLAN + "source"),
        *_pair("alt_label", "别名", "alternative label", _SKOS + "altLabel", lines=True),
        *_pair("comment", "说明", "comment", _RDFS + "comment", lines=True),
        *_pair("note", "编者注", "editorial note", _SKOS + "editorialNote", lines=True),
        *ANCHOR_COLUMNS,
    )


#: The reviewer's verdict and the anchor of a drafted row (``plankg extract``): on import the
#: verdict is ``plan:reviewStatus`` (a row judged ``plan:Rejected`` is left out), and the anchor an
#: ``oa:Annotation`` of the row's entity whose target has a TextPositionSelector and a TextQuoteSelector.
ANCHOR_COLUMNS: tuple[Column, ...] = (
    Column("verdict", "审核结论", "reviewer's verdict", PLAN + "reviewStatus", Kind.IRI, choices="verdicts"),
    Column("anchor_start", "原文起点（字符）", "anchor start (character)", None, Kind.INTEGER),
    Column("anchor_end", "原文终点（字符）", "anchor end (character)", None, Kind.INTEGER),
    Column("anchor_exact", "锚定原文", "anchor quote", None, Kind.STRING),
    Column("anchor_prefix", "原文前文", "anchor prefix", None, Kind.STRING),
    Column("anchor_suffix", "原文后文", "anchor suffix", None, Kind.STRING),
    Column("anchor_rule", "抽取规则", "extraction rule", None, Kind.STRING),
)


_OA = "http://www.w3.org/ns/oa#"
#: The properties of a drafted row's anchor (``<id>/anchor``, its target and selectors), which the
#: anchor columns hold (see :func:`plankg.authoring.read.statements_from_tables`).
ANCHOR_PREDICATES = frozenset({_OA + p for p in ("motivatedBy", "hasBody", "hasTarget", "hasSource", "hasSelector",
                                                  "start", "end", "exact", "prefix", "suffix")} | {PLAN + "extractionRule"})


def _int(key, zh, en, predicate, required=False) -> Column:
    return _c(key, zh, en, predicate, Kind.INTEGER, required=required)


SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "dataset", "数据集：本数据集的自我描述", "Data set: the data set's description of itself",
        (_VOID + "Dataset",),
        (
            *_head(),
            *_pair("title", "标题", "title", _DCT + "title"),
            _c("plan", "规划", "plan", _FOAF + "primaryTopic", required=True),
            _c("uri_space", "IRI 空间", "IRI space", _VOID + "uriSpace", Kind.STRING, required=True),
            _c("prefix", "前缀", "prefix", _VANN + "preferredNamespacePrefix", Kind.STRING, required=True),
            _c("namespace", "命名空间", "namespace", _VANN + "preferredNamespaceUri", Kind.STRING),
            _c("generated_by", "生成活动", "generated by", _PROV + "wasGeneratedBy"),
        ),
        file="dataset.ttl",
    ),
    Sheet(
        "plan", "规划", "Plan", (PLAN + "Plan",),
        (
            *_head(),
            *_labels(),
            *_pair("title", "标题", "title", _DCT + "title"),
            *_pair("short_title", "简称", "short title", PLAN + "shortTitle", lines=True),
            _c("issued", "印发日期", "issued", _DCT + "issued", Kind.DATE),
            _c("issued_by", "印发机关", "issued by", PLAN + "issuedBy", required=True),
            *_pair("occasion", "缘由", "occasion", PLAN + "occasion"),
            _c("occasion_event", "缘由会议", "occasion event", PLAN + "occasionEvent"),
            _c("temporal", "时限", "temporal coverage", _DCT + "temporal"),
            _c("covers", "覆盖地域", "covers", PLAN + "covers"),
            _c("task_numbering", "任务编号方式", "task numbering", PLAN + "taskNumbering", choices="numberings"),
            *_tail(),
        ),
    ),
    Sheet(
        "milestones", "里程碑", "Milestones", (PLAN + "Milestone",),
        (
            *_head(),
            _c("plan", "规划", "plan", PLAN + "hasMilestone", inverse=True, required=True),
            _int("year", "年份", "year", PLAN + "year", required=True),
            _c("time", "时间点", "time", _TIME + "hasTime"),
            *_labels(),
            *_tail(),
        ),
    ),
    Sheet(
        "goals", "目标表述", "Goal statements", (PLAN + "GoalStatement",),
        (
            *_head(),
            _c("milestone", "里程碑", "milestone", PLAN + "hasGoalStatement", inverse=True, required=True),
            _int("ordinal", "序号", "ordinal", PLAN + "ordinal", required=True),
            *_labels(),
            *_pair("statement", "表述", "statement", PLAN + "statement", required=True),
            _c("modality", "语气", "modality", PLAN + "modality", choices="modalities"),
            _c("echoes", "呼应", "echoes", PLAN + "echoes"),
            _c("spatial", "所指地域", "spatial coverage", _DCT + "spatial"),
            *_tail(),
        ),
    ),
    Sheet(
        "guiding", "指导性表述（使命、精神、愿景、方针）", "Guiding statements (mission, spirit, vision, thrusts)",
        (PLAN + "GuidingStatement",),
        (
            *_head("guiding-kinds"),
            _c("plan", "规划", "plan", PLAN + "hasGuidingStatement", inverse=True, required=True),
            *_labels(),
            *_pair("statement", "表述", "statement", PLAN + "statement", required=True),
            _c("about", "关于", "about", _SCHEMA + "about"),
            _c("referenced_by", "引用者", "referenced by", _DCT + "references", inverse=True),
            *_tail(),
        ),
    ),
    Sheet(
        "meetings", "会议", "Meetings", (PLAN + "Meeting",),
        (
            *_head(),
            *_labels(),
            _c("organizer", "组织者", "organizer", _SCHEMA + "organizer", required=True),
            _c("about", "关于", "about", _SCHEMA + "about"),
            *_tail(),
        ),
    ),
    Sheet(
        "areas", "领域（篇、章、节）", "Areas (parts, chapters, sections)", (PLAN + "Area",),
        (
            *_head("area-kinds"),
            _c("parent", "上级", "parent", PLAN + "hasArea", inverse=True, required=True),
            _int("ordinal", "序号", "ordinal", PLAN + "ordinal", required=True),
            _c("notation", "原编号", "notation", _SKOS + "notation", Kind.STRING),
            _c("scheme", "所属体系", "in scheme", _SKOS + "inScheme"),
            *_labels(),
            *_pair("statement", "表述", "statement", PLAN + "statement"),
            *_tail(),
        ),
        file="source/structure.ttl",
    ),
    Sheet(
        "tasks", "主要任务", "Main tasks", (PLAN + "Task",),
        (
            *_head(),
            _c("area", "所属领域", "area", PLAN + "hasTask", inverse=True, required=True),
            _int("ordinal", "序号", "ordinal", PLAN + "ordinal", required=True),
            _c("notation", "原编号", "notation", _SKOS + "notation", Kind.STRING),
            _c("scheme", "所属体系", "in scheme", _SKOS + "inScheme"),
            *_labels(),
            *_pair("statement", "任务表述", "statement", PLAN + "statement", required=True),
            _c("initiatives", "点名的项目", "names initiatives", PLAN + "namesInitiative"),
            _c("connects_to", "连接地点", "connects to", PLAN + "connectsTo"),
            _c("links_up_with", "对接", "links up with", PLAN + "linksUpWith"),
            _c("coordinates_with", "协同", "coordinates with", PLAN + "coordinatesWith"),
            _c("merges_into", "融入", "merges into", PLAN + "mergesInto"),
            _c("acts_in_concert_with", "联动", "acts in concert with", PLAN + "actsInConcertWith"),
            _c("direction", "方向", "direction", PLAN + "direction", choices="directions"),
            _c("forms_cluster", "形成的组团", "forms cluster", PLAN + "formsCluster"),
            _c("responsible_units", "责任单位", "responsible units", PLAN + "responsibleUnit"),
            _c("concerns", "涉及议题", "concerns", PLAN + "concerns"),
            *_tail(),
        ),
        file="source/structure.ttl",
    ),
    Sheet(
        "places", "地点及其包含关系", "Places and their containment", (PLAN + "Place",),
        (
            *_head("place-kinds"),
            *_labels(),
            _c("contained_in", "所在地", "contained in", _SCHEMA + "containedInPlace"),
            _c("byname", "别称", "byname", PLAN + "byname", Kind.ZH_LINES),
            *_tail(),
        ),
        file="source/places.ttl",
    ),
    Sheet(
        "roles", "任务中的地点角色", "Place roles in tasks", (PLAN + "PlaceInvolvement",),
        (
            *_head(),
            _c("task", "任务", "task", PLAN + "involves", inverse=True, required=True),
            _c("place", "地点", "place", PLAN + "place", required=True),
            _c("role", "角色", "role", PLAN + "role", choices="roles", required=True),
            *_labels(),
            *_tail(),
        ),
        file="source/places.ttl",
    ),
    Sheet(
        "positionings", "地点的定位（面向谁、服务谁）", "Positionings (toward whom, serving which area)",
        (PLAN + "Positioning",),
        (
            *_head(),
            _c("task", "任务", "task", PLAN + "positions", inverse=True, required=True),
            _c("place", "地点", "place", PLAN + "positionOf", required=True),
            _c("role", "角色", "role", PLAN + "positionRole", choices="roles", required=True),
            _c("toward", "面向", "toward", PLAN + "toward"),
            _c("serves", "服务于", "serves", PLAN + "servesPlace"),
            *_labels(),
            *_tail(),
        ),
        file="source/places.ttl",
    ),
    Sheet(
        "groups", "组团与集群", "Groups and clusters", (PLAN + "SpatialGroup",),
        (
            *_head(),
            *_labels(),
            _c("includes", "包含地点", "includes places", PLAN + "includesPlace", required=True),
            *_tail(),
        ),
        file="source/places.ttl",
    ),
    Sheet(
        "initiatives", "点名的项目与载体", "Named initiatives and projects", (PLAN + "Project",),
        (
            *_head("initiative-kinds"),
            *_labels(),
            _c("contained_in", "所在地", "contained in", _SCHEMA + "containedInPlace"),
            *_tail(),
        ),
        file="source/projects.ttl",
    ),
    Sheet(
        "action_plans", "行动计划", "Action plans", (PLAN + "ActionPlan",),
        (
            *_head(),
            _c("plan", "规划", "plan", PLAN + "hasActionPlan", inverse=True, required=True),
            _int("ordinal", "序号", "ordinal", PLAN + "ordinal", required=True),
            *_labels(),
            *_pair("title", "标题", "title", _DCT + "title"),
            _c("period", "期限", "period", PLAN + "period", required=True),
            _c("based_on", "依据", "based on", _ELI + "based_on"),
            _c("spatial", "所指地域", "spatial coverage", _DCT + "spatial"),
            *_tail(),
        ),
        file="source/action-plans.ttl",
    ),
    Sheet(
        "periods", "期限与时间点", "Periods and points in time",
        (_TIME + "ProperInterval", _TIME + "Interval", _TIME + "Instant"),
        (
            *_head("time-kinds"),
            *_labels(),
            _int("start_year", "起始年", "start year", PLAN + "startYear", required=True),
            _int("end_year", "结束年", "end year", PLAN + "endYear", required=True),
            _c("begins", "起点", "beginning", _TIME + "hasBeginning"),
            _c("ends", "终点", "end", _TIME + "hasEnd"),
            _c("in_year", "年份（时间点）", "year (of an instant)", _TIME + "inXSDgYear", Kind.YEAR),
            *_tail(),
        ),
        file="source/action-plans.ttl",
    ),
    Sheet(
        "targets", "指标与目标值", "Indicators and targets", (PLAN + "Target",),
        (
            *_head(),
            _c("holder", "所属", "holder", PLAN + "hasTarget", inverse=True, required=True),
            _c("expression", "原文数量", "source expression", PLAN + "sourceExpression", Kind.STRING, required=True),
            *_pair("measure", "指标", "measure", PLAN + "measure", required=True),
            _c("value", "数值", "value", PLAN + "value", Kind.DECIMAL, required=True),
            _c("unit", "单位", "unit", PLAN + "unit", choices="units", required=True),
            _c("counted_kind", "计数对象", "counted kind", PLAN + "countedKind", choices="counted-kinds"),
            _c("comparator", "比较方式", "comparator", PLAN + "comparator", choices="comparators", required=True),
            _c("comparator_text", "原文比较词", "comparator text", PLAN + "comparatorText", Kind.STRING),
            _int("year", "目标年", "year", PLAN + "year", required=True),
            _c("indicator", "指标", "indicator", PLAN + "indicator"),
            _c("modality", "语气", "modality", PLAN + "modality", choices="modalities"),
            _c("concerns", "涉及议题", "concerns", PLAN + "concerns"),
            *_labels(),
            *_tail(),
        ),
        file="source/targets.ttl",
    ),
    Sheet(
        "target_sets", "目标组（一句话给出的多个目标）", "Target sets (several targets stated together)",
        (PLAN + "TargetSet",),
        (
            *_head(),
            _c("holder", "所属", "holder", PLAN + "hasTargetSet", inverse=True, required=True),
            _c("targets", "包含的目标", "groups targets", PLAN + "groupsTarget", required=True),
            _c("modality", "语气", "modality", PLAN + "modality", choices="modalities"),
            *_labels(),
            *_tail(),
        ),
        file="source/targets.ttl",
    ),
    Sheet(
        "counts", "规划自述的数量", "Declared counts", (PLAN + "DeclaredCount",),
        (
            *_head(),
            _c("plan", "规划", "plan", PLAN + "declares", inverse=True, required=True),
            _c("count_of", "计数的类", "count of", PLAN + "countOf", required=True),
            _int("value", "数量", "declared value", PLAN + "declaredValue", required=True),
            *_labels(),
            *_tail(),
        ),
        file="source/targets.ttl",
    ),
    Sheet(
        "indicators", "指标（所衡量的量及其单位）", "Indicators (what is measured, with its unit)",
        (PLAN + "Indicator",),
        (
            *_head(),
            *_labels(),
            _c("unit", "单位", "unit", PLAN + "unit", choices="units", required=True),
            _c("counted_kind", "计数对象", "counted kind", PLAN + "countedKind", choices="counted-kinds"),
            _c("scheme", "所属体系", "in scheme", _SKOS + "inScheme"),
            *_tail(),
        ),
        file="source/indicators.ttl",
    ),
    Sheet(
        "data_sets", "观测数据集", "Observation data sets", (_QB + "DataSet",),
        (
            *_head(),
            *_labels(),
            _c("structure", "数据结构", "structure", _QB + "structure", required=True),
            *_tail(),
        ),
        file="source/observations.ttl",
    ),
    Sheet(
        "observations", "观测值（来源给出的数值）", "Observations (values a source gives)", (PLAN + "Observation",),
        (
            *_head(),
            _c("data_set", "数据集", "data set", _QB + "dataSet", required=True),
            _c("indicator", "指标", "indicator", PLAN + "indicator", required=True),
            _c("period", "参考时期（2022、2024-S1、2024-07）", "reference period (2022, 2024-S1, 2024-07)",
               PLAN + "refPeriod", Kind.STRING, required=True),
            _c("period_kind", "时期类型", "period kind", PLAN + "periodKind", choices="period-kinds", required=True),
            _c("period_inferred", "时期系推断", "period inferred", PLAN + "periodInferred", Kind.BOOLEAN,
               choices="booleans"),
            _c("area", "参考地区", "reference area", PLAN + "refArea", required=True),
            _c("value", "数值", "value", PLAN + "value", Kind.DECIMAL, required=True),
            _c("unit", "单位", "unit", PLAN + "unit", choices="units", required=True),
            _c("expression", "原文数量", "source expression", PLAN + "sourceExpression", Kind.STRING, required=True),
            _c("comparator_text", "原文界限词", "comparator text", PLAN + "comparatorText", Kind.STRING),
            _c("bound", "界限", "bound", PLAN + "bound", choices="bounds"),
            _c("status", "状态", "status", PLAN + "observationStatus", choices="statuses", required=True),
            _c("rank", "排序等级（标注）", "rank (curated)", PLAN + "rank", choices="ranks"),
            *_labels(),
            *_tail(),
        ),
        file="source/observations.ttl",
        curated_file="curated/progress.ttl",
    ),
    Sheet(
        "topics", "议题：产业、人群、公共服务", "Topics: sectors, groups of people, public services", (PLAN + "Topic",),
        (
            *_head("topic-kinds"),
            *_labels(),
            _c("scheme", "所属体系", "in scheme", _SKOS + "inScheme", required=True),
            _c("broader", "上位议题", "broader", _SKOS + "broader"),
            *_tail(),
        ),
        file="source/topics.ttl",
    ),
    Sheet(
        "shifts", "转变（由……向……转变）", "Shifts (from … to …)", (PLAN + "Shift",),
        (
            *_head(),
            _c("task", "任务", "task", PLAN + "statesShift", inverse=True, required=True),
            *_labels(),
            *_pair("shift_of", "转变的对象", "what shifts", PLAN + "shiftOf", required=True),
            *_pair("from_state", "由", "from", PLAN + "fromState", required=True),
            *_pair("to_state", "向", "to", PLAN + "toState", required=True),
            *_tail(),
        ),
        file="source/topics.ttl",
    ),
    Sheet(
        "sources", "来源文件", "Sources", (PLAN + "SourceDocument",),
        (
            *_head(),
            *_labels(),
            *_pair("title", "标题", "title", _DCT + "title"),
            _c("publisher", "发布者", "publisher", _DCT + "publisher"),
            _c("date", "日期", "date", _DCT + "date", Kind.DATE),
            _c("issued", "印发日期", "issued", _DCT + "issued", Kind.DATE),
            _c("url", "网址", "url", _SCHEMA + "url"),
            _c("about", "关于", "about", _SCHEMA + "about"),
            _c("derived_from", "源自", "derived from", _PROV + "wasDerivedFrom"),
            _c("publisher_text", "发布者（原文）", "publisher (as written)", PLAN + "publisherText", Kind.STRING),
            _c("source_type", "来源类型", "source type", PLAN + "sourceType", choices="source-types"),
            *_tail(),
        ),
    ),
    Sheet(
        "extractions", "录入活动", "Extractions (how the data was read from its sources)", (PLAN + "Extraction",),
        (
            *_head(),
            *_labels(),
            _c("used", "所据来源", "used", _PROV + "used", required=True),
            *_tail(),
        ),
    ),
    Sheet(
        "organizations", "机构与分析者", "Organizations and analysts", (PLAN + "Organization", PLAN + "Analyst"),
        (*_head("agent-kinds"), *_labels(), *_tail()),
    ),
    Sheet(
        "terms", "本规划自定义的词表", "This plan's own terms", (
            PLAN + "Unit", PLAN + "CountedKind", PLAN + "Comparator", PLAN + "PlaceRole",
            PLAN + "Direction", PLAN + "Modality", PLAN + "Coverage", PLAN + "PeriodKind", PLAN + "Bound",
            PLAN + "ObservationStatus", PLAN + "SourceType", PLAN + "Rank", _SKOS + "ConceptScheme",
        ),
        (
            *_head("term-kinds"),
            *_labels(),
            _c("scheme", "所属体系", "in scheme", _SKOS + "inScheme"),
            _c("top_concepts", "顶层概念", "top concepts", _SKOS + "hasTopConcept"),
            _c("close_match", "近似对应", "close match", _SKOS + "closeMatch"),
            _c("exact_match", "精确对应", "exact match", _SKOS + "exactMatch"),
            *_tail(),
        ),
        file="source/terms.ttl",
    ),
    Sheet(
        "progress", "标注：替代指标、基线与数值冲突", "Curated progress: proxies, baselines, conflicts",
        (PLAN + "Proxy", PLAN + "Baseline", PLAN + "Conflict"),
        (
            *_head("progress-kinds"),
            _c("target", "目标", "target", PLAN + "target"),
            _c("indicator", "替代指标", "proxy indicator", PLAN + "indicator"),
            _c("direct", "直接关系", "direct link", kind=Kind.STRING, choices="yes-no"),
            _int("baseline_year", "基线年份", "baseline year", PLAN + "baselineYear"),
            _c("baseline_observation", "基线观测值", "baseline observation", PLAN + "baselineObservation"),
            _c("conflicting", "冲突的观测值", "conflicting observations", PLAN + "conflictingObservation"),
            *_labels(),
            *_pair("rationale", "理由", "rationale", PLAN + "rationale", required=True),
            _c("attributed_to", "判断者", "attributed to", _PROV + "wasAttributedTo", required=True),
            *_pair("comment", "说明", "comment", _RDFS + "comment", lines=True),
            *_pair("note", "编者注", "editorial note", _SKOS + "editorialNote", lines=True),
        ),
        layer="curated",
        file="curated/progress.ttl",
        # a proxy's direct triple: the target's proxy indicator
        direct=(("target", PLAN + "proxyIndicator", "indicator"),),
    ),
    Sheet(
        "links", "标注：落实、支撑、贡献、对应与判断", "Curated links: implementation, support, contribution, alignment, statements",
        (PLAN + "Implementation", PLAN + "Support", PLAN + "Contribution", PLAN + "Alignment",
         PLAN + "CuratedStatement", PLAN + "CuratedLink"),
        (
            *_head("link-kinds"),
            _c("action_plan", "行动计划", "action plan", PLAN + "actionPlan"),
            _c("task", "任务", "task", PLAN + "task"),
            _c("supporting_task", "支撑任务", "supporting task", PLAN + "supportingTask"),
            _c("supported_task", "被支撑任务", "supported task", PLAN + "supportedTask"),
            _c("contributing_action_plan", "作出贡献的行动计划", "contributing action plan",
               PLAN + "contributingActionPlan"),
            _c("goal_statement", "目标表述", "goal statement", PLAN + "goalStatement"),
            _c("aligned_entity", "对应的实体", "aligned entity", PLAN + "alignedEntity"),
            _c("aligned_concept", "对应的外部概念", "aligned concept", PLAN + "alignedConcept"),
            _c("about", "所涉实体", "about", PLAN + "about"),
            _c("direct", "直接关系", "direct link", kind=Kind.STRING, choices="yes-no"),
            *_labels(),
            *_pair("rationale", "理由", "rationale", PLAN + "rationale", required=True),
            _c("coverage", "覆盖程度", "coverage", PLAN + "coverage", choices="coverages"),
            _c("confidence", "置信度（0–1）", "confidence (0–1)", PLAN + "confidence", Kind.DECIMAL),
            _c("attributed_to", "判断者", "attributed to", _PROV + "wasAttributedTo", required=True),
            *_pair("comment", "说明", "comment", _RDFS + "comment", lines=True),
            *_pair("note", "编者注", "editorial note", _SKOS + "editorialNote", lines=True),
        ),
        layer="curated",
        file="curated/links.ttl",
        # a link's direct triple: (subject column, predicate, object column)
        direct=(
            ("action_plan", PLAN + "implements", "task"),
            ("supporting_task", PLAN + "supports", "supported_task"),
            ("contributing_action_plan", PLAN + "contributesTo", "goal_statement"),
            ("aligned_entity", _SKOS + "relatedMatch", "aligned_concept"),
        ),
    ),
)

#: The columns of the ``other`` sheet: one statement a row.
OTHER_COLUMNS: tuple[Column, ...] = (
    _LAYER,
    _c("subject", "主语", "subject", required=True),
    _c("predicate", "谓语", "predicate", required=True),
    _c("object", "宾语", "object"),
    _c("object_kind", "宾语种类", "object kind", kind=Kind.STRING, choices="object-kinds", required=True),
    _c("datatype", "数据类型", "datatype", kind=Kind.STRING),
    _c("lang", "语言", "language", kind=Kind.STRING),
)

_BY_NAME = {s.name: s for s in SHEETS}


def sheet(name: str) -> Sheet:
    """Return the sheet named ``name``."""
    return _BY_NAME[name]


def sheet_for_class(cls: str, superclasses: dict[str, set[str]] | None = None) -> Sheet | None:
    """Return the first sheet whose classes include ``cls`` or one of its superclasses.

    Parameters
    ----------
    cls : str
        A class IRI.
    superclasses : dict, optional
        Each class's superclasses (transitively, itself included); by default
        only ``cls`` itself is matched.
    """
    ancestors = (superclasses or {}).get(cls, {cls})
    for candidate in SHEETS:
        if any(c in ancestors for c in candidate.classes):
            return candidate
    return None
