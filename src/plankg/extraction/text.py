"""A plan's text as the rules read it: decoded, HTML stripped, traditional characters seen as simplified.

:func:`read_source` takes the bytes of a plan (a file or a string) and returns
a :class:`SourceText`: ``text`` is what the anchors count in (Unicode
characters of the plain text; for HTML, the page's text with scripts,
styles, navigation, headers, footers and asides left out), and ``simple`` is
the same text with each traditional character replaced by its simplified form,
one character for one, so that an offset in one is the same offset in the
other. The rules match on ``simple``; quotes are cut from ``text``.

Encodings: a BOM or valid UTF-8 is read as UTF-8; anything else is read as
GB18030 (a superset of GBK and GB2312) and as Big5 (traditional-character
pages), and the reading whose characters are most often common ones wins
(GB18030 decodes almost any bytes, so succeeding is not enough).

Examples
--------
>>> s = read_source("到2025年，建成國際數字商務區。".encode("gb18030"))
>>> s.encoding, s.simple
('gb18030', '到2025年，建成国际数字商务区。')
>>> read_source("<html><nav>首页 > 新闻</nav><p>一、总体</p></html>").text.strip()
'一、总体'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from ..errors import ExtractionError

__all__ = ["SourceText", "read_source", "read_source_file", "simplify"]

#: Elements whose text is page furniture, not the plan.
_FURNITURE = frozenset({"script", "style", "nav", "header", "footer", "aside", "noscript", "template",
                        "iframe", "form", "button", "select", "head", "title"})
#: Elements that end a line of text.
_BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
                     "table", "ul", "ol", "dd", "dt", "blockquote", "pre", "hr", "td", "th"})
#: Class or id words that mark furniture in pages without HTML5 elements.
_FURNITURE_NAMES = re.compile(r"(^|[\s_-])(nav|menu|header|footer|sidebar|breadcrumb|share|copyright|banner)"
                              r"($|[\s_-])", re.I)
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source",
                   "track", "wbr"})


#: The largest plan text read (bytes): far above any plan, far below what would exhaust memory.
MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class SourceText:
    """A plan's text, ready for the rules.

    Attributes
    ----------
    text : str
        The text the anchors count in.
    simple : str
        ``text`` with traditional characters as simplified, one for one.
    encoding : str
        The encoding the bytes were read in (``utf-8``, ``gb18030`` or ``big5``).
    html : bool
        Whether the input was an HTML page.
    name : str
        The file's name, or ``"<text>"``.
    """

    text: str
    simple: str
    encoding: str
    html: bool
    name: str = "<text>"


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    decoded = []
    for encoding in ("gb18030", "big5"):
        try:
            decoded.append((data.decode(encoding), encoding))
        except UnicodeDecodeError:
            continue
    if decoded:
        # GB18030 decodes almost any bytes: of the readings that succeed, keep the one whose
        # characters are the most often common ones (GB2312 level 1, once simplified)
        return max(decoded, key=lambda d: _commonness(d[0]))
    raise ExtractionError(f"{name}: not UTF-8, GB18030/GBK or Big5 text; save the plan as UTF-8 and retry")


def _commonness(text: str) -> float:
    """The share of a text's CJK characters that are common (GB2312 level 1, once simplified)."""
    cjk = [ch for ch in text[:20000] if "\u3400" <= ch <= "\u9fff" or "\ue000" <= ch <= "\uf8ff"]
    if not cjk:
        return 0.0
    common = 0
    for ch in cjk:
        try:
            common += 0xB0 <= _simple_char(ch).encode("gb2312")[0] <= 0xD7
        except UnicodeEncodeError:
            pass
    return common / len(cjk)


class _TextOfPage(HTMLParser):
    """Collects a page's text, leaving out its furniture."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[tuple[str, bool]] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        names = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role"))
        furniture = tag in _FURNITURE or bool(_FURNITURE_NAMES.search(names))
        if tag in _BLOCKS:
            self.parts.append("\n")
        if tag in _VOID:
            return
        self.stack.append((tag, furniture))
        self.skipping += furniture

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self.parts.append("\n")
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for _, furniture in self.stack[i:]:
                    self.skipping -= furniture
                del self.stack[i:]
                break

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def _strip_html(page: str) -> str:
    parser = _TextOfPage()
    parser.feed(page)
    parser.close()
    text = "".join(parser.parts).replace("\r\n", "\n").replace("\xa0", " ")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _looks_like_html(text: str) -> bool:
    head = text[:4096].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or bool(re.search(r"<(body|p|div)[\s>]", head))


@lru_cache(maxsize=1)
def _converter():
    try:
        import zhconv
    except ImportError:  # pragma: no cover - the extract extra is installed with the command
        return None
    return zhconv


@lru_cache(maxsize=65536)
def _simple_char(ch: str) -> str:
    try:
        ch.encode("gb2312")
        return ch  # in GB2312: a simplified (or shared) character, no table needed
    except UnicodeEncodeError:
        pass
    zhconv = _converter()
    if zhconv is None:
        return ch
    out = zhconv.convert(ch, "zh-cn")
    return out if len(out) == 1 else ch


def simplify(text: str) -> str:
    """Return ``text`` with each traditional character as its simplified form, one for one.

    Characters outside the CJK blocks are kept, and so are those GB2312 holds
    (the simplified set: a simplified text never loads the table); so is a
    character whose simplified form is not one character. Needs the ``zhconv`` package (the
    ``extract`` extra), which ships its conversion table.

    Examples
    --------
    >>> simplify("國際數字經濟")
    '国际数字经济'
    """
    return "".join(_simple_char(ch) if "\u3400" <= ch <= "\u9fff" else ch for ch in text)


def read_source(data: bytes | str, name: str = "<text>") -> SourceText:
    """Return the text of a plan given as bytes (any supported encoding) or a string.

    Parameters
    ----------
    data : bytes or str
    name : str
        The file's name, for messages.

    Raises
    ------
    ExtractionError
        If the bytes are not text in a supported encoding, or hold no text.
    """
    if isinstance(data, bytes):
        if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise ExtractionError(f"{name}: a binary file, not a plan's text; give a .txt or .html file")
        text, encoding = _decode(data, name)
    else:
        text, encoding = data, "utf-8"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    html = _looks_like_html(text)
    if html:
        text = _strip_html(text)
    if not text.strip():
        raise ExtractionError(f"{name}: no text to read; give a plan's text")
    return SourceText(text, simplify(text), encoding, html, name)


def read_source_file(path: str | Path) -> SourceText:
    """Read a plan's text from a file (see :func:`read_source`).

    Raises
    ------
    ExtractionError
        If the file cannot be read or is not text.
    """
    path = Path(path)
    try:
        if not path.is_file():
            raise ExtractionError(f"{path}: not a file; give a plan's text (.txt or .html)")
        if path.stat().st_size > MAX_BYTES:
            raise ExtractionError(f"{path}: larger than {MAX_BYTES // 2**20} MiB; give one plan's text")
        data = path.read_bytes()
    except OSError as err:
        raise ExtractionError(f"{path}: cannot read: {err.strerror or err}") from err
    return read_source(data, str(path))
