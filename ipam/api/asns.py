"""ASN ranges and ASNs."""

from __future__ import annotations

from rest_framework import serializers

from dcim.models import Site
from ipam.models import ASN, ASNRange
from ipamcore.api.fields import RelatedField
from ipamcore.api.serializers import PrimaryModelSerializer


class ASNRangeSerializer(PrimaryModelSerializer):
    asn_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = ASNRange
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "name",
            "slug",
            "rir",
            "start",
            "end",
            "tenant",
            "description",
            "comments",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
            "asn_count",
        )
        brief_fields = ("id", "url", "display", "name", "description")


class ASNSerializer(PrimaryModelSerializer):
    # The other side of Site.asns, written here as a list of site ids too.
    sites = RelatedField(Site, many=True, required=False)
    site_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = ASN
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "asn",
            "rir",
            "role",
            "tenant",
            "description",
            "comments",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
            "site_count",
            "sites",
        )
        brief_fields = ("id", "url", "display", "asn", "description")
