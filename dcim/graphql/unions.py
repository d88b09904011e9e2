"""Unions of the types a DCIM generic relation can point at. Fields refer to them lazily
(`Annotated[CableTerminationTerminationType, strawberry.lazy("dcim.graphql.unions")]`):
a union needs its member classes, which this module imports once every type exists."""

from typing import Annotated

import strawberry

from dcim.graphql.types import (
    ConsolePortType,
    ConsoleServerPortType,
    FrontPortType,
    InterfaceType,
    PowerFeedType,
    PowerOutletType,
    PowerPortType,
    RearPortType,
)
from virtualization.graphql.types import VMInterfaceType

CableTerminationTerminationType = Annotated[
    InterfaceType
    | ConsolePortType
    | ConsoleServerPortType
    | PowerPortType
    | PowerOutletType
    | RearPortType
    | FrontPortType
    | PowerFeedType,
    strawberry.union("CableTerminationTerminationType"),
]

MACAddressAssignmentType = Annotated[
    InterfaceType | VMInterfaceType, strawberry.union("MACAddressAssignmentType")
]
