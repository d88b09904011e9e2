"""OpenAPI schema generation: what the API really sends and accepts, described to
drf-spectacular so clients (pynetbox strict filters, nb_inventory, generated
clients) and schemathesis see the truth.

On top of drf-spectacular's defaults this adds: `brief`/`fields`/`omit` on reads;
bulk writes on list URLs (arrays in, arrays out) and list-or-object creates; the
error responses each operation can give; NetBox's operation ids for bulk writes;
and response `required` lists that only name fields every response carries.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import Direction, OpenApiParameter
from rest_framework import serializers

import ipamcore
from ipamcore import registry
from ipamcore.api import schema_extensions  # noqa: F401  (registers the extensions)
from ipamcore.api.viewsets import BaseViewSet

BULK_ACTIONS = ("bulk_update", "bulk_partial_update", "bulk_destroy")
# Actions whose response may be (create) or is (bulk updates) a list of objects.
LISTED_RESPONSES = ("create", "bulk_update", "bulk_partial_update")
# The responses described below are the full representation; these select another one.
SHAPE_PARAMETERS = [
    OpenApiParameter(
        "brief",
        str,
        description=(
            "Any non-empty value returns the brief representation (the fields of the nested "
            "objects of this type) instead of the one described here."
        ),
    ),
    OpenApiParameter(
        "fields",
        str,
        description=(
            "Comma-separated field names: only these are returned (unknown names are "
            "ignored; `id` alone if none is known)."
        ),
    ),
    OpenApiParameter(
        "omit",
        str,
        description="Comma-separated field names to leave out (ignored with `fields`).",
    ),
]
ERROR_SCHEMAS: dict[str, dict[str, Any]] = {
    "Error": {
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    # Field errors ({"name": ["..."]}), a list with one entry per item of a bulk write,
    # or a plain list of messages (cursor pagination).
    "ValidationError": {
        "oneOf": [
            {"type": "object", "additionalProperties": True},
            {"type": "array", "items": {}},
        ]
    },
}
ERROR_DESCRIPTIONS = {
    "400": "Invalid input: field errors, or invalid filter or pagination parameters.",
    "403": "Not authenticated, or not permitted.",
    "404": "No such object, or not visible.",
    "409": "Conflict, e.g. the object is still referenced by others.",
    "412": "The If-Match header does not match the object's current ETag.",
}


class AutoSchema(SpectacularAutoSchema):
    # --- operations ---------------------------------------------------------------

    def get_operation(
        self, path: str, path_regex: str, path_prefix: str, method: str, registry: Any
    ) -> dict[str, Any] | None:
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is not None:
            for code in self.error_codes():
                operation["responses"].setdefault(code, self.error_response(code))
        return operation  # type: ignore[no-any-return]

    def action(self) -> str | None:
        return getattr(self.view, "action", None)

    def is_object_type(self) -> bool:
        return isinstance(self.view, BaseViewSet)

    def error_codes(self) -> list[str]:
        codes = ["403"]
        action = self.action()
        if self.method != "GET" or action == "list":
            codes.append("400")
        detail = bool(getattr(self.view, "detail", False)) or action in (
            "retrieve",
            "update",
            "partial_update",
            "destroy",
        )
        if detail:
            codes.append("404")
        if action in ("update", "partial_update", "destroy"):
            codes.append("412")
        # Deletes may be blocked by references; actions on one object (allocations,
        # replays) may find nothing left to give.
        if self.method == "DELETE" or (detail and self.method == "POST"):
            codes.append("409")
        return codes

    def error_response(self, code: str) -> dict[str, Any]:
        name = "ValidationError" if code == "400" else "Error"
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, object=name, schema=ERROR_SCHEMAS[name]
        )
        self.registry.register_on_missing(component)
        return {
            "description": ERROR_DESCRIPTIONS[code],
            "content": {"application/json": {"schema": component.ref}},
        }

    def get_operation_id(self) -> str:
        action = self.action()
        if self.is_object_type() and action in BULK_ACTIONS:
            # NetBox's ids (dcim_sites_bulk_update), which generated clients name methods after.
            return "_".join([*(t.replace("-", "_") for t in self._tokenize_path()), action])
        return super().get_operation_id()  # type: ignore[no-any-return]

    def get_description(self) -> str:  # type: ignore[override]
        if not self.is_object_type():
            return super().get_description()  # type: ignore[no-any-return]
        plural = getattr(self.view, "entry").model._meta.verbose_name_plural  # noqa: B009
        return {
            "list": f"List {plural}: filtered, ordered and paginated.",
            "create": f"Create one of the {plural} (an object) or several (a list), all or none.",
            "bulk_update": f"Replace several {plural}: a list of complete objects with their `id`.",
            "bulk_partial_update": f"Update several {plural}: a list of objects with their `id`.",
            "bulk_destroy": f'Delete several {plural}: a list of `{{"id": N}}`.',
        }.get(self.action() or "", "")

    def get_override_parameters(self) -> list[Any]:
        if self.is_object_type() and self.action() in ("list", "retrieve"):
            return list(SHAPE_PARAMETERS)
        return super().get_override_parameters()  # type: ignore[no-any-return]

    def map_parsers(self) -> list[Any]:
        # JSON is what clients send; multipart is only accepted for file uploads.
        return ["application/json"]

    # --- bodies of creates and bulk writes -----------------------------------------

    def _get_request_body(self, direction: Direction = "request") -> dict[str, Any] | None:
        action = self.action()
        if not self.is_object_type() or action not in ("create", *BULK_ACTIONS):
            return super()._get_request_body(direction)  # type: ignore[no-any-return]
        if action == "bulk_destroy":
            schema: dict[str, Any] = {"type": "array", "items": with_id(BULK_DELETE_ITEM)}
        else:
            ref = self.component_ref(self.request_serializer(), "request")
            item = with_id(ref) if action in BULK_ACTIONS else ref
            schema = {"type": "array", "items": item}
            if action == "create":
                schema = {"oneOf": [ref, schema]}
        return {"content": {"application/json": {"schema": schema}}, "required": True}

    def request_serializer(self) -> serializers.Serializer:
        serializer = self._get_serializer()
        if self.action() == "bulk_partial_update":
            serializer.partial = True
        return serializer  # type: ignore[no-any-return]

    def _get_response_bodies(self, direction: Direction = "response") -> dict[str, Any]:
        action = self.action()
        if not self.is_object_type() or action not in LISTED_RESPONSES:
            return super()._get_response_bodies(direction)  # type: ignore[no-any-return]
        ref = self.component_ref(self._get_serializer(), "response")
        listed: dict[str, Any] = {"type": "array", "items": ref}
        schema: dict[str, Any]
        if action == "create":
            code, schema = "201", {"oneOf": [ref, listed]}
        else:
            code, schema = "200", listed
        return {code: {"description": "", "content": {"application/json": {"schema": schema}}}}

    def component_ref(self, serializer: Any, direction: Direction) -> dict[str, Any]:
        return self.resolve_serializer(serializer, direction).ref  # type: ignore[no-any-return]

    # --- components -----------------------------------------------------------------

    def _get_serializer_name(
        self, serializer: Any, direction: Direction, bypass_extensions: bool = False
    ) -> str:
        name = super()._get_serializer_name(serializer, direction, bypass_extensions)
        if getattr(serializer, "nested", False):
            fields = getattr(serializer, "nested_fields", None)
            suffix = "" if not fields else "".join(part.strip("_").title() for part in fields)[:40]
            return f"Brief{name}{suffix}"
        return name  # type: ignore[no-any-return]

    def _map_basic_serializer(self, serializer: Any, direction: Direction) -> dict[str, Any]:
        schema: dict[str, Any] = super()._map_basic_serializer(serializer, direction)
        # Serializer docstrings are written for developers, not API users.
        schema.pop("description", None)
        if direction == "response":
            sometimes_absent = set(fields_not_always_present(serializer))
            required = [name for name in schema.get("required", []) if name not in sometimes_absent]
            schema["required"] = required
            if not required:
                del schema["required"]
        return schema


def report_full_version(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """info.version is the full release clients check (spectacular appends the API version
    when versioning is on)."""
    result["info"]["version"] = ipamcore.NETBOX_COMPAT_VERSION
    return result


BULK_DELETE_ITEM = {
    "type": "object",
    "properties": {"changelog_message": {"type": "string", "maxLength": 200}},
}


def with_id(schema: dict[str, Any]) -> dict[str, Any]:
    """An item of a bulk write: the object's fields plus its `id`."""
    identified = {
        "type": "object",
        "properties": {"id": {"type": "integer"}},
        "required": ["id"],
    }
    return {"allOf": [schema, identified]}


def fields_not_always_present(serializer: Any) -> list[str]:
    """Read-only fields whose values come from queryset annotations the object type's
    queryset does not add (e.g. counts of models that annotate themselves later): they are
    left out of a response rather than invented, so the schema must not require them."""
    model = getattr(getattr(serializer, "Meta", None), "model", None)
    if model is None:
        return []
    entry = registry.find(model)
    annotations = entry.get_queryset().query.annotations if entry is not None else {}
    absent = []
    for name, field in serializer.fields.items():
        if not field.read_only or field.source == "*" or field.default is not serializers.empty:
            continue
        if isinstance(field, serializers.SerializerMethodField):
            continue
        root = field.source.split(".")[0]
        if not hasattr(model, root) and root not in annotations:
            absent.append(name)
    return absent
