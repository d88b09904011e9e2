"""Power panels and power feeds."""

from __future__ import annotations

from rest_framework import serializers

from dcim.api.cabling import CableEndField, CableStateField, ComponentListSerializer
from dcim.models import Cable, Location, PowerFeed, PowerPanel, Rack, Site
from ipamcore.api.fields import RelatedField
from ipamcore.api.serializers import PrimaryModelSerializer
from tenancy.models import Tenant


class PowerPanelSerializer(PrimaryModelSerializer):
    site = RelatedField(Site)
    location = RelatedField(Location, required=False, allow_null=True)
    powerfeed_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = PowerPanel
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "site",
            "location",
            "name",
            "description",
            "comments",
            "tags",
            "custom_fields",
            "powerfeed_count",
            "created",
            "last_updated",
        )
        brief_fields = ("id", "url", "display", "name", "description", "powerfeed_count")
        nested_fields = ("id", "url", "display", "name", "description")


class PowerFeedSerializer(PrimaryModelSerializer):
    power_panel = RelatedField(PowerPanel)
    rack = RelatedField(Rack, required=False, allow_null=True)
    tenant = RelatedField(Tenant, required=False, allow_null=True)
    cable = RelatedField(Cable, read_only=True, allow_null=True)
    _occupied = serializers.BooleanField(read_only=True)
    # The cable state every cabled component shows, read for the whole page at once.
    cable_end = CableEndField()
    link_peers = CableStateField("link_peers")
    link_peers_type = CableStateField("link_peers_type")
    connected_endpoints = CableStateField("connected_endpoints")
    connected_endpoints_type = CableStateField("connected_endpoints_type")
    connected_endpoints_reachable = CableStateField("connected_endpoints_reachable")

    class Meta:
        model = PowerFeed
        fields = (
            "id",
            "url",
            "display_url",
            "display",
            "power_panel",
            "rack",
            "name",
            "status",
            "type",
            "supply",
            "phase",
            "voltage",
            "amperage",
            "max_utilization",
            "mark_connected",
            "cable",
            "cable_end",
            "link_peers",
            "link_peers_type",
            "connected_endpoints",
            "connected_endpoints_type",
            "connected_endpoints_reachable",
            "description",
            "tenant",
            "comments",
            "tags",
            "custom_fields",
            "created",
            "last_updated",
            "_occupied",
        )
        brief_fields = ("id", "url", "display", "name", "cable", "description", "_occupied")
        list_serializer_class = ComponentListSerializer
