"""Base models every object type builds on.

- ChangeLoggedModel: created/last_updated timestamps.
- TaggedModel: plus tags and custom field data (device and VM components, which have
  no comments).
- PrimaryModel: a TaggedModel with description and comments.
- OrganizationalModel: a PrimaryModel with a globally unique name and slug.
- NestedGroupModel: a tree (parent link, queried by recursive CTE).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import RegexValidator
from django.db import models
from tree_queries.models import TreeNode

slug_validator = RegexValidator(r"^[-\w]+$", "Enter a valid slug (letters, numbers, - and _).")


class ChangeLoggedModel(models.Model):
    created = models.DateTimeField(auto_now_add=True, null=True, blank=True)
    last_updated = models.DateTimeField(auto_now=True, null=True, blank=True)

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        """The object's page in the browser UI (the API's `display_url`)."""
        from ipamcore.registry import ui_url

        return ui_url(self)

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        # Django checks that each set foreign key exists: a query per key, object and
        # write. Skipped where the answer is known: a content type (its rows are never
        # deleted) and a related object loaded with the instance (the API's related
        # fields fetch it in the same request). Half the cost of a list POST of IPs.
        known = [
            field.name for field in self._meta.concrete_fields if loaded_reference(self, field)
        ]
        super().clean_fields(exclude=[*(exclude or ()), *known])


def loaded_reference(instance: models.Model, field: models.Field[Any, Any]) -> bool:
    """Whether a set foreign key is known to exist without asking the database."""
    if not field.many_to_one or getattr(instance, field.attname) is None:
        return False
    if getattr(field.remote_field, "limit_choices_to", None):  # only the query checks it
        return False
    if field.related_model is ContentType:
        return True
    related = field.get_cached_value(instance, default=None)  # type: ignore[attr-defined]
    return related is not None and related.pk == getattr(instance, field.attname)


class TaggedModel(ChangeLoggedModel):
    custom_field_data = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    tagged_items = GenericRelation("extras.TaggedItem")
    # Journal entries go with their object when it is deleted.
    journal_entries = GenericRelation(
        "extras.JournalEntry",
        content_type_field="assigned_object_type",
        object_id_field="assigned_object_id",
    )

    class Meta:
        abstract = True


class PrimaryModel(TaggedModel):
    description = models.CharField(max_length=200, blank=True)
    comments = models.TextField(blank=True)

    class Meta:
        abstract = True


class OrganizationalModel(PrimaryModel):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True, validators=[slug_validator])

    class Meta:
        abstract = True
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class NestedGroupModel(TreeNode, PrimaryModel):  # type: ignore[django-manager-missing]
    """A tree of named groups. Name and slug are unique among siblings."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, validators=[slug_validator])

    class Meta:
        abstract = True
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # Checked before TreeNode.clean(), whose message is not keyed by the field (NetBox: 400
        # on `parent`).
        if self.pk and self.parent_id:
            ancestor_ids = {node.pk for node in self.parent.ancestors(include_self=True)}
            if self.pk in ancestor_ids:
                from django.core.exceptions import ValidationError

                raise ValidationError({"parent": "Cannot assign self or child as parent."})
        super().clean()


def tree_unique_constraints(model: str, *scope: str) -> list[Any]:
    """Name and slug unique among siblings, and among roots (NULL parent)."""
    constraints: list[Any] = []
    for fieldname in ("name", "slug"):
        constraints.append(
            models.UniqueConstraint(
                fields=(*scope, "parent", fieldname),
                name=f"{model}_parent_{fieldname}_unique",
                violation_error_message=f"A {model} with this {fieldname} already exists here.",
            )
        )
        constraints.append(
            models.UniqueConstraint(
                fields=(*scope, fieldname),
                condition=models.Q(parent__isnull=True),
                name=f"{model}_root_{fieldname}_unique",
                violation_error_message=f"A top-level {model} with this {fieldname} exists.",
            )
        )
    return constraints


class ObjectChangeActionChoices(models.TextChoices):
    CREATE = "create", "Created"
    UPDATE = "update", "Updated"
    DELETE = "delete", "Deleted"


class ObjectChange(models.Model):
    """One recorded change of one object, written in the transaction of the change."""

    time = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        "users.User", on_delete=models.SET_NULL, related_name="changes", blank=True, null=True
    )
    user_name = models.CharField(max_length=150, editable=False)
    request_id = models.UUIDField(editable=False, db_index=True)
    action = models.CharField(max_length=50, choices=ObjectChangeActionChoices.choices)
    changed_object_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+"
    )
    changed_object_id = models.PositiveBigIntegerField()
    changed_object = GenericForeignKey("changed_object_type", "changed_object_id")
    related_object_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.PROTECT,
        related_name="+",
        blank=True,
        null=True,
    )
    related_object_id = models.PositiveBigIntegerField(blank=True, null=True)
    related_object = GenericForeignKey("related_object_type", "related_object_id")
    object_repr = models.CharField(max_length=200, editable=False)
    message = models.CharField(max_length=200, blank=True, editable=False)
    prechange_data = models.JSONField(editable=False, blank=True, null=True)
    postchange_data = models.JSONField(editable=False, blank=True, null=True)

    class Meta:
        ordering = ("-time", "-pk")
        indexes = [
            models.Index(fields=("changed_object_type", "changed_object_id")),
            models.Index(fields=("related_object_type", "related_object_id")),
        ]

    def __str__(self) -> str:
        return (
            f"{self.changed_object_type.model} {self.object_repr} "
            f"{self.get_action_display().lower()} by {self.user_name}"
        )


class JobStatusChoices(models.TextChoices):
    PENDING = "pending", "Pending"
    SCHEDULED = "scheduled", "Scheduled"
    RUNNING = "running", "Running"
    COMPLETED = "completed", "Completed"
    ERRORED = "errored", "Errored"
    FAILED = "failed", "Failed"


FINISHED_JOB_STATUSES = (
    JobStatusChoices.COMPLETED,
    JobStatusChoices.ERRORED,
    JobStatusChoices.FAILED,
)


class Job(models.Model):
    """The record of one background job: what ran, on which object, how it ended."""

    object_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.CASCADE,
        related_name="+",
        blank=True,
        null=True,
    )
    object_id = models.PositiveBigIntegerField(blank=True, null=True)
    object = GenericForeignKey("object_type", "object_id")
    name = models.CharField(max_length=200)
    status = models.CharField(
        max_length=30, choices=JobStatusChoices.choices, default=JobStatusChoices.PENDING
    )
    created = models.DateTimeField(auto_now_add=True)
    scheduled = models.DateTimeField(blank=True, null=True)
    interval = models.PositiveIntegerField(blank=True, null=True)
    started = models.DateTimeField(blank=True, null=True)
    completed = models.DateTimeField(blank=True, null=True)
    user = models.ForeignKey(
        "users.User", on_delete=models.SET_NULL, related_name="+", blank=True, null=True
    )
    data = models.JSONField(blank=True, null=True, encoder=DjangoJSONEncoder)
    error = models.TextField(blank=True)
    job_id = models.UUIDField(unique=True)
    queue_name = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ("-created", "-pk")
        indexes = [models.Index(fields=("object_type", "object_id"))]

    def __str__(self) -> str:
        return str(self.job_id)
