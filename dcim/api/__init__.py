"""DCIM serializers, split by model group with the same stems as dcim/models/."""

from dcim.api.sites import (
    LocationSerializer,
    RegionSerializer,
    SiteGroupSerializer,
    SiteSerializer,
)

__all__ = ["LocationSerializer", "RegionSerializer", "SiteGroupSerializer", "SiteSerializer"]
