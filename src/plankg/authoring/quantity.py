"""Chinese quantity expressions: value, unit, comparator and year.

Plans state their targets in words such as 突破6000亿元, 达8.5万元, 3500家以上,
提高2个百分点 or 控制在45%以内. :func:`parse_quantity` finds the quantity in
such a phrase and returns its value in the unit's base (亿元 and 万元 in
yuan, 亩 in hectares), the unit (a QUDT unit or one the plankg ontology
declares), what is counted, the comparator (one of the ontology's eight), the
comparator word and the number with its unit exactly as written.

Examples
--------
>>> q = parse_quantity("到2025年，新一代信息技术产业产值突破6000亿元")
>>> q.expression, q.value_text, q.unit_name, q.comparator_name, q.comparator_text, q.year
('6000亿元', '600000000000', 'unit:CCY_CNY', 'plan:Exceed', '突破', 2025)
>>> q = parse_quantity("3500家以上")
>>> q.value_text, q.unit_name, q.counted_kind_name, q.comparator_name
('3500', 'unit:NUM', 'plan:Enterprise', 'plan:AtLeast')
>>> parse_quantity("提高2个百分点").unit_name
'plan:PercentagePoint'
>>> parse_quantity("没有数量") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..namespaces import PLAN, PREFIXES, compact

__all__ = ["Quantity", "parse_quantity", "find_quantities", "chinese_integer", "COMPARATOR_WORDS", "UNIT_WORDS"]

_UNIT = PREFIXES["unit"]

#: Each unit word: (unit IRI, counted kind IRI or None, factor to the unit's base).
UNIT_WORDS: dict[str, tuple[str, str | None, Decimal]] = {
    "个百分点": (PLAN + "PercentagePoint", None, Decimal(1)),
    "百分点": (PLAN + "PercentagePoint", None, Decimal(1)),
    "%": (_UNIT + "PERCENT", None, Decimal(1)),
    "％": (_UNIT + "PERCENT", None, Decimal(1)),
    "元": (_UNIT + "CCY_CNY", None, Decimal(1)),
    "平方公里": (_UNIT + "KiloM2", None, Decimal(1)),
    "平方千米": (_UNIT + "KiloM2", None, Decimal(1)),
    "平方米": (_UNIT + "M2", None, Decimal(1)),
    "公顷": (_UNIT + "HA", None, Decimal(1)),
    "亩": (_UNIT + "HA", None, Decimal(1) / Decimal(15)),
    "公里": (_UNIT + "KiloM", None, Decimal(1)),
    "千米": (_UNIT + "KiloM", None, Decimal(1)),
    "千瓦时": (_UNIT + "KiloW-HR", None, Decimal(1)),
    "吨": (_UNIT + "TONNE", None, Decimal(1)),
    "岁": (_UNIT + "YR", None, Decimal(1)),
    "天": (_UNIT + "DAY", None, Decimal(1)),
    "家": (_UNIT + "NUM", PLAN + "Enterprise", Decimal(1)),
    "户": (_UNIT + "NUM", PLAN + "Household", Decimal(1)),
    "人次": (_UNIT + "NUM", PLAN + "Person", Decimal(1)),
    "人": (_UNIT + "NUM", PLAN + "Person", Decimal(1)),
    "名": (_UNIT + "NUM", PLAN + "Person", Decimal(1)),
    "所": (_UNIT + "NUM", PLAN + "School", Decimal(1)),
    "张床位": (_UNIT + "NUM", PLAN + "HospitalBed", Decimal(1)),
    "项": (_UNIT + "NUM", PLAN + "ProjectItem", Decimal(1)),
    "个村": (_UNIT + "NUM", PLAN + "Village", Decimal(1)),
    "个": (_UNIT + "NUM", None, Decimal(1)),
    "座": (_UNIT + "NUM", None, Decimal(1)),
    "条": (_UNIT + "NUM", None, Decimal(1)),
    "台": (_UNIT + "NUM", None, Decimal(1)),
}

_MULTIPLIERS = {
    "万亿": Decimal(10) ** 12,
    "千亿": Decimal(10) ** 11,
    "百亿": Decimal(10) ** 10,
    "亿": Decimal(10) ** 8,
    "千万": Decimal(10) ** 7,
    "百万": Decimal(10) ** 6,
    "万": Decimal(10) ** 4,
}

#: Each comparator word and the ontology's comparator it means. Words after
#: the number (以上, 左右 …) decide over words before it (达到 …).
COMPARATOR_WORDS: dict[str, str] = {
    "以上": PLAN + "AtLeast",
    "以下": PLAN + "AtMost",
    "以内": PLAN + "AtMost",
    "左右": PLAN + "About",
    "不低于": PLAN + "AtLeast",
    "不少于": PLAN + "AtLeast",
    "不超过": PLAN + "AtMost",
    "控制在": PLAN + "AtMost",
    "突破": PLAN + "Exceed",
    "超过": PLAN + "Exceed",
    "新增": PLAN + "Add",
    "提高": PLAN + "IncreaseBy",
    "提升": PLAN + "IncreaseBy",
    "增长": PLAN + "IncreaseBy",
    "下降": PLAN + "DecreaseBy",
    "降低": PLAN + "DecreaseBy",
    "减少": PLAN + "DecreaseBy",
    "约": PLAN + "About",
    "达到": PLAN + "Reach",
    "达": PLAN + "Reach",
    "形成": PLAN + "Reach",
    "实现": PLAN + "Reach",
}
_AFTER = ("以上", "以下", "以内", "左右")
_BEFORE = tuple(w for w in COMPARATOR_WORDS if w not in _AFTER)

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUMBER = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)"
_UNITS = "|".join(re.escape(w) for w in sorted(UNIT_WORDS, key=len, reverse=True))
_MULTS = "|".join(sorted(_MULTIPLIERS, key=len, reverse=True))
_QUANTITY = re.compile(
    rf"(?P<number>{_NUMBER})(?:\s*(?:-|—|–|~|～|至|到)\s*(?P<upper>{_NUMBER}))?"
    rf"\s*(?P<mult>{_MULTS})?\s*(?:(?P<unit>{_UNITS})|(?P<level>级))"
    rf"|(?P<bare>{_MULTS})级"
)
#: Traditional characters of quantities, read as their simplified forms (one for one,
#: so that positions, and the verbatim expression, are kept).
_SIMPLIFIED = str.maketrans({"萬": "万", "億": "亿", "達": "达", "約": "约", "兩": "两", "個": "个", "項": "项",
                             "實": "实", "現": "现", "與": "与", "増": "增", "長": "长", "內": "内", "噸": "吨",
                             "間": "间", "戶": "户", "萊": "莱", "過": "过", "點": "点"})
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*年")


@dataclass(frozen=True)
class Quantity:
    """A quantity found in a phrase.

    Attributes
    ----------
    expression : str
        The number and its unit exactly as written (``6000亿元``).
    value : Decimal
        The value in the unit's base (``600000000000`` for 6000亿元).
    unit : str
        The unit's IRI (``unit:CCY_CNY``, ``plan:PercentagePoint`` …).
    counted_kind : str or None
        What a count counts (``plan:Enterprise`` for 家), where the unit word says.
    comparator : str or None
        The ontology's comparator (``plan:Exceed`` …), if a comparator word is there.
    comparator_text : str or None
        The comparator word as written (``突破``).
    year : int or None
        The year the phrase names (``到2025年``), the last one before the quantity.
    upper : Decimal or None
        The upper end of a range (``3-5家``: value 3, upper 5).
    """

    expression: str
    value: Decimal
    unit: str
    counted_kind: str | None = None
    comparator: str | None = None
    comparator_text: str | None = None
    year: int | None = None
    upper: Decimal | None = None

    @property
    def value_text(self) -> str:
        """The value as an ``xsd:decimal`` lexical form, without exponent or trailing zeros."""
        return decimal_text(self.value)

    @property
    def unit_name(self) -> str:
        """The unit, compacted."""
        return compact(self.unit)

    @property
    def comparator_name(self) -> str | None:
        """The comparator, compacted."""
        return compact(self.comparator) if self.comparator else None

    @property
    def counted_kind_name(self) -> str | None:
        """The counted kind, compacted."""
        return compact(self.counted_kind) if self.counted_kind else None


def decimal_text(value: Decimal) -> str:
    """Return ``value`` as a plain decimal string (``85000``, ``8.5``, ``0.0667``)."""
    if value.as_tuple().exponent < -6:
        value = value.quantize(Decimal("0.000001"))
    return format(value.normalize(), "f")


def chinese_integer(text: str) -> int:
    """Return the value of an integer written in Chinese numerals, below ten thousand.

    Examples
    --------
    >>> [chinese_integer(t) for t in ("三", "十二", "二十五", "两百", "一百〇八", "三千二百")]
    [3, 12, 25, 200, 108, 3200]
    """
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[ch]
            current = 0
    return total + current


def _number(text: str) -> Decimal:
    return Decimal(text) if text[0].isdigit() else Decimal(chinese_integer(text))


def _comparator(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    after = text[end:end + 2]
    for word in _AFTER:
        if after.startswith(word):
            return COMPARATOR_WORDS[word], word
    before = text[max(0, start - 16):start]
    best = None
    for word in _BEFORE:
        at = before.rfind(word)
        if at < 0:
            continue
        gap = before[at + len(word):]
        if len(gap) > 12 or any(ch in gap for ch in "，,。；;、:：") or any(ch.isdigit() for ch in gap):
            continue
        key = (at + len(word), len(word))
        if best is None or key > best[0]:
            best = (key, word)
    if best is None:
        return None, None
    return COMPARATOR_WORDS[best[1]], best[1]


def find_quantities(text: str) -> list[Quantity]:
    """Return every quantity in ``text``, in order (years are not quantities).

    Parameters
    ----------
    text : str
        A phrase or sentence of a plan (traditional characters such as 萬 and 億 are read too).

    Returns
    -------
    list of Quantity
    """
    original, text = text, text.translate(_SIMPLIFIED)
    years = [(m.start(), m.end(), int(m.group(1))) for m in _YEAR.finditer(text)]
    found = []
    for match in _QUANTITY.finditer(text):
        start, end = match.span()
        if any(ys <= start < ye for ys, ye, _ in years):
            continue
        if match.group("bare"):
            number, mult, unit_word, upper_text = Decimal(1), match.group("bare"), None, None
        else:
            number, mult = _number(match.group("number")), match.group("mult")
            unit_word, upper_text = match.group("unit"), match.group("upper")
            if match.group("level") and not mult:
                continue
        if unit_word is None:  # 7000亿级, 万亿级: amounts of money
            unit, kind, factor = UNIT_WORDS["元"]
        else:
            unit, kind, factor = UNIT_WORDS[unit_word]
        scale = factor * (_MULTIPLIERS[mult] if mult else 1)
        upper = _number(upper_text) * scale if upper_text else None
        comparator, word = _comparator(text, start, end)
        before = [y for ys, _, y in years if ys < start]
        year = before[-1] if before else (years[0][2] if years else None)
        if word is not None:
            at = text.rfind(word, 0, start) if word not in _AFTER else end
            word = original[at:at + len(word)]
        found.append(Quantity(original[start:end], number * scale, unit, kind, comparator, word, year, upper))
    return found


def parse_quantity(text: str) -> Quantity | None:
    """Return the first quantity in ``text``, or None if it holds none.

    Parameters
    ----------
    text : str
        A phrase such as ``突破6000亿元`` or ``到2025年，年上市企业达80家``.

    Returns
    -------
    Quantity or None
    """
    found = find_quantities(text)
    return found[0] if found else None
