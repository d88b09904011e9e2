"""DCIM models, split by group; import them from here."""

from dcim.models.sites import Location, Region, Site, SiteGroup, validate_time_zone

__all__ = [
    "Location",
    "Region",
    "Site",
    "SiteGroup",
    "validate_time_zone",
]
