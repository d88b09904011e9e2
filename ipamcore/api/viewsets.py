"""The one viewset every object type is served by.

Lists, details, single and bulk writes (list POST, PUT/PATCH/DELETE on the list
URL), each write one transaction; brief mode; ETag/If-Match; queries derived
from the serializer's shape.

Object permissions (ipamcore.permissions.restrict): reads see only what the user may
view; an update or delete finds its targets among what the user may change or delete
(a target the user may see but not touch is a 403, one it may not see a 404); and the
objects a write leaves behind must be what the user may add or change, checked in the
write's transaction, else 403 and nothing is kept.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from ipamcore import changelog, permissions
from ipamcore.api.exceptions import PreconditionFailed
from ipamcore.api.queries import optimize
from ipamcore.querysets import counting_for
from ipamcore.registry import ObjectType

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

# The object-permission action whose objects a viewset action looks its targets up in;
# every other action (reads, creates, the parent of an available-* allocation) in `view`.
LOOKUP_ACTIONS = {
    "update": "change",
    "partial_update": "change",
    "bulk_update": "change",
    "bulk_partial_update": "change",
    "destroy": "delete",
    "bulk_destroy": "delete",
}


def etag(instance: Model) -> str | None:
    stamp = getattr(instance, "last_updated", None) or getattr(instance, "created", None)
    return f'W/"{stamp.isoformat()}"' if stamp else None


def saved_objects(serializer: serializers.BaseSerializer[Any]) -> list[Model]:
    """What a serializer's save() wrote, as a list (one object, or a list serializer's)."""
    instance = serializer.instance
    assert instance is not None  # only called after save()
    return list(instance) if isinstance(instance, list) else [instance]


class BaseViewSet(viewsets.ModelViewSet[Any]):
    """Serves one registry entry. Subclasses set `entry` (the router does it)."""

    entry: ObjectType
    # Snapshots taken before an update, keyed by pk (for the changelog).
    prechange: dict[Any, dict[str, Any]] = {}

    # --- plumbing -------------------------------------------------------------

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        # Every write is one transaction with its changelog rows; a failed request
        # changes nothing and records nothing.
        if request.method in UNSAFE_METHODS:
            request_id = getattr(request, "id", None)
            with transaction.atomic(), changelog.change_context(request_id=request_id):
                response = super().dispatch(request, *args, **kwargs)
                # Errors are answered, not raised: roll back whatever ran before them.
                if response.status_code >= 400:
                    transaction.set_rollback(True)
                return response
        return super().dispatch(request, *args, **kwargs)

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        # Authentication has run: the changes of this request belong to this user.
        context = changelog.current_context()
        context.user = request.user
        context.request = request

    @property
    def brief(self) -> bool:
        return bool(self.request.query_params.get("brief")) if self.request else False

    def get_permission_model(self) -> type[Model]:
        return self.entry.model

    def get_serializer_context(self) -> dict[str, Any]:
        brief = self.request.method in ("GET", "HEAD") and self.brief
        return {**super().get_serializer_context(), "brief": brief}

    @property
    def lookup_action(self) -> str:
        return LOOKUP_ACTIONS.get(self.action or "", "view")

    def restricted(self, queryset: QuerySet[Any], action: str | None = None) -> QuerySet[Any]:
        """`queryset` narrowed to what the request's user may `action` (default: the action
        this request looks its objects up for)."""
        return permissions.restrict(queryset, self.request.user, action or self.lookup_action)

    def get_queryset(self) -> QuerySet[Any]:
        # Related counts count what this user may view (ipamcore.querysets).
        with counting_for(self.request.user):
            queryset = self.restricted(self.entry.get_queryset())
            # Writes answer through `represent`, which reads the saved rows afresh: the
            # objects they load for validation need no joins or prefetches.
            if self.request.method in ("GET", "HEAD"):
                queryset = optimize(queryset, self.get_serializer())
        return queryset

    # --- single-object writes -------------------------------------------------

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        many = isinstance(request.data, list)
        serializer = self.get_serializer(data=request.data, many=many)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        instances = saved_objects(serializer)
        self.check_permitted(instances, "add")
        data = self.represent(instances, many)
        headers = {}
        if not many:
            headers["Location"] = data["url"]
            tag = etag(instances[0])
            if tag:
                headers["ETag"] = tag
        return Response(data, status=status.HTTP_201_CREATED, headers=headers)

    def represent(self, instances: Sequence[Model], many: bool) -> Any:
        """Reload written objects through the optimised queryset and serialize them."""
        pks = [obj.pk for obj in instances]
        by_pk = {obj.pk: obj for obj in self.get_queryset_for_response().filter(pk__in=pks)}
        ordered = [by_pk[pk] for pk in pks if pk in by_pk]
        serializer = self.get_serializer(ordered, many=True)
        data = serializer.data
        return data if many else data[0]

    def get_queryset_for_response(self) -> QuerySet[Any]:
        with counting_for(self.request.user):
            return optimize(self.entry.get_queryset(), self.get_serializer())

    def get_object(self) -> Any:
        try:
            return super().get_object()
        except Http404:
            # Visible but not the user's to change or delete: say so rather than hide it.
            if self.lookup_action != "view" and self.visible(self.kwargs.get(self.lookup_field)):
                raise PermissionDenied() from None
            raise

    def visible(self, *pks: Any) -> bool:
        """Whether any of `pks` is an object the user may view (for telling 403 from 404)."""
        try:
            ids = [int(pk) for pk in pks]
        except (TypeError, ValueError):
            return False
        manager = self.entry.model._default_manager
        return self.restricted(manager.filter(pk__in=ids), "view").exists()

    def check_permitted(self, instances: Sequence[Model], action: str) -> None:
        """After a write, in its transaction: every written object must be one the user may
        `action`, else 403 (dispatch then rolls the whole request back)."""
        if not instances:
            return
        model = type(instances[0])
        pks = [obj.pk for obj in instances]
        if permissions.unpermitted(model, pks, self.request.user, action):
            raise PermissionDenied()

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        data = self.get_serializer(instance).data
        headers = {"ETag": tag} if (tag := etag(instance)) else {}
        return Response(data, headers=headers)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        partial = kwargs.pop("partial", False)
        instance = self.get_locked_object()
        self.check_if_match(request, instance)
        self.prechange = changelog.snapshot_many([instance])
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        self.perform_update(serializer)
        instances = saved_objects(serializer)
        self.check_permitted(instances, "change")
        data = self.represent(instances, many=False)
        headers = {"ETag": tag} if (tag := etag(instances[0])) else {}
        return Response(data, headers=headers)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_locked_object()
        self.check_if_match(request, instance)
        self.perform_destroy(instance)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def get_locked_object(self) -> Model:
        instance: Model = self.get_object()
        # Re-read under a row lock so If-Match and the write see the same version.
        return type(instance)._default_manager.select_for_update().get(pk=instance.pk)

    def lock_rows(self, ids: list[int]) -> None:
        """Row locks for a bulk write (on the bare table: FOR UPDATE rejects GROUP BY)."""
        manager = self.entry.model._default_manager
        # No ordering: a default ordering on related columns would join the nullable side.
        rows = manager.select_for_update().filter(pk__in=ids).order_by()
        list(rows.values_list("pk", flat=True))

    def check_if_match(self, request: Request, instance: Model) -> None:
        header = request.headers.get("If-Match")
        if not header:
            return
        wanted = {value.strip() for value in header.split(",")}
        current = etag(instance)
        if "*" not in wanted and current not in wanted:
            raise PreconditionFailed()

    def handle_exception(self, exc: Exception) -> Response:
        response = super().handle_exception(exc)
        if isinstance(exc, PreconditionFailed) and self.kwargs.get("pk"):
            obj = self.entry.model._default_manager.filter(pk=self.kwargs["pk"]).first()
            if obj is not None and (tag := etag(obj)):
                response["ETag"] = tag
        return response

    # --- bulk writes on the list URL ------------------------------------------

    def bulk_update(self, request: Request, partial: bool = False) -> Response:
        items = self.bulk_items(request)
        ids = [item["id"] for item in items]
        self.lock_rows(ids)
        objects = self.get_queryset().in_bulk(ids)
        self.check_all_found(ids, objects)
        self.prechange = changelog.snapshot_many(list(objects.values()))
        updated: list[serializers.BaseSerializer[Any]] = []
        errors: list[Any] = []
        # One serializer validates every item: building a serializer's fields costs more
        # than validating one item. Each valid item keeps a shallow copy (its instance and
        # validated data) to save from.
        serializer = self.get_serializer(partial=partial)
        for item in items:
            instance = objects.get(item["id"])
            if instance is None:  # not found or not visible: skipped, as NetBox does
                errors.append({})
                continue
            for state in ("_validated_data", "_errors", "_data"):
                serializer.__dict__.pop(state, None)
            serializer.instance, serializer.initial_data = instance, item
            if serializer.is_valid():
                errors.append({})
                updated.append(copy.copy(serializer))
            else:
                errors.append(serializer.errors)
        if any(errors):
            raise ValidationError(errors)
        self.perform_bulk_update(updated)
        instances = [obj for serializer in updated for obj in saved_objects(serializer)]
        self.check_permitted(instances, "change")
        return Response(self.represent(instances, many=True))

    def bulk_partial_update(self, request: Request) -> Response:
        return self.bulk_update(request, partial=True)

    def bulk_destroy(self, request: Request) -> Response:
        items = self.bulk_items(request)
        ids = [item["id"] for item in items]
        self.lock_rows(ids)
        instances = list(self.get_queryset().filter(pk__in=ids))
        self.check_all_found(ids, {obj.pk: obj for obj in instances})
        messages = {item["id"]: item.get("changelog_message") or "" for item in items}
        self.perform_bulk_destroy(instances, messages)
        return Response(status=status.HTTP_204_NO_CONTENT)

    # --- the write hooks: subclasses add domain side effects around these ---------

    def perform_create(self, serializer: serializers.BaseSerializer[Any]) -> None:
        save_created(serializer)

    def perform_update(self, serializer: serializers.BaseSerializer[Any]) -> None:
        serializer.save()
        self.record_updates([serializer])

    def perform_bulk_update(self, updated: list[serializers.BaseSerializer[Any]]) -> None:
        """Save validated bulk updates (each serializer holds one object)."""
        for serializer in updated:
            serializer.save()
        self.record_updates(updated)

    def record_updates(self, updated: list[serializers.BaseSerializer[Any]]) -> None:
        """Changelog rows (and events) of saved updates. Subclasses that derive stored
        values from the saved rows do so before this, so events carry them."""
        changelog.record_updates(
            [obj for serializer in updated for obj in saved_objects(serializer)],
            self.prechange,
            [message_of(s.validated_data) for s in updated],
        )

    def perform_destroy(self, instance: Model) -> None:
        message = (
            self.request.data.get("changelog_message", "")
            if isinstance(self.request.data, dict)
            else ""
        )
        changelog.delete_with_changelog([instance], str(message or ""))

    def perform_bulk_destroy(self, instances: list[Model], messages: dict[Any, str]) -> None:
        # One collector pass for the batch; objects with their own message go one by one.
        plain = [obj for obj in instances if not messages.get(obj.pk)]
        changelog.delete_with_changelog(plain)
        for obj in instances:
            if messages.get(obj.pk):
                changelog.delete_with_changelog([obj], messages[obj.pk])

    def check_all_found(self, ids: list[int], found: dict[Any, Any]) -> None:
        """A bulk write touches all its targets or none: one the user may see but not
        change or delete refuses the whole request (unknown and invisible ids are skipped)."""
        missing = [pk for pk in ids if pk not in found]
        if missing and self.visible(*missing):
            raise PermissionDenied()

    def bulk_items(self, request: Request) -> list[dict[str, Any]]:
        """The request's list of objects, each with an integer `id` (else a 400 per item)."""
        data = request.data
        if not isinstance(data, list):
            raise ValidationError({"non_field_errors": ["Expected a list of objects with an id."]})
        id_field = serializers.IntegerField()
        errors: list[dict[str, Any]] = []
        for item in data:
            try:
                if not isinstance(item, dict) or item.get("id") is None:
                    id_field.fail("required")
                item["id"] = id_field.run_validation(item["id"])
                errors.append({})
            except ValidationError as exc:
                errors.append({"id": exc.detail})
        if any(errors):
            raise ValidationError(errors)
        return data


def save_created(serializer: serializers.BaseSerializer[Any]) -> None:
    """Save a validated create (one object or a list) with its changelog rows; also
    used by endpoints that create objects of another type (available-* allocations)."""
    serializer.save()
    record_created(serializer)


def record_created(serializer: serializers.BaseSerializer[Any]) -> None:
    """Changelog rows (and events) of a saved create; callers that derive stored values
    from the new rows run that between the save and this."""
    if isinstance(serializer.instance, list):
        messages = [message_of(attrs) for attrs in serializer.validated_data]
    else:
        messages = [message_of(serializer.validated_data)]
    changelog.record_creates(saved_objects(serializer), messages)


def message_of(attrs: Any) -> str:
    return str(attrs.get("changelog_message") or "") if isinstance(attrs, dict) else ""


class ReadOnlyViewSet(BaseViewSet):
    """Lists and details only: the write actions are switched off, so the router maps no
    route (and the schema documents no operation) for them."""

    create = update = partial_update = destroy = None  # type: ignore[assignment]
    bulk_update = bulk_partial_update = bulk_destroy = None  # type: ignore[assignment]
