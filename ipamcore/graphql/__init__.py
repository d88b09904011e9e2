"""The GraphQL API's building blocks (see docs/graphql.md and docs/development/graphql.md).

- types.py: the type mixins every object type builds on (id, display, url, custom fields,
  tags) and the one `get_queryset` that asks ipamcore.permissions which rows a user may see.
- filters.py: lookup inputs, choice enums and the filter mixins (base, tree, IP).
- fields.py: list fields and generic-relation unions that keep permissions and the optimizer.
- schema.py: the schema assembled from each app's `graphql/schema.py` Query class, with limits.
- views.py: `/graphql/` with GraphiQL, authenticated like the REST API.
"""
