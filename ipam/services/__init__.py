"""IPAM domain operations with side effects, called by every interface (REST, and
later UI, GraphQL and jobs): hierarchy and utilization kept on write, advisory
locks, address uniqueness, and allocation from available space."""
