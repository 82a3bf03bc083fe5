"""Text hygiene: control characters out, everything else in; labels wrapped for drawing."""

from __future__ import annotations

import pytest

from plankg.exports.text import clean, local_name, one_line, wrap

UNWANTED = [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x85, 0x9F, 0xFFFE, 0xFFFF, 0xD800]


@pytest.mark.parametrize("char", [chr(c) for c in UNWANTED])
def test_control_characters_and_noncharacters_are_removed(char):
    assert clean(f"花{char}桥") == "花桥"


def test_everything_else_is_kept():
    text = "花桥 🌉 <b>&amp;</b> \"q\" 'a' \\ # | ` ]]> -- \t\n\r 𠀀"
    assert clean(text) == text
    assert one_line(" a\r\n b\t c ") == "a b c"


def test_wrap_keeps_every_character_and_the_width():
    for text, width in [("争当区域一体发展的县域示范", 16), ("Strive to be a county-level demonstration", 20),
                        ("2025年新一代信息技术产业产值突破6000亿元", 24), ("短", 24)]:
        lines = wrap(text, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert all(sum(2 if ord(c) > 0x2E7F else 1 for c in line) <= width for line in lines)
    assert wrap("昆山现代产业体系建设行动计划", 24) == ["昆山现代产业体", "系建设行动计划"]


def test_local_name():
    assert local_name("https://w3id.org/plankg/ontology#Task") == "Task"
    assert local_name("https://w3id.org/plankg/kunshan-2022/place/huaqiao") == "huaqiao"
