"""Authoring plans without Turtle: a workbook that round-trips exactly.

One way in (:mod:`plankg.authoring.api`):

- :func:`export_workbook` writes a loaded plan as an ``.xlsx`` workbook or a
  folder of CSV files, one sheet per kind of entity;
- :func:`import_workbook` reads one back, writes a data folder of sorted
  Turtle in the layout of ``data/``, and validates it, every problem mapped
  to its cell;
- :func:`new_plan` starts a plan: a data folder or a workbook that validates
  as it is;
- :func:`parse_quantity` reads Chinese quantity expressions (突破6000亿元).

openpyxl is needed for ``.xlsx`` only (``pip install 'plankg[authoring]'``),
and is imported only when a workbook is read or written.
"""

from .api import ImportResult, WorkbookResult, export_workbook, import_workbook
from .errors import CellError, WorkbookError
from .new import new_plan
from .quantity import Quantity, find_quantities, parse_quantity

__all__ = [
    "export_workbook",
    "import_workbook",
    "new_plan",
    "parse_quantity",
    "find_quantities",
    "Quantity",
    "CellError",
    "WorkbookError",
    "ImportResult",
    "WorkbookResult",
]
