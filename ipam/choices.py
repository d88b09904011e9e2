from django.db import models


class IPFamilyChoices(models.IntegerChoices):
    FAMILY_4 = 4, "IPv4"
    FAMILY_6 = 6, "IPv6"


class PrefixStatusChoices(models.TextChoices):
    CONTAINER = "container", "Container"
    ACTIVE = "active", "Active"
    RESERVED = "reserved", "Reserved"
    DEPRECATED = "deprecated", "Deprecated"


class IPRangeStatusChoices(models.TextChoices):
    ACTIVE = "active", "Active"
    RESERVED = "reserved", "Reserved"
    DEPRECATED = "deprecated", "Deprecated"


class IPAddressStatusChoices(models.TextChoices):
    ACTIVE = "active", "Active"
    RESERVED = "reserved", "Reserved"
    DEPRECATED = "deprecated", "Deprecated"
    DHCP = "dhcp", "DHCP"
    SLAAC = "slaac", "SLAAC"


class IPAddressRoleChoices(models.TextChoices):
    LOOPBACK = "loopback", "Loopback"
    SECONDARY = "secondary", "Secondary"
    ANYCAST = "anycast", "Anycast"
    VIP = "vip", "VIP"
    VRRP = "vrrp", "VRRP"
    HSRP = "hsrp", "HSRP"
    GLBP = "glbp", "GLBP"
    CARP = "carp", "CARP"


# Roles that may share an address with another IP (NetBox's uniqueness exemption).
NON_UNIQUE_IP_ROLES = frozenset({"anycast", "vip", "vrrp", "hsrp", "glbp", "carp"})


class VLANStatusChoices(models.TextChoices):
    ACTIVE = "active", "Active"
    RESERVED = "reserved", "Reserved"
    DEPRECATED = "deprecated", "Deprecated"


class VLANQinQRoleChoices(models.TextChoices):
    SVLAN = "svlan", "Service"
    CVLAN = "cvlan", "Customer"


# Generic relations: the content types a client may name for each.
PREFIX_SCOPE_TYPES = ("dcim.region", "dcim.sitegroup", "dcim.site", "dcim.location")
VLANGROUP_SCOPE_TYPES = (
    "dcim.region",
    "dcim.sitegroup",
    "dcim.site",
    "dcim.location",
    "dcim.rackgroup",
    "dcim.rack",
    "virtualization.clustergroup",
    "virtualization.cluster",
)
IPADDRESS_ASSIGNMENT_TYPES = ("dcim.interface", "virtualization.vminterface", "ipam.fhrpgroup")


class ServiceProtocolChoices(models.TextChoices):
    TCP = "tcp", "TCP"
    UDP = "udp", "UDP"
    SCTP = "sctp", "SCTP"


class FHRPGroupProtocolChoices(models.TextChoices):
    VRRP2 = "vrrp2", "VRRPv2"
    VRRP3 = "vrrp3", "VRRPv3"
    CARP = "carp", "CARP"
    CLUSTERXL = "clusterxl", "ClusterXL"
    HSRP = "hsrp", "HSRP"
    GLBP = "glbp", "GLBP"
    OTHER = "other", "Other"


class FHRPGroupAuthTypeChoices(models.TextChoices):
    PLAINTEXT = "plaintext", "Plaintext"
    MD5 = "md5", "MD5"


SERVICE_PARENT_TYPES = ("dcim.device", "virtualization.virtualmachine", "ipam.fhrpgroup")
FHRP_ASSIGNMENT_TYPES = ("dcim.interface", "virtualization.vminterface")
