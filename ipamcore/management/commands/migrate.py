"""Django's `migrate`, serialised by a PostgreSQL advisory lock.

Every web container migrates on start-up (docker/entrypoint.sh), so N replicas
started together would otherwise apply the same migration N times at once and
fail. With the lock they take turns: the first migrates, the rest find nothing
to do. Overrides Django's command because ipamcore is an installed app.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands.migrate import Command as DjangoMigrateCommand
from django.db import connections

# "ipammigr" as a 64-bit advisory lock key; per database, so test databases don't contend.
MIGRATE_LOCK_ID = int.from_bytes(b"ipammigr", "big")


class Command(DjangoMigrateCommand):
    def handle(self, *args: Any, **options: Any) -> None:
        connection = connections[options["database"]]
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATE_LOCK_ID])
        try:
            super().handle(*args, **options)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATE_LOCK_ID])
