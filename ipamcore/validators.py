"""Custom validators and protection rules from the configuration (NetBox's format).

`CUSTOM_VALIDATORS` and `PROTECTION_RULES` map "app_label.model" to a list of
validators, each a dict of rules per attribute path, a dotted path to a
`CustomValidator` subclass, or an instance of one. Custom validators run on every
create and update after the model's own validation (ipamcore.api.serializers);
protection rules run before every delete (ipamcore.changelog), cascades included.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core import validators as django_validators
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.module_loading import import_string
from rest_framework import exceptions, status


class AbortRequest(exceptions.APIException):
    """Stops a write with a 400 `{"detail": ...}` (NetBox's shape for aborted requests)."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "The request was aborted."


def is_empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, list | tuple | dict) and not value)


class IsEmptyValidator:
    message = "This field must be empty."

    def __init__(self, enforce: bool = True) -> None:
        self.enforce = enforce

    def __call__(self, value: Any) -> None:
        if self.enforce and not is_empty(value):
            raise ValidationError(self.message)


class IsNotEmptyValidator(IsEmptyValidator):
    message = "This field must not be empty."

    def __call__(self, value: Any) -> None:
        if self.enforce and is_empty(value):
            raise ValidationError(self.message)


class IsEqualValidator(django_validators.BaseValidator):
    message = "Ensure this value is equal to %(limit_value)s."

    def compare(self, a: Any, b: Any) -> bool:
        return bool(a != b)


class IsNotEqualValidator(django_validators.BaseValidator):
    message = "Ensure this value does not equal %(limit_value)s."

    def compare(self, a: Any, b: Any) -> bool:
        return bool(a == b)


RULES: dict[str, Callable[[Any], Callable[[Any], None]]] = {
    "min": django_validators.MinValueValidator,
    "max": django_validators.MaxValueValidator,
    "min_length": django_validators.MinLengthValidator,
    "max_length": django_validators.MaxLengthValidator,
    "regex": lambda pattern: django_validators.RegexValidator(re.compile(pattern)),
    "required": IsNotEmptyValidator,
    "prohibited": IsEmptyValidator,
    "eq": IsEqualValidator,
    "neq": IsNotEqualValidator,
}
# Rules that only make sense for a value that is set; an unset value passes them.
VALUE_RULES = frozenset({"min", "max", "min_length", "max_length", "regex"})


class CustomValidator:
    """Checks one model instance. Give rules per attribute path, override `validate()`, or both:

    class SiteNameValidator(CustomValidator):
        def validate(self, instance, request):
            if not instance.name.isupper():
                self.fail("Site names must be upper case.", field="name")
    """

    validation_rules: dict[str, dict[str, Any]] = {}

    def __init__(self, validation_rules: dict[str, dict[str, Any]] | None = None) -> None:
        if validation_rules is not None:
            self.validation_rules = validation_rules
        for path, rules in self.validation_rules.items():
            unknown = set(rules) - set(RULES)
            if unknown:
                raise ValueError(f"Unknown validation rule(s) for {path}: {sorted(unknown)}")

    def __call__(self, instance: models.Model, request: Any = None) -> None:
        for path, rules in self.validation_rules.items():
            if path.startswith("request."):
                if request is None:
                    continue
                value = self.get_value(request, path.split(".")[1:])
            else:
                value = self.get_value(instance, path.split("."))
            for rule, argument in rules.items():
                if value is None and rule in VALUE_RULES:
                    continue
                try:
                    RULES[rule](argument)(value)
                except ValidationError as exc:
                    self.fail(f"Custom validation failed for {path}: {exc}")
        self.validate(instance, request)

    def validate(self, instance: models.Model, request: Any) -> None:
        """Override for checks that rules cannot express; call self.fail() to reject."""

    def fail(self, message: str, field: str | None = None) -> None:
        raise ValidationError({field: message} if field else message)

    def get_value(self, obj: Any, names: list[str]) -> Any:
        value = obj
        for name in names:
            if isinstance(value, list):
                value = [self.attribute(item, name) for item in value]
            elif value is not None:
                value = self.attribute(value, name)
        return value

    def attribute(self, obj: Any, name: str) -> Any:
        try:
            value = getattr(obj, name)
        except (AttributeError, models.ObjectDoesNotExist):
            raise ValidationError(f'Invalid attribute "{name}" for {type(obj).__name__}') from None
        if hasattr(value, "all") and callable(value.all):  # a related manager (M2M, reverse FK)
            return list(value.all()) if getattr(obj, "pk", None) is not None else []
        return value


def model_label(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def configured(rules: dict[str, Any], model: type[models.Model]) -> list[Any]:
    """The validator entries configured for a model (labels are case-insensitive)."""
    if not rules:
        return []
    wanted = model_label(model)
    return [
        entry for label, entries in rules.items() if label.lower() == wanted for entry in entries
    ]


def build(entry: dict[str, Any] | str | CustomValidator) -> CustomValidator:
    if isinstance(entry, dict):
        return CustomValidator(entry)
    if isinstance(entry, str):
        validator: CustomValidator = import_string(entry)()
        return validator
    return entry


def validators_for(rules: dict[str, Any], model: type[models.Model]) -> list[CustomValidator]:
    return [build(entry) for entry in configured(rules, model)]


def run_custom_validators(instance: models.Model, request: Any = None) -> None:
    """Raise Django's ValidationError if a configured validator rejects the instance."""
    rules: dict[str, Any] = settings.CUSTOM_VALIDATORS
    for validator in validators_for(rules, type(instance)):
        validator(instance, request)


def check_protection_rules(instances: Iterable[models.Model], request: Any = None) -> None:
    """Raise AbortRequest if a protection rule forbids deleting any of the instances."""
    rules: dict[str, Any] = settings.PROTECTION_RULES
    if not rules:
        return
    by_model: dict[type[models.Model], list[CustomValidator]] = {}
    for instance in instances:
        model = type(instance)
        if model not in by_model:
            by_model[model] = validators_for(rules, model)
        for validator in by_model[model]:
            try:
                validator(instance, request)
            except ValidationError as exc:
                message = "; ".join(exc.messages)
                raise AbortRequest(
                    f"Deletion is prevented by a protection rule: {message}"
                ) from exc


def configuration_errors(name: str, rules: Any) -> list[str]:
    """Validator entries that cannot be used, for the start-up checks (model labels are
    checked by ipamcore.checks.model_label_errors)."""
    if not isinstance(rules, dict):
        return [f"{name} must be a dict keyed by 'app_label.model'."]
    problems = []
    for label, entries in rules.items():
        if not isinstance(entries, list | tuple):
            problems.append(f"{name}[{label!r}] must be a list of validators.")
            continue
        for entry in entries:
            try:
                build(entry)
            except (ImportError, ValueError, TypeError) as exc:
                problems.append(f"{name}[{label!r}]: cannot use {entry!r}: {exc}")
    return problems
