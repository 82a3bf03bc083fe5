"""Constants shared by the progress tests."""

from __future__ import annotations

import datetime

from plankg.resources import resource_root

AS_OF = datetime.date(2026, 11, 29)
KS = "https://w3id.org/plankg/kunshan-2022/"
DATA = resource_root() / "data"
