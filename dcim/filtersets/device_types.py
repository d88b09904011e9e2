from __future__ import annotations

import django_filters

from dcim.models import (
    ConsolePortTemplate,
    ConsoleServerPortTemplate,
    DeviceType,
    FrontPortTemplate,
    InterfaceTemplate,
    Manufacturer,
    Platform,
    PowerOutletTemplate,
    PowerPortTemplate,
    RearPortTemplate,
)
from ipamcore.filtersets import (
    BaseFilterSet,
    MultiValueNumberFilter,
    PrimaryFilterSet,
    RelatedFilter,
)


class ManufacturerFilterSet(PrimaryFilterSet):
    search_fields = ("name", "slug", "description")

    class Meta:
        model = Manufacturer
        fields = ("id", "name", "slug", "description")


# Boolean "has at least one template of this kind" filters: parameter -> related name.
TEMPLATE_PRESENCE = {
    "console_ports": "consoleporttemplates",
    "console_server_ports": "consoleserverporttemplates",
    "power_ports": "powerporttemplates",
    "power_outlets": "poweroutlettemplates",
    "interfaces": "interfacetemplates",
}


class DeviceTypeFilterSet(PrimaryFilterSet):
    manufacturer_id = RelatedFilter(Manufacturer, field_name="manufacturer")
    manufacturer = RelatedFilter(
        Manufacturer, field_name="manufacturer__slug", to_field_name="slug"
    )
    default_platform_id = RelatedFilter(Platform, field_name="default_platform")
    default_platform = RelatedFilter(
        Platform, field_name="default_platform__slug", to_field_name="slug"
    )
    console_ports = django_filters.BooleanFilter(method="filter_has")
    console_server_ports = django_filters.BooleanFilter(method="filter_has")
    power_ports = django_filters.BooleanFilter(method="filter_has")
    power_outlets = django_filters.BooleanFilter(method="filter_has")
    interfaces = django_filters.BooleanFilter(method="filter_has")
    pass_through_ports = django_filters.BooleanFilter(method="filter_pass_through_ports")
    # Counts: annotations of the registry queryset (cached columns in NetBox).
    device_count = MultiValueNumberFilter()
    console_port_template_count = MultiValueNumberFilter()
    console_server_port_template_count = MultiValueNumberFilter()
    power_port_template_count = MultiValueNumberFilter()
    power_outlet_template_count = MultiValueNumberFilter()
    interface_template_count = MultiValueNumberFilter()
    front_port_template_count = MultiValueNumberFilter()
    rear_port_template_count = MultiValueNumberFilter()
    search_fields = ("manufacturer__name", "model", "part_number", "description", "comments")

    class Meta:
        model = DeviceType
        fields = (
            "id",
            "model",
            "slug",
            "part_number",
            "u_height",
            "exclude_from_utilization",
            "is_full_depth",
            "subdevice_role",
            "airflow",
            "weight",
            "weight_unit",
            "description",
        )

    def filter_has(self, queryset, name: str, value: bool | None):  # type: ignore[no-untyped-def]
        if value is None:
            return queryset
        related = TEMPLATE_PRESENCE[name]
        return queryset.exclude(**{f"{related}__isnull": value}).distinct()

    def filter_pass_through_ports(self, queryset, name: str, value: bool | None):  # type: ignore[no-untyped-def]
        if value is None:
            return queryset
        has_ports = DeviceType.objects.filter(
            frontporttemplates__isnull=False
        ) | DeviceType.objects.filter(rearporttemplates__isnull=False)
        ids = has_ports.values("pk")
        return queryset.filter(pk__in=ids) if value else queryset.exclude(pk__in=ids)


class ComponentTemplateFilterSet(BaseFilterSet):
    """Every template: its device type, name, label and description."""

    device_type_id = RelatedFilter(DeviceType, field_name="device_type")
    search_fields = ("name", "label", "description")


class ConsolePortTemplateFilterSet(ComponentTemplateFilterSet):
    class Meta:
        model = ConsolePortTemplate
        fields = ("id", "name", "label", "type", "description")


class ConsoleServerPortTemplateFilterSet(ComponentTemplateFilterSet):
    class Meta:
        model = ConsoleServerPortTemplate
        fields = ("id", "name", "label", "type", "description")


class PowerPortTemplateFilterSet(ComponentTemplateFilterSet):
    class Meta:
        model = PowerPortTemplate
        fields = ("id", "name", "label", "type", "maximum_draw", "allocated_draw", "description")


class PowerOutletTemplateFilterSet(ComponentTemplateFilterSet):
    power_port_id = RelatedFilter(PowerPortTemplate, field_name="power_port")

    class Meta:
        model = PowerOutletTemplate
        fields = ("id", "name", "label", "type", "feed_leg", "description")


class InterfaceTemplateFilterSet(ComponentTemplateFilterSet):
    bridge_id = RelatedFilter(InterfaceTemplate, field_name="bridge")

    class Meta:
        model = InterfaceTemplate
        fields = (
            "id",
            "name",
            "label",
            "type",
            "enabled",
            "mgmt_only",
            "poe_mode",
            "poe_type",
            "description",
        )


class RearPortTemplateFilterSet(ComponentTemplateFilterSet):
    class Meta:
        model = RearPortTemplate
        fields = ("id", "name", "label", "type", "color", "positions", "description")


class FrontPortTemplateFilterSet(ComponentTemplateFilterSet):
    rear_port_id = RelatedFilter(RearPortTemplate, field_name="rear_port")

    class Meta:
        model = FrontPortTemplate
        fields = ("id", "name", "label", "type", "color", "rear_port_position", "description")
