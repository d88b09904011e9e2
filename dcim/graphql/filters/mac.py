"""Filters of MAC addresses."""

from __future__ import annotations

import strawberry_django
from strawberry import ID

from dcim import models
from ipamcore.graphql.filters import ComparisonFilterLookup, PrimaryFilterMixin, StrFilterLookup


@strawberry_django.filter_type(models.MACAddress, lookups=True)
class MACAddressFilter(PrimaryFilterMixin):
    mac_address: StrFilterLookup | None = strawberry_django.filter_field()
    assigned_object_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
