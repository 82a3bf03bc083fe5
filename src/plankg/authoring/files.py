"""The workbook's two forms on disk: one ``.xlsx`` file, or a folder of UTF-8 CSV files.

Both hold the same tables. Every sheet has two header rows: the columns'
keys (``id``, ``label_zh`` …), then their titles in Chinese and English;
data starts on row 3. The ``.xlsx`` adds a first sheet that explains the
workbook, drop-down lists for the controlled vocabularies, and frozen
headers. openpyxl is imported only here, and only when a workbook is read or
written.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path

from ..atomic import write_bytes, write_text
from ..errors import ExportError
from .errors import CellError, WorkbookError
from .layout import ABOUT, LISTS, OTHER, OTHER_COLUMNS, SHEETS, Column, Kind

__all__ = ["read_tables", "write_xlsx", "write_csvdir", "columns_of", "HEADER_ROWS", "ABOUT_TEXT"]

#: Data starts after this many header rows.
HEADER_ROWS = 2

_COLUMNS = {s.name: s.columns for s in SHEETS} | {OTHER: OTHER_COLUMNS}
_TITLES = {s.name: (s.zh, s.en) for s in SHEETS} | {OTHER: ("其他陈述（无专门列的三元组）", "Other statements (triples no column holds)")}

ABOUT_TEXT = (
    ("规划工作簿", "Plan workbook"),
    ("每个工作表是一类实体，每行一个实体；第 1 行是列名（勿改），第 2 行是中英文列标题，数据从第 3 行起。",
     "Each sheet is one kind of entity, one entity a row; row 1 holds the column names (keep them), row 2 their "
     "titles in Chinese and English; data starts on row 3."),
    ("id 列决定实体的 IRI（ASCII，如 task/06）：改名称不会改 IRI。引用其他实体时写它的 id；多个值用空格分隔。",
     "The id column fixes each entity's IRI (ASCII, such as task/06): editing a label never changes an IRI. "
     "Refer to other entities by their id; separate several with spaces."),
    ("带 * 的列是必填项。单位、比较方式、角色、地点类型等列有下拉列表；本体之外的词在 terms 表中声明。",
     "Columns marked * are required. Units, comparators, roles and kinds of place have drop-down lists; "
     "declare terms the ontology lacks in the terms sheet."),
    ("layer 列空白即本表的层（标注表 links 和 progress 为 curated，其余为 source）。另一层的行若 type 列空白，只为该实体补充这一层的陈述，不声明类型"
     "（如 places 表中 layer 为 curated 的一行，记下来源层某地的别称）。",
     "A blank layer cell means the sheet's layer (curated for links and progress, source elsewhere). A row of the other layer with a "
     "blank type adds that layer's statements about the entity and types nothing (a curated row of places records "
     "the byname of a place of the source layer)."),
    ("targets 表中只填“原文数量”（如 突破6000亿元）时，导入会解析出数值、单位、比较方式和年份。",
     "In the targets sheet, an expression alone (such as 突破6000亿元) is parsed into value, unit, comparator and year."),
    ("observations 表每行是一个来源给出的一个数值（指标、参考时期、地点、来源、原文数量），照录不估算；"
     "某指标可作另一目标的替代、目标的基线、数值冲突，是分析者的判断，记在 progress 表。",
     "Each row of the observations sheet is one value one source gives (indicator, reference period, place, "
     "source, expression as written), as written, never estimated; that an indicator stands in for a target's, "
     "a target's baseline and a conflict of values are analysts' judgements, recorded in the progress sheet."),
    ("other 表保存没有专门列的陈述（主语、谓语、宾语、数据类型或语言），使往返转换不丢任何信息。",
     "The other sheet keeps the statements no column holds (subject, predicate, object, datatype or language), "
     "so that nothing is lost on the way there and back."),
    ("导入：plankg import 本文件 -o 数据目录；校验：plankg validate 数据目录；报告：plankg report 数据目录。",
     "Import: plankg import THIS-FILE -o DATA-DIR; validate: plankg validate DATA-DIR; report: plankg report DATA-DIR."),
)


def columns_of(name: str) -> Sequence[Column]:
    """Return the columns of the sheet named ``name``."""
    return _COLUMNS[name]


def _sheet_names() -> list[str]:
    return [s.name for s in SHEETS] + [OTHER]


# ---------------------------------------------------------------- writing


def _number(column: Column, text: str):
    """The number to store for ``text``, if the workbook gives the same text back; else None."""
    if column.kind is Kind.INTEGER and re.match(r"^-?(0|[1-9][0-9]{0,14})$", text):
        return int(text)
    if column.kind is Kind.DECIMAL and re.match(r"^-?[0-9]{1,15}(\.[0-9]+)?$", text):
        number = int(text) if "." not in text else float(text)
        if _number_text(number) == text:
            return number
    return None


def _number_text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return format(Decimal(repr(value)).normalize(), "f")


def write_xlsx(
    tables: Mapping[str, Sequence[Mapping[str, str]]], path: str | Path, choices: Mapping[str, Sequence[str]]
) -> Path:
    """Write the tables as an ``.xlsx`` workbook, atomically.

    Parameters
    ----------
    tables : mapping
        Each sheet's name to its rows (column key to text).
    path : path-like
    choices : mapping
        Each drop-down list's name to its values.
    """
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    about = book.active
    about.title = ABOUT
    for zh, en in ABOUT_TEXT:
        about.append([zh, en])
    about["A1"].font = about["B1"].font = Font(bold=True, size=14)
    about.column_dimensions["A"].width = 70
    about.column_dimensions["B"].width = 90
    for row in about.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    about.append([])
    about.append(["工作表", "Sheet"])
    for name in _sheet_names():
        zh, en = _TITLES[name]
        about.append([f"{name}：{zh}", f"{name}: {en}"])

    lists = book.create_sheet(LISTS)
    ranges = {}
    for i, (name, values) in enumerate(sorted(choices.items()), start=1):
        letter = get_column_letter(i)
        lists.cell(1, i, name)
        for j, value in enumerate(values, start=2):
            lists.cell(j, i, value)
        ranges[name] = f"{LISTS}!${letter}$2:${letter}${max(2, len(values) + 1)}"
    lists.sheet_state = "hidden"

    head = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    need = PatternFill("solid", fgColor="FCE4D6")
    for name in _sheet_names():
        sheet = book.create_sheet(name)
        columns = _COLUMNS[name]
        for j, column in enumerate(columns, start=1):
            key = sheet.cell(1, j, column.key)
            title = sheet.cell(2, j, column.title)
            key.font = head
            title.font = head
            title.fill = need if column.required else fill
            title.alignment = Alignment(wrap_text=True, vertical="top")
            wide = column.kind in (Kind.ZH, Kind.EN, Kind.ZH_LINES, Kind.EN_LINES)
            sheet.column_dimensions[get_column_letter(j)].width = 40 if wide else 16
        sheet.freeze_panes = "B3"
        for i, row in enumerate(tables.get(name, ()), start=HEADER_ROWS + 1):
            for j, column in enumerate(columns, start=1):
                text = row.get(column.key, "")
                if text == "":
                    continue
                number = _number(column, text)
                if number is not None:
                    sheet.cell(i, j, number)
                    continue
                if ILLEGAL_CHARACTERS_RE.search(text):
                    raise ExportError(f"{name}, row {i}, column {column.key}: a control character that .xlsx cannot hold; "
                                      "export as csvdir or turtle instead")
                cell = sheet.cell(i, j)
                cell.value = text
                cell.data_type = "s"  # never a formula, whatever the text starts with
                if "\n" in text:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        last = max(HEADER_ROWS + 1 + len(tables.get(name, ())) + 200, 500)
        for j, column in enumerate(columns, start=1):
            if column.choices and column.choices in ranges:
                letter = get_column_letter(j)
                rule = DataValidation(type="list", formula1=ranges[column.choices], allow_blank=True,
                                      showErrorMessage=False)
                rule.add(f"{letter}{HEADER_ROWS + 1}:{letter}{last}")
                sheet.add_data_validation(rule)
    buffer = io.BytesIO()
    book.save(buffer)
    write_bytes(path, buffer.getvalue())
    return Path(path)


def write_csvdir(tables: Mapping[str, Sequence[Mapping[str, str]]], folder: str | Path) -> list[Path]:
    """Write the tables as a folder of UTF-8 CSV files, one per sheet (``tasks.csv`` …), atomically each.

    The folder is made if missing. Returns the files written.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in _sheet_names():
        columns = _COLUMNS[name]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([c.key for c in columns])
        writer.writerow([c.title for c in columns])
        for row in tables.get(name, ()):
            writer.writerow([row.get(c.key, "") for c in columns])
        path = folder / f"{name}.csv"
        write_text(path, out.getvalue())
        written.append(path)
    return written


# ---------------------------------------------------------------- reading


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return _number_text(value)


def _rows(name: str, raw: list[list], errors: list[CellError]) -> list[tuple[int, dict[str, str]]]:
    if not raw:
        return []
    keys = [_cell_text(v).strip() for v in raw[0]]
    known = {c.key for c in _COLUMNS[name]}
    from .cells import SLUG  # noqa: F401  (keeps import order obvious)

    for j, key in enumerate(keys, start=1):
        if key and key not in known:
            errors.append(CellError(name, 1, _letter(j), key,
                                    f"未知列名；本表的列：{', '.join(c.key for c in _COLUMNS[name])}",
                                    f"unknown column; this sheet's columns: {', '.join(c.key for c in _COLUMNS[name])}"))
    rows = []
    for i, values in enumerate(raw[HEADER_ROWS:], start=HEADER_ROWS + 1):
        cells = {key: _cell_text(v) for key, v in zip(keys, values) if key in known}
        if any(v.strip() for v in cells.values()):
            rows.append((i, cells))
    return rows


def _letter(j: int) -> str:
    out = ""
    while j:
        j, r = divmod(j - 1, 26)
        out = chr(65 + r) + out
    return out


def read_tables(path: str | Path) -> dict[str, list[tuple[int, dict[str, str]]]]:
    """Read a workbook (``.xlsx``) or a folder of CSV files into its tables.

    Returns
    -------
    dict
        Each known sheet's name to its rows: ``(row number, {column key: text})``.
        Sheets the layout does not know (notes of your own) are skipped.

    Raises
    ------
    WorkbookError
        For a file that cannot be read or an unknown column.
    """
    path = Path(path)
    errors: list[CellError] = []
    tables = {}
    if path.is_dir():
        files = {p.stem: p for p in path.glob("*.csv")}
        if "dataset" not in files:
            raise WorkbookError([CellError(str(path), None, None, "", "文件夹中没有 dataset.csv", "the folder holds no dataset.csv")])
        for name in _sheet_names():
            if name in files:
                with open(files[name], encoding="utf-8-sig", newline="") as handle:
                    tables[name] = _rows(name, list(csv.reader(handle)), errors)
    else:
        if not path.exists():
            raise WorkbookError([CellError(str(path), None, None, "", "文件不存在", "no such file or folder")])
        try:
            from openpyxl import load_workbook

            book = load_workbook(path, read_only=True, data_only=True)
        except ImportError as err:
            raise WorkbookError([CellError(str(path), None, None, "", "需要 openpyxl：pip install 'plankg[authoring]'",
                                           "openpyxl is needed: pip install 'plankg[authoring]'")]) from err
        except Exception as err:  # openpyxl raises many kinds for a file that is not a workbook
            raise WorkbookError([CellError(str(path), None, None, "", f"不是可读的 .xlsx 工作簿（{err}）",
                                           f"not a readable .xlsx workbook ({err})")]) from err
        try:
            for name in _sheet_names():
                if name in book.sheetnames:
                    raw = [list(r) for r in book[name].iter_rows(values_only=True)]
                    tables[name] = _rows(name, raw, errors)
        finally:
            book.close()
    if errors:
        raise WorkbookError(errors)
    return tables
