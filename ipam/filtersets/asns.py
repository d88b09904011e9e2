"""Filters for ASN ranges and ASNs."""

from __future__ import annotations

from django.db.models import Q

from dcim.models import Site, SiteGroup
from ipam.models import ASN, RIR, ASNRange, Role
from ipam.models.asns import ASN_MAX
from ipamcore.filtersets import RelatedFilter, TreeFilter
from tenancy.filtersets import TenancyFilterSet


class ASNRangeFilterSet(TenancyFilterSet):
    rir_id = RelatedFilter(RIR, field_name="rir")
    rir = RelatedFilter(RIR, field_name="rir__slug", to_field_name="slug")
    search_fields = ("name", "description")

    class Meta:
        model = ASNRange
        fields = ("id", "name", "slug", "start", "end", "description")


class ASNFilterSet(TenancyFilterSet):
    rir_id = RelatedFilter(RIR, field_name="rir")
    rir = RelatedFilter(RIR, field_name="rir__slug", to_field_name="slug")
    role_id = RelatedFilter(Role, field_name="role")
    role = RelatedFilter(Role, field_name="role__slug", to_field_name="slug")
    site_id = RelatedFilter(Site, field_name="sites")
    site = RelatedFilter(Site, field_name="sites__slug", to_field_name="slug")
    site_group_id = TreeFilter(SiteGroup, field_name="sites__group", distinct=True)
    site_group = TreeFilter(
        SiteGroup, field_name="sites__group", to_field_name="slug", distinct=True
    )

    class Meta:
        model = ASN
        fields = ("id", "asn", "description")

    def search_condition(self, value: str) -> Q:
        condition = Q(description__icontains=value)
        if value.isdigit() and int(value) <= ASN_MAX:
            condition |= Q(asn=int(value))
        return condition
