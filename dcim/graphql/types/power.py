"""Power panels and power feeds."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django

from dcim import models
from dcim.graphql.fields import counted
from dcim.graphql.filters import PowerFeedFilter, PowerPanelFilter
from ipamcore.graphql.types import PrimaryObjectType
from ipamcore.querysets import count_related

if TYPE_CHECKING:
    from dcim.graphql.types import CableType, LocationType, RackType, SiteType
    from tenancy.graphql.types import TenantType

DCIM = strawberry.lazy("dcim.graphql.types")
TENANCY = strawberry.lazy("tenancy.graphql.types")


@strawberry_django.type(
    models.PowerPanel, fields=["name"], filters=PowerPanelFilter, pagination=True
)
class PowerPanelType(PrimaryObjectType):
    powerfeed_count: int = counted(
        "powerfeed_count", count_related(models.PowerFeed, "power_panel")
    )
    site: Annotated[SiteType, DCIM] | None
    location: Annotated[LocationType, DCIM] | None
    powerfeeds: list[Annotated[PowerFeedType, DCIM]]


@strawberry_django.type(
    models.PowerFeed,
    fields=[
        "name",
        "status",
        "type",
        "supply",
        "phase",
        "voltage",
        "amperage",
        "max_utilization",
        "available_power",
        "mark_connected",
        "cable_end",
    ],
    filters=PowerFeedFilter,
    pagination=True,
)
class PowerFeedType(PrimaryObjectType):
    power_panel: Annotated[PowerPanelType, DCIM] | None
    rack: Annotated[RackType, DCIM] | None
    tenant: Annotated[TenantType, TENANCY] | None
    cable: Annotated[CableType, DCIM] | None
