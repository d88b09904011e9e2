"""Filters of cables and cable terminations."""

from __future__ import annotations

from typing import Annotated

import strawberry
import strawberry_django
from strawberry import ID

from dcim import models
from dcim.graphql.enums import (
    CableEndEnum,
    CableLengthUnitEnum,
    CableProfileEnum,
    CableTypeEnum,
    LinkStatusEnum,
)
from ipamcore.graphql.filters import (
    BaseFilterLookup,
    ChangeLoggedFilterMixin,
    ComparisonFilterLookup,
    PrimaryFilterMixin,
    StrFilterLookup,
)
from tenancy.graphql.filters import TenancyFilterMixin

DCIM = strawberry.lazy("dcim.graphql.filters")


@strawberry_django.filter_type(models.Cable, lookups=True)
class CableFilter(TenancyFilterMixin, PrimaryFilterMixin):
    type: BaseFilterLookup[CableTypeEnum] | None = strawberry_django.filter_field()
    status: BaseFilterLookup[LinkStatusEnum] | None = strawberry_django.filter_field()
    profile: BaseFilterLookup[CableProfileEnum] | None = strawberry_django.filter_field()
    label: StrFilterLookup | None = strawberry_django.filter_field()
    color: StrFilterLookup | None = strawberry_django.filter_field()
    length: strawberry.auto = strawberry_django.filter_field()
    length_unit: BaseFilterLookup[CableLengthUnitEnum] | None = strawberry_django.filter_field()
    terminations: Annotated[CableTerminationFilter, DCIM] | None = strawberry_django.filter_field()


@strawberry_django.filter_type(models.CableTermination, lookups=True)
class CableTerminationFilter(ChangeLoggedFilterMixin):
    cable: Annotated[CableFilter, DCIM] | None = strawberry_django.filter_field()
    cable_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    cable_end: BaseFilterLookup[CableEndEnum] | None = strawberry_django.filter_field()
    termination_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
