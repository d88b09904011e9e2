"""Virtual machines delete through the domain service: their interfaces' IPs are
un-assigned (and kept), in the request's transaction."""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from ipamcore.api.viewsets import BaseViewSet
from virtualization.services import delete_virtual_machines


class VirtualMachineViewSet(BaseViewSet):
    def perform_destroy(self, instance: Model) -> None:
        data = self.request.data
        message = data.get("changelog_message", "") if isinstance(data, dict) else ""
        delete_virtual_machines([instance], str(message or ""))  # type: ignore[list-item]

    def perform_bulk_destroy(self, instances: list[Model], messages: dict[Any, str]) -> None:
        plain = [vm for vm in instances if not messages.get(vm.pk)]
        delete_virtual_machines(plain)  # type: ignore[arg-type]
        for vm in instances:
            if messages.get(vm.pk):
                delete_virtual_machines([vm], messages[vm.pk])  # type: ignore[list-item]
