"""GraphQL enums of the virtualization choice sets used in filters."""

from ipamcore.graphql.filters import choices_enum
from virtualization import choices

ClusterStatusEnum = choices_enum(choices.ClusterStatusChoices, "status")
VirtualMachineStatusEnum = choices_enum(choices.VirtualMachineStatusChoices, "status")
VirtualMachineStartOnBootEnum = choices_enum(
    choices.VirtualMachineStartOnBootChoices, "start_on_boot"
)
