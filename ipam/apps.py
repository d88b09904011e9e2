from django.apps import AppConfig


class IPAMConfig(AppConfig):
    name = "ipam"
    verbose_name = "IPAM"

    def ready(self) -> None:
        from ipam import lookups  # noqa: F401  (registers the network operators on the IP fields)
