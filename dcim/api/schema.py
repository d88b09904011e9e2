"""How the cabling fields look in the OpenAPI schema (drf-spectacular extensions,
registered on import by dcim.api)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiSerializerFieldExtension

ANY_OBJECT = {"type": "object", "additionalProperties": True}
NULLABLE_STRING = {"type": "string", "nullable": True, "readOnly": True}
CABLE_STATE_SCHEMAS: dict[str, dict[str, Any]] = {
    "link_peers": {"type": "array", "items": ANY_OBJECT, "readOnly": True},
    "link_peers_type": NULLABLE_STRING,
    "connected_endpoints": {
        "type": "array",
        "items": ANY_OBJECT,
        "nullable": True,
        "readOnly": True,
    },
    "connected_endpoints_type": NULLABLE_STRING,
    "connected_endpoints_reachable": {"type": "boolean", "readOnly": True},
}


class CableStateFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "dcim.api.cabling.CableStateField"

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        return CABLE_STATE_SCHEMAS[self.target.part]


class CableEndFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "dcim.api.cabling.CableEndField"

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        return {"type": "string", "enum": ["A", "B"], "nullable": True, "readOnly": True}


class TerminationsFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "dcim.api.cables.TerminationsField"

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        item: dict[str, Any] = {
            "type": "object",
            "properties": {
                "object_type": {"type": "string"},
                "object_id": {"type": "integer", "minimum": 0},
            },
            "required": ["object_type", "object_id"],
        }
        if direction == "response":
            item["properties"]["object"] = ANY_OBJECT
        return {"type": "array", "items": item}
