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


class WebhookHttpMethodChoices(models.TextChoices):
    GET = "GET", "GET"
    POST = "POST", "POST"
    PUT = "PUT", "PUT"
    PATCH = "PATCH", "PATCH"
    DELETE = "DELETE", "DELETE"


class EventTypeChoices(models.TextChoices):
    OBJECT_CREATED = "object_created", "Object created"
    OBJECT_UPDATED = "object_updated", "Object updated"
    OBJECT_DELETED = "object_deleted", "Object deleted"
    JOB_STARTED = "job_started", "Job started"
    JOB_COMPLETED = "job_completed", "Job completed"
    JOB_FAILED = "job_failed", "Job failed"
    JOB_ERRORED = "job_errored", "Job errored"


class EventRuleActionChoices(models.TextChoices):
    WEBHOOK = "webhook", "Webhook"
    SCRIPT = "script", "Script"
    NOTIFICATION = "notification", "Notification"


class JournalEntryKindChoices(models.TextChoices):
    INFO = "info", "Info"
    SUCCESS = "success", "Success"
    WARNING = "warning", "Warning"
    DANGER = "danger", "Danger"


class DeliveryStatusChoices(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Sending"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed"
