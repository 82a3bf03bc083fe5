"""The plan's skeleton: its numbered parts, areas and tasks, its title, and its milestones.

Chinese plans number their parts in a few styles: 第一章 / 第一节, 一、,
（一）, 1. or 1、, （1）, and in news releases a bare 01 on a line of its
own with the heading on the next line. The first style the text uses is the
top level, the next one below it, and so on; the deepest style whose items
carry statements holds the tasks, every style above it the areas. A
numbered item whose text is only a document title in 《》 is an item of a
list of documents (the plan's action plans), not a task.

Examples
--------
>>> [p.style for p in paragraphs("一、总体要求\\n（一）指导思想。坚持创新。\\n1.打造高地。")]
['cn', 'paren-cn', 'arabic']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..authoring.quantity import chinese_integer

__all__ = ["Paragraph", "paragraphs", "Node", "outline", "clauses", "comma_of", "sentences"]

_CN = "一二三四五六七八九十百零〇两"
_STYLES = (
    ("chapter", re.compile(rf"^第([{_CN}\d]+)([篇章部分节])\s*")),
    ("cn", re.compile(rf"^([{_CN}]+)、\s*")),
    ("paren-cn", re.compile(rf"^[（(]([{_CN}]+)[）)]\s*")),
    ("padded", re.compile(r"^(0\d)\s*$")),
    ("arabic", re.compile(r"^(\d{1,3})\s*[.．、](?!\d)\s*")),
    ("paren-arabic", re.compile(r"^[（(](\d{1,3})[）)]\s*")),
    ("circled", re.compile(r"^([①-⑳])\s*")),
)
#: A list item whose text is only a document's title, as 《…》.
_DOCUMENT = re.compile(r"^《[^《》]+》[。.]?$")
#: The responsible units a task names at its end: （责任单位：…）.
_RESPONSIBLE = re.compile(r"[（(]\s*(责任单位|牵头单位|责任部门)[:：][^（）()]*[）)]\s*$")


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text[0] in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳":
        return ord(text[0]) - ord("①") + 1
    return chinese_integer(text)


@dataclass
class Paragraph:
    """A non-blank line: its span in the text (leading and trailing blanks left out) and its numbering."""

    start: int
    end: int
    style: str | None = None
    number: int | None = None
    notation: str = ""
    body: int = 0  # where the text after the number starts

    def text(self, s: str) -> str:
        return s[self.start:self.end]


def paragraphs(s: str) -> list[Paragraph]:
    """Return the non-blank lines of ``s``, each with its numbering style, if any."""
    out = []
    for match in re.finditer(r"[^\n]+", s):
        line = match.group()
        stripped = line.strip(" \t\u3000\xa0\ufeff")
        if not stripped:
            continue
        start = match.start() + line.index(stripped)
        para = Paragraph(start, start + len(stripped))
        for style, pattern in _STYLES:
            m = pattern.match(stripped)
            if m:
                para.style, para.number = style, _number(m.group(1))
                para.notation = m.group(0).strip()
                para.body = start + m.end()
                break
        if para.style is None:
            para.body = start
        out.append(para)
    return out


def comma_of(s: str) -> str:
    """The comma a text separates its clauses with: the fullwidth ， or the ASCII , (whichever it uses more)."""
    return "，" if s.count("，") >= s.count(",") else ","


def _split(s: str, start: int, end: int, stops: str) -> list[tuple[int, int]]:
    """Split ``s[start:end]`` at the characters in ``stops`` outside quotes and brackets."""
    out, depth, begin = [], 0, start
    for i in range(start, end):
        ch = s[i]
        if ch in "“《（(「『":
            depth += 1
        elif ch in "”》）)」』" and depth:
            depth -= 1
        elif ch in stops and depth == 0:
            if i > begin:
                out.append((begin, i))
            begin = i + 1
    if end > begin:
        out.append((begin, end))
    return out


def sentences(s: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of ``s[start:end]`` (ended by 。！？), each without its end mark."""
    return _split(s, start, end, "。！？")


def clauses(s: str, start: int, end: int, comma: str) -> list[tuple[int, int]]:
    """The clauses of ``s[start:end]``, split at ``comma``, ； and the sentence marks."""
    return _split(s, start, end, comma + "；;。！？")


@dataclass
class Node:
    """A numbered item of the outline: an area or a task."""

    para: Paragraph
    level: int
    title: tuple[int, int]  # the heading's span
    statement: tuple[int, int] | None  # the text after the heading (or the whole one-sentence item)
    body: tuple[int, int] = (0, 0)  # the item's whole text after its number, without its responsible units
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None
    extra: list[tuple[int, int]] = field(default_factory=list)  # continuation paragraphs (——…)
    document: bool = False


def _heading_and_rest(s: str, para: Paragraph, following: Paragraph | None) -> tuple[tuple[int, int], tuple[int, int] | None]:
    """The heading's span and the span of the text after it."""
    if para.style == "padded" and following is not None:
        return (following.start, following.end), None
    body, end = para.body, para.end
    m = _RESPONSIBLE.search(s, body, end)
    if m and m.end() == end:
        end = m.start()
        while end > body and s[end - 1] in " \t":
            end -= 1
    parts = sentences(s, body, end)
    if len(parts) <= 1:
        head_end = parts[0][1] if parts else end
        return (body, head_end), ((body, end) if _is_long(s, body, end) else None)
    first = parts[0]
    return first, (first[1] + 1, end)


def _is_long(s: str, start: int, end: int) -> bool:
    """Whether a one-sentence item is a statement rather than a heading (it has clauses)."""
    return any(ch in s[start:end] for ch in "，,；;：:")


def outline(s: str, paras: list[Paragraph]) -> tuple[list[Node], str | None]:
    """Return the numbered items of the text as a forest, and the style of the task level.

    Styles rank by first appearance; a ``padded`` number's heading is the next
    paragraph. Continuation paragraphs that start with a dash (——) belong to
    the item before them.
    """
    order: list[str] = []
    for p in paras:
        if p.style and p.style not in order:
            order.append(p.style)
    nodes: list[Node] = []
    stack: list[Node] = []
    skip = set()
    for i, p in enumerate(paras):
        if i in skip:
            continue
        if p.style is None:
            text = p.text(s)
            if stack and text.startswith(("——", "—", "－－")):
                stack[-1].extra.append((p.start, p.end))
                continue
            # a plain paragraph closes the open items that carry statements; headings stay open
            while stack and stack[-1].statement is not None:
                stack.pop()
            continue
        following = paras[i + 1] if i + 1 < len(paras) else None
        if p.style == "padded":
            if following is None or following.style is not None:
                continue
            skip.add(i + 1)
        title, rest = _heading_and_rest(s, p, following)
        body_end = p.end
        m = _RESPONSIBLE.search(s, p.body, p.end)
        if m and m.end() == p.end:
            body_end = len(s[:m.start()].rstrip(" \t"))
        level = order.index(p.style)
        node = Node(p, level, title, rest, (p.body, body_end), document=bool(_DOCUMENT.match(s[p.body:p.end])))
        while stack and stack[-1].level >= level:
            stack.pop()
        if stack:
            node.parent = stack[-1]
            stack[-1].children.append(node)
        nodes.append(node)
        stack.append(node)
    for node in nodes:
        if node.children and node.statement is not None and node.statement[0] == node.title[0]:
            node.statement = None  # a one-sentence heading over numbered items
    task_style = None
    for style in reversed(order):
        if any(n.para.style == style and n.statement and not n.document for n in nodes):
            task_style = style
            break
    return nodes, task_style
