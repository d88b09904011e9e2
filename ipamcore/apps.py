from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The shared framework; its models (changelog, jobs) carry NetBox's `core` label."""

    name = "ipamcore"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from ipamcore import checks, registry  # noqa: F401  (registers the system checks)

        registry.load()
