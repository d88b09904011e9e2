"""Cables and their terminations (each a union of the objects a cable can end on)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
import strawberry_django
from django.db.models import Prefetch
from strawberry.types import Info

from dcim import models
from dcim.graphql.filters import CableFilter, CableTerminationFilter
from ipamcore.graphql.fields import generic_prefetch
from ipamcore.graphql.types import ChangeLoggedObjectType, PrimaryObjectType

if TYPE_CHECKING:
    from dcim.graphql.unions import CableTerminationTerminationType
    from tenancy.graphql.types import TenantType

DCIM = strawberry.lazy("dcim.graphql.types")
TENANCY = strawberry.lazy("tenancy.graphql.types")
UNIONS = strawberry.lazy("dcim.graphql.unions")


def end_prefetch(end: str) -> Callable[[Info], Prefetch[Any, Any, Any]]:
    """One end's terminations with their objects: one query for the terminations and one
    per object type, each through that type's get_queryset (hidden objects drop out)."""

    def build(info: Info) -> Prefetch[Any, Any, Any]:
        terminations = models.CableTermination.objects.filter(cable_end=end).prefetch_related(
            generic_prefetch("termination")(info)
        )
        return Prefetch("terminations", queryset=terminations, to_attr=end_attr(end))

    return build


def end_attr(end: str) -> str:
    return f"_graphql_{end.lower()}_terminations"


def end_objects(cable: Any, end: str) -> list[Any]:
    terminations = getattr(cable, end_attr(end), None)
    if terminations is None:
        terminations = [t for t in cable.terminations.all() if t.cable_end == end]
    return [t.termination for t in terminations if t.termination is not None]


@strawberry_django.type(
    models.Cable,
    fields=["status", "label", "color", "length", "length_unit", "profile", "type"],
    filters=CableFilter,
    pagination=True,
)
class CableType(PrimaryObjectType):
    tenant: Annotated[TenantType, TENANCY] | None
    terminations: list[Annotated[CableTerminationType, DCIM]]

    @strawberry_django.field(prefetch_related=[end_prefetch("A")])
    def a_terminations(
        self, root: models.Cable
    ) -> list[Annotated[CableTerminationTerminationType, UNIONS]]:
        return end_objects(root, "A")

    @strawberry_django.field(prefetch_related=[end_prefetch("B")])
    def b_terminations(
        self, root: models.Cable
    ) -> list[Annotated[CableTerminationTerminationType, UNIONS]]:
        return end_objects(root, "B")


@strawberry_django.type(
    models.CableTermination,
    fields=["cable_end", "termination_id"],
    filters=CableTerminationFilter,
    pagination=True,
)
class CableTerminationType(ChangeLoggedObjectType):
    cable: Annotated[CableType, DCIM] | None

    @strawberry_django.field(
        only=["termination_type_id", "termination_id"],
        prefetch_related=[generic_prefetch("termination")],
    )
    def termination(
        self, root: models.CableTermination
    ) -> Annotated[CableTerminationTerminationType, UNIONS] | None:
        return root.termination
