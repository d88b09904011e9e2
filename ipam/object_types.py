"""IPAM object types. Prefixes, IP ranges, IP addresses, VLANs, VLAN groups, ASN ranges and
ASNs are served by the IP engine's viewsets (ipam/api/views.py): locks, cached hierarchy
and the available-* endpoints."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from dcim.models import Site
from ipam.api import (
    AggregateSerializer,
    ASNRangeSerializer,
    ASNSerializer,
    IPAddressSerializer,
    IPRangeSerializer,
    PrefixSerializer,
    RIRSerializer,
    RoleSerializer,
    RouteTargetSerializer,
    VLANGroupSerializer,
    VLANSerializer,
    VRFSerializer,
)
from ipam.api.views import (
    ASNRangeViewSet,
    ASNViewSet,
    IPAddressViewSet,
    IPRangeViewSet,
    PrefixViewSet,
    VLANGroupViewSet,
    VLANViewSet,
)
from ipam.filtersets import (
    AggregateFilterSet,
    ASNFilterSet,
    ASNRangeFilterSet,
    IPAddressFilterSet,
    IPRangeFilterSet,
    PrefixFilterSet,
    RIRFilterSet,
    RoleFilterSet,
    RouteTargetFilterSet,
    VLANFilterSet,
    VLANGroupFilterSet,
    VRFFilterSet,
)
from ipam.models import (
    ASN,
    RIR,
    VLAN,
    VRF,
    Aggregate,
    ASNRange,
    IPAddress,
    IPRange,
    Prefix,
    Role,
    RouteTarget,
    VLANGroup,
)
from ipamcore.querysets import count_related
from ipamcore.registry import ObjectType


def asn_count() -> Coalesce:
    """ASNs of the range's RIR whose number lies within the range."""
    inside = (
        ASN.objects.filter(
            rir=OuterRef("rir"), asn__gte=OuterRef("start"), asn__lte=OuterRef("end")
        )
        .order_by()
        .values("rir")
        .annotate(c=Count("*"))
        .values("c")
    )
    return Coalesce(Subquery(inside, output_field=IntegerField()), 0)


def conformance_site_id() -> int:
    return Site.objects.get(slug="conformance-site").pk


def vrfs() -> QuerySet:
    return VRF.objects.annotate(
        ipaddress_count=count_related(IPAddress, "vrf"),
        prefix_count=count_related(Prefix, "vrf"),
    )


def roles() -> QuerySet:
    return Role.objects.annotate(
        prefix_count=count_related(Prefix, "role"),
        vlan_count=count_related(VLAN, "role"),
        asn_count=count_related(ASN, "role"),
    )


OBJECT_TYPES = [
    ObjectType(
        model=RIR,
        path="rirs",
        serializer=RIRSerializer,
        filterset=RIRFilterSet,
        queryset=lambda: RIR.objects.annotate(aggregate_count=count_related(Aggregate, "rir")),
        examples=lambda n: {"name": f"RIR {n}", "slug": f"rir-{n}", "is_private": True},
    ),
    ObjectType(
        model=Role,
        path="roles",
        serializer=RoleSerializer,
        filterset=RoleFilterSet,
        queryset=roles,
        examples=lambda n: {"name": f"Role {n}", "slug": f"role-{n}", "weight": n},
    ),
    ObjectType(
        model=RouteTarget,
        path="route-targets",
        serializer=RouteTargetSerializer,
        filterset=RouteTargetFilterSet,
        examples=lambda n: {"name": f"65000:{n}", "tenant": {"slug": "conformance-tenant"}},
    ),
    ObjectType(
        model=VRF,
        path="vrfs",
        serializer=VRFSerializer,
        filterset=VRFFilterSet,
        queryset=vrfs,
        examples=lambda n: {
            "name": f"VRF {n}",
            "rd": f"65000:{n}",
            "import_targets": [{"name": "65000:1000"}],
        },
    ),
    ObjectType(
        model=Aggregate,
        path="aggregates",
        serializer=AggregateSerializer,
        filterset=AggregateFilterSet,
        examples=lambda n: {"prefix": f"10.{n}.0.0/16", "rir": {"slug": "conformance-rir"}},
    ),
    ObjectType(
        model=Prefix,
        viewset=PrefixViewSet,
        path="prefixes",
        serializer=PrefixSerializer,
        filterset=PrefixFilterSet,
        examples=lambda n: {
            "prefix": f"10.{n}.0.0/24",
            "vrf": {"rd": "65000:1000"},
            "scope_type": "dcim.site",
            "scope_id": conformance_site_id(),
            "role": {"slug": "conformance-role"},
        },
    ),
    ObjectType(
        model=IPRange,
        viewset=IPRangeViewSet,
        path="ip-ranges",
        serializer=IPRangeSerializer,
        filterset=IPRangeFilterSet,
        examples=lambda n: {
            "start_address": f"10.{n}.1.10/24",
            "end_address": f"10.{n}.1.20/24",
            "vrf": {"rd": "65000:1000"},
        },
    ),
    ObjectType(
        model=IPAddress,
        viewset=IPAddressViewSet,
        path="ip-addresses",
        serializer=IPAddressSerializer,
        filterset=IPAddressFilterSet,
        examples=lambda n: {
            "address": f"10.{n}.2.1/24",
            "vrf": {"rd": "65000:1000"},
            "nat_inside": {"address": "192.0.2.1/24"},
            "dns_name": f"host{n}.example.net",
        },
    ),
    ObjectType(
        model=VLANGroup,
        viewset=VLANGroupViewSet,
        path="vlan-groups",
        serializer=VLANGroupSerializer,
        filterset=VLANGroupFilterSet,
        queryset=lambda: VLANGroup.objects.annotate(vlan_count=count_related(VLAN, "group")),
        examples=lambda n: {
            "name": f"VLAN group {n}",
            "slug": f"vlan-group-{n}",
            "scope_type": "dcim.site",
            "scope_id": conformance_site_id(),
            "vid_ranges": [[1, 100], [200, 300]],
        },
    ),
    ObjectType(
        model=VLAN,
        viewset=VLANViewSet,
        path="vlans",
        serializer=VLANSerializer,
        filterset=VLANFilterSet,
        queryset=lambda: VLAN.objects.annotate(prefix_count=count_related(Prefix, "vlan")),
        examples=lambda n: {
            "vid": n,
            "name": f"VLAN {n}",
            "group": {"slug": "conformance-vlan-group"},
            "role": {"slug": "conformance-role"},
        },
    ),
    ObjectType(
        model=ASNRange,
        viewset=ASNRangeViewSet,
        path="asn-ranges",
        serializer=ASNRangeSerializer,
        filterset=ASNRangeFilterSet,
        queryset=lambda: ASNRange.objects.annotate(asn_count=asn_count()),
        examples=lambda n: {
            "name": f"ASN range {n}",
            "slug": f"asn-range-{n}",
            "rir": {"slug": "conformance-rir"},
            "start": 64512 + 10 * n,
            "end": 64521 + 10 * n,
        },
    ),
    ObjectType(
        model=ASN,
        viewset=ASNViewSet,
        path="asns",
        serializer=ASNSerializer,
        filterset=ASNFilterSet,
        queryset=lambda: ASN.objects.annotate(site_count=count_related(Site.asns.through, "asn")),
        examples=lambda n: {
            "asn": 4200000000 + n,
            "rir": {"slug": "conformance-rir"},
            "sites": [{"slug": "conformance-site"}],
        },
    ),
]

# --- services and FHRP groups (issue 3)
from ipam.api import (  # noqa: E402
    FHRPGroupAssignmentSerializer,
    FHRPGroupSerializer,
    ServiceSerializer,
)
from ipam.filtersets import (  # noqa: E402
    FHRPGroupAssignmentFilterSet,
    FHRPGroupFilterSet,
    ServiceFilterSet,
)
from ipam.models import FHRPGroup, FHRPGroupAssignment, Service  # noqa: E402


def conformance_fhrp_group_id() -> int:
    group, _ = FHRPGroup.objects.get_or_create(
        protocol="vrrp2", group_id=250, defaults={"name": "Conformance FHRP"}
    )
    return group.pk


def fhrp_assignment_example(n: int) -> dict[str, object]:
    from dcim.models import Interface
    from dcim.object_types import conformance_device

    interface, _ = Interface.objects.get_or_create(
        device=conformance_device(), name=f"fhrp{n}", defaults={"type": "virtual"}
    )
    return {
        "group": conformance_fhrp_group_id(),
        "interface_type": "dcim.interface",
        "interface_id": interface.pk,
        "priority": 100 + n,
    }


OBJECT_TYPES += [
    ObjectType(
        model=FHRPGroup,
        path="fhrp-groups",
        serializer=FHRPGroupSerializer,
        filterset=FHRPGroupFilterSet,
        examples=lambda n: {"name": f"FHRP {n}", "protocol": "vrrp3", "group_id": n},
    ),
    ObjectType(
        model=FHRPGroupAssignment,
        path="fhrp-group-assignments",
        serializer=FHRPGroupAssignmentSerializer,
        filterset=FHRPGroupAssignmentFilterSet,
        examples=fhrp_assignment_example,
    ),
    ObjectType(
        model=Service,
        path="services",
        serializer=ServiceSerializer,
        filterset=ServiceFilterSet,
        examples=lambda n: {
            "parent_object_type": "ipam.fhrpgroup",
            "parent_object_id": conformance_fhrp_group_id(),
            "name": f"service {n}",
            "protocol": "tcp",
            "ports": [22, 8000 + n],
        },
    ),
]
