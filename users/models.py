from __future__ import annotations

import hashlib
import hmac
import secrets
import string
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

TOKEN_CHARS = string.ascii_letters + string.digits
KEY_LENGTH = 12
PLAINTEXT_LENGTH = 40


class User(AbstractUser):
    """NetBox's `users.user` content type, which clients name in permissions."""

    class Meta:
        ordering = ("username",)
        db_table = "users_user"

    def __str__(self) -> str:
        full_name = self.get_full_name()
        return f"{self.username} ({full_name})" if full_name else self.username


def random_string(length: int) -> str:
    return "".join(secrets.choice(TOKEN_CHARS) for _ in range(length))


def peppers() -> dict[int, str]:
    """Configured peppers, or one derived from SECRET_KEY so v2 tokens work out of the box."""
    if settings.API_TOKEN_PEPPERS:
        return settings.API_TOKEN_PEPPERS
    derived = hmac.new(settings.SECRET_KEY.encode(), b"ipamcore-token-pepper", "sha256")
    return {1: derived.hexdigest()}


def v1_digest(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode()).hexdigest()


def v2_digest(plaintext: str, pepper_id: int) -> str:
    pepper = peppers()[pepper_id]
    return hmac.new(pepper.encode(), plaintext.encode(), "sha256").hexdigest()


class Token(models.Model):
    """An API token. Only a digest of its secret is stored; the plaintext is shown once."""

    version = models.PositiveSmallIntegerField(choices=((1, "v1"), (2, "v2")), default=2)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="tokens")
    description = models.CharField(max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    expires = models.DateTimeField(blank=True, null=True)
    last_used = models.DateTimeField(blank=True, null=True)
    enabled = models.BooleanField(default=True)
    write_enabled = models.BooleanField(default=True)
    key = models.CharField(max_length=KEY_LENGTH, unique=True, blank=True, null=True)
    pepper_id = models.PositiveSmallIntegerField(blank=True, null=True)
    # v1: sha256 of the plaintext; v2: HMAC-SHA256 with the pepper.
    digest = models.CharField(max_length=64, unique=True, editable=False)
    last_chars = models.CharField(max_length=6, editable=False, blank=True)
    allowed_ips = ArrayField(models.CharField(max_length=50), blank=True, default=list)

    class Meta:
        ordering = ("-created",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plaintext: str | None = None

    def __str__(self) -> str:
        if self.version == 2:
            return self.key or ""
        return "*" * 34 + self.last_chars

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.digest:
            self.set_plaintext()
        super().save(*args, **kwargs)

    @property
    def is_expired(self) -> bool:
        return self.expires is not None and self.expires < timezone.now()

    def set_plaintext(self, plaintext: str | None = None) -> str:
        plaintext = plaintext or random_string(PLAINTEXT_LENGTH)
        self.plaintext = plaintext
        self.last_chars = plaintext[-6:]
        if self.version == 2:
            self.key = self.key or random_string(KEY_LENGTH)
            self.pepper_id = self.pepper_id or max(peppers())
            self.digest = v2_digest(plaintext, self.pepper_id)
        else:
            self.key = None
            self.digest = v1_digest(plaintext)
        return plaintext

    @property
    def header_value(self) -> str:
        """What a client sends after "Bearer"/"Token" (only while the plaintext is known)."""
        if self.version == 2:
            return f"nbt_{self.key}.{self.plaintext}"
        return self.plaintext or ""

    def clean(self) -> None:
        if self._state.adding and self.expires is not None and self.is_expired:
            raise ValidationError({"expires": "Expiration time must be in the future."})
        if self.pepper_id is not None and self.pepper_id not in peppers():
            raise ValidationError({"pepper_id": f"Unknown pepper ID: {self.pepper_id}"})

    def allows_address(self, address: str | None) -> bool:
        if not self.allowed_ips:
            return True
        if not address:
            return False
        import netaddr

        try:
            ip = netaddr.IPAddress(address)
        except (netaddr.AddrFormatError, ValueError):
            return False
        return any(ip in netaddr.IPNetwork(network) for network in self.allowed_ips)


class UserConfig(models.Model):
    """A user's preferences document (`/api/users/config/`), created on first write."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="config")
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "user preferences"

    def __str__(self) -> str:
        return f"Preferences of {self.user}"


def deep_merge(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """`changes` laid over `base`: nested objects merge key by key, other values replace."""
    merged = dict(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


class ObjectPermission(models.Model):
    """Grants actions on object types to users and groups, optionally only on the objects
    matching `constraints` (queryset filter arguments; a list of them means any of them).
    Enforced by ipamcore.permissions.restrict for every interface."""

    name = models.CharField(max_length=100)
    description = models.CharField(max_length=200, blank=True)
    enabled = models.BooleanField(default=True)
    object_types = models.ManyToManyField(
        "contenttypes.ContentType", related_name="object_permissions"
    )
    # view/add/change/delete, plus custom actions such as render_config.
    actions = ArrayField(models.CharField(max_length=30))
    # A dict of filter arguments, a list of such dicts (OR-ed), or null for "every object".
    constraints = models.JSONField(blank=True, null=True)
    groups = models.ManyToManyField("auth.Group", blank=True, related_name="object_permissions")
    users = models.ManyToManyField(User, blank=True, related_name="object_permissions")

    class Meta:
        ordering = ("name",)
        verbose_name = "permission"

    def __str__(self) -> str:
        return self.name
