from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The shared framework; its models (changelog, jobs) carry NetBox's `core` label."""

    name = "ipamcore"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from ipamcore import checks, registry  # noqa: F401  (registers the system checks)
        from ipamcore.database import configure_session

        registry.load()
        connection_created.connect(configure_session)
