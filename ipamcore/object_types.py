from ipamcore.api.core import ObjectChangeSerializer
from ipamcore.api.viewsets import ReadOnlyViewSet
from ipamcore.filtersets import ObjectChangeFilterSet
from ipamcore.models import ObjectChange
from ipamcore.registry import ObjectType

OBJECT_TYPES = [
    ObjectType(
        model=ObjectChange,
        path="object-changes",
        serializer=ObjectChangeSerializer,
        filterset=ObjectChangeFilterSet,
        viewset=ReadOnlyViewSet,
    ),
]
