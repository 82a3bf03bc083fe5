"""Names of places: the suffixes that mark them, the regions and provinces a plan names without one, slugs.

No gazetteer package on PyPI is both well kept and complete down to towns
(the candidates stop at counties or are unmaintained), so places are found by
their suffixes and by the phrases that give them roles; the only names known
in advance are China's 34 provincial-level divisions and its named regions,
which plans write without a suffix (上海, 长三角).

Examples
--------
>>> place_class("陆家镇"), place_class("昆山旅游度假区"), place_class("长三角")
('plan:Town', 'plan:TourismResort', 'plan:Region')
>>> slug_of("淀山湖镇"), english_place("淀山湖镇")
('dianshanhu', 'Dianshanhu Town')
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

__all__ = ["PLACE_SUFFIXES", "REGIONS", "PROVINCES", "place_class", "slug_of", "english_place"]

#: Each place suffix, the class of a place with it, and its English word; longest first.
PLACE_SUFFIXES: tuple[tuple[str, str, str], ...] = (
    ("旅游度假区", "plan:TourismResort", "Tourism Resort"),
    ("度假区", "plan:TourismResort", "Resort"),
    ("经济技术开发区", "plan:DevelopmentZone", "Economic and Technological Development Zone"),
    ("高新技术产业开发区", "plan:DevelopmentZone", "High-tech Industrial Development Zone"),
    ("开发区", "plan:DevelopmentZone", "Development Zone"),
    ("高新区", "plan:DevelopmentZone", "High-tech Zone"),
    ("保税区", "plan:DevelopmentZone", "Bonded Zone"),
    ("起步区", "plan:DevelopmentZone", "Start-up Area"),
    ("产业园", "plan:DevelopmentZone", "Industrial Park"),
    ("软件园", "plan:DevelopmentZone", "Software Park"),
    ("科技园", "plan:DevelopmentZone", "Science Park"),
    ("商务城", "plan:DevelopmentZone", "Business City"),
    ("科创带", "plan:PlannedArea", "Sci-Tech Innovation Belt"),
    ("协调区", "plan:PlannedArea", "Coordination Area"),
    ("自治区", "plan:Province", "Autonomous Region"),
    ("街道", "plan:Subdistrict", "Subdistrict"),
    ("主城", "plan:ExternalRegion", "Main City"),
    ("流域", "plan:ExternalRegion", "Basin"),
    ("新区", "plan:DevelopmentZone", "New Area"),
    ("岛", "plan:PlannedArea", "Island"),
    ("算谷", "plan:DevelopmentZone", "Valley"),
    ("镇", "plan:Town", "Town"),
    ("乡", "plan:Township", "Township"),
    ("县", "plan:County", "County"),
    ("省", "plan:Province", "Province"),
    ("市", "plan:AdministrativeDivision", "City"),
)

#: Named regions plans write without a suffix.
REGIONS = ("长三角", "珠三角", "京津冀", "粤港澳大湾区", "长江经济带", "成渝", "黄河流域", "长江流域", "雄安新区",
           "海峡西岸", "北部湾")
#: China's provincial-level divisions, as plans write them (without 省, 市 or 自治区).
PROVINCES = ("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建",
             "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海",
             "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门")


def place_class(name: str) -> str:
    """The class of a place named ``name``, from its suffix (plan:Place if none)."""
    if name in REGIONS and not name.endswith("流域"):
        return "plan:Region"
    if name in PROVINCES:
        return "plan:Municipality" if name in ("北京", "天津", "上海", "重庆") else "plan:Province"
    for suffix, cls, _ in PLACE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return cls
    if name.endswith(("示范区", "实验区", "试验区")):
        return "plan:Region"
    return "plan:Place"


@lru_cache(maxsize=1)
def _readings() -> dict[str, str]:
    """Each character's readings, from the table pypinyin ships (``pinyin_dict.json``).

    The table is read directly: importing pypinyin itself loads its phrase
    dictionary too, which takes most of a second and is not needed for names.
    """
    import importlib.util
    import json

    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "pinyin_dict.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _plain(reading: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c)).replace("ü", "u")


@lru_cache(maxsize=4096)
def _pinyin(text: str) -> str:
    """The pinyin of ``text`` without tones, each character's first reading (empty if one is unknown)."""
    readings = _readings()
    out = []
    for ch in text:
        reading = readings.get(str(ord(ch)))
        if reading is None:
            return ""
        out.append(_plain(reading.split(",")[0]))
    return "".join(out)


def _stem(name: str) -> tuple[str, str]:
    for suffix, _, english in PLACE_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[:-len(suffix)], english
    return name, ""


def slug_of(name: str, limit: int = 40) -> str:
    """An ASCII slug for a Chinese name: its pinyin without the place suffix (``lujia``)."""
    stem, _ = _stem(name)
    slug = re.sub(r"[^a-z0-9]+", "-", _pinyin(stem).lower()).strip("-")
    return slug[:limit].rstrip("-")


def english_place(name: str) -> str:
    """A romanised English name: the pinyin of the name and the English of its suffix (``Lujia Town``)."""
    stem, english = _stem(name)
    romanised = _pinyin(stem)
    romanised = romanised[:1].upper() + romanised[1:]
    return f"{romanised} {english}".strip() if romanised else name
