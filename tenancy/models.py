from __future__ import annotations

from django.db import models

from ipamcore.models import NestedGroupModel, PrimaryModel, slug_validator


# Ignored: django-stubs can't resolve the manager django-tree-queries builds at runtime.
class TenantGroup(NestedGroupModel):  # type: ignore[django-manager-missing]
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, related_name="children", blank=True, null=True
    )
    # Unlike other trees, tenant group names and slugs are globally unique.
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True, validators=[slug_validator])

    class Meta:
        ordering = ("name",)


# Ignored: django-stubs can't resolve the manager django-tree-queries builds at runtime.
class Tenant(PrimaryModel):  # type: ignore[django-manager-missing]
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, validators=[slug_validator])
    group = models.ForeignKey(
        TenantGroup, on_delete=models.SET_NULL, related_name="tenants", blank=True, null=True
    )

    class Meta:
        ordering = ("name",)
        constraints = [
            models.UniqueConstraint(
                fields=("group", "name"),
                name="tenancy_tenant_unique_group_name",
                violation_error_message="Tenant name must be unique per group.",
            ),
            models.UniqueConstraint(
                fields=("name",),
                condition=models.Q(group__isnull=True),
                name="tenancy_tenant_unique_name",
                violation_error_message="Tenant name must be unique per group.",
            ),
            models.UniqueConstraint(
                fields=("group", "slug"),
                name="tenancy_tenant_unique_group_slug",
                violation_error_message="Tenant slug must be unique per group.",
            ),
            models.UniqueConstraint(
                fields=("slug",),
                condition=models.Q(group__isnull=True),
                name="tenancy_tenant_unique_slug",
                violation_error_message="Tenant slug must be unique per group.",
            ),
        ]

    def __str__(self) -> str:
        return self.name
