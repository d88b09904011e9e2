"""`manage.py graphql_schema [--file schema.graphql]`: the GraphQL schema in SDL.

The committed schema.graphql is this command's output (`make graphql-schema`);
tests/graphql/test_schema.py fails when the code and the file drift apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


def schema_text() -> str:
    from ipamcore.graphql.schema import schema

    return schema.as_str() + "\n"


class Command(BaseCommand):
    help = "Print the GraphQL schema (SDL), or write it to --file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", help="Write the schema to this file instead of stdout.")

    def handle(self, *args: Any, **options: Any) -> None:
        text = schema_text()
        if options["file"]:
            Path(options["file"]).write_text(text)
        else:
            self.stdout.write(text, ending="")
