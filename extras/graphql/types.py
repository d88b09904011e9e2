"""Extras types. Webhook secrets are not exposed (the REST API is the place to manage them).
Object types (content types) read as "app_label.model" strings, as in REST."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django
from strawberry.scalars import JSON

from extras.graphql.filters import (
    ConfigContextFilter,
    CustomFieldChoiceSetFilter,
    CustomFieldFilter,
    EventRuleFilter,
    JournalEntryFilter,
    TagFilter,
    WebhookDeliveryFilter,
    WebhookFilter,
)
from extras.models import (
    ConfigContext,
    CustomField,
    CustomFieldChoiceSet,
    EventRule,
    JournalEntry,
    Tag,
    Webhook,
    WebhookDelivery,
)
from ipamcore.graphql.types import (
    ChangeLoggedObjectType,
    ObjectType,
    PrimaryObjectType,
    TaggedObjectType,
    content_type_label,
)

if TYPE_CHECKING:
    from dcim.graphql.types import (
        DeviceRoleType,
        DeviceTypeType,
        LocationType,
        PlatformType,
        RegionType,
        SiteGroupType,
        SiteType,
    )
    from tenancy.graphql.types import TenantGroupType, TenantType
    from users.graphql.types import UserType
    from virtualization.graphql.types import ClusterGroupType, ClusterType, ClusterTypeType

DCIM = strawberry.lazy("dcim.graphql.types")
EXTRAS = strawberry.lazy("extras.graphql.types")
TENANCY = strawberry.lazy("tenancy.graphql.types")
VIRTUALIZATION = strawberry.lazy("virtualization.graphql.types")


@strawberry_django.type(
    Tag,
    fields=["name", "slug", "color", "description", "weight"],
    filters=TagFilter,
    pagination=True,
)
class TagType(ChangeLoggedObjectType):
    @strawberry_django.field(prefetch_related=["object_types"])
    def object_types(self, root: Tag) -> list[str]:
        return [f"{ct.app_label}.{ct.model}" for ct in root.object_types.all()]


@strawberry_django.type(
    CustomFieldChoiceSet,
    fields=["name", "description", "base_choices", "extra_choices", "order_alphabetically"],
    filters=CustomFieldChoiceSetFilter,
    pagination=True,
)
class CustomFieldChoiceSetType(ChangeLoggedObjectType):
    extra_choices: JSON
    choices_for: list[Annotated[CustomFieldType, EXTRAS]]


@strawberry_django.type(
    CustomField,
    fields=[
        "type",
        "name",
        "label",
        "group_name",
        "description",
        "required",
        "unique",
        "search_weight",
        "filter_logic",
        "ui_visible",
        "ui_editable",
        "is_cloneable",
        "weight",
        "validation_regex",
        "comments",
    ],
    filters=CustomFieldFilter,
    pagination=True,
)
class CustomFieldType(ChangeLoggedObjectType):
    default: JSON | None
    related_object_filter: JSON | None
    choice_set: Annotated[CustomFieldChoiceSetType, EXTRAS] | None

    @strawberry_django.field(prefetch_related=["object_types"])
    def object_types(self, root: CustomField) -> list[str]:
        return [f"{ct.app_label}.{ct.model}" for ct in root.object_types.all()]

    @strawberry_django.field
    def related_object_type(self, root: CustomField) -> str | None:
        return content_type_label(root.related_object_type_id)

    @strawberry_django.field
    def validation_minimum(self, root: CustomField) -> float | None:
        value = root.validation_minimum
        return None if value is None else float(value)

    @strawberry_django.field
    def validation_maximum(self, root: CustomField) -> float | None:
        value = root.validation_maximum
        return None if value is None else float(value)


@strawberry_django.type(
    Webhook,
    fields=[
        "name",
        "payload_url",
        "http_method",
        "http_content_type",
        "additional_headers",
        "body_template",
        "ssl_verification",
        "ca_file_path",
    ],
    filters=WebhookFilter,
    pagination=True,
)
class WebhookType(PrimaryObjectType):
    pass


@strawberry_django.type(
    EventRule,
    fields=["name", "enabled", "event_types", "action_type", "action_object_id"],
    filters=EventRuleFilter,
    pagination=True,
)
class EventRuleType(PrimaryObjectType):
    conditions: JSON | None
    action_data: JSON | None

    @strawberry_django.field(prefetch_related=["object_types"])
    def object_types(self, root: EventRule) -> list[str]:
        return [f"{ct.app_label}.{ct.model}" for ct in root.object_types.all()]

    @strawberry_django.field
    def action_object_type(self, root: EventRule) -> str | None:
        return content_type_label(root.action_object_type_id)


@strawberry_django.type(
    WebhookDelivery,
    fields=[
        "event_id",
        "event_type",
        "object_id",
        "created",
        "status",
        "attempts",
        "next_attempt_at",
        "finished_at",
        "response_status",
        "last_error",
    ],
    filters=WebhookDeliveryFilter,
    pagination=True,
)
class WebhookDeliveryType(ObjectType):
    payload: JSON | None
    webhook: Annotated[WebhookType, EXTRAS] | None
    event_rule: Annotated[EventRuleType, EXTRAS] | None

    @strawberry_django.field
    def object_type(self, root: WebhookDelivery) -> str | None:
        return content_type_label(root.object_type_id)


@strawberry_django.type(
    JournalEntry,
    fields=["assigned_object_id", "kind", "comments"],
    filters=JournalEntryFilter,
    pagination=True,
)
class JournalEntryType(TaggedObjectType):
    created_by: Annotated[UserType, strawberry.lazy("users.graphql.types")] | None

    @strawberry_django.field
    def assigned_object_type(self, root: JournalEntry) -> str | None:
        return content_type_label(root.assigned_object_type_id)


@strawberry_django.type(
    ConfigContext,
    fields=["name", "weight", "description", "is_active"],
    filters=ConfigContextFilter,
    pagination=True,
)
class ConfigContextType(ChangeLoggedObjectType):
    data: JSON
    regions: list[Annotated[RegionType, DCIM]]
    site_groups: list[Annotated[SiteGroupType, DCIM]]
    sites: list[Annotated[SiteType, DCIM]]
    locations: list[Annotated[LocationType, DCIM]]
    device_types: list[Annotated[DeviceTypeType, DCIM]]
    roles: list[Annotated[DeviceRoleType, DCIM]]
    platforms: list[Annotated[PlatformType, DCIM]]
    cluster_types: list[Annotated[ClusterTypeType, VIRTUALIZATION]]
    cluster_groups: list[Annotated[ClusterGroupType, VIRTUALIZATION]]
    clusters: list[Annotated[ClusterType, VIRTUALIZATION]]
    tenant_groups: list[Annotated[TenantGroupType, TENANCY]]
    tenants: list[Annotated[TenantType, TENANCY]]
    tags: list[Annotated[TagType, EXTRAS]]
