from django.db import models


class CustomFieldTypeChoices(models.TextChoices):
    TEXT = "text", "Text"
    LONGTEXT = "longtext", "Text (long)"
    INTEGER = "integer", "Integer"
    DECIMAL = "decimal", "Decimal"
    BOOLEAN = "boolean", "Boolean (true/false)"
    DATE = "date", "Date"
    DATETIME = "datetime", "Date & time"
    URL = "url", "URL"
    JSON = "json", "JSON"
    SELECT = "select", "Selection"
    MULTISELECT = "multiselect", "Multiple selection"
    OBJECT = "object", "Object"
    MULTIOBJECT = "multiobject", "Multiple objects"


class CustomFieldFilterLogicChoices(models.TextChoices):
    DISABLED = "disabled", "Disabled"
    LOOSE = "loose", "Loose"
    EXACT = "exact", "Exact"


class CustomFieldUIVisibleChoices(models.TextChoices):
    ALWAYS = "always", "Always"
    IF_SET = "if-set", "If set"
    HIDDEN = "hidden", "Hidden"


class CustomFieldUIEditableChoices(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    HIDDEN = "hidden", "Hidden"


class CustomFieldChoiceSetBaseChoices(models.TextChoices):
    IATA = "IATA", "IATA (Airport codes)"
    ISO_3166 = "ISO_3166", "ISO 3166 (Country codes)"
    UN_LOCODE = "UN_LOCODE", "UN/LOCODE (Location codes)"
