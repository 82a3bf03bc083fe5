"""Reading a plan's text: encodings, HTML furniture, traditional characters kept one for one."""

from __future__ import annotations

import pytest

from plankg.errors import ExtractionError
from plankg.extraction import read_source, read_source_file


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "big5"])
def test_encodings_are_detected(encoding):
    text = "一、總體要求\n到2025年，建成示範區。\n" if encoding == "big5" else "一、总体要求\n到2025年，建成示范区。\n"
    source = read_source(text.encode(encoding))
    assert source.text == text
    assert source.simple == "一、总体要求\n到2025年，建成示范区。\n"
    assert source.encoding == {"utf-8-sig": "utf-8", "gbk": "gb18030"}.get(encoding, encoding)


def test_simplified_text_keeps_length_and_offsets():
    source = read_source("國際數字經濟實驗區")
    assert len(source.simple) == len(source.text)
    assert source.simple == "国际数字经济实验区"


def test_html_furniture_by_element_and_by_name_is_left_out():
    page = ("<!doctype html><html><head><title>标题</title><style>p{}</style></head><body>"
            "<header>网站首页</header><div id='breadcrumb'>当前位置</div>"
            "<article><p>一、总体要求</p><p>（一）指导思想。</p></article>"
            "<footer>版权所有</footer><script>var x = 1;</script></body></html>")
    assert read_source(page.encode("utf-8")).text == "一、总体要求\n\n（一）指导思想。\n"


def test_binary_and_missing_files_are_clear_errors(tmp_path):
    with pytest.raises(ExtractionError, match="binary file"):
        read_source(b"PK\x03\x04\x00\x00")
    with pytest.raises(ExtractionError, match="not a file"):
        read_source_file(tmp_path / "missing.txt")
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    with pytest.raises(ExtractionError, match="no text"):
        read_source_file(empty)
