from ipamcore.querysets import tree_count, tree_depth
from ipamcore.registry import ObjectType
from tenancy.api import TenantGroupSerializer, TenantSerializer
from tenancy.filtersets import TenantFilterSet, TenantGroupFilterSet
from tenancy.models import Tenant, TenantGroup

OBJECT_TYPES = [
    ObjectType(
        model=TenantGroup,
        path="tenant-groups",
        serializer=TenantGroupSerializer,
        filterset=TenantGroupFilterSet,
        queryset=lambda: TenantGroup.objects.annotate(
            depth=tree_depth(TenantGroup), tenant_count=tree_count(TenantGroup, Tenant, "group_id")
        ),
        examples=lambda n: {"name": f"Tenant group {n}", "slug": f"tenant-group-{n}"},
    ),
    ObjectType(
        model=Tenant,
        path="tenants",
        serializer=TenantSerializer,
        filterset=TenantFilterSet,
        examples=lambda n: {"name": f"Tenant {n}", "slug": f"tenant-{n}"},
    ),
]
