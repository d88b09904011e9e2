"""MAC addresses, assigned to a device or a virtual machine interface."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django

from dcim import models
from dcim.graphql.filters import MACAddressFilter
from ipamcore.graphql.fields import generic_prefetch
from ipamcore.graphql.types import PrimaryObjectType

if TYPE_CHECKING:
    from dcim.graphql.unions import MACAddressAssignmentType

UNIONS = strawberry.lazy("dcim.graphql.unions")


@strawberry_django.type(
    models.MACAddress, fields=["mac_address"], filters=MACAddressFilter, pagination=True
)
class MACAddressType(PrimaryObjectType):
    @strawberry_django.field(
        only=["assigned_object_type_id", "assigned_object_id"],
        prefetch_related=[generic_prefetch("assigned_object")],
    )
    def assigned_object(
        self, root: models.MACAddress
    ) -> Annotated[MACAddressAssignmentType, UNIONS] | None:
        """The interface the address belongs to (null when unassigned or not visible)."""
        return root.assigned_object
