"""Applies an object type's filterset to list endpoints; bad values are 400s."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers
from rest_framework.request import Request


class FilterBackend(DjangoFilterBackend):
    def filter_queryset(self, request: Request, queryset: QuerySet, view: Any) -> QuerySet:
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise serializers.ValidationError(
                {name: [str(e) for e in errors] for name, errors in filterset.errors.items()}
            )
        return filterset.qs
