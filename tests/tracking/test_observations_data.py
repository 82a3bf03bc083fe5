"""The Kunshan observations: every stored value is in the shared file, as written, and cited."""

from __future__ import annotations

from pathlib import Path

import pytest

from progressdata import DATA, KS

SHARED_COPY = DATA / "kunshan-2022" / "source-text" / "kunshan-observations.md"
SHARED = [Path("/work/shared/observations/kunshan-observations.md"),
          Path(__file__).resolve().parents[3] / "shared" / "observations" / "kunshan-observations.md"]
TEXT = SHARED_COPY.read_text(encoding="utf-8")


def _rows(kg):
    return list(kg.query("progress-observations").records())


def test_the_copy_is_the_shared_file():
    found = [p for p in SHARED if p.is_file()]
    if not found:
        pytest.skip("the shared observations file is not on this machine; the copy in source-text is checked")
    assert found[0].read_text(encoding="utf-8") == TEXT


def test_every_observed_value_appears_as_written_in_the_shared_file(kg):
    rows = _rows(kg)
    assert len(rows) == 39
    missing = [(r["observation"], r["expression"]) for r in rows if r["expression"] not in TEXT]
    assert missing == []


def test_every_quote_and_address_appears_in_the_shared_file(kg):
    rows = _rows(kg)
    assert [r["observation"] for r in rows if not r["quote"] or r["quote"] not in TEXT] == []
    assert [r["url"] for r in rows if not r["url"] or r["url"] not in TEXT] == []


def test_every_source_type_is_the_files(kg):
    by_url = {r["url"]: r["source_type"].rsplit("#")[-1] for r in _rows(kg)}
    assert by_url["https://www.jiangsu.gov.cn/art/2023/1/29/art_33718_10736636.html"] == "OfficialSource"
    assert by_url["https://www.gongweng.com/cs/422280.html"] == "LowSource"
    assert by_url["https://www.chaxiaohao.com/read-1750458133l999993.html"] == "LowSource"
    assert by_url["http://news.caijingmobile.com/article/detail/476220?source_id=43"] == "MediaSource"
    assert sorted(set(by_url.values())) == ["LowSource", "MediaSource", "OfficialSource", "RepostSource"]


def test_no_full_year_2025_value_and_no_value_without_its_source(kg):
    rows = _rows(kg)
    assert not [r for r in rows if r["period"] == "2025"]
    assert all(r["source"] and r["period"] and r["value"] is not None for r in rows)


def test_the_conflict_is_recorded_both_values_kept_official_preferred(kg):
    rows = {r["observation"]: r for r in _rows(kg)}
    official = rows[KS + "observation/listed-companies/2022/jiangsu-gov-2023-01-29"]
    low = rows[KS + "observation/listed-companies/2022/gongweng-422280"]
    assert (str(official["value"]), str(low["value"])) == ("46", "48")
    assert official["rank"].endswith("PreferredRank") and low["rank"].endswith("NormalRank")


def test_proxies_and_baselines_are_curated_not_source(kg):
    import plankg

    source_only = plankg.load([DATA / "kunshan-2022"], curated=False)
    assert len(source_only.query("progress-judgements")) == 0
    kinds = [r["kind"] for r in kg.query("progress-judgements").records()]
    assert (kinds.count("proxy"), kinds.count("baseline"), kinds.count("conflict")) == (4, 11, 2)


def test_inferred_periods_say_why(kg):
    inferred = [r for r in _rows(kg) if r["inferred"]]
    assert len(inferred) == 10
    assert all(r["note"] for r in inferred)
