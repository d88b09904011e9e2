"""Permission checks cost a constant number of queries per request, not per object or per
check: a user's object permissions are read once and kept on the request's user."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from tenancy.models import Tenant
from tests.users.conftest import client_of, grant, plain_user

PREFIXES = "/api/ipam/prefixes/"
PERMISSION_TABLE = '"users_objectpermission"'


def make_prefixes(api: APIClient, tenant: Tenant, count: int, second_octet: int) -> list[int]:
    body = [{"prefix": f"10.{second_octet}.{n}.0/24", "tenant": tenant.pk} for n in range(count)]
    response = api.post(PREFIXES, body, format="json")
    assert response.status_code == 201, response.json()
    return [row["id"] for row in response.json()]


def queries_of(client: APIClient, method: str, path: str, body: Any = None) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        response = getattr(client, method)(path, body, format="json")
    assert response.status_code < 300, response.json()
    return [query["sql"] for query in context.captured_queries]


def constrained_user(**fields: Any) -> Any:
    user = plain_user(fields.pop("username", "viewer"))
    grant(
        user,
        types=["ipam.prefix"],
        actions=["view", "change"],
        constraints=[{"tenant__slug": "one"}, {"status": "reserved", "tenant__slug": "two"}],
    )
    grant(
        user,
        types=["ipam.prefix"],
        actions=["view"],
        constraints={"vrf": None, "tenant__slug": "one"},
    )
    return user


def test_constrained_list_of_1_and_of_50_cost_the_same(api: APIClient, db: None) -> None:
    one = Tenant.objects.create(name="One", slug="one")
    two = Tenant.objects.create(name="Two", slug="two")
    make_prefixes(api, two, 5, 200)  # not visible
    first = make_prefixes(api, one, 1, 1)
    client = client_of(constrained_user())
    assert client.get(PREFIXES).json()["count"] == 1  # the token's first use writes last_used
    small = queries_of(client, "get", PREFIXES)
    make_prefixes(api, one, 49, 2)
    large = queries_of(client, "get", PREFIXES)
    assert client.get(PREFIXES).json()["count"] == 50
    assert len(small) == len(large), (small, large)
    assert client.get(f"{PREFIXES}{first[0]}/").status_code == 200


def test_permissions_are_read_once_per_request(api: APIClient, db: None) -> None:
    one = Tenant.objects.create(name="One", slug="one")
    ids = make_prefixes(api, one, 20, 1)
    client = client_of(constrained_user())
    for method, path, body in (
        ("get", PREFIXES, None),
        ("get", f"{PREFIXES}?brief=1", None),
        ("get", f"{PREFIXES}{ids[0]}/", None),
        ("patch", f"{PREFIXES}{ids[0]}/", {"description": "x"}),
        ("patch", PREFIXES, [{"id": pk, "description": "y"} for pk in ids]),
    ):
        sql = queries_of(client, method, path, body)
        reads = [query for query in sql if f"FROM {PERMISSION_TABLE}" in query]
        assert len(reads) == 1, (method, path, reads)


def test_permission_checks_add_the_same_queries_to_small_and_large_bulk_writes(
    api: APIClient, db: None
) -> None:
    """What a constrained user's bulk PATCH costs beyond a superuser's is the same for 2 and
    for 40 objects: the permission read, the target lookup's filter, one check after."""
    one = Tenant.objects.create(name="One", slug="one")
    ids = make_prefixes(api, one, 40, 1)
    client = client_of(constrained_user())
    client.get(PREFIXES)  # first use of each token writes last_used
    api.get(PREFIXES)

    def cost(who: APIClient, pks: list[int], text: str) -> int:
        body = [{"id": pk, "description": text} for pk in pks]
        return len(queries_of(who, "patch", PREFIXES, body))

    extra_few = cost(client, ids[:2], "a") - cost(api, ids[:2], "b")
    extra_many = cost(client, ids, "c") - cost(api, ids, "d")
    assert extra_few == extra_many
    assert extra_few <= 4
