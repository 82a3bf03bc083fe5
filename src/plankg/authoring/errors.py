"""Errors that point at the cell: sheet, row, column, the cell's value, and what to do.

Examples
--------
>>> e = CellError("tasks", 5, "label_zh", "", "必填", "required")
>>> e.message("en")
"tasks, row 5, column label_zh: '': required"
>>> e.message("zh")
'工作表 tasks，第 5 行，列 label_zh，值“”：必填'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import PlanKGError

__all__ = ["CellError", "WorkbookError"]


@dataclass(frozen=True)
class CellError:
    """One problem, where the user can fix it.

    Attributes
    ----------
    sheet : str
        The sheet (or CSV file stem).
    row : int or None
        The spreadsheet's 1-based row (the header rows are 1 and 2).
    column : str or None
        The column's key (its name in the first header row).
    value : str
        The cell's text ('' for a blank cell).
    zh, en : str
        What is wrong and what to do, in Chinese and English.
    """

    sheet: str
    row: int | None
    column: str | None
    value: str
    zh: str
    en: str

    def message(self, lang: str = "zh") -> str:
        """Return the error as one line in ``lang`` (``zh`` or ``en``)."""
        if lang == "en":
            where = [self.sheet]
            if self.row is not None:
                where.append(f"row {self.row}")
            if self.column:
                where.append(f"column {self.column}")
            return f"{', '.join(where)}: {self.value!r}: {self.en}"
        where = [f"工作表 {self.sheet}"]
        if self.row is not None:
            where.append(f"第 {self.row} 行")
        if self.column:
            where.append(f"列 {self.column}")
        return f"{'，'.join(where)}，值“{self.value}”：{self.zh}"

    def to_dict(self) -> dict:
        """Return the error as plain JSON-ready data."""
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "value": self.value,
                "messages": {"zh": self.zh, "en": self.en}}


class WorkbookError(PlanKGError):
    """A workbook or CSV folder cannot be read; every problem names its cell.

    Attributes
    ----------
    errors : tuple of CellError
    """

    def __init__(self, errors: Sequence[CellError]):
        self.errors = tuple(errors)
        more = f" (and {len(self.errors) - 1} more)" if len(self.errors) > 1 else ""
        super().__init__(f"{self.errors[0].message('en')}{more}")

    def lines(self, lang: str = "zh") -> list[str]:
        """Return one line per problem, in ``lang``."""
        return [error.message(lang) for error in self.errors]
