"""DCIM domain operations (side effects live here, not in signals); every write path —
REST, UI, GraphQL, jobs — calls these."""

from dcim.services.cables import (
    connected_endpoints_for,
    create_cable,
    delete_cables,
    link_peers_for,
    paths_through,
    trace,
    update_cable,
)
from dcim.services.components import instantiate_components
from dcim.services.devices import (
    assign_chassis_master,
    clear_primary_ips,
    delete_components,
    delete_devices,
    unassign_ips,
)
from dcim.services.paths import retrace, retrace_through
from dcim.services.racks import rack_elevation

__all__ = [
    "assign_chassis_master",
    "clear_primary_ips",
    "connected_endpoints_for",
    "create_cable",
    "delete_cables",
    "delete_components",
    "delete_devices",
    "instantiate_components",
    "link_peers_for",
    "paths_through",
    "rack_elevation",
    "retrace",
    "retrace_through",
    "trace",
    "unassign_ips",
    "update_cable",
]
