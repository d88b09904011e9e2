"""Cables, their A/B terminations, and the paths traced through them.

A cable's ends are CableTermination rows (any cabled component or a power feed, one
cable per termination). Writes go through dcim.services.cables, which validates the
ends with `validate_terminations`, mirrors `cable`/`cable_end` onto the endpoints and
retraces the CablePath of every endpoint whose path the change touches.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models

from dcim.choices import (
    NONCONNECTABLE_INTERFACE_TYPES,
    CableEndChoices,
    CableLengthUnitChoices,
    CableProfileChoices,
    CableTypeChoices,
    LinkStatusChoices,
)
from extras.models import color_validator
from ipamcore.models import ChangeLoggedModel, PrimaryModel

# Which termination types may face each other across a cable (by model name).
COMPATIBLE_TERMINATION_TYPES: dict[str, frozenset[str]] = {
    "consoleport": frozenset({"consoleserverport", "frontport", "rearport"}),
    "consoleserverport": frozenset({"consoleport", "frontport", "rearport"}),
    "powerport": frozenset({"poweroutlet", "powerfeed"}),
    "poweroutlet": frozenset({"powerport"}),
    "powerfeed": frozenset({"powerport"}),
    "interface": frozenset({"interface", "frontport", "rearport"}),
    "frontport": frozenset(
        {"consoleport", "consoleserverport", "interface", "frontport", "rearport"}
    ),
    "rearport": frozenset(
        {"consoleport", "consoleserverport", "interface", "frontport", "rearport"}
    ),
}
CABLE_TERMINATION_TYPES = tuple(f"dcim.{name}" for name in COMPATIBLE_TERMINATION_TYPES)


class Cable(PrimaryModel):
    type = models.CharField(max_length=50, choices=CableTypeChoices.choices, blank=True)
    status = models.CharField(
        max_length=50, choices=LinkStatusChoices.choices, default=LinkStatusChoices.CONNECTED
    )
    profile = models.CharField(max_length=50, choices=CableProfileChoices.choices, blank=True)
    tenant = models.ForeignKey(
        "tenancy.Tenant", on_delete=models.PROTECT, related_name="cables", blank=True, null=True
    )
    label = models.CharField(max_length=100, blank=True)
    color = models.CharField(max_length=6, blank=True, validators=[color_validator])
    length = models.DecimalField(max_digits=8, decimal_places=2, blank=True, null=True)
    length_unit = models.CharField(
        max_length=50, choices=CableLengthUnitChoices.choices, blank=True
    )

    class Meta:
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.label or f"#{self.pk}"

    def clean(self) -> None:
        super().clean()
        if self.length is not None and not self.length_unit:
            raise ValidationError(
                {"length_unit": "Must specify a unit when setting a cable length"}
            )

    def terminations_at(self, end: str) -> list[Any]:
        """The objects on one end (from prefetched `terminations` when present)."""
        return [t.termination for t in self.terminations.all() if t.cable_end == end]

    @property
    def a_terminations(self) -> list[Any]:
        return self.terminations_at(CableEndChoices.A)

    @property
    def b_terminations(self) -> list[Any]:
        return self.terminations_at(CableEndChoices.B)

    def validate_terminations(
        self, a_terminations: Sequence[Any] | None, b_terminations: Sequence[Any] | None
    ) -> None:
        """NetBox's rules for a cable's ends: both given on create, one type per end,
        compatible types, no object on both ends, nothing already on another cable, and
        no virtual or wireless interface. `None` for an end means "unchanged"."""
        if self.pk is None:
            for field, terms in (
                ("a_terminations", a_terminations),
                ("b_terminations", b_terminations),
            ):
                if not terms:
                    raise ValidationError(
                        {field: "Must define A and B terminations when creating a new cable."}
                    )
        a_terms = list(a_terminations if a_terminations is not None else self.a_terminations)
        b_terms = list(b_terminations if b_terminations is not None else self.b_terminations)
        for field, terms in (("a_terminations", a_terms), ("b_terminations", b_terms)):
            self.validate_end(field, terms)
        validate_compatible(a_terms, b_terms)

    def validate_end(self, field: str, terms: list[Any]) -> None:
        if any(type(term) is not type(terms[0]) for term in terms[1:]):
            raise ValidationError(
                {field: "Cannot connect different termination types to same end of cable."}
            )
        for term in terms:
            message = termination_error(term, self.pk)
            if message:
                raise ValidationError({field: message})


def validate_compatible(a_terms: list[Any], b_terms: list[Any]) -> None:
    if not a_terms or not b_terms:
        return
    a_type, b_type = a_terms[0]._meta.model_name, b_terms[0]._meta.model_name
    if b_type not in COMPATIBLE_TERMINATION_TYPES.get(a_type, ()):
        raise ValidationError(
            {"b_terminations": f"Incompatible termination types: {a_type} and {b_type}"}
        )
    a_keys = {(type(t), t.pk) for t in a_terms}
    if any((type(t), t.pk) in a_keys for t in b_terms):
        raise ValidationError(
            {"b_terminations": "A and B terminations cannot connect to the same object."}
        )


def termination_error(term: Any, cable_pk: int | None) -> str:
    """Why `term` cannot be an end of cable `cable_pk` (empty when it can)."""
    meta = term._meta
    if f"{meta.app_label}.{meta.model_name}" not in CABLE_TERMINATION_TYPES:
        return f"Cables cannot be terminated to {meta.verbose_name} objects."
    if meta.model_name == "interface" and term.type in NONCONNECTABLE_INTERFACE_TYPES:
        return f"Cables cannot be terminated to {term.get_type_display()} interfaces"
    if term.cable_id and term.cable_id != cable_pk:
        return (
            f"Duplicate termination found for {meta.app_label}.{meta.model_name} {term.pk}: "
            f"cable {term.cable_id}"
        )
    if term.mark_connected:
        return f"{term}: Cannot mark as connected with a cable attached."
    return ""


class CableTermination(ChangeLoggedModel):
    cable = models.ForeignKey(Cable, on_delete=models.CASCADE, related_name="terminations")
    cable_end = models.CharField(max_length=1, choices=CableEndChoices.choices)
    termination_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    termination_id = models.PositiveBigIntegerField()
    termination = GenericForeignKey("termination_type", "termination_id")
    # Where the termination sits, cached for the cable list's device/rack/site filters.
    _device = models.ForeignKey(
        "dcim.Device", on_delete=models.CASCADE, related_name="+", blank=True, null=True
    )
    _rack = models.ForeignKey(
        "dcim.Rack", on_delete=models.CASCADE, related_name="+", blank=True, null=True
    )
    _location = models.ForeignKey(
        "dcim.Location", on_delete=models.CASCADE, related_name="+", blank=True, null=True
    )
    _site = models.ForeignKey(
        "dcim.Site", on_delete=models.CASCADE, related_name="+", blank=True, null=True
    )

    changelog_parent = "cable"

    class Meta:
        ordering = ("cable_id", "cable_end", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("termination_type", "termination_id"),
                name="dcim_cabletermination_unique_termination",
                violation_error_message="Duplicate termination found.",
            ),
        ]
        indexes = [
            models.Index(fields=("cable", "cable_end"), name="dcim_cableterm_cable_end"),
        ]

    def __str__(self) -> str:
        return f"Cable #{self.cable_id}: End {self.cable_end}"

    def cache_related(self) -> None:
        term = self.termination
        device = getattr(term, "device", None)
        if device is not None:
            self._device_id, self._rack_id = device.pk, device.rack_id
            self._location_id, self._site_id = device.location_id, device.site_id
            return
        rack = getattr(term, "rack", None)
        panel = getattr(term, "power_panel", None)
        self._rack_id = rack.pk if rack is not None else None
        self._location_id = rack.location_id if rack is not None else None
        self._site_id = panel.site_id if panel is not None else None


class CablePath(models.Model):
    """The path from one endpoint across cables and patch panels.

    `path` is a list of steps, each a list of node keys ("<content type id>:<pk>"),
    alternating near ends, cables and far ends: [[origin], [cable], [front port],
    [rear port], [cable], [rear port], [front port], [cable], [far interface]].
    `nodes` is the same keys flattened, GIN-indexed to find the paths a change touches.
    """

    origin_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    origin_id = models.PositiveBigIntegerField()
    origin = GenericForeignKey("origin_type", "origin_id")
    path = models.JSONField(default=list)
    nodes = ArrayField(models.CharField(max_length=40), default=list)
    is_active = models.BooleanField(default=False)
    is_complete = models.BooleanField(default=False)
    is_split = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=("origin_type", "origin_id"), name="dcim_cablepath_unique_origin"
            ),
        ]
        indexes = [GinIndex(fields=("nodes",), name="dcim_cablepath_nodes")]

    def __str__(self) -> str:
        state = "complete" if self.is_complete else "incomplete"
        return f"Path from {self.origin_type_id}:{self.origin_id} ({state})"

    @property
    def destination_keys(self) -> list[str]:
        """The far endpoints of a complete path."""
        return list(self.path[-1]) if self.is_complete and self.path else []
