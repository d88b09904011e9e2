"""Which objects a user may see or touch: the one place every interface asks.

REST, GraphQL and background code call `restrict(queryset, user, action)` and
work on what it returns. The answer, in order:

1. superusers may do anything;
2. `view` of a model listed in EXEMPT_VIEW_PERMISSIONS is open to every user (and to
   anonymous ones when LOGIN_REQUIRED is off);
3. a Django model permission (`ipam.view_prefix`) grants every object of the model;
4. otherwise the union of the user's enabled ObjectPermissions (assigned directly or
   through a group) that name the model and the action: each one's constraints are
   queryset filter arguments, ANDed within a dict and ORed across a list's dicts and
   across permissions; a permission without constraints grants every object;
5. nothing else grants anything.

A user's object permissions are read once (one query) and cached on the user object,
which lives for one request: every later check of that request costs no query.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, Q, QuerySet

ACTIONS = ("view", "add", "change", "delete")
USER_TOKEN = "$user"
# Where a user's object permissions are cached: {"app.model": {action: [constraint, ...]}},
# each constraint a dict of filter arguments with $user already replaced ({} = every object).
CACHE_ATTR = "_ipamcore_object_permissions"

type Grants = dict[str, dict[str, list[dict[str, Any]]]]


def view_is_exempt(model: type[Model]) -> bool:
    exempt = settings.EXEMPT_VIEW_PERMISSIONS
    return "*" in exempt or model_label(model) in exempt


def permission_name(model: type[Model], action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def model_label(model: type[Model]) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


# --- constraints -----------------------------------------------------------------------


def substitute(value: Any, user_id: Any) -> Any:
    """A constraint value with every "$user" replaced by the user's id (lists included)."""
    if value == USER_TOKEN:
        return user_id
    if isinstance(value, list):
        return [substitute(item, user_id) for item in value]
    return value


def normalize(constraints: Any, user_id: Any) -> list[dict[str, Any]]:
    """Stored constraints as a list of filter dicts ({} = no constraint: every object)."""
    if not constraints:
        return [{}]
    items = constraints if isinstance(constraints, list) else [constraints]
    if not items:
        return [{}]
    return [
        {key: substitute(value, user_id) for key, value in (item or {}).items()} for item in items
    ]


def as_q(constraints: list[dict[str, Any]]) -> Q:
    """ORed constraint dicts (each one's arguments ANDed) as one Q."""
    combined = Q()
    for item in constraints:
        combined |= Q(**item)
    return combined


def single_valued(model: type[Model], lookup: str) -> bool:
    """Whether a filter argument follows only forward foreign keys: filtering on it can not
    repeat rows, so it can be applied to the queryset directly instead of as a subquery."""
    opts = model._meta
    for part in lookup.split("__"):
        try:
            field = opts.get_field(part)
        except FieldDoesNotExist:
            return True  # a lookup or transform (gte, in, net_contained...): the path ended
        if not field.is_relation:
            return True
        if field.many_to_many or field.one_to_many or field.related_model is None:
            return False
        opts = field.related_model._meta
    return True


# --- a user's grants, read once per request ---------------------------------------------


def load_grants(user: Any) -> Grants:
    """The user's enabled object permissions by model and action, in one query."""
    from django.contrib.auth.models import Group

    from users.models import ObjectPermission

    user_links = ObjectPermission.users.through.objects.filter(user_id=user.pk)
    group_links = ObjectPermission.groups.through.objects.filter(
        group_id__in=Group.user_set.through.objects.filter(user_id=user.pk).values("group_id")
    )
    rows = (
        ObjectPermission.objects.filter(enabled=True)
        .filter(
            Q(pk__in=user_links.values("objectpermission_id"))
            | Q(pk__in=group_links.values("objectpermission_id"))
        )
        .values_list("object_types__app_label", "object_types__model", "actions", "constraints")
        .order_by("pk")
    )
    grants: Grants = defaultdict(lambda: defaultdict(list))
    for app_label, model_name, actions, constraints in rows:
        if app_label is None:  # a permission without object types grants nothing
            continue
        for action in actions:
            grants[f"{app_label}.{model_name}"][action].extend(normalize(constraints, user.pk))
    return {label: dict(by_action) for label, by_action in grants.items()}


def grants_of(user: Any) -> Grants:
    cached: Grants | None = getattr(user, CACHE_ATTR, None)
    if cached is None:
        cached = load_grants(user)
        setattr(user, CACHE_ATTR, cached)
    return cached


def forget(user: Any) -> None:
    """Drop the cached grants (after changing the user's permissions in the same request)."""
    if hasattr(user, CACHE_ATTR):
        delattr(user, CACHE_ATTR)


def object_constraints(user: Any, model: type[Model], action: str) -> list[dict[str, Any]] | None:
    """The constraint dicts of the user's object permissions for model+action (None: no
    object permission names them; a list containing {} means every object)."""
    return grants_of(user).get(model_label(model), {}).get(action)


def allowed(user: Any, model: type[Model], action: str) -> bool | list[dict[str, Any]]:
    """True: every object of the model; False: none; a list of constraint dicts: the
    objects matching any of them."""
    if user is not None and user.is_active and user.is_superuser:
        return True
    authenticated = user is not None and user.is_authenticated
    may_read_exempt = authenticated or not settings.LOGIN_REQUIRED
    if action == "view" and view_is_exempt(model) and may_read_exempt:
        return True
    if not authenticated or not user.is_active:
        return False
    if user.has_perm(permission_name(model, action)):
        return True
    constraints = object_constraints(user, model, action)
    if constraints is None:
        return False
    if any(not item for item in constraints):
        return True
    return constraints


def may(user: Any, model: type[Model], action: str) -> bool:
    """Whether the user may `action` at least some objects of the model (the endpoint-level
    check; which objects is restrict's answer)."""
    return allowed(user, model, action) is not False


def constrain[M: Model](queryset: QuerySet[M], constraints: list[dict[str, Any]]) -> QuerySet[M]:
    model = queryset.model
    condition = as_q(constraints)
    if all(single_valued(model, lookup) for item in constraints for lookup in item):
        return queryset.filter(condition)
    # Multi-valued paths (tags, reverse relations) would repeat rows in a join: a subquery.
    return queryset.filter(pk__in=model._default_manager.filter(condition).values("pk"))


def restrict[M: Model](queryset: QuerySet[M], user: Any, action: str = "view") -> QuerySet[M]:
    """The part of `queryset` that `user` may `action` (view, add, change, delete, or a
    custom action such as render_config)."""
    grant = allowed(user, queryset.model, action)
    if grant is True:
        return queryset
    if grant is False:
        return queryset.none()
    return constrain(queryset, grant)


def unpermitted(model: type[Model], pks: list[Any], user: Any, action: str) -> list[Any]:
    """Those of `pks` that `user` may not `action`: the check after a write, in the write's
    transaction. No query when the user may act on every object, one otherwise."""
    grant = allowed(user, model, action)
    if grant is True or not pks:
        return []
    if grant is False:
        return list(pks)
    permitted = set(
        constrain(model._default_manager.filter(pk__in=pks), grant).values_list("pk", flat=True)
    )
    return [pk for pk in pks if pk not in permitted]
