"""Unions of the types a virtualization generic relation can point at (see
dcim/graphql/unions.py for why they live apart from the types)."""

from typing import Annotated

import strawberry

from dcim.graphql.types import LocationType, RegionType, SiteGroupType, SiteType

ClusterScopeType = Annotated[
    LocationType | RegionType | SiteGroupType | SiteType, strawberry.union("ClusterScopeType")
]
