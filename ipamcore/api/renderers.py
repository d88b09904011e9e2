from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

import orjson
from rest_framework.renderers import JSONRenderer


def default(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, uuid.UUID | datetime.timedelta):
        return str(value)
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    return str(value)


class FastJSONRenderer(JSONRenderer):
    """JSON through orjson: serialising large pages is a hot path."""

    def render(
        self, data: Any, accepted_media_type: Any = None, renderer_context: Any = None
    ) -> bytes:
        if data is None:
            return b""
        indent = self.get_indent(accepted_media_type or "", renderer_context or {})
        option = orjson.OPT_INDENT_2 if indent else 0
        option |= orjson.OPT_NON_STR_KEYS | orjson.OPT_UTC_Z
        try:
            return orjson.dumps(data, default=default, option=option)
        except orjson.JSONEncodeError:
            # Integers beyond 64 bits (JSON custom fields may hold them): the slow, exact path.
            return super().render(data, accepted_media_type, renderer_context)
