from ipamcore.api.core import JobSerializer, ObjectChangeSerializer
from ipamcore.api.viewsets import ReadOnlyViewSet
from ipamcore.filtersets import JobFilterSet, ObjectChangeFilterSet
from ipamcore.models import Job, ObjectChange
from ipamcore.registry import ObjectType

OBJECT_TYPES = [
    ObjectType(
        model=ObjectChange,
        path="object-changes",
        serializer=ObjectChangeSerializer,
        filterset=ObjectChangeFilterSet,
        viewset=ReadOnlyViewSet,
    ),
    ObjectType(
        model=Job,
        path="jobs",
        serializer=JobSerializer,
        filterset=JobFilterSet,
        viewset=ReadOnlyViewSet,
    ),
]
