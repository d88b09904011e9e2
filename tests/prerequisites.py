"""Objects the conformance examples refer to by attribute dict (e.g. {"slug": ...})."""

from __future__ import annotations

from dcim.models import DeviceRole, DeviceType, Manufacturer, PowerPanel, Site
from extras.models import Webhook
from ipam.models import RIR, VRF, IPAddress, Role, RouteTarget, VLANGroup
from tenancy.models import Tenant
from virtualization.models import ClusterType, VirtualMachine


def create_prerequisites() -> None:
    site = Site.objects.create(name="Conformance site", slug="conformance-site")
    Tenant.objects.create(name="Conformance tenant", slug="conformance-tenant")
    RIR.objects.create(name="Conformance RIR", slug="conformance-rir")
    Role.objects.create(name="Conformance role", slug="conformance-role")
    RouteTarget.objects.create(name="65000:1000")
    VRF.objects.create(name="Conformance VRF", rd="65000:1000")
    VLANGroup.objects.create(name="Conformance VLAN group", slug="conformance-vlan-group")
    IPAddress.objects.create(address="192.0.2.1/24")
    Webhook.objects.create(name="Conformance webhook", payload_url="https://hooks.example.com/")
    manufacturer = Manufacturer.objects.create(
        name="Conformance manufacturer", slug="conformance-manufacturer"
    )
    DeviceType.objects.create(
        manufacturer=manufacturer, model="Conformance type", slug="conformance-device-type"
    )
    DeviceRole.objects.create(name="Conformance device role", slug="conformance-device-role")
    PowerPanel.objects.create(name="Conformance panel", site=site)
    # virtualization
    ClusterType.objects.create(name="Conformance cluster type", slug="conformance-cluster-type")
    VirtualMachine.objects.create(name="conformance-vm", site=site)
