"""The one way in: draft a plan from its text, and write the draft.

Examples
--------
>>> draft = extract_text("一、总体要求\\n1. 向东接轨上海,以花桥商务城为引领,强化与陆家镇协同发展。\\n", slug="demo")
>>> [i.cells["label_zh"] for i in draft.of("places")]
['上海', '花桥商务城', '陆家镇']
>>> draft.of("roles")[1].cells["role"]
'plan:Collaborator'
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ExtractionError
from .draft import Draft, Item
from .entities import initiatives, places_and_roles
from .quantities import action_plans, counts, targets
from .rules import Context, areas_and_tasks, milestones, title_and_issuer
from .structure import comma_of, outline, paragraphs
from .text import SourceText, read_source, read_source_file

__all__ = ["extract", "extract_text", "write_draft", "draft_statements", "FORMATS"]

FORMATS = ("xlsx", "csvdir", "turtle")


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", Path(name).stem.lower()).strip("-")
    return slug if slug and slug[0].isalpha() else "draft"


def extract_text(text: str | bytes, *, slug: str = "draft", name: str = "<text>") -> Draft:
    """Draft a plan from its text (a string, or bytes in UTF-8, GB18030/GBK or Big5).

    Parameters
    ----------
    text : str or bytes
        Plain text or an HTML page.
    slug : str
        The draft's slug: its IRI space is ``https://w3id.org/plankg/<slug>/``.
    name : str
        The file's name, for messages.

    Returns
    -------
    Draft
    """
    source = text if isinstance(text, SourceText) else read_source(text, name)
    return _draft(source, slug)


def extract(path: str | Path, *, slug: str | None = None) -> Draft:
    """Draft a plan from the text in the file at ``path``.

    Raises
    ------
    ExtractionError
        If the file cannot be read or holds no text.
    """
    source = read_source_file(path)
    return _draft(source, slug or _slug(str(path)))


def _draft(source: SourceText, slug: str) -> Draft:
    if not re.match(r"^[a-z][a-z0-9-]*$", slug):
        raise ExtractionError(f"{slug!r}: not a slug; use lower-case ASCII letters, digits and - (such as kunshan-draft)")
    s = source.simple
    ctx = Context(s, comma_of(s))
    paras = paragraphs(s)
    nodes, task_style = outline(s, paras)
    head = title_and_issuer(ctx, paras)
    areas_and_tasks(ctx, nodes, task_style)
    milestones(ctx, paras)
    task_spans = [n.body for n, _ in ctx.tasks]
    first = min([n.para.start for n in nodes] or [len(s)])
    last = max([n.para.end for n in nodes] or [0])
    # the plan's own statements: the paragraphs from the title's to the last numbered item, without page furniture
    begin = head["title"][0] if head else 0
    intro = [(p.start, p.end) for p in paras if begin <= p.end and p.start < first]
    area_spans = [(i.anchor.start, i.anchor.end) for i in ctx.items if i.sheet == "areas"]
    statements = intro + area_spans + task_spans + [(n.para.start, n.para.end) for n in nodes if n.document]
    statements += [(n.statement[0], n.statement[1]) for n in nodes if n.statement and n.para.style != task_style]
    places_and_roles(ctx, [sp for sp in statements if sp[1] <= last or sp in intro])
    initiatives(ctx)
    holders = [(ident, n.body, "tasks") for n, ident in ctx.tasks]
    holders += [(i.id, (i.anchor.start, i.anchor.end), "goals") for i in ctx.items if i.sheet == "goals"]
    targets(ctx, holders)
    counts(ctx, [sp for sp in intro if sp not in task_spans] + [
        (n.statement[0], n.statement[1]) for n in nodes if n.statement and n.para.style != task_style]
        + [(p.start, p.end) for p in paras if p.style is None and p.start > first and p.end <= last + 200])
    action_plans(ctx, nodes)
    draft = Draft(source, slug)
    draft.items = _frame(source, slug, head, ctx) + ctx.items
    return draft


def _frame(source: SourceText, slug: str, head: dict, ctx: Context) -> list[Item]:
    """The rows every draft has: the data set, the plan, its source text, the extraction, the issuers."""
    from .draft import Anchor

    s = source.text
    uri_space = f"https://w3id.org/plankg/{slug}/"
    prefix = re.sub(r"[^a-z0-9]", "", slug) or "draft"
    items = [
        Item("dataset", {"id": "dataset", "type": "void:Dataset", "title_zh": f"{slug}（由文本起草）",
                         "title_en": f"{slug} (drafted from its text)", "plan": "plan", "uri_space": uri_space,
                         "prefix": prefix, "generated_by": "extraction/draft"}),
        Item("sources", {"id": "source/text", "label_zh": f"规划文本（{Path(source.name).name}）",
                         "label_en": f"The plan's text ({Path(source.name).name})"}),
        Item("extractions", {"id": "extraction/draft", "label_zh": "由规划文本自动起草（plankg extract）",
                             "label_en": "Drafted from the plan's text by rules (plankg extract)",
                             "used": "source/text"}),
    ]
    plan = {"id": "plan", "label_en": f"Plan drafted from {Path(source.name).name}", "source": "source/text",
            "task_numbering": ctx.numbering}
    anchor = None
    if head:
        a, b = head["title"]
        plan["label_zh"] = plan["title_zh"] = s[a:b]
        anchor = Anchor(a, b, head["rule"])
        if "short" in head:
            plan["short_title_zh"] = s[slice(*head["short"])]
        orgs = []
        for n, (name, start, end) in enumerate(head.get("issuers", []), 1):
            ident = f"org/{n}"
            orgs.append(ident)
            items.append(Item("organizations", {"id": ident, "label_zh": name, "label_en": f"Issuer {n}",
                                                "source": "source/text"}, Anchor(start, end, "plan.issuer")))
        if orgs:
            plan["issued_by"] = " ".join(orgs)
            covered = re.match(r"^(.{2,}?[市县区省])", head["issuers"][0][0])
            if covered and covered.group(1) in ctx.places:
                plan["covers"] = ctx.places[covered.group(1)]
    else:
        plan["label_zh"] = Path(source.name).stem
    items.insert(1, Item("plan", plan, anchor))
    return items


def draft_statements(draft: Draft):
    """The draft's statements, as ``plankg import`` reads its workbook (a :class:`ReadResult`)."""
    from ..authoring.read import statements_from_tables

    tables = draft.tables()
    numbered = {name: list(enumerate(rows, start=3)) for name, rows in tables.items()}
    return statements_from_tables(numbered)


def write_draft(draft: Draft, output: str | Path, format: str = "xlsx") -> list[Path]:
    """Write a draft as a workbook (``xlsx``), a CSV folder (``csvdir``) or a data folder of Turtle (``turtle``).

    Every file is written atomically (:mod:`plankg.atomic`).

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    ExtractionError
        For an unknown format; OutputError if a file cannot be written.
    """
    from ..authoring.api import _write_validated, choices, data_folder_files
    from ..authoring.files import write_csvdir, write_xlsx

    output = Path(output)
    if format == "xlsx":
        write_xlsx(draft.tables(), output, choices())
        return [output]
    if format == "csvdir":
        return list(write_csvdir(draft.tables(), output))
    if format == "turtle":
        read = draft_statements(draft)
        result = _write_validated(data_folder_files(read, note="Drafted by `plankg extract`: every item unreviewed."),
                                  read, output, validate=False)
        return [output / f for f in result.files]
    raise ExtractionError(f"unknown draft format {format!r}; use xlsx, csvdir or turtle")
