from __future__ import annotations

import datetime
import decimal
import re
from typing import Any

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.utils import timezone
from jinja2 import TemplateSyntaxError

from extras import conditions
from extras.choices import (
    CustomFieldChoiceSetBaseChoices,
    CustomFieldFilterLogicChoices,
    CustomFieldTypeChoices,
    CustomFieldUIEditableChoices,
    CustomFieldUIVisibleChoices,
    DeliveryStatusChoices,
    EventRuleActionChoices,
    EventTypeChoices,
    JournalEntryKindChoices,
    WebhookHttpMethodChoices,
)
from ipamcore.models import ChangeLoggedModel, PrimaryModel, slug_validator

color_validator = RegexValidator(r"^[0-9a-f]{6}$", "Enter a valid hexadecimal RGB color code.")


class Tag(ChangeLoggedModel):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True, validators=[slug_validator])
    color = models.CharField(max_length=6, default="9e9e9e", validators=[color_validator])
    description = models.CharField(max_length=200, blank=True)
    weight = models.PositiveSmallIntegerField(default=1000)
    object_types = models.ManyToManyField(ContentType, blank=True, related_name="+")

    class Meta:
        ordering = ("weight", "name")

    def __str__(self) -> str:
        return self.name


class TaggedItem(models.Model):
    """One tag on one object of any type."""

    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="items")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=("content_type", "object_id", "tag"), name="taggeditem_unique"
            )
        ]
        indexes = [models.Index(fields=("content_type", "object_id"))]

    def __str__(self) -> str:
        return f"{self.tag_id} on {self.content_type_id}:{self.object_id}"


class CustomFieldChoiceSet(ChangeLoggedModel):
    name = models.CharField(max_length=100, unique=True)
    description = models.CharField(max_length=200, blank=True)
    base_choices = models.CharField(
        max_length=50, choices=CustomFieldChoiceSetBaseChoices.choices, blank=True, null=True
    )
    extra_choices = models.JSONField(default=list, blank=True)
    order_alphabetically = models.BooleanField(default=False)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    @property
    def values(self) -> list[str]:
        return [str(pair[0]) for pair in self.extra_choices or []]

    def clean(self) -> None:
        if not self.base_choices and not self.extra_choices:
            raise ValidationError("Must define base or extra choices.")
        for pair in self.extra_choices or []:
            if not isinstance(pair, list | tuple) or len(pair) != 2:
                raise ValidationError(
                    {"extra_choices": "Each choice must be a [value, label] pair."}
                )


custom_field_name_validator = RegexValidator(
    r"^[a-z0-9_]+$", "Only alphanumeric characters and underscores are allowed.", flags=re.I
)


class CustomField(ChangeLoggedModel):
    object_types = models.ManyToManyField(ContentType, related_name="custom_fields")
    type = models.CharField(
        max_length=50, choices=CustomFieldTypeChoices.choices, default=CustomFieldTypeChoices.TEXT
    )
    related_object_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, blank=True, null=True, related_name="+"
    )
    name = models.CharField(max_length=50, unique=True, validators=[custom_field_name_validator])
    label = models.CharField(max_length=50, blank=True)
    group_name = models.CharField(max_length=50, blank=True)
    description = models.CharField(max_length=200, blank=True)
    required = models.BooleanField(default=False)
    unique = models.BooleanField(default=False)
    search_weight = models.PositiveSmallIntegerField(default=1000)
    filter_logic = models.CharField(
        max_length=50,
        choices=CustomFieldFilterLogicChoices.choices,
        default=CustomFieldFilterLogicChoices.LOOSE,
    )
    default = models.JSONField(blank=True, null=True)
    related_object_filter = models.JSONField(blank=True, null=True)
    weight = models.PositiveSmallIntegerField(default=100)
    validation_minimum = models.DecimalField(max_digits=16, decimal_places=4, blank=True, null=True)
    validation_maximum = models.DecimalField(max_digits=16, decimal_places=4, blank=True, null=True)
    validation_regex = models.CharField(max_length=500, blank=True)
    choice_set = models.ForeignKey(
        CustomFieldChoiceSet,
        on_delete=models.PROTECT,
        related_name="choices_for",
        blank=True,
        null=True,
    )
    ui_visible = models.CharField(
        max_length=50,
        choices=CustomFieldUIVisibleChoices.choices,
        default=CustomFieldUIVisibleChoices.ALWAYS,
    )
    ui_editable = models.CharField(
        max_length=50,
        choices=CustomFieldUIEditableChoices.choices,
        default=CustomFieldUIEditableChoices.YES,
    )
    is_cloneable = models.BooleanField(default=False)
    comments = models.TextField(blank=True)

    class Meta:
        ordering = ("group_name", "weight", "name")

    def __str__(self) -> str:
        return self.label or self.name.replace("_", " ").capitalize()

    def clean(self) -> None:
        super().clean()
        if "__" in self.name:
            raise ValidationError({"name": "Double underscores are not permitted in names."})
        selects = (CustomFieldTypeChoices.SELECT, CustomFieldTypeChoices.MULTISELECT)
        if self.type in selects and not self.choice_set_id:
            raise ValidationError({"choice_set": "Selection fields must specify a set of choices."})
        objects = (CustomFieldTypeChoices.OBJECT, CustomFieldTypeChoices.MULTIOBJECT)
        if self.type in objects and not self.related_object_type_id:
            raise ValidationError(
                {"related_object_type": "Object fields must define an object type."}
            )
        if self.validation_regex:
            try:
                re.compile(self.validation_regex)
            except re.error as exc:
                message = f"Invalid regular expression: {exc}"
                raise ValidationError({"validation_regex": message}) from exc
        if self.default is not None:
            try:
                self.validate(self.default)
            except ValidationError as exc:
                raise ValidationError({"default": f"Invalid default value: {exc.message}"}) from exc

    # --- values -----------------------------------------------------------------

    def validate(self, value: Any) -> None:
        """Raise ValidationError (with a plain message) if value is unfit for this field."""
        if value is None or value == "":
            if self.required:
                raise ValidationError("Required field cannot be empty.")
            return
        validator = getattr(self, f"_validate_{self.type}", None)
        if validator is not None:
            validator(value)

    def _check_bounds(self, value: decimal.Decimal | int) -> None:
        if self.validation_minimum is not None and value < self.validation_minimum:
            raise ValidationError(f"Value must be at least {self.validation_minimum}")
        if self.validation_maximum is not None and value > self.validation_maximum:
            raise ValidationError(f"Value must not exceed {self.validation_maximum}")

    def _validate_text(self, value: Any) -> None:
        if not isinstance(value, str):
            raise ValidationError("Value must be a string.")
        if self.validation_regex and not re.search(self.validation_regex, value):
            raise ValidationError(f"Value must match regex '{self.validation_regex}'")

    _validate_longtext = _validate_text

    def _validate_url(self, value: Any) -> None:
        self._validate_text(value)
        URLValidator()(value)

    def _validate_integer(self, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError("Value must be an integer.")
        self._check_bounds(value)

    def _validate_decimal(self, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise ValidationError("Value must be a decimal.")
        try:
            number = decimal.Decimal(str(value))
        except decimal.InvalidOperation as exc:
            raise ValidationError("Value must be a decimal.") from exc
        if not number.is_finite():
            raise ValidationError("Value must be a decimal.")
        self._check_bounds(number)

    def _validate_boolean(self, value: Any) -> None:
        if not isinstance(value, bool):
            raise ValidationError("Value must be true or false.")

    def _validate_date(self, value: Any) -> None:
        try:
            datetime.date.fromisoformat(value)
        except (TypeError, ValueError) as exc:
            raise ValidationError("Date values must be in ISO 8601 format (YYYY-MM-DD).") from exc

    def _validate_datetime(self, value: Any) -> None:
        try:
            datetime.datetime.fromisoformat(value)
        except (TypeError, ValueError) as exc:
            raise ValidationError(
                "Date and time values must be in ISO 8601 format (YYYY-MM-DD HH:MM:SS)."
            ) from exc

    def _validate_select(self, value: Any) -> None:
        if self.choice_set is None or value not in self.choice_set.values:
            raise ValidationError(f"Invalid choice ({value}).")

    def _validate_multiselect(self, value: Any) -> None:
        if not isinstance(value, list):
            raise ValidationError(f"Value must be a list of choices: {value}")
        for item in value:
            self._validate_select(item)

    def _validate_object(self, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(f"Value must be an object ID, not {type(value).__name__}")

    def _validate_multiobject(self, value: Any) -> None:
        if not isinstance(value, list):
            raise ValidationError(f"Value must be a list of object IDs, not {type(value).__name__}")
        for item in value:
            self._validate_object(item)

    @property
    def data_type(self) -> str:
        kinds = {
            CustomFieldTypeChoices.INTEGER: "integer",
            CustomFieldTypeChoices.DECIMAL: "decimal",
            CustomFieldTypeChoices.BOOLEAN: "boolean",
            CustomFieldTypeChoices.JSON: "object",
            CustomFieldTypeChoices.OBJECT: "object",
            CustomFieldTypeChoices.MULTISELECT: "array",
            CustomFieldTypeChoices.MULTIOBJECT: "array",
        }
        return kinds.get(self.type, "string")  # type: ignore[call-overload]


# --- event rules and webhooks --------------------------------------------------------


class Webhook(PrimaryModel):
    """Where and how to send an event: URL, headers and body are sandboxed Jinja2 templates."""

    name = models.CharField(max_length=150, unique=True)
    payload_url = models.CharField(max_length=500)
    http_method = models.CharField(
        max_length=30, choices=WebhookHttpMethodChoices.choices, default="POST"
    )
    http_content_type = models.CharField(max_length=100, default="application/json")
    additional_headers = models.TextField(blank=True)
    body_template = models.TextField(blank=True)
    secret = models.CharField(max_length=255, blank=True)
    ssl_verification = models.BooleanField(default=True)
    ca_file_path = models.CharField(max_length=4096, blank=True, null=True)
    # Rules that act through this webhook go with it.
    event_rules = GenericRelation(
        "extras.EventRule",
        content_type_field="action_object_type",
        object_id_field="action_object_id",
    )

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        from extras.webhooks import template_environment

        environment = template_environment()
        for name in ("payload_url", "additional_headers", "body_template"):
            try:
                environment.parse(getattr(self, name) or "")
            except TemplateSyntaxError as exc:
                raise ValidationError({name: f"Invalid Jinja2 template: {exc}"}) from exc
        if self.ca_file_path and not self.ssl_verification:
            raise ValidationError(
                {
                    "ca_file_path": "Do not specify a CA certificate file if SSL verification "
                    "is disabled."
                }
            )


class EventRule(PrimaryModel):
    """Which events (object types x event types, filtered by conditions) trigger an action."""

    object_types = models.ManyToManyField(ContentType, related_name="event_rules")
    name = models.CharField(max_length=150, unique=True)
    enabled = models.BooleanField(default=True)
    event_types = ArrayField(models.CharField(max_length=50, choices=EventTypeChoices.choices))
    conditions = models.JSONField(blank=True, null=True)
    action_type = models.CharField(
        max_length=30,
        choices=EventRuleActionChoices.choices,
        default=EventRuleActionChoices.WEBHOOK,
    )
    action_object_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    action_object_id = models.PositiveBigIntegerField(blank=True, null=True)
    action_object = GenericForeignKey("action_object_type", "action_object_id")
    action_data = models.JSONField(blank=True, null=True)

    class Meta:
        ordering = ("name",)
        indexes = [models.Index(fields=("action_object_type", "action_object_id"))]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.conditions is not None:
            try:
                conditions.validate(self.conditions)
            except conditions.InvalidCondition as exc:
                raise ValidationError({"conditions": str(exc)}) from exc
        if self.action_type != EventRuleActionChoices.WEBHOOK:
            raise ValidationError({"action_type": "Only webhook actions are supported."})
        if self.action_object_type_id is None:
            return
        model = self.action_object_type.model_class()
        if model is not Webhook:
            raise ValidationError(
                {"action_object_type": f"Invalid content type: {self.action_object_type}"}
            )
        if not Webhook.objects.filter(pk=self.action_object_id or 0).exists():
            raise ValidationError(
                {
                    "action_object_id": "Related object not found using the provided value: "
                    f"{self.action_object_id}."
                }
            )

    def matches(self, data: dict[str, Any]) -> bool:
        return conditions.evaluate(self.conditions, data)


class WebhookDelivery(models.Model):
    """One event to send to one webhook: the outbox row, written in the transaction of the
    change, and the record of its delivery (extras/webhooks.py, docs/webhooks.md)."""

    event_id = models.UUIDField(db_index=True)
    event_type = models.CharField(max_length=50, choices=EventTypeChoices.choices)
    object_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event_rule = models.ForeignKey(
        EventRule, on_delete=models.SET_NULL, related_name="+", blank=True, null=True
    )
    payload = models.JSONField(encoder=DjangoJSONEncoder)
    created = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=30,
        choices=DeliveryStatusChoices.choices,
        default=DeliveryStatusChoices.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    # When a job for it was last put on the queue (null: none is known to be queued).
    queued_at = models.DateTimeField(blank=True, null=True)
    claimed_at = models.DateTimeField(blank=True, null=True)
    finished_at = models.DateTimeField(blank=True, null=True)
    response_status = models.PositiveSmallIntegerField(blank=True, null=True)
    last_error = models.TextField(blank=True)

    OPEN = (DeliveryStatusChoices.PENDING, DeliveryStatusChoices.SENDING)

    class Meta:
        ordering = ("-pk",)
        verbose_name_plural = "webhook deliveries"
        indexes = [
            # The open deliveries of one stream (webhook x object), for ordering.
            models.Index(
                fields=("webhook", "object_type", "object_id", "id"),
                condition=models.Q(status__in=("pending", "sending")),
                name="delivery_open_stream",
            ),
            models.Index(
                fields=("next_attempt_at",),
                condition=models.Q(status="pending"),
                name="delivery_pending_due",
            ),
            models.Index(
                fields=("claimed_at",),
                condition=models.Q(status="sending"),
                name="delivery_sending_claimed",
            ),
            models.Index(fields=("finished_at",), name="delivery_finished"),
        ]

    def __str__(self) -> str:
        # The content type comes from Django's cache: no query per row in lists.
        content_type = ContentType.objects.get_for_id(self.object_type_id)
        label = f"{content_type.app_label}.{content_type.model}"
        return f"{self.get_event_type_display()}: {label} {self.object_id}"


# --- journal -------------------------------------------------------------------------


class JournalEntry(ChangeLoggedModel):
    assigned_object_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+"
    )
    assigned_object_id = models.PositiveBigIntegerField()
    assigned_object = GenericForeignKey("assigned_object_type", "assigned_object_id")
    created_by = models.ForeignKey(
        "users.User", on_delete=models.SET_NULL, related_name="+", blank=True, null=True
    )
    kind = models.CharField(
        max_length=30, choices=JournalEntryKindChoices.choices, default=JournalEntryKindChoices.INFO
    )
    comments = models.TextField()
    custom_field_data = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    tagged_items = GenericRelation("extras.TaggedItem")

    class Meta:
        ordering = ("-created", "-pk")
        verbose_name_plural = "journal entries"
        indexes = [models.Index(fields=("assigned_object_type", "assigned_object_id"))]

    def __str__(self) -> str:
        created = timezone.localtime(self.created or timezone.now())
        return f"{created:%Y-%m-%d %H:%M} ({self.get_kind_display()})"

    def clean(self) -> None:
        super().clean()
        if self.assigned_object_type_id is None or self.assigned_object_id is None:
            return
        model = self.assigned_object_type.model_class()
        if model is None or not hasattr(model, "journal_entries"):
            raise ValidationError(
                {
                    "assigned_object_type": f"Journaling is not supported for this object type "
                    f"({self.assigned_object_type.app_label}.{self.assigned_object_type.model})."
                }
            )
        if not model._default_manager.filter(pk=self.assigned_object_id).exists():
            raise ValidationError(
                f"Invalid assigned_object: {self.assigned_object_type.app_label}."
                f"{self.assigned_object_type.model} ID {self.assigned_object_id}"
            )


CONTEXT_DATA_MESSAGE = 'JSON data must be in object form. Example: {"foo": 123}'


class ConfigContext(ChangeLoggedModel):
    """JSON data merged into the `config_context` of the devices and VMs it matches
    (see extras.services.config_contexts_for). An empty assignment list matches all."""

    name = models.CharField(max_length=100, unique=True)
    weight = models.PositiveSmallIntegerField(default=1000)
    description = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    regions = models.ManyToManyField("dcim.Region", related_name="+", blank=True)
    site_groups = models.ManyToManyField("dcim.SiteGroup", related_name="+", blank=True)
    sites = models.ManyToManyField("dcim.Site", related_name="+", blank=True)
    locations = models.ManyToManyField("dcim.Location", related_name="+", blank=True)
    device_types = models.ManyToManyField("dcim.DeviceType", related_name="+", blank=True)
    roles = models.ManyToManyField("dcim.DeviceRole", related_name="+", blank=True)
    platforms = models.ManyToManyField("dcim.Platform", related_name="+", blank=True)
    cluster_types = models.ManyToManyField(
        "virtualization.ClusterType", related_name="+", blank=True
    )
    cluster_groups = models.ManyToManyField(
        "virtualization.ClusterGroup", related_name="+", blank=True
    )
    clusters = models.ManyToManyField("virtualization.Cluster", related_name="+", blank=True)
    tenant_groups = models.ManyToManyField("tenancy.TenantGroup", related_name="+", blank=True)
    tenants = models.ManyToManyField("tenancy.Tenant", related_name="+", blank=True)
    tags = models.ManyToManyField(Tag, related_name="+", blank=True)
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ("weight", "name")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if not isinstance(self.data, dict):
            raise ValidationError({"data": CONTEXT_DATA_MESSAGE})
