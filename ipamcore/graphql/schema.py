"""The GraphQL schema: each app's Query class (`<app>/graphql/schema.py`), merged.

To add an app, import its Query class below and add it to QUERIES (docs/development/
graphql.md). The schema keeps snake_case names (`ip_address_list`), as NetBox's does.
"""

from __future__ import annotations

from typing import Any

import strawberry
from django.conf import settings
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry_django.optimizer import DjangoOptimizerExtension

from dcim.graphql.schema import DCIMQuery
from extras.graphql.schema import ExtrasQuery
from ipam.graphql.schema import IPAMQuery
from ipamcore.graphql.core import CoreQuery
from ipamcore.graphql.types import BigInt
from tenancy.graphql.schema import TenancyQuery
from users.graphql.schema import UsersQuery
from virtualization.graphql.schema import VirtualizationQuery

QUERIES: tuple[type, ...] = (
    CoreQuery,
    DCIMQuery,
    ExtrasQuery,
    IPAMQuery,
    TenancyQuery,
    UsersQuery,
    VirtualizationQuery,
)


def depth_limit() -> Any:
    return QueryDepthLimiter(max_depth=settings.GRAPHQL_MAX_QUERY_DEPTH)


def alias_limit() -> Any:
    return MaxAliasesLimiter(max_alias_count=settings.GRAPHQL_MAX_ALIASES)


def token_limit() -> Any:
    return MaxTokensLimiter(max_token_count=settings.GRAPHQL_MAX_TOKENS)


def optimizer() -> DjangoOptimizerExtension:
    # Whole rows, as the REST API reads them: `display` and `url` read columns no field
    # selects, and a deferred column would cost a query per row.
    return DjangoOptimizerExtension(enable_only_optimization=False)


Query = merge_types("Query", QUERIES)

SCALARS: dict[object, Any] = {
    BigInt: strawberry.scalar(
        name="BigInt",
        description="An integer of any size (ASNs, counters, speeds), as a JSON number.",
        serialize=int,
        parse_value=int,
    )
}

schema = strawberry.Schema(
    query=Query,
    config=StrawberryConfig(auto_camel_case=False, scalar_map=SCALARS),
    # Factories: each request gets fresh extensions that read the current settings.
    extensions=[depth_limit, alias_limit, token_limit, optimizer],
)
