"""Responses of available-* POSTs, kept by their Idempotency-Key header.

A retried POST that carries the key of an earlier successful allocation gets that
allocation back (same status, same body) instead of a second one. Rows are written
in the allocation's own transaction, so a key exists exactly when its allocation
was committed; they expire after settings.IDEMPOTENCY_KEY_TTL seconds.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class IdempotencyKey(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", null=True
    )
    key = models.CharField(max_length=255)
    # The endpoint and a digest of the body: reusing a key for another request is an error.
    path = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    # The JSON body as sent, byte for byte (jsonb would reorder its keys).
    response = models.TextField()
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("user", "key"), name="ipam_idempotencykey_user_key"),
        ]

    def __str__(self) -> str:
        return self.key
