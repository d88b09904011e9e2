"""DCIM filtersets, split by model group with the same stems as dcim/models/."""

from dcim.filtersets.sites import (
    LocationFilterSet,
    RegionFilterSet,
    SiteFilterSet,
    SiteGroupFilterSet,
)

__all__ = ["LocationFilterSet", "RegionFilterSet", "SiteFilterSet", "SiteGroupFilterSet"]
