from django.db import models


class ClusterStatusChoices(models.TextChoices):
    PLANNED = "planned", "Planned"
    STAGING = "staging", "Staging"
    ACTIVE = "active", "Active"
    DECOMMISSIONING = "decommissioning", "Decommissioning"
    OFFLINE = "offline", "Offline"


class VirtualMachineStatusChoices(models.TextChoices):
    OFFLINE = "offline", "Offline"
    ACTIVE = "active", "Active"
    PLANNED = "planned", "Planned"
    STAGED = "staged", "Staged"
    FAILED = "failed", "Failed"
    DECOMMISSIONING = "decommissioning", "Decommissioning"
    PAUSED = "paused", "Paused"


class VirtualMachineStartOnBootChoices(models.TextChoices):
    ON = "on", "On"
    OFF = "off", "Off"
    LASTSTATE = "laststate", "Last State"


# The content types a cluster may be scoped to.
CLUSTER_SCOPE_TYPES = ("dcim.region", "dcim.sitegroup", "dcim.site", "dcim.location")
