"""A progress row holds its target's record once (plankg.tracking.model)."""

import datetime
from dataclasses import fields, replace
from decimal import Decimal

from plankg.tracking.model import TargetProgress, TargetRecord
from plankg.tracking.rules import judge

RECORD = TargetRecord("t", "plan", {"zh": "目标", "en": "Target"}, 2025, Decimal(100), "yuan", "Reach", "100元",
                      "i", {"zh": "指标"}, frozenset({"p"}))


def test_a_progress_row_is_its_targets_record_with_the_progress():
    row = judge(RECORD, [], [], None, datetime.date(2026, 11, 29))
    assert isinstance(row, TargetRecord)
    assert {f.name: getattr(row, f.name) for f in fields(TargetRecord)} == {
        f.name: getattr(RECORD, f.name) for f in fields(TargetRecord)}
    assert row.target == row.iri == "t" and row.label("en") == "Target"
    assert row.to_dict()["target"] == "t" and row.to_dict()["label_zh"] == "目标"


def test_a_record_field_is_replaced_in_the_row_as_any_other():
    row = judge(RECORD, [], [], None, datetime.date(2026, 11, 29))
    changed = replace(row, labels={"zh": "新"})
    assert changed.label("zh") == "新" and changed.status is row.status
    assert TargetProgress.of(RECORD, **{f.name: getattr(row, f.name) for f in fields(TargetProgress)
                                        if f.name not in {g.name for g in fields(TargetRecord)}}) == row
