"""ScanConfig from the [scanning] TOML table: defaults, and exact messages for every bad value."""

from __future__ import annotations

import tomllib

import pytest

from kiosk.core.scanning import ScanConfig
from kiosk.core.scanning.rcn import Measure, RcnRule


def test_defaults_work_out_of_the_box() -> None:
    config = ScanConfig.from_mapping({})
    assert config == ScanConfig()
    assert config.store_hosts == ("shop.example.com",)
    assert config.rcn_region == "es"
    assert config.debounce_ms == 300
    assert config.max_frame_bytes == 2048
    assert hash(config) == hash(ScanConfig())  # frozen and hashable


def test_from_toml() -> None:
    table = tomllib.loads(
        """
        [scanning]
        store_hosts = ["Tienda.Example.es"]
        rcn_region = "DE"
        debounce_ms = 500
        idle_gap_ms = 40
        loyalty_prefixes = ["04", "2999"]
        nfc_uid_loyalty = false
        [scanning.rcn_rules]
        "28" = "PPPPPPPVVVVV weight 3"
        """
    )["scanning"]
    config = ScanConfig.from_mapping(table)
    assert config.store_hosts == ("tienda.example.es",)
    assert config.rcn_region == "de"
    assert (config.debounce_ms, config.idle_gap_ms) == (500, 40)
    assert config.loyalty_prefixes == ("04", "2999")
    assert config.nfc_uid_loyalty is False
    assert config.rcn_rules == (("28", RcnRule("PPPPPPPVVVVV", Measure.WEIGHT, 3)),)
    assert config.rule_for("2800000000000") == RcnRule("PPPPPPPVVVVV", Measure.WEIGHT, 3)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            {"store_host": "x"},
            "Unknown [scanning] setting 'store_host'; known: store_hosts, rcn_region, rcn_rules, eight_digit_default, "
            "same_pack_ms, debounce_ms, idle_gap_ms, max_frame_bytes, loyalty_prefixes, member_path, cart_handoff_path, nfc_uid_loyalty",
        ),
        ({"store_hosts": "shop.example.com"}, "[scanning] store_hosts must be a non-empty list of host names, got 'shop.example.com'"),
        ({"store_hosts": []}, "[scanning] store_hosts must be a non-empty list of host names, got []"),
        (
            {"store_hosts": ["https://shop.example.com"]},
            "[scanning] store_hosts entry 'https://shop.example.com' is not a plain host name like shop.example.com",
        ),
        (
            {"store_hosts": ["shop.example.com:443"]},
            "[scanning] store_hosts entry 'shop.example.com:443' is not a plain host name like shop.example.com",
        ),
        (
            {"store_hosts": ["tiénda.example.es"]},
            "[scanning] store_hosts entry 'tiénda.example.es' is not a plain host name like shop.example.com",
        ),
        (
            {"rcn_region": "xxx"},
            "[scanning] rcn_region must be a two-letter country code or 'none' "
            "(with layouts: de, dk, ee, es, fi, gb, lt, lv, no, se, us), got 'xxx'",
        ),
        (
            {"rcn_region": 34},
            "[scanning] rcn_region must be a two-letter country code or 'none' "
            "(with layouts: de, dk, ee, es, fi, gb, lt, lv, no, se, us), got 34",
        ),
        ({"eight_digit_default": "ean"}, "[scanning] eight_digit_default must be 'ean8' or 'upce', got 'ean'"),
        ({"same_pack_ms": 70000}, "[scanning] same_pack_ms must be a whole number from 0 to 60000, got 70000"),
        ({"debounce_ms": -1}, "[scanning] debounce_ms must be a whole number from 0 to 5000, got -1"),
        ({"debounce_ms": 300.0}, "[scanning] debounce_ms must be a whole number from 0 to 5000, got 300.0"),
        ({"debounce_ms": True}, "[scanning] debounce_ms must be a whole number from 0 to 5000, got True"),
        ({"idle_gap_ms": 5}, "[scanning] idle_gap_ms must be a whole number from 10 to 2000, got 5"),
        ({"max_frame_bytes": 10**6}, "[scanning] max_frame_bytes must be a whole number from 64 to 65536, got 1000000"),
        ({"loyalty_prefixes": "04"}, "[scanning] loyalty_prefixes must be a list of digit strings, got '04'"),
        ({"loyalty_prefixes": [4]}, "[scanning] loyalty_prefixes must be a list of digit strings, got [4]"),
        ({"member_path": "m"}, "[scanning] member_path must be a path like '/m/', got 'm'"),
        ({"cart_handoff_path": "/cart/handoff"}, "[scanning] cart_handoff_path must be a path like '/m/', got '/cart/handoff'"),
        ({"nfc_uid_loyalty": "yes"}, "[scanning] nfc_uid_loyalty must be true or false, got 'yes'"),
        ({"rcn_rules": ["x"]}, "[scanning] rcn_rules must be a table of prefix = rule, got ['x']"),
        ({"rcn_rules": {"3": "x"}}, "[scanning] rcn_rules prefix must be two digits, got '3'"),
        ({"rcn_rules": {"30": "x"}}, "[scanning] rcn_rules prefix must be 02 or 20-29, got '30'"),
        ({"rcn_rules": {"28": 5}}, "[scanning] rcn_rules.28 must be text like 'PPPPPPPVVVVV price 2'"),
        (
            {"rcn_rules": {"28": "PPPPPPPVVVVV kg 3"}},
            "[scanning] rcn_rules.28: RCN rule must look like 'PPPPPPPVVVVV price 2', got 'PPPPPPPVVVVV kg 3'",
        ),
    ],
)
def test_bad_values_are_refused_with_a_message_naming_the_setting(table: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError) as exc:
        ScanConfig.from_mapping(table)
    assert str(exc.value) == message
