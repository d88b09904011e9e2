"""Fuzz every operation of the live OpenAPI schema with schemathesis (facts §10.6).

Each operation gets a bounded number of generated requests, valid ones (positive) and
invalid ones (negative), sent to the Django WSGI application inside the test's
transaction. Every response must be a non-5xx whose status, content type and body the
schema documents. Hypothesis is derandomized, so a run is repeatable.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from dcim.models import Site
from extras.models import Tag
from tenancy.models import Tenant
from tests.conftest import make_token
from users.models import User

# Generated requests for the whole run (about 50 ms each on two cores), shared out over
# every operation and mode, so the run stays near a minute as object types are added.
# IPAMCORE_FUZZ_BUDGET raises it for a deeper run by hand.
EXAMPLE_BUDGET = int(os.environ.get("IPAMCORE_FUZZ_BUDGET", "1000"))
MIN_EXAMPLES = 2

# brief, fields and omit select another representation than the full one the schema
# describes (their descriptions say so), so responses to them would rightly not match it.
# They are left out of generated requests; tests/api/test_representation.py covers them.
SHAPE_PARAMETERS = ("brief", "fields", "omit")

# What every response is held to. Checks left out, and why:
# - negative_data_rejection: NetBox's wire contract accepts some input the schema calls
#   invalid (numeric strings for ids, unknown query parameters and body keys), so
#   "invalid per schema" does not mean "must be rejected" here. Negative cases still run
#   (below) and must pass every check in this list.
# - positive_data_acceptance: a schema cannot say which slugs, names or ids exist, so
#   valid-looking filter values and references are rightly answered with a 400.
# - use_after_free, ensure_resource_availability: they judge sequences of calls
#   (stateful testing); these cases are independent requests.
# - missing_required_header: no operation declares required headers.
CHECKS: list[Callable[..., Any]] = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    ignored_auth,
    unsupported_method,
]


@pytest.fixture
def world(admin_user: User) -> None:
    """A few objects, so generated ids and references sometimes hit something."""
    tenant = Tenant.objects.create(name="Tenant 1", slug="tenant-1")
    for n in range(1, 4):
        Site.objects.create(name=f"Site {n}", slug=f"site-{n}", tenant=tenant)
    Tag.objects.create(name="Tag 1", slug="tag-1")


def run_operation(
    operation: Any,
    mode: GenerationMode,
    examples: int,
    headers: dict[str, str],
    failures: list[str],
) -> None:
    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        # No shrinking: it would make the run's length depend on what it finds.
        phases=[Phase.explicit, Phase.generate],
        # Large generated bodies and slow database round trips are expected here; the
        # health checks would fail the run for them without any request being wrong.
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case: schemathesis.Case) -> None:
        for name in SHAPE_PARAMETERS:
            (case.query or {}).pop(name, None)
        # Each case in a savepoint rolled back afterwards: every case starts from the same
        # data, and a database error in one cannot poison the ones after it.
        with transaction.atomic():
            try:
                case.call_and_validate(headers=headers, checks=CHECKS)
            finally:
                transaction.set_rollback(True)

    try:
        check()
    except (Exception, BaseExceptionGroup) as exc:  # collected, then reported together
        failures.append(f"{mode.value} {operation.method.upper()} {operation.path}\n{exc}")


def has_inputs(operation: Any) -> bool:
    """Path or query parameters or a body (the Authorization header is ours to set)."""
    parameters = [*operation.path_parameters, *operation.query]
    return bool(parameters) or bool(operation.body)


def test_schema_fuzzing(
    world: None, admin_user: User, wsgi_application: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="django.request")  # 4xx are expected by the hundred
    token = make_token(admin_user)
    headers = {"Authorization": f"Bearer {token.header_value}"}
    schema = schemathesis.openapi.from_wsgi(
        "/api/schema/?format=json", wsgi_application, headers=headers
    )
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 50
    assert [op.label for op in operations if op.skipped_parameters] == []
    failures: list[str] = []
    runs = [(op, GenerationMode.POSITIVE) for op in operations]
    # An operation that takes no input (e.g. GET /api/status/) has no invalid form.
    runs += [(op, GenerationMode.NEGATIVE) for op in operations if has_inputs(op)]
    examples = max(MIN_EXAMPLES, EXAMPLE_BUDGET // len(runs))
    for operation, mode in runs:
        run_operation(operation, mode, examples, headers, failures)
    assert not failures, "\n\n".join(failures)
