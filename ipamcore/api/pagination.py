"""NetBox's list envelope: offset/limit with absolute next/previous, or a cursor (`start`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from rest_framework import serializers
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param


def parse_int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


class OffsetPagination(LimitOffsetPagination):
    start_query_param = "start"
    # Set by paginate_queryset before any link is built (DRF's stubs allow None).
    request: Request
    limit: int
    offset: int
    # The cursor (`start`) and its page, or None and the total count.
    start: int | None
    page: list[Any]

    def get_limit(self, request: Request) -> int:
        limit = parse_int(request.query_params.get(self.limit_query_param))
        max_size = settings.MAX_PAGE_SIZE
        if limit is None or limit < 0:
            return settings.PAGINATE_COUNT
        if limit == 0:
            return max_size or 10**9
        return min(limit, max_size) if max_size else limit

    def get_offset(self, request: Request) -> int:
        offset = parse_int(request.query_params.get(self.offset_query_param))
        return max(offset or 0, 0)

    def get_start(self, request: Request) -> int | None:
        raw = request.query_params.get(self.start_query_param)
        if raw is None:
            return None
        start = parse_int(raw)
        if start is None or start < 0:
            raise serializers.ValidationError(["'start' must be a non-negative integer."])
        if request.query_params.get(self.offset_query_param):
            raise serializers.ValidationError(["'start' and 'offset' are mutually exclusive."])
        if request.query_params.get("ordering"):
            raise serializers.ValidationError(
                ["Ordering cannot be specified in conjunction with cursor-based pagination."]
            )
        return start

    def paginate_queryset(
        self, queryset: QuerySet[Any, Any] | Sequence[Any], request: Request, view: Any = None
    ) -> list[Any]:
        self.request = request
        self.limit = self.get_limit(request)
        self.start = self.get_start(request)
        if self.start is not None:
            assert isinstance(queryset, QuerySet)  # a cursor needs SQL; lists have none
            rows = list(queryset.order_by("pk").filter(pk__gte=self.start)[: self.limit])
            self.count = None
            self.page = rows
            return rows
        self.offset = self.get_offset(request)
        self.count = self.get_count(queryset)
        if self.count == 0 or self.offset > self.count:
            return []
        return list(queryset[self.offset : self.offset + self.limit])

    def get_paginated_response(self, data: Any) -> Response:
        return Response(
            {
                "count": self.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_next_link(self) -> str | None:
        url = self.request.build_absolute_uri()
        if self.start is not None:
            if len(self.page) < self.limit:
                return None
            return replace_query_param(url, self.start_query_param, self.page[-1].pk + 1)
        assert self.count is not None  # counted whenever there is no cursor
        if self.offset + self.limit >= self.count:
            return None
        url = replace_query_param(url, self.limit_query_param, self.limit)
        return replace_query_param(url, self.offset_query_param, self.offset + self.limit)

    def get_previous_link(self) -> str | None:
        if self.start is not None or self.offset <= 0:
            return None
        url = replace_query_param(
            self.request.build_absolute_uri(), self.limit_query_param, self.limit
        )
        if self.offset - self.limit <= 0:
            return remove_query_param(url, self.offset_query_param)
        return replace_query_param(url, self.offset_query_param, self.offset - self.limit)

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["count", "results"],
            "properties": {
                "count": {"type": "integer", "nullable": True},
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": name,
                "required": False,
                "in": "query",
                "description": text,
                "schema": {"type": "integer"},
            }
            for name, text in (
                ("limit", "Number of results to return per page (0 = the maximum)."),
                ("offset", "The initial index from which to return the results."),
                ("start", "Cursor: return objects with an id at or above this value."),
            )
        ]
