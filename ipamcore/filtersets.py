"""The filterset base: NetBox's query-parameter language in one place.

Every plain filter is multi-value (repeated parameters OR) and gets its lookup
variants generated here (`__n`, `__ic`, `__isw`, `__gte`, `__empty`, ...), so a
model's filterset only declares which fields and relations it filters on.
"""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import DatabaseError, connection, models, transaction
from django.db.models import Q, QuerySet
from django.db.models.constants import LOOKUP_SEP
from django.utils import timezone

from ipamcore.models import Job, ObjectChange

STRING_LOOKUPS = {
    "n": "exact",
    "ic": "icontains",
    "nic": "icontains",
    "isw": "istartswith",
    "nisw": "istartswith",
    "iew": "iendswith",
    "niew": "iendswith",
    "ie": "iexact",
    "nie": "iexact",
    "regex": "regex",
    "iregex": "iregex",
    "empty": "empty",
}
NUMBER_LOOKUPS = {
    "n": "exact",
    "lt": "lt",
    "lte": "lte",
    "gt": "gt",
    "gte": "gte",
    "empty": "empty",
}


# --- form fields that take every value of a repeated parameter ----------------------


class MultiValueField(forms.Field):
    widget = forms.MultipleHiddenInput
    base_field: type[forms.Field] = forms.CharField

    def clean(self, value: Any) -> list[Any]:
        values = [item for item in (value or []) if item not in ("", None)]
        field = self.base_field(required=False)
        return [field.clean(item) for item in values]


class MultiValueCharField(MultiValueField):
    base_field = forms.CharField


class RegexField(forms.CharField):
    """A pattern PostgreSQL accepts: a bad one is a 400, not a database error."""

    def validate(self, value: str) -> None:
        super().validate(value)
        try:
            # A savepoint, so a rejected pattern leaves the request's transaction usable.
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT '' ~ %s", [value])
        except DatabaseError as exc:
            raise forms.ValidationError("Enter a valid regular expression.") from exc


class MultiValueRegexField(MultiValueField):
    base_field = RegexField


class MultiValueIntegerField(MultiValueField):
    base_field = forms.IntegerField


class MultiValueDecimalField(MultiValueField):
    base_field = forms.DecimalField


class MultiValueDateField(MultiValueField):
    base_field = forms.DateField


class UTCDateTimeField(forms.DateTimeField):
    """A datetime in UTC: PostgreSQL rejects offsets beyond ±15:59 that Python parses."""

    def to_python(self, value: Any) -> datetime.datetime | None:
        result = super().to_python(value)
        if result is None or timezone.is_naive(result):
            return result
        try:
            return result.astimezone(datetime.UTC)
        except OverflowError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc


class MultiValueDateTimeField(MultiValueField):
    base_field = UTCDateTimeField


# --- filters -------------------------------------------------------------------------


class MultiValueFilter(django_filters.Filter):
    """`field=a&field=b` matches a OR b; `exclude=True` negates (the `__n*` variants)."""

    field_class: type[MultiValueField] = MultiValueCharField
    # Which `__<suffix>` variants to generate; None for filters with their own semantics.
    lookup_kind: ClassVar[str | None] = "string"

    def filter(self, qs: QuerySet[Any], value: list[Any]) -> QuerySet[Any]:
        if not value:
            return qs
        if self.lookup_expr == "empty":
            return self.filter_empty(qs, value[0])
        if self.lookup_expr == "exact":
            condition = Q(**{f"{self.field_name}__in": value})
        else:
            condition = Q()
            for item in value:
                condition |= Q(**{f"{self.field_name}__{self.lookup_expr}": item})
        return qs.exclude(condition) if self.exclude else qs.filter(condition)

    def filter_empty(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        empty = Q(**{f"{self.field_name}__isnull": True})
        if self.lookup_kind == "string":
            empty |= Q(**{self.field_name: ""})
        return qs.filter(empty) if value else qs.exclude(empty)


class MultiValueCharFilter(MultiValueFilter):
    field_class = MultiValueCharField


class MultiValueRegexFilter(MultiValueFilter):
    field_class = MultiValueRegexField


class MultiValueNumberFilter(MultiValueFilter):
    field_class = MultiValueIntegerField
    lookup_kind: ClassVar[str | None] = "number"


class MultiValueDecimalFilter(MultiValueFilter):
    field_class = MultiValueDecimalField
    lookup_kind: ClassVar[str | None] = "number"


class MultiValueDateFilter(MultiValueFilter):
    field_class = MultiValueDateField
    lookup_kind: ClassVar[str | None] = "number"


class MultiValueDateTimeFilter(MultiValueFilter):
    field_class = MultiValueDateTimeField
    lookup_kind: ClassVar[str | None] = "number"


class ChoiceField(django_filters.fields.MultipleChoiceField):
    def clean(self, value: Any) -> Any:
        # `?status=` means no filter, as for every other parameter.
        return super().clean([item for item in value or [] if item != ""])


class ModelChoiceField(django_filters.fields.ModelMultipleChoiceField):
    def clean(self, value: Any) -> Any:
        values = [item for item in value or [] if item != ""]
        # No values: no filter, and no empty queryset to build.
        return super().clean(values) if values else []


_to_many_paths: dict[tuple[type[models.Model], str], bool] = {}


def crosses_to_many(model: type[models.Model], path: str) -> bool:
    """Whether the lookup path walks a to-many relation (so a match can repeat a row)."""
    key = (model, path)
    if key not in _to_many_paths:
        _to_many_paths[key] = walks_to_many(model, path)
    return _to_many_paths[key]


def walks_to_many(model: type[models.Model], path: str) -> bool:
    for name in path.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        if not field.is_relation or field.related_model is None:
            return False
        if field.many_to_many or field.one_to_many:
            return True
        model = field.related_model
    return False


class DistinctWhenToMany:
    """For django-filter's multiple-choice filters, which default to SELECT DISTINCT
    always: distinct only when the path crosses a to-many relation (or when asked). On a
    page of wide rows DISTINCT sorts every selected column: seconds on a site with
    24,000 interfaces, for a foreign key or a column that never repeats a row."""

    field_name: str
    distinct: bool

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.distinct_given = "distinct" in kwargs
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if not self.distinct_given:
            self.distinct = crosses_to_many(qs.model, self.field_name)
        return super().filter(qs, value)  # type: ignore[misc,no-any-return]


class ChoiceFilter(DistinctWhenToMany, django_filters.MultipleChoiceFilter):
    """A choice field: unknown values are a 400 naming the parameter."""

    field_class = ChoiceField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Integer choices (e.g. a token's version) get the numeric lookups, not the string ones.
        values = [value for value, _ in self.extra.get("choices") or ()]
        numeric = values and all(isinstance(value, int) for value in values)
        self.lookup_kind = "number" if numeric else "string"


class EmptyFilter(django_filters.BooleanFilter):
    """`__empty=true|false` on any field."""

    def __init__(self, *args: Any, is_string: bool = False, **kwargs: Any) -> None:
        self.is_string = is_string
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if value is None:
            return qs
        empty = Q(**{f"{self.field_name}__isnull": True})
        if self.is_string:
            empty |= Q(**{self.field_name: ""})
        return qs.filter(empty) if value else qs.exclude(empty)


class RelatedFilter(DistinctWhenToMany, django_filters.ModelMultipleChoiceFilter):
    """A relation by id (`tenant_id`) or by slug/name (`tenant`); `null` matches unset."""

    field_class = ModelChoiceField
    lookup_kind: ClassVar[str] = "related"

    def __init__(self, model: type[models.Model] | None = None, *args: Any, **kwargs: Any) -> None:
        if model is not None:
            kwargs.setdefault("queryset", model._default_manager.all())
        kwargs.setdefault("null_label", "None")
        kwargs.setdefault("null_value", "null")
        super().__init__(*args, **kwargs)


class TreeFilter(RelatedFilter):
    """A tree relation: matches objects on the given nodes or any of their descendants.
    Pass `distinct=True` when `field_name` crosses a to-many relation."""

    def __init__(self, model: type[models.Model] | None = None, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("distinct", False)
        super().__init__(model, *args, **kwargs)

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if not value:
            return qs
        nodes = [node for node in value if node != self.null_value]
        condition = Q()
        if nodes:
            model = type(nodes[0])
            ids: set[int] = set()
            for node in nodes:
                ids.update(
                    model.objects.descendants(node, include_self=True).values_list("pk", flat=True)
                )
            condition |= Q(**{f"{self.field_name}__in": ids})
        if len(nodes) < len(value):
            condition |= Q(**{f"{self.field_name}__isnull": True})
        qs = qs.exclude(condition) if self.exclude else qs.filter(condition)
        return qs.distinct() if self.distinct else qs

    def get_filter_predicate(self, v: Any) -> dict[str, Any]:
        return {}


class ObjectTypeFilter(MultiValueCharFilter):
    """ "app_label.model" values matched against a content-type relation (repeats OR)."""

    lookup_kind = None

    def filter(self, qs: QuerySet[Any], value: list[str]) -> QuerySet[Any]:
        if not value:
            return qs
        condition = Q()
        for item in value:
            app_label, _, model = item.lower().partition(".")
            condition |= Q(
                **{f"{self.field_name}__app_label": app_label, f"{self.field_name}__model": model}
            )
        return qs.exclude(condition) if self.exclude else qs.filter(condition)


class TagFilter(django_filters.ModelMultipleChoiceFilter):
    """`tag=a&tag=b`: tagged with a AND b; `__n` none of them; `__any` either."""

    field_class = ModelChoiceField
    lookup_kind: ClassVar[str] = "tag"

    def __init__(self, *args: Any, match: str = "all", **kwargs: Any) -> None:
        from extras.models import Tag

        kwargs.setdefault("queryset", Tag.objects.all())
        kwargs.setdefault("to_field_name", "slug")
        self.match = match
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if not value:
            return qs
        from extras.models import TaggedItem

        content_type = ContentType.objects.get_for_model(qs.model)
        items = TaggedItem.objects.filter(content_type=content_type)
        if self.match == "all" and not self.exclude:
            for tag in value:
                qs = qs.filter(pk__in=items.filter(tag=tag).values("object_id"))
            return qs
        matching = Q(pk__in=items.filter(tag__in=value).values("object_id"))
        return qs.exclude(matching) if self.exclude else qs.filter(matching)


def lookup_variants(name: str, base: django_filters.Filter) -> dict[str, django_filters.Filter]:
    """The `name__<suffix>` filters NetBox derives from a plain filter."""
    kind = getattr(base, "lookup_kind", None)
    if base.method is not None or kind is None:
        return {}
    variants: dict[str, django_filters.Filter] = {}
    if kind in ("related", "tag"):
        negated = type(base)(**{**base_kwargs(base), "exclude": True})
        variants[f"{name}__n"] = negated
        if kind == "tag":
            variants[f"{name}__any"] = type(base)(**{**base_kwargs(base), "match": "any"})
        return variants
    lookups = STRING_LOOKUPS if kind == "string" else NUMBER_LOOKUPS
    for suffix, lookup in lookups.items():
        if lookup == "empty":
            variants[f"{name}__empty"] = EmptyFilter(
                field_name=base.field_name, is_string=(kind == "string")
            )
            continue
        if lookup in ("regex", "iregex"):
            filter_class: type[MultiValueFilter] = MultiValueRegexFilter
        elif isinstance(base, ChoiceFilter) and lookup == "exact":
            variants[f"{name}__{suffix}"] = ChoiceFilter(
                field_name=base.field_name, choices=base.extra["choices"], exclude=True
            )
            continue
        elif isinstance(base, ChoiceFilter):
            filter_class = MultiValueNumberFilter if kind == "number" else MultiValueCharFilter
        else:
            filter_class = (
                type(base) if isinstance(base, MultiValueFilter) else MultiValueCharFilter
            )
        variants[f"{name}__{suffix}"] = filter_class(
            field_name=base.field_name, lookup_expr=lookup, exclude=suffix.startswith("n")
        )
    return variants


def base_kwargs(base: django_filters.Filter) -> dict[str, Any]:
    kwargs = {"field_name": base.field_name, **base.extra}
    if isinstance(base, TagFilter):
        kwargs["match"] = base.match
    return kwargs


FIELD_FILTERS: dict[type[models.Field[Any, Any]], type[django_filters.Filter]] = {
    models.AutoField: MultiValueNumberFilter,
    models.BigAutoField: MultiValueNumberFilter,
    models.CharField: MultiValueCharFilter,
    models.TextField: MultiValueCharFilter,
    models.SlugField: MultiValueCharFilter,
    models.EmailField: MultiValueCharFilter,
    models.URLField: MultiValueCharFilter,
    models.IntegerField: MultiValueNumberFilter,
    models.BigIntegerField: MultiValueNumberFilter,
    models.SmallIntegerField: MultiValueNumberFilter,
    models.PositiveIntegerField: MultiValueNumberFilter,
    models.PositiveSmallIntegerField: MultiValueNumberFilter,
    models.PositiveBigIntegerField: MultiValueNumberFilter,
    models.DecimalField: MultiValueDecimalFilter,
    models.DateField: MultiValueDateFilter,
    models.DateTimeField: MultiValueDateTimeFilter,
}


class BaseFilterSet(django_filters.FilterSet):
    """Filters every model has (`id`, `q`, `tag`, `created`, ...) and the lookup variants."""

    FILTER_DEFAULTS: ClassVar[dict[Any, Any]] = {
        **django_filters.filterset.FILTER_FOR_DBFIELD_DEFAULTS,
        **{field: {"filter_class": filter_class} for field, filter_class in FIELD_FILTERS.items()},
        models.BooleanField: {"filter_class": django_filters.BooleanFilter},
    }

    id = MultiValueNumberFilter()
    q = django_filters.CharFilter(method="search", label="Search")

    # Model fields searched by `q` (case-insensitive contains).
    search_fields: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def filter_for_lookup(
        cls, field: models.Field[Any, Any], lookup_type: str
    ) -> tuple[Any, dict[str, Any]]:
        if field.choices and lookup_type == "exact":
            return ChoiceFilter, {"choices": field.choices}
        # django-filter is unannotated: its results are Any.
        inherited: tuple[Any, dict[str, Any]] = super().filter_for_lookup(field, lookup_type)
        return inherited

    @classmethod
    def get_filters(cls) -> dict[str, django_filters.Filter]:
        filters: dict[str, Any] = super().get_filters()
        for name, base in list(filters.items()):
            for variant_name, variant in lookup_variants(name, base).items():
                filters.setdefault(variant_name, variant)
        return filters

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        # Only the filters this request names: a filterset has a few hundred (every lookup
        # variant), and copying and validating all of them was most of a small list's cost.
        # Unnamed filters would not filter anyway; the class keeps all of them (schema).
        requested = set(data or ())
        self.base_filters = {
            name: filter_
            for name, filter_ in type(self).base_filters.items()  # type: ignore[misc,has-type]
            if name in requested
        }
        super().__init__(data, *args, **kwargs)
        del self.base_filters
        self.add_custom_field_filters()

    def add_custom_field_filters(self) -> None:
        from extras.filtersets import custom_field_filters

        self.filters.update(custom_field_filters(self._meta.model, self.data))

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        # Only the filters the request names: an absent relation filter still cleans to
        # an empty queryset, and testing that for truth compiles its SQL (a millisecond
        # each, dozens per request on models with many relation filters).
        # (Every filter here reads the parameter of its own name.)
        for name, value in self.form.cleaned_data.items():
            if self.form.add_prefix(name) not in self.form.data:
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(self.search_condition(value))

    def search_condition(self, value: str) -> Q:
        """What `q` matches; filtersets extend it (e.g. an exact number or a network)."""
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return condition


class ChangedByRequestFilter(django_filters.UUIDFilter):
    """Objects with a changelog row of the given actions from one request (X-Request-ID)."""

    def __init__(self, *args: Any, actions: tuple[str, ...] = (), **kwargs: Any) -> None:
        self.actions = actions
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if not value:
            return qs
        changes = ObjectChange.objects.filter(
            changed_object_type=ContentType.objects.get_for_model(qs.model),
            request_id=value,
            action__in=self.actions,
        )
        return qs.filter(pk__in=changes.values("changed_object_id"))


class PrimaryFilterSet(BaseFilterSet):
    """Adds tags and the timestamps of change-logged models."""

    tag = TagFilter()
    tag_id = TagFilter(to_field_name="pk")
    created = MultiValueDateTimeFilter()
    last_updated = MultiValueDateTimeFilter()
    description = MultiValueCharFilter()
    created_by_request = ChangedByRequestFilter(actions=("create",))
    updated_by_request = ChangedByRequestFilter(actions=("update",))
    modified_by_request = ChangedByRequestFilter(actions=("create", "update"))


class NestedGroupFilterSet(PrimaryFilterSet):
    """Every tree: `parent_id`/`parent` (immediate children), `ancestor_id`/`ancestor` (subtree)."""

    search_fields: ClassVar[tuple[str, ...]] = ("name", "slug", "description", "comments")

    @classmethod
    def get_filters(cls) -> dict[str, django_filters.Filter]:
        filters = super().get_filters()
        model = cls._meta.model
        if model is None:
            return filters
        tree_filters = {
            "parent_id": RelatedFilter(model, field_name="parent"),
            "parent": RelatedFilter(model, field_name="parent__slug", to_field_name="slug"),
            "ancestor_id": TreeFilter(model, field_name="pk"),
            "ancestor": TreeFilter(model, field_name="pk", to_field_name="slug"),
        }
        for name, base in tree_filters.items():
            base.model = model
            base.parent = None
            filters.setdefault(name, base)
            filters.setdefault(
                f"{name}__n", type(base)(model, **{**base_kwargs(base), "exclude": True})
            )
        return filters


class ContentTypeFilter(django_filters.CharFilter):
    """An "app_label.model" value matched against a content-type relation."""

    def filter(self, qs: QuerySet[Any], value: str) -> QuerySet[Any]:
        if not value:
            return qs
        app_label, _, model = value.lower().partition(".")
        return qs.filter(
            **{f"{self.field_name}__app_label": app_label, f"{self.field_name}__model": model}
        )


class ObjectChangeFilterSet(BaseFilterSet):
    time = django_filters.IsoDateTimeFromToRangeFilter()
    changed_object_type = ContentTypeFilter()
    changed_object_type_id = MultiValueNumberFilter()
    related_object_type = ContentTypeFilter()
    user_id = MultiValueNumberFilter(field_name="user")
    user = MultiValueCharFilter(field_name="user__username")
    search_fields = ("user_name", "object_repr", "message")

    class Meta:
        model = ObjectChange
        fields = (
            "id",
            "user_name",
            "request_id",
            "action",
            "changed_object_id",
            "related_object_id",
            "object_repr",
        )


class JobFilterSet(BaseFilterSet):
    object_type = ContentTypeFilter()
    object_type_id = MultiValueNumberFilter(field_name="object_type")
    user_id = MultiValueNumberFilter(field_name="user")
    user = MultiValueCharFilter(field_name="user__username")
    search_fields = ("name", "error")

    class Meta:
        model = Job
        fields = (
            "id",
            "object_id",
            "name",
            "status",
            "created",
            "scheduled",
            "started",
            "completed",
            "interval",
            "job_id",
            "queue_name",
        )
