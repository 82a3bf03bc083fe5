"""Markdown that renders as the text it carries: escaping for reports built from plan data.

A plan's labels and statements come from its data, so Markdown made from them
escapes them: :func:`markdown_text` for running text and list items,
:func:`markdown_cell` for table cells.
"""

from __future__ import annotations

import re

__all__ = ["markdown_text", "markdown_cell"]

# Control characters (NUL included), which no Markdown reader should see.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Characters that start inline markup, HTML, entities, links, math or a table cell.
_INLINE = re.compile(r"[\\`*_\[\]<>&|~$#]")
# What would start a block (a list, a quote, a heading underline) at the start of a line.
_BLOCK = re.compile(r"[>+\-=]|\d{1,9}(?=[.)])")


def markdown_text(text: str) -> str:
    r"""Return ``text`` as Markdown inline text that renders as the text itself.

    Control characters are removed, line breaks and tabs become spaces (a
    line break would end a list item or a table row), the characters of
    inline markup are escaped with a backslash (so ``</script>`` is text, not
    HTML), and so is what would start a block at the start of a line.

    Examples
    --------
    >>> print(markdown_text("</script>*花桥*\n- [x](javascript:alert(1))\x00"))
    \</script\>\*花桥\* - \[x\](javascript:alert(1))
    >>> print(markdown_text("- 2025. 目标"))
    \- 2025. 目标
    >>> print(markdown_text("2025. 目标"))
    2025\. 目标
    """
    text = " ".join(_CONTROLS.sub("", text.replace("\t", " ").replace("\n", " ")).split())
    text = _INLINE.sub(lambda m: "\\" + m.group(), text)
    start = _BLOCK.match(text)
    if start is None:
        return text
    if start.group().isdigit():
        return text[:start.end()] + "\\" + text[start.end():]
    return "\\" + text


def markdown_cell(text: str) -> str:
    r"""Text for a Markdown table cell: escaped, so a ``|`` or a line break cannot end it.

    >>> print(markdown_cell("A|B"))
    A\|B
    """
    return markdown_text(text)
