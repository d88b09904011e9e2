"""DCIM choice sets: NetBox's values and labels (facts §8).

The long connector and interface type lists are written as (value, label) rows and
turned into TextChoices by `choice_set`, with member names derived from the values
(e.g. "1000base-t" -> TYPE_1000BASE_T), so each list reads like the table it copies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.db import models


def choice_set(name: str, rows: Iterable[tuple[str, str]]) -> Any:
    members = [
        ("TYPE_" + re.sub(r"\W", "_", value).upper(), (value, label)) for value, label in rows
    ]
    return models.TextChoices(name, members)  # type: ignore[call-overload]


# --- sites and racks -------------------------------------------------------------------


class SiteStatusChoices(models.TextChoices):
    PLANNED = "planned", "Planned"
    STAGING = "staging", "Staging"
    ACTIVE = "active", "Active"
    DECOMMISSIONING = "decommissioning", "Decommissioning"
    RETIRED = "retired", "Retired"


LocationStatusChoices = SiteStatusChoices


class RackStatusChoices(models.TextChoices):
    RESERVED = "reserved", "Reserved"
    AVAILABLE = "available", "Available"
    PLANNED = "planned", "Planned"
    ACTIVE = "active", "Active"
    DEPRECATED = "deprecated", "Deprecated"


class RackFormFactorChoices(models.TextChoices):
    TWO_POST = "2-post-frame", "2-post frame"
    FOUR_POST = "4-post-frame", "4-post frame"
    CABINET = "4-post-cabinet", "4-post cabinet"
    WALL_FRAME = "wall-frame", "Wall-mounted frame"
    WALL_FRAME_VERTICAL = "wall-frame-vertical", "Wall-mounted frame (vertical)"
    WALL_CABINET = "wall-cabinet", "Wall-mounted cabinet"
    WALL_CABINET_VERTICAL = "wall-cabinet-vertical", "Wall-mounted cabinet (vertical)"


class RackWidthChoices(models.IntegerChoices):
    WIDTH_10 = 10, "10 inches"
    WIDTH_19 = 19, "19 inches"
    WIDTH_21 = 21, "21 inches"
    WIDTH_23 = 23, "23 inches"


class RackDimensionUnitChoices(models.TextChoices):
    MILLIMETERS = "mm", "Millimeters"
    INCHES = "in", "Inches"


class RackAirflowChoices(models.TextChoices):
    FRONT_TO_REAR = "front-to-rear", "Front to rear"
    REAR_TO_FRONT = "rear-to-front", "Rear to front"


class WeightUnitChoices(models.TextChoices):
    KILOGRAMS = "kg", "Kilograms"
    GRAMS = "g", "Grams"
    POUNDS = "lb", "Pounds"
    OUNCES = "oz", "Ounces"


# --- devices ---------------------------------------------------------------------------


class SubdeviceRoleChoices(models.TextChoices):
    PARENT = "parent", "Parent"
    CHILD = "child", "Child"


class DeviceFaceChoices(models.TextChoices):
    FRONT = "front", "Front"
    REAR = "rear", "Rear"


class DeviceStatusChoices(models.TextChoices):
    OFFLINE = "offline", "Offline"
    ACTIVE = "active", "Active"
    PLANNED = "planned", "Planned"
    STAGED = "staged", "Staged"
    FAILED = "failed", "Failed"
    INVENTORY = "inventory", "Inventory"
    DECOMMISSIONING = "decommissioning", "Decommissioning"


class DeviceAirflowChoices(models.TextChoices):
    FRONT_TO_REAR = "front-to-rear", "Front to rear"
    REAR_TO_FRONT = "rear-to-front", "Rear to front"
    LEFT_TO_RIGHT = "left-to-right", "Left to right"
    RIGHT_TO_LEFT = "right-to-left", "Right to left"
    SIDE_TO_REAR = "side-to-rear", "Side to rear"
    REAR_TO_SIDE = "rear-to-side", "Rear to side"
    BOTTOM_TO_TOP = "bottom-to-top", "Bottom to top"
    TOP_TO_BOTTOM = "top-to-bottom", "Top to bottom"
    PASSIVE = "passive", "Passive"
    MIXED = "mixed", "Mixed"


# --- console and power ports -------------------------------------------------------------

USB_CONNECTORS = [
    ("usb-a", "USB Type A"),
    ("usb-b", "USB Type B"),
    ("usb-c", "USB Type C"),
    ("usb-mini-a", "USB Mini A"),
    ("usb-mini-b", "USB Mini B"),
    ("usb-micro-a", "USB Micro A"),
    ("usb-micro-b", "USB Micro B"),
    ("usb-micro-ab", "USB Micro AB"),
]

ConsolePortTypeChoices = choice_set(
    "ConsolePortTypeChoices",
    [
        ("de-9", "DE-9"),
        ("db-25", "DB-25"),
        ("rj-11", "RJ-11"),
        ("rj-12", "RJ-12"),
        ("rj-45", "RJ-45"),
        ("mini-din-8", "Mini-DIN 8"),
        *USB_CONNECTORS,
        ("other", "Other"),
    ],
)


class ConsolePortSpeedChoices(models.IntegerChoices):
    SPEED_1200 = 1200, "1200 bps"
    SPEED_2400 = 2400, "2400 bps"
    SPEED_4800 = 4800, "4800 bps"
    SPEED_9600 = 9600, "9600 bps"
    SPEED_19200 = 19200, "19.2 kbps"
    SPEED_38400 = 38400, "38.4 kbps"
    SPEED_57600 = 57600, "57.6 kbps"
    SPEED_115200 = 115200, "115.2 kbps"


IEC_60309 = [
    (f"iec-60309-{poles}-{hour}h", f"{label} {hour}H")
    for poles, label in (
        ("p-n-e", "P+N+E"),
        ("2p-e", "2P+E"),
        ("3p-e", "3P+E"),
        ("3p-n-e", "3P+N+E"),
    )
    for hour in (4, 6, 9)
]
IEC_60906 = [
    ("iec-60906-1", "IEC 60906-1"),
    ("nbr-14136-10a", "2P+T 10A (NBR 14136)"),
    ("nbr-14136-20a", "2P+T 20A (NBR 14136)"),
]
NEMA_SIZES: tuple[str, ...] = (
    "1-15",
    "5-15",
    "5-20",
    "5-30",
    "5-50",
    "6-15",
    "6-20",
    "6-30",
    "6-50",
)
NEMA_SIZES += ("10-30", "10-50", "14-20", "14-30", "14-50", "14-60")
NEMA_SIZES += ("15-15", "15-20", "15-30", "15-50", "15-60")
NEMA_LOCKING: tuple[str, ...] = (
    "1-15",
    "5-15",
    "5-20",
    "5-30",
    "5-50",
    "6-15",
    "6-20",
    "6-30",
    "6-50",
)
NEMA_LOCKING += ("10-30", "14-20", "14-30", "14-50", "14-60", "15-20", "15-30", "15-50")
NEMA_LOCKING += ("15-60", "21-20", "21-30", "22-20", "22-30")


def nema(kind: str) -> list[tuple[str, str]]:
    """NEMA plugs ("p") or receptacles ("r"), non-locking then locking."""
    rows = [(f"nema-{size}{kind}", f"NEMA {size}{kind.upper()}") for size in NEMA_SIZES]
    rows += [(f"nema-l{size}{kind}", f"NEMA L{size}{kind.upper()}") for size in NEMA_LOCKING]
    return rows


ITA_COMMON = [
    ("ita-g", "ITA Type G (BS 1363)"),
    ("ita-h", "ITA Type H"),
    ("ita-i", "ITA Type I"),
    ("ita-j", "ITA Type J"),
    ("ita-k", "ITA Type K"),
    ("ita-l", "ITA Type L (CEI 23-50)"),
    ("ita-m", "ITA Type M (BS 546)"),
    ("ita-n", "ITA Type N"),
    ("ita-o", "ITA Type O"),
]
MOLEX_AND_DC = [
    ("molex-micro-fit-1x2", "Molex Micro-Fit 1x2"),
    ("molex-micro-fit-2x2", "Molex Micro-Fit 2x2"),
    ("molex-micro-fit-2x3", "Molex Micro-Fit 2x3"),
    ("molex-micro-fit-2x4", "Molex Micro-Fit 2x4"),
    ("dc-terminal", "DC Terminal"),
]
POWER_OTHER = [("hardwired", "Hardwired"), ("other", "Other")]

PowerPortTypeChoices = choice_set(
    "PowerPortTypeChoices",
    [
        *((f"iec-60320-c{n}", f"C{n}") for n in (6, 8, 14, 16, 18, 20, 22)),
        *IEC_60309,
        *IEC_60906,
        *nema("p"),
        *((f"cs{n}c", f"CS{n}C") for n in (6361, 6365, 8165, 8265, 8365, 8465)),
        ("ita-c", "ITA Type C (CEE 7/16)"),
        ("ita-e", "ITA Type E (CEE 7/6)"),
        ("ita-f", "ITA Type F (CEE 7/4)"),
        ("ita-ef", "ITA Type E/F (CEE 7/7)"),
        *ITA_COMMON,
        *USB_CONNECTORS,
        ("usb-3-b", "USB 3.0 Type B"),
        ("usb-3-micro-b", "USB 3.0 Micro B"),
        *MOLEX_AND_DC,
        ("saf-d-grid", "Saf-D-Grid"),
        ("neutrik-powercon-20", "Neutrik powerCON (20A)"),
        ("neutrik-powercon-32", "Neutrik powerCON (32A)"),
        ("neutrik-powercon-true1", "Neutrik powerCON TRUE1"),
        ("neutrik-powercon-true1-top", "Neutrik powerCON TRUE1 TOP"),
        ("ubiquiti-smartpower", "Ubiquiti SmartPower"),
        *POWER_OTHER,
    ],
)

PowerOutletTypeChoices = choice_set(
    "PowerOutletTypeChoices",
    [
        *((f"iec-60320-c{n}", f"C{n}") for n in (5, 7, 13, 15, 17, 19, 21)),
        *IEC_60309,
        *IEC_60906,
        *nema("r"),
        *((f"CS{n}C", f"CS{n}C") for n in (6360, 6364, 8164, 8264, 8364, 8464)),
        ("ita-e", "ITA Type E (CEE 7/5)"),
        ("ita-f", "ITA Type F (CEE 7/3)"),
        *ITA_COMMON,
        ("ita-multistandard", "ITA Multistandard"),
        ("usb-a", "USB Type A"),
        ("usb-micro-b", "USB Micro B"),
        ("usb-c", "USB Type C"),
        *MOLEX_AND_DC,
        ("eaton-c39", "Eaton C39"),
        ("hdot-cx", "HDOT Cx"),
        ("saf-d-grid", "Saf-D-Grid"),
        ("neutrik-powercon-20a", "Neutrik powerCON (20A)"),
        ("neutrik-powercon-32a", "Neutrik powerCON (32A)"),
        ("neutrik-powercon-true1", "Neutrik powerCON TRUE1"),
        ("neutrik-powercon-true1-top", "Neutrik powerCON TRUE1 TOP"),
        ("ubiquiti-smartpower", "Ubiquiti SmartPower"),
        *POWER_OTHER,
    ],
)


class PowerOutletFeedLegChoices(models.TextChoices):
    A = "A", "A"
    B = "B", "B"
    C = "C", "C"


# --- interfaces ------------------------------------------------------------------------

VIRTUAL_INTERFACE_ROWS = [
    ("virtual", "Virtual"),
    ("bridge", "Bridge"),
    ("lag", "Link Aggregation Group (LAG)"),
]
WIRELESS_INTERFACE_ROWS = [
    ("ieee802.11a", "IEEE 802.11a"),
    ("ieee802.11g", "IEEE 802.11b/g"),
    ("ieee802.11n", "IEEE 802.11n (Wi-Fi 4)"),
    ("ieee802.11ac", "IEEE 802.11ac (Wi-Fi 5)"),
    ("ieee802.11ad", "IEEE 802.11ad (WiGig)"),
    ("ieee802.11ax", "IEEE 802.11ax (Wi-Fi 6)"),
    ("ieee802.11ay", "IEEE 802.11ay (WiGig)"),
    ("ieee802.11be", "IEEE 802.11be (Wi-Fi 7)"),
    ("ieee802.15.1", "IEEE 802.15.1 (Bluetooth)"),
    ("ieee802.15.4", "IEEE 802.15.4 (LR-WPAN)"),
    ("other-wireless", "Other (Wireless)"),
]


def ethernet(speed: str, rows: str) -> list[tuple[str, str]]:
    """Fixed Ethernet PHYs: "lr4" -> ("<speed>base-lr4", "<SPEED>BASE-LR4 (<speed>E)");
    a row "cr4=DAC" appends a qualifier to the parenthesis."""
    result = []
    for row in rows.split():
        phy, _, qualifier = row.partition("=")
        tail = f"{speed.upper()}E {qualifier}" if qualifier else f"{speed.upper()}E"
        result.append((f"{speed}base-{phy}", f"{speed.upper()}BASE-{phy.upper()} ({tail})"))
    return result


FIXED_ETHERNET_ROWS = [
    ("100base-fx", "100BASE-FX (10/100ME)"),
    ("100base-lfx", "100BASE-LFX (10/100ME)"),
    ("100base-tx", "100BASE-TX (10/100ME)"),
    ("100base-t1", "100BASE-T1 (10/100ME)"),
    ("1000base-bx10-d", "1000BASE-BX10-D (1GE BiDi Down)"),
    ("1000base-bx10-u", "1000BASE-BX10-U (1GE BiDi Up)"),
    ("1000base-cwdm", "1000BASE-CWDM (1GE)"),
    ("1000base-cx", "1000BASE-CX (1GE DAC)"),
    ("1000base-dwdm", "1000BASE-DWDM (1GE)"),
    ("1000base-ex", "1000BASE-EX (1GE)"),
    ("1000base-lsx", "1000BASE-LSX (1GE)"),
    ("1000base-lx", "1000BASE-LX (1GE)"),
    ("1000base-lx10", "1000BASE-LX10/LH (1GE)"),
    ("1000base-sx", "1000BASE-SX (1GE)"),
    ("1000base-t", "1000BASE-T (1GE)"),
    ("1000base-tx", "1000BASE-TX (1GE)"),
    ("1000base-zx", "1000BASE-ZX (1GE)"),
    ("2.5gbase-t", "2.5GBASE-T (2.5GE)"),
    ("5gbase-t", "5GBASE-T (5GE)"),
    ("10gbase-br-d", "10GBASE-BR-D (10GE BiDi Down)"),
    ("10gbase-br-u", "10GBASE-BR-U (10GE BiDi Up)"),
    ("10gbase-cu", "10GBASE-CU (10GE DAC Passive Twinax)"),
    ("10gbase-cx4", "10GBASE-CX4 (10GE DAC)"),
    *ethernet("10g", "er lr lrm lx4 sr t zr"),
    *ethernet("25g", "cr=DAC er lr sr t"),
    *ethernet("40g", "cr4=DAC er4 fr4 lr4 sr4"),
    ("40gbase-sr4-bd", "40GBASE-SR4 (40GE BiDi)"),
    *ethernet("50g", "cr=DAC er fr lr sr"),
    *ethernet("100g", "cr1=DAC cr2=DAC cr4=DAC cr10=DAC cwdm4 dr er4 fr1 lr1 lr4 sr1"),
    ("100gbase-sr1.2", "100GBASE-SR1.2 (100GE BiDi)"),
    *ethernet("100g", "sr2 sr4 sr10 zr"),
    *ethernet("200g", "cr2 cr4 dr4 er4 fr4 lr4 sr2 sr4 vr2"),
    *ethernet("400g", "cr4 dr4 er8 fr4 fr8 lr4 lr8 sr4"),
    ("400gbase-sr4_2", "400GBASE-SR4.2 (400GE BiDi)"),
    *ethernet("400g", "sr8 sr16 vr4 zr"),
    *ethernet("800g", "cr8 dr8 sr8 vr8"),
    ("1.6tbase-cr8", "1.6TBASE-CR8 (1.6TE)"),
    ("1.6tbase-dr8", "1.6TBASE-DR8 (1.6TE)"),
    ("1.6tbase-dr8-2", "1.6TBASE-DR8-2 (1.6TE)"),
]
PLUGGABLE_ROWS = [
    ("100base-x-sfp", "SFP (100ME)"),
    ("1000base-x-gbic", "GBIC (1GE)"),
    ("1000base-x-sfp", "SFP (1GE)"),
    ("2.5gbase-x-sfp", "SFP (2.5GE)"),
    ("10gbase-x-sfpp", "SFP+ (10GE)"),
    ("10gbase-x-xenpak", "XENPAK (10GE)"),
    ("10gbase-x-xfp", "XFP (10GE)"),
    ("10gbase-x-x2", "X2 (10GE)"),
    ("25gbase-x-sfp28", "SFP28 (25GE)"),
    ("40gbase-x-qsfpp", "QSFP+ (40GE)"),
    ("50gbase-x-sfp28", "QSFP28 (50GE)"),
    ("50gbase-x-sfp56", "SFP56 (50GE)"),
    ("100gbase-x-cfp", "CFP (100GE)"),
    ("100gbase-x-cfp2", "CFP2 (100GE)"),
    ("100gbase-x-cfp4", "CFP4 (100GE)"),
    ("100gbase-x-cxp", "CXP (100GE)"),
    ("100gbase-x-cpak", "Cisco CPAK (100GE)"),
    ("100gbase-x-dsfp", "DSFP (100GE)"),
    ("100gbase-x-qsfp28", "QSFP28 (100GE)"),
    ("100gbase-x-qsfpdd", "QSFP-DD (100GE)"),
    ("100gbase-x-sfpdd", "SFP-DD (100GE)"),
    ("200gbase-x-cfp2", "CFP2 (200GE)"),
    ("200gbase-x-qsfp56", "QSFP56 (200GE)"),
    ("200gbase-x-qsfpdd", "QSFP-DD (200GE)"),
    ("400gbase-x-qsfp112", "QSFP112 (400GE)"),
    ("400gbase-x-qsfpdd", "QSFP-DD (400GE)"),
    ("400gbase-x-cdfp", "CDFP (400GE)"),
    ("400gbase-x-cfp2", "CFP2 (400GE)"),
    ("400gbase-x-cfp8", "CPF8 (400GE)"),
    ("400gbase-x-osfp", "OSFP (400GE)"),
    ("400gbase-x-osfp-rhs", "OSFP-RHS (400GE)"),
    ("800gbase-x-osfp", "OSFP (800GE)"),
    ("800gbase-x-qsfpdd", "QSFP-DD (800GE)"),
    ("1.6tbase-x-osfp1600", "OSFP1600 (1.6TE)"),
    ("1.6tbase-x-osfp1600-rhs", "OSFP1600-RHS (1.6TE)"),
    ("1.6tbase-x-qsfpdd1600", "QSFP-DD1600 (1.6TE)"),
]
BACKPLANE_ROWS = [
    ("1000base-kx", "1000BASE-KX (1GE)"),
    ("2.5gbase-kx", "2.5GBASE-KX (2.5GE)"),
    ("5gbase-kr", "5GBASE-KR (5GE)"),
    ("10gbase-kr", "10GBASE-KR (10GE)"),
    ("10gbase-kx4", "10GBASE-KX4 (10GE)"),
    ("25gbase-kr", "25GBASE-KR (25GE)"),
    ("40gbase-kr4", "40GBASE-KR4 (40GE)"),
    ("50gbase-kr", "50GBASE-KR (50GE)"),
    ("100gbase-kp4", "100GBASE-KP4 (100GE)"),
    ("100gbase-kr2", "100GBASE-KR2 (100GE)"),
    ("100gbase-kr4", "100GBASE-KR4 (100GE)"),
    ("1.6tbase-kr8", "1.6TBASE-KR8 (1.6TE)"),
]
OTHER_MEDIA_ROWS = [
    ("gsm", "GSM"),
    ("cdma", "CDMA"),
    ("lte", "LTE"),
    ("4g", "4G"),
    ("5g", "5G"),
    ("sonet-oc3", "OC-3/STM-1"),
    ("sonet-oc12", "OC-12/STM-4"),
    ("sonet-oc48", "OC-48/STM-16"),
    ("sonet-oc192", "OC-192/STM-64"),
    ("sonet-oc768", "OC-768/STM-256"),
    ("sonet-oc1920", "OC-1920/STM-640"),
    ("sonet-oc3840", "OC-3840/STM-1234"),
    ("1gfc-sfp", "SFP (1GFC)"),
    ("2gfc-sfp", "SFP (2GFC)"),
    ("4gfc-sfp", "SFP (4GFC)"),
    ("8gfc-sfpp", "SFP+ (8GFC)"),
    ("16gfc-sfpp", "SFP+ (16GFC)"),
    ("32gfc-sfp28", "SFP28 (32GFC)"),
    ("32gfc-sfpp", "SFP+ (32GFC)"),
    ("64gfc-qsfpp", "QSFP+ (64GFC)"),
    ("64gfc-sfpdd", "SFP-DD (64GFC)"),
    ("64gfc-sfpp", "SFP+ (64GFC)"),
    ("128gfc-qsfp28", "QSFP28 (128GFC)"),
    ("infiniband-sdr", "SDR (2 Gbps)"),
    ("infiniband-ddr", "DDR (4 Gbps)"),
    ("infiniband-qdr", "QDR (8 Gbps)"),
    ("infiniband-fdr10", "FDR10 (10 Gbps)"),
    ("infiniband-fdr", "FDR (13.5 Gbps)"),
    ("infiniband-edr", "EDR (25 Gbps)"),
    ("infiniband-hdr", "HDR (50 Gbps)"),
    ("infiniband-ndr", "NDR (100 Gbps)"),
    ("infiniband-xdr", "XDR (200 Gbps)"),
    ("t1", "T1 (1.544 Mbps)"),
    ("e1", "E1 (2.048 Mbps)"),
    ("t3", "T3 (45 Mbps)"),
    ("e3", "E3 (34 Mbps)"),
    ("xdsl", "xDSL"),
    ("docsis", "DOCSIS"),
    ("moca", "MoCA"),
    ("bpon", "BPON (622 Mbps / 155 Mbps)"),
    ("epon", "EPON (1 Gbps)"),
    ("10g-epon", "10G-EPON (10 Gbps)"),
    ("gpon", "GPON (2.5 Gbps / 1.25 Gbps)"),
    ("xg-pon", "XG-PON (10 Gbps / 2.5 Gbps)"),
    ("xgs-pon", "XGS-PON (10 Gbps)"),
    ("ng-pon2", "NG-PON2 (TWDM-PON) (4x10 Gbps)"),
    ("25g-pon", "25G-PON (25 Gbps)"),
    ("50g-pon", "50G-PON (50 Gbps)"),
]
STACKING_ROWS = [
    ("cisco-stackwise", "Cisco StackWise"),
    ("cisco-stackwise-plus", "Cisco StackWise Plus"),
    ("cisco-flexstack", "Cisco FlexStack"),
    ("cisco-flexstack-plus", "Cisco FlexStack Plus"),
    ("cisco-stackwise-80", "Cisco StackWise-80"),
    ("cisco-stackwise-160", "Cisco StackWise-160"),
    ("cisco-stackwise-320", "Cisco StackWise-320"),
    ("cisco-stackwise-480", "Cisco StackWise-480"),
    ("cisco-stackwise-1t", "Cisco StackWise-1T"),
    ("juniper-vcp", "Juniper VCP"),
    ("extreme-summitstack", "Extreme SummitStack"),
    ("extreme-summitstack-128", "Extreme SummitStack-128"),
    ("extreme-summitstack-256", "Extreme SummitStack-256"),
    ("extreme-summitstack-512", "Extreme SummitStack-512"),
]

InterfaceTypeChoices = choice_set(
    "InterfaceTypeChoices",
    [
        *VIRTUAL_INTERFACE_ROWS,
        *FIXED_ETHERNET_ROWS,
        *PLUGGABLE_ROWS,
        *BACKPLANE_ROWS,
        *WIRELESS_INTERFACE_ROWS,
        *OTHER_MEDIA_ROWS,
        *STACKING_ROWS,
        ("other", "Other"),
    ],
)

# The `kind` groups: neither may carry a cable.
VIRTUAL_INTERFACE_TYPES = frozenset(value for value, _ in VIRTUAL_INTERFACE_ROWS)
WIRELESS_INTERFACE_TYPES = frozenset(value for value, _ in WIRELESS_INTERFACE_ROWS)
NONCONNECTABLE_INTERFACE_TYPES = VIRTUAL_INTERFACE_TYPES | WIRELESS_INTERFACE_TYPES


class InterfaceKindChoices(models.TextChoices):
    PHYSICAL = "physical", "Physical"
    VIRTUAL = "virtual", "Virtual"
    WIRELESS = "wireless", "Wireless"


class InterfaceDuplexChoices(models.TextChoices):
    HALF = "half", "Half"
    FULL = "full", "Full"
    AUTO = "auto", "Auto"


class InterfaceModeChoices(models.TextChoices):
    ACCESS = "access", "Access"
    TAGGED = "tagged", "Tagged"
    TAGGED_ALL = "tagged-all", "Tagged (All)"
    Q_IN_Q = "q-in-q", "Q-in-Q (802.1ad)"


# Modes that carry a list of tagged VLANs.
TAGGED_VLAN_MODES = frozenset({InterfaceModeChoices.TAGGED, InterfaceModeChoices.Q_IN_Q})


class InterfacePoEModeChoices(models.TextChoices):
    PD = "pd", "PD"
    PSE = "pse", "PSE"


class InterfacePoETypeChoices(models.TextChoices):
    TYPE1_8023AF = "type1-ieee802.3af", "802.3af (Type 1)"
    TYPE2_8023AT = "type2-ieee802.3at", "802.3at (Type 2)"
    TYPE3_8023BT = "type3-ieee802.3bt", "802.3bt (Type 3)"
    TYPE4_8023BT = "type4-ieee802.3bt", "802.3bt (Type 4)"
    PASSIVE_24V_2PAIR = "passive-24v-2pair", "Passive 24V (2-pair)"
    PASSIVE_24V_4PAIR = "passive-24v-4pair", "Passive 24V (4-pair)"
    PASSIVE_48V_2PAIR = "passive-48v-2pair", "Passive 48V (2-pair)"
    PASSIVE_48V_4PAIR = "passive-48v-4pair", "Passive 48V (4-pair)"


# --- front and rear ports ----------------------------------------------------------------


def fiber(connector: str, label: str) -> list[tuple[str, str]]:
    """A fiber connector and its PC/UPC/APC polish variants."""
    rows = [(connector, label)]
    rows += [
        (f"{connector}-{polish}", f"{label}/{polish.upper()}") for polish in ("pc", "upc", "apc")
    ]
    return rows


PortTypeChoices = choice_set(
    "PortTypeChoices",
    [
        *((code, code.upper()) for code in ("8p8c", "8p6c", "8p4c", "8p2c", "6p6c", "6p4c")),
        *((code, code.upper()) for code in ("6p2c", "4p4c", "4p2c", "gg45")),
        ("tera-4p", "TERA 4P"),
        ("tera-2p", "TERA 2P"),
        ("tera-1p", "TERA 1P"),
        ("110-punch", "110 Punch"),
        ("bnc", "BNC"),
        ("f", "F Connector"),
        ("n", "N Connector"),
        ("mrj21", "MRJ21"),
        *fiber("fc", "FC"),
        *fiber("lc", "LC"),
        *fiber("mu", "MU"),
        *fiber("lsh", "LSH"),
        *fiber("lx5", "LX.5"),
        ("mpo", "MPO"),
        ("mtrj", "MTRJ"),
        *fiber("sc", "SC"),
        ("st", "ST"),
        ("cs", "CS"),
        ("sn", "SN"),
        ("mdc", "MDC"),
        ("sma-905", "SMA 905"),
        ("sma-906", "SMA 906"),
        ("urm-p2", "URM-P2"),
        ("urm-p4", "URM-P4"),
        ("urm-p8", "URM-P8"),
        ("splice", "Splice"),
        *USB_CONNECTORS,
        ("other", "Other"),
    ],
)


# --- cables ------------------------------------------------------------------------------

CableTypeChoices = choice_set(
    "CableTypeChoices",
    [
        *((f"cat{n}", f"CAT{n}") for n in ("3", "5", "5e", "6", "6a", "7", "7a", "8")),
        ("mrj21-trunk", "MRJ21 Trunk"),
        ("dac-active", "Direct Attach Copper (Active)"),
        ("dac-passive", "Direct Attach Copper (Passive)"),
        ("coaxial", "Coaxial"),
        *((f"rg-{n}", f"RG-{n}") for n in (6, 8, 11, 59, 62, 213)),
        *((f"lmr-{n}", f"LMR-{n}") for n in (100, 200, 400)),
        ("mmf", "Multimode Fiber"),
        *((f"mmf-om{n}", f"Multimode Fiber (OM{n})") for n in range(1, 6)),
        ("smf", "Single-mode Fiber"),
        ("smf-os1", "Single-mode Fiber (OS1)"),
        ("smf-os2", "Single-mode Fiber (OS2)"),
        ("aoc", "Active Optical Cabling (AOC)"),
        ("power", "Power"),
        ("usb", "USB"),
    ],
)

CableProfileChoices = choice_set(
    "CableProfileChoices",
    [
        *((f"single-1c{n}p", f"1C{n}P") for n in (1, 2, 4, 6, 8, 12, 16)),
        *((f"trunk-2c{n}p", f"2C{n}P trunk") for n in (1, 2, 4)),
        ("trunk-2c4p-shuffle", "2C4P trunk (shuffle)"),
        *((f"trunk-2c{n}p", f"2C{n}P trunk") for n in (6, 8, 12)),
        *((f"trunk-4c{n}p", f"4C{n}P trunk") for n in (1, 2, 4)),
        ("trunk-4c4p-shuffle", "4C4P trunk (shuffle)"),
        *((f"trunk-4c{n}p", f"4C{n}P trunk") for n in (6, 8)),
        ("trunk-8c4p", "8C4P trunk"),
        *((f"breakout-1c{n}p-{n}c1p", f"1C{n}P:{n}C1P breakout") for n in (2, 4, 6, 8)),
        ("breakout-2c4p-8c1p-shuffle", "2C4P:8C1P breakout (shuffle)"),
    ],
)


class LinkStatusChoices(models.TextChoices):
    CONNECTED = "connected", "Connected"
    PLANNED = "planned", "Planned"
    DECOMMISSIONING = "decommissioning", "Decommissioning"


class CableLengthUnitChoices(models.TextChoices):
    KILOMETERS = "km", "Kilometers"
    METERS = "m", "Meters"
    CENTIMETERS = "cm", "Centimeters"
    MILES = "mi", "Miles"
    FEET = "ft", "Feet"
    INCHES = "in", "Inches"


class CableEndChoices(models.TextChoices):
    A = "A", "A"
    B = "B", "B"


# --- power feeds -------------------------------------------------------------------------


class PowerFeedStatusChoices(models.TextChoices):
    OFFLINE = "offline", "Offline"
    ACTIVE = "active", "Active"
    PLANNED = "planned", "Planned"
    FAILED = "failed", "Failed"


class PowerFeedTypeChoices(models.TextChoices):
    PRIMARY = "primary", "Primary"
    REDUNDANT = "redundant", "Redundant"


class PowerFeedSupplyChoices(models.TextChoices):
    AC = "ac", "AC"
    DC = "dc", "DC"


class PowerFeedPhaseChoices(models.TextChoices):
    SINGLE = "single-phase", "Single phase"
    THREE = "three-phase", "Three-phase"
