"""Model behaviour of ASNs and ASN ranges."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ipam.models import ASN, RIR, ASNRange
from ipam.models.asns import asdot


def test_asn_display() -> None:
    assert str(ASN(asn=65000)) == "AS65000"
    assert str(ASN(asn=65536)) == "AS65536 (1.0)"
    assert asdot(4294967295) == "65535.65535"


def test_asn_range_end_before_start(rir: RIR) -> None:
    with pytest.raises(ValidationError) as error:
        ASNRange(name="R", slug="r", rir=rir, start=10, end=5).full_clean()
    assert error.value.message_dict == {
        "end": ["Starting ASN (10) must be lower than ending ASN (5)."]
    }
