"""Unions of the types an IPAM generic relation can point at (NetBox's names). Fields refer
to them lazily (`Annotated[PrefixScopeType, strawberry.lazy("ipam.graphql.unions")]`): a
union needs its member classes, imported here once every app's types exist."""

from typing import Annotated

import strawberry

from dcim.graphql.types import (
    DeviceType,
    InterfaceType,
    LocationType,
    RackType,
    RegionType,
    SiteGroupType,
    SiteType,
)
from ipam.graphql.types import FHRPGroupType
from virtualization.graphql.types import (
    ClusterGroupType,
    ClusterType,
    VirtualMachineType,
    VMInterfaceType,
)

IPAddressAssignmentType = Annotated[
    InterfaceType | FHRPGroupType | VMInterfaceType, strawberry.union("IPAddressAssignmentType")
]
PrefixScopeType = Annotated[
    LocationType | RegionType | SiteGroupType | SiteType, strawberry.union("PrefixScopeType")
]
VLANGroupScopeType = Annotated[
    ClusterType
    | ClusterGroupType
    | LocationType
    | RackType
    | RegionType
    | SiteGroupType
    | SiteType,
    strawberry.union("VLANGroupScopeType"),
]
ServiceParentType = Annotated[
    DeviceType | FHRPGroupType | VirtualMachineType, strawberry.union("ServiceParentType")
]
FHRPGroupInterfaceType = Annotated[
    InterfaceType | VMInterfaceType, strawberry.union("FHRPGroupInterfaceType")
]
