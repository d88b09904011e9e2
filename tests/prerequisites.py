"""Objects the conformance examples refer to by attribute dict (e.g. {"slug": ...})."""

from __future__ import annotations

from dcim.models import Site
from extras.models import Webhook


def create_prerequisites() -> None:
    Site.objects.create(name="Conformance site", slug="conformance-site")
    Webhook.objects.create(name="Conformance webhook", payload_url="https://hooks.example.com/")
