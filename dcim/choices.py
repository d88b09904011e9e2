from django.db import models


class SiteStatusChoices(models.TextChoices):
    PLANNED = "planned", "Planned"
    STAGING = "staging", "Staging"
    ACTIVE = "active", "Active"
    DECOMMISSIONING = "decommissioning", "Decommissioning"
    RETIRED = "retired", "Retired"


LocationStatusChoices = SiteStatusChoices
