from django.db.models import Count

from extras.api import CustomFieldChoiceSetSerializer, CustomFieldSerializer, TagSerializer
from extras.filtersets import CustomFieldChoiceSetFilterSet, CustomFieldFilterSet, TagFilterSet
from extras.models import CustomField, CustomFieldChoiceSet, Tag
from ipamcore.registry import ObjectType

OBJECT_TYPES = [
    ObjectType(
        model=Tag,
        path="tags",
        serializer=TagSerializer,
        filterset=TagFilterSet,
        queryset=lambda: Tag.objects.annotate(tagged_items=Count("items")).prefetch_related(
            "object_types"
        ),
        examples=lambda n: {"name": f"Tag {n}", "slug": f"tag-{n}"},
    ),
    ObjectType(
        model=CustomFieldChoiceSet,
        path="custom-field-choice-sets",
        serializer=CustomFieldChoiceSetSerializer,
        filterset=CustomFieldChoiceSetFilterSet,
        examples=lambda n: {"name": f"Choices {n}", "extra_choices": [["a", "A"], ["b", "B"]]},
    ),
    ObjectType(
        model=CustomField,
        path="custom-fields",
        serializer=CustomFieldSerializer,
        filterset=CustomFieldFilterSet,
        queryset=lambda: CustomField.objects.prefetch_related("object_types"),
        examples=lambda n: {"name": f"field_{n}", "object_types": ["dcim.site"], "type": "text"},
    ),
]
