"""Recompute every cached IPAM column: prefix depth, children and utilization, IP range
and VLAN group utilization. Writes keep them current; run this after loading rows with
bulk SQL (or to repair them), like NetBox's rebuild_prefixes."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from ipam.services.hierarchy import rebuild_all


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        with transaction.atomic():
            rebuild_all()
        self.stdout.write(f"IPAM hierarchy rebuilt in {time.monotonic() - started:.1f} s.")
