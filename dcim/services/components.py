"""Creating a device's components from its device type's templates."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db import models

from dcim.models import Device
from dcim.models.device_types import (
    COMPONENT_TEMPLATE_MODELS,
    FrontPortTemplate,
    InterfaceTemplate,
    PowerOutletTemplate,
)
from ipamcore import changelog

# The template FK that names another component of the same device, per template model.
LINKED_TEMPLATE_FIELDS = {
    PowerOutletTemplate: ("power_port", "power_port"),
    FrontPortTemplate: ("rear_port", "rear_port"),
}


def instantiate_components(devices: Sequence[Device]) -> dict[type[models.Model], list[Any]]:
    """Create every component the devices' types call for, set-based: per component kind
    one template query, one INSERT and the changelog rows, whatever the number of
    devices or components. Returns the created components by model."""
    devices = [device for device in devices if device.device_type_id]
    by_type: dict[int, list[Device]] = defaultdict(list)
    for device in devices:
        by_type[device.device_type_id].append(device)
    # (model, device pk, name) -> component, for front->rear and outlet->port links.
    made: dict[tuple[type[models.Model], int, str], Any] = {}
    created: dict[type[models.Model], list[Any]] = {}
    for template_model in COMPONENT_TEMPLATE_MODELS:
        templates = template_model.objects.filter(device_type_id__in=list(by_type))
        linked = LINKED_TEMPLATE_FIELDS.get(template_model)
        if linked or template_model is InterfaceTemplate:
            templates = templates.select_related(linked[0] if linked else "bridge")
        components = build(list(templates), by_type, made)
        if not components:
            continue
        model = template_model.component_model
        model._default_manager.bulk_create(components)
        for component in components:
            made[(model, component.device_id, component.name)] = component
        if template_model is InterfaceTemplate:
            link_bridges(components, made)
        changelog.record_creates(components)
        created[model] = components
    return created


def build(
    templates: list[Any],
    by_type: dict[int, list[Device]],
    made: dict[tuple[type[models.Model], int, str], Any],
) -> list[Any]:
    components = []
    for template in templates:
        linked = LINKED_TEMPLATE_FIELDS.get(type(template))
        for device in by_type[template.device_type_id]:
            component = template.instantiate(device)
            if linked:
                link_component(component, template, device, linked, made)
            bridge = template.bridge if isinstance(template, InterfaceTemplate) else None
            if bridge is not None:
                component._bridge_name = bridge.name
            components.append(component)
    return components


def link_component(
    component: Any,
    template: Any,
    device: Device,
    linked: tuple[str, str],
    made: dict[tuple[type[models.Model], int, str], Any],
) -> None:
    template_field, component_field = linked
    target = getattr(template, template_field)
    if target is not None:
        target_model = type(component)._meta.get_field(component_field).related_model
        setattr(component, component_field, made[(target_model, device.pk, target.name)])


def link_bridges(
    interfaces: list[Any], made: dict[tuple[type[models.Model], int, str], Any]
) -> None:
    bridged = []
    for interface in interfaces:
        name = getattr(interface, "_bridge_name", None)
        if name:
            interface.bridge = made[(type(interface), interface.device_id, name)]
            bridged.append(interface)
    if bridged:
        type(bridged[0])._default_manager.bulk_update(bridged, ["bridge"])
