"""The core app's types (the framework package is the core app): the change log and jobs.
Changed and related objects read as "app_label.model" plus an id, as in REST."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django
from strawberry import ID
from strawberry.scalars import JSON

from ipamcore.graphql.fields import list_field
from ipamcore.graphql.filters import (
    BaseFilterLookup,
    BaseFilterMixin,
    ComparisonFilterLookup,
    DatetimeFilterLookup,
    StrFilterLookup,
    choices_enum,
)
from ipamcore.graphql.types import ObjectType, content_type_label
from ipamcore.models import Job, JobStatusChoices, ObjectChange, ObjectChangeActionChoices

if TYPE_CHECKING:
    from users.graphql.types import UserType

ObjectChangeActionEnum = choices_enum(ObjectChangeActionChoices, "action")
JobStatusEnum = choices_enum(JobStatusChoices, "status")


@strawberry_django.filter_type(ObjectChange, lookups=True)
class ObjectChangeFilter(BaseFilterMixin):
    time: DatetimeFilterLookup | None = strawberry_django.filter_field()
    user_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    user_name: StrFilterLookup | None = strawberry_django.filter_field()
    request_id: BaseFilterLookup[str] | None = strawberry_django.filter_field()
    action: BaseFilterLookup[ObjectChangeActionEnum] | None = strawberry_django.filter_field()  # type: ignore[valid-type]
    changed_object_type_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    changed_object_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    object_repr: StrFilterLookup | None = strawberry_django.filter_field()


@strawberry_django.filter_type(Job, lookups=True)
class JobFilter(BaseFilterMixin):
    name: StrFilterLookup | None = strawberry_django.filter_field()
    status: BaseFilterLookup[JobStatusEnum] | None = strawberry_django.filter_field()  # type: ignore[valid-type]
    created: DatetimeFilterLookup | None = strawberry_django.filter_field()
    completed: DatetimeFilterLookup | None = strawberry_django.filter_field()
    user_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    object_id: ComparisonFilterLookup[ID] | None = strawberry_django.filter_field()
    queue_name: StrFilterLookup | None = strawberry_django.filter_field()


@strawberry_django.type(
    ObjectChange,
    fields=["time", "user_name", "request_id", "action", "changed_object_id", "object_repr"],
    filters=ObjectChangeFilter,
    pagination=True,
)
class ObjectChangeType(ObjectType):
    user: Annotated[UserType, strawberry.lazy("users.graphql.types")] | None
    message: str
    related_object_id: int | None
    prechange_data: JSON | None
    postchange_data: JSON | None

    @strawberry_django.field
    def changed_object_type(self, root: ObjectChange) -> str | None:
        return content_type_label(root.changed_object_type_id)

    @strawberry_django.field
    def related_object_type(self, root: ObjectChange) -> str | None:
        return content_type_label(root.related_object_type_id)


@strawberry_django.type(
    Job,
    fields=[
        "object_id",
        "name",
        "status",
        "created",
        "scheduled",
        "interval",
        "started",
        "completed",
        "error",
        "job_id",
        "queue_name",
    ],
    filters=JobFilter,
    pagination=True,
)
class JobType(ObjectType):
    user: Annotated[UserType, strawberry.lazy("users.graphql.types")] | None
    data: JSON | None

    @strawberry_django.field
    def object_type(self, root: Job) -> str | None:
        return content_type_label(root.object_type_id)


@strawberry.type(name="Query")
class CoreQuery:
    job: JobType = strawberry_django.field()
    job_list: list[JobType] = list_field()
    object_change: ObjectChangeType = strawberry_django.field()
    object_change_list: list[ObjectChangeType] = list_field()
