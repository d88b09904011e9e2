"""Cables: termination rules, link peers, and paths traced through patch panels."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dcim.models import (
    Cable,
    CablePath,
    CableTermination,
    Device,
    FrontPort,
    Interface,
    PowerPort,
    RearPort,
)
from dcim.services import (
    connected_endpoints_for,
    create_cable,
    delete_cables,
    link_peers_for,
    paths_through,
    trace,
    update_cable,
)
from dcim.services.paths import node_key
from ipamcore.models import ObjectChange


def cable(a: list[Any], b: list[Any], **fields: Any) -> Cable:
    return create_cable(Cable(**fields), a, b)


def fresh(obj: Any) -> Any:
    return type(obj).objects.get(pk=obj.pk)


@pytest.fixture
def panels(make_device: Any) -> dict[str, Any]:
    """Two patch panels, each a 2-position rear port with front ports 1 and 2."""
    result = {}
    for name in ("pp1", "pp2"):
        panel = make_device(name)
        rear = RearPort.objects.create(device=panel, name="rear", type="mpo", positions=2)
        result[f"{name}-rear"] = rear
        for position in (1, 2):
            result[f"{name}-front{position}"] = FrontPort.objects.create(
                device=panel, name=f"front{position}", type="lc", rear_port=rear,
                rear_port_position=position,
            )  # fmt: skip
    return result


@pytest.fixture
def ends(make_device: Any, make_interface: Any) -> dict[str, Interface]:
    r1, r2 = make_device("r1"), make_device("r2")
    return {
        f"{device.name}-{name}": make_interface(device, name)
        for device in (r1, r2)
        for name in ("eth0", "eth1")
    }


# --- termination rules ---------------------------------------------------------------


def test_cable_sets_both_ends(ends: dict[str, Interface]) -> None:
    made = cable([ends["r1-eth0"]], [ends["r2-eth0"]], type="cat6")
    a, b = fresh(ends["r1-eth0"]), fresh(ends["r2-eth0"])
    assert (a.cable, a.cable_end, b.cable, b.cable_end) == (made, "A", made, "B")
    assert [t.cable_end for t in made.terminations.all()] == ["A", "B"]
    assert made.a_terminations == [a] and made.b_terminations == [b]
    row = made.terminations.get(cable_end="A")
    assert (row._device_id, row._site_id) == (a.device_id, a.device.site_id)
    assert ObjectChange.objects.filter(action="update", changed_object_id=a.pk).exists()
    assert str(made) == f"#{made.pk}"


def test_a_termination_is_on_one_cable_only(ends: dict[str, Interface]) -> None:
    first = cable([ends["r1-eth0"]], [ends["r2-eth0"]])
    taken = fresh(ends["r1-eth0"])
    with pytest.raises(ValidationError) as error:
        cable([taken], [ends["r2-eth1"]])
    assert error.value.message_dict == {
        "a_terminations": [
            f"Duplicate termination found for dcim.interface {taken.pk}: cable {first.pk}"
        ]
    }
    assert Cable.objects.count() == 1


def test_a_stale_termination_is_caught_by_the_database(ends: dict[str, Interface]) -> None:
    stale = ends["r1-eth0"]  # loaded before it was cabled, as by a concurrent request
    cable([fresh(stale)], [ends["r2-eth0"]])
    with pytest.raises(ValidationError) as error:
        cable([stale], [ends["r2-eth1"]])
    assert error.value.message_dict == {"a_terminations": ["Duplicate termination found."]}
    assert CableTermination.objects.filter(termination_id=stale.pk).count() == 1


def test_both_ends_are_required(ends: dict[str, Interface]) -> None:
    with pytest.raises(ValidationError) as error:
        cable([ends["r1-eth0"]], [])
    assert error.value.message_dict == {
        "b_terminations": ["Must define A and B terminations when creating a new cable."]
    }


def test_ends_must_be_compatible(make_device: Any, ends: dict[str, Interface]) -> None:
    psu = PowerPort.objects.create(device=make_device("r3"), name="PSU0")
    with pytest.raises(ValidationError) as error:
        cable([ends["r1-eth0"]], [psu])
    assert error.value.message_dict == {
        "b_terminations": ["Incompatible termination types: interface and powerport"]
    }
    with pytest.raises(ValidationError) as error:
        cable([ends["r1-eth0"], psu], [ends["r2-eth0"]])
    assert error.value.message_dict == {
        "a_terminations": ["Cannot connect different termination types to same end of cable."]
    }
    with pytest.raises(ValidationError) as error:
        cable([ends["r1-eth0"]], [ends["r1-eth0"]])
    assert error.value.message_dict == {
        "b_terminations": ["A and B terminations cannot connect to the same object."]
    }
    assert not Cable.objects.exists()


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        ("virtual", "Virtual"),
        ("lag", "Link Aggregation Group (LAG)"),
        ("ieee802.11ac", "IEEE 802.11ac (Wi-Fi 5)"),
    ],
)
def test_virtual_and_wireless_interfaces_take_no_cable(
    make_device: Any, make_interface: Any, ends: dict[str, Interface], kind: str, label: str
) -> None:
    odd = make_interface(make_device("r3"), "x0", type=kind)
    with pytest.raises(ValidationError) as error:
        cable([odd], [ends["r2-eth0"]])
    assert error.value.message_dict == {
        "a_terminations": [f"Cables cannot be terminated to {label} interfaces"]
    }


def test_link_peers(ends: dict[str, Interface]) -> None:
    cable([ends["r1-eth0"]], [ends["r2-eth0"], ends["r2-eth1"]])
    mine = [fresh(ends["r1-eth0"]), fresh(ends["r2-eth1"]), fresh(ends["r1-eth1"])]
    peers = link_peers_for(mine)
    assert peers[node_key(mine[0])] == [fresh(ends["r2-eth0"]), mine[1]]
    assert peers[node_key(mine[1])] == [mine[0]]
    assert node_key(mine[2]) not in peers  # not cabled


def test_direct_cable_connects_the_endpoints(ends: dict[str, Interface]) -> None:
    made = cable([ends["r1-eth0"]], [ends["r2-eth0"]])
    a, b = fresh(ends["r1-eth0"]), fresh(ends["r2-eth0"])
    assert connected_endpoints_for([a, b]) == {node_key(a): ([b], True), node_key(b): ([a], True)}
    assert trace(a) == [([a], made, [b])]


# --- paths through patch panels ------------------------------------------------------


def patch(ends: dict[str, Interface], panels: dict[str, Any]) -> list[Cable]:
    """r1:eth0 - pp1:front1 ... pp1:rear = pp2:rear ... pp2:front1 - r2:eth0, and the
    same for eth1 through front ports 2; the trunk between the rear ports comes last,
    so the paths already traced to the panels must be extended."""
    return [
        cable([ends["r1-eth0"]], [panels["pp1-front1"]]),
        cable([ends["r1-eth1"]], [panels["pp1-front2"]]),
        cable([panels["pp2-front1"]], [ends["r2-eth0"]]),
        cable([panels["pp2-front2"]], [ends["r2-eth1"]]),
        cable([panels["pp1-rear"]], [panels["pp2-rear"]], type="mmf-om4"),
    ]


def test_trace_through_a_patch_panel_pair_returns_the_whole_path(
    ends: dict[str, Interface], panels: dict[str, Any]
) -> None:
    c1, _, c3, _, trunk = patch(ends, panels)
    origin = fresh(ends["r1-eth0"])
    assert trace(origin) == [
        ([origin], c1, [fresh(panels["pp1-front1"])]),
        ([fresh(panels["pp1-rear"])], trunk, [fresh(panels["pp2-rear"])]),
        ([fresh(panels["pp2-front1"])], c3, [fresh(ends["r2-eth0"])]),
    ]
    far = fresh(ends["r2-eth0"])
    assert [hop[0] for hop in trace(far)] == [
        [far], [fresh(panels["pp2-rear"])], [fresh(panels["pp1-front1"])],
    ]  # fmt: skip
    path = CablePath.objects.get(pk=origin._path_id)
    assert (path.is_complete, path.is_active, path.is_split) == (True, True, False)


def test_positions_keep_the_channels_apart(
    ends: dict[str, Interface], panels: dict[str, Any]
) -> None:
    patch(ends, panels)
    mine = [fresh(ends[name]) for name in ("r1-eth0", "r1-eth1", "r2-eth0", "r2-eth1")]
    connected = connected_endpoints_for(mine)
    assert connected[node_key(mine[0])] == ([mine[2]], True)
    assert connected[node_key(mine[1])] == ([mine[3]], True)
    assert connected[node_key(mine[3])] == ([mine[1]], True)
    through_trunk = paths_through(panels["pp1-rear"])
    assert len(through_trunk) == 4


def test_unfinished_paths_stop_at_the_last_port(
    ends: dict[str, Interface], panels: dict[str, Any]
) -> None:
    c1 = cable([ends["r1-eth0"]], [panels["pp1-front1"]])
    origin = fresh(ends["r1-eth0"])
    assert trace(origin) == [
        ([origin], c1, [fresh(panels["pp1-front1"])]),
        ([fresh(panels["pp1-rear"])], None, []),
    ]
    assert connected_endpoints_for([origin]) == {}
    assert CablePath.objects.get(pk=origin._path_id).is_complete is False


def test_a_rear_port_reached_without_a_position_splits_the_path(
    make_interface: Any, ends: dict[str, Interface], panels: dict[str, Any]
) -> None:
    cable([ends["r1-eth0"]], [panels["pp1-rear"]])
    path = CablePath.objects.get(pk=fresh(ends["r1-eth0"])._path_id)
    assert (path.is_split, path.is_complete) == (True, False)


def test_removing_the_trunk_cuts_the_paths_and_adding_it_back_restores_them(
    ends: dict[str, Interface], panels: dict[str, Any]
) -> None:
    *_, trunk = patch(ends, panels)
    trunk_id = trunk.pk
    delete_cables([trunk])
    origin = fresh(ends["r1-eth0"])
    assert len(trace(origin)) == 2
    assert fresh(panels["pp1-rear"]).cable is None
    assert ObjectChange.objects.filter(action="delete", changed_object_id=trunk_id).exists()
    cable([fresh(panels["pp1-rear"])], [fresh(panels["pp2-rear"])])
    assert connected_endpoints_for([origin])[node_key(origin)][0] == [fresh(ends["r2-eth0"])]


def test_a_planned_cable_leaves_the_far_end_unreachable(
    ends: dict[str, Interface], panels: dict[str, Any]
) -> None:
    *_, trunk = patch(ends, panels)
    trunk.status = "planned"
    update_cable(trunk)
    origin = fresh(ends["r1-eth0"])
    assert connected_endpoints_for([origin]) == {
        node_key(origin): ([fresh(ends["r2-eth0"])], False)
    }


def test_moving_a_cable_end(ends: dict[str, Interface]) -> None:
    made = cable([ends["r1-eth0"]], [ends["r2-eth0"]])
    update_cable(made, b_terminations=[ends["r2-eth1"]])
    assert fresh(ends["r2-eth0"]).cable is None
    assert fresh(ends["r2-eth1"]).cable == made
    assert fresh(ends["r2-eth0"])._path_id is None
    origin = fresh(ends["r1-eth0"])
    assert connected_endpoints_for([origin])[node_key(origin)][0] == [fresh(ends["r2-eth1"])]


def test_deleting_a_device_retraces_paths_through_it(
    ends: dict[str, Interface], panels: dict[str, Any]
) -> None:
    from dcim.services import delete_devices

    patch(ends, panels)
    delete_devices([Device.objects.get(name="pp2")])
    origin = fresh(ends["r1-eth0"])
    path = CablePath.objects.get(pk=origin._path_id)
    assert path.is_complete is False
    assert [len(hop[0]) for hop in trace(origin)] == [1, 1]


def test_reading_peers_and_endpoints_costs_the_same_for_any_number(
    make_device: Any, make_interface: Any
) -> None:
    r1, r2 = make_device("r1"), make_device("r2")
    pairs = [(make_interface(r1, f"eth{n}"), make_interface(r2, f"eth{n}")) for n in range(6)]
    for a, b in pairs:
        cable([a], [b])
    interfaces = list(Interface.objects.filter(device=r1))
    with CaptureQueriesContext(connection) as one:
        link_peers_for(interfaces[:1])
        connected_endpoints_for(interfaces[:1])
    with CaptureQueriesContext(connection) as six:
        peers = link_peers_for(interfaces)
        connected = connected_endpoints_for(interfaces)
    assert len(six) == len(one)
    assert len(peers) == len(connected) == 6
