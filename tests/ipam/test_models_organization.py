"""Model behaviour of VRFs and aggregates."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ipam.models import RIR, VRF, Aggregate


def test_vrf_display(db: None) -> None:
    assert str(VRF(name="prod", rd="65000:1")) == "prod (65000:1)"
    assert str(VRF(name="lab")) == "lab"


def test_aggregate_overlap_ignores_itself(rir: RIR) -> None:
    aggregate = Aggregate.objects.create(prefix="10.0.0.0/8", rir=rir)
    aggregate.full_clean()
    Aggregate.objects.create(prefix="2001:db8::/32", rir=rir)
    with pytest.raises(ValidationError) as error:
        Aggregate(prefix="2001:db8:1::/48", rir=rir).full_clean()
    assert "is already covered by an existing aggregate (2001:db8::/32)" in str(error.value)
