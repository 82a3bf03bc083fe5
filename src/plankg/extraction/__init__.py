"""Drafting a plan's graph from its text: rules, each item anchored in the text.

One way in (:mod:`plankg.extraction.api`):

- :func:`extract` reads a plan's text (plain text or HTML; UTF-8, GB18030/GBK
  or Big5; simplified or traditional characters) and returns a :class:`Draft`;
- :func:`write_draft` writes it as the plan workbook, a CSV folder or a data
  folder of Turtle, every item marked unreviewed and anchored by character
  offsets, quote and rule (W3C Web Annotation selectors after import).

The ``extract`` extra installs zhconv (traditional characters) and pypinyin
(romanised slugs and English names of places); both ship their tables.
"""

from .api import FORMATS, draft_statements, extract, extract_text, write_draft
from .draft import Anchor, Draft, Item
from .text import SourceText, read_source, read_source_file

__all__ = ["extract", "extract_text", "write_draft", "draft_statements", "Draft", "Item", "Anchor", "SourceText",
           "read_source", "read_source_file", "FORMATS"]
