"""Issue 20 on real Vendure: recalls entered through the KioskPlugin's Admin API reach the kiosk's recall list."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from kiosk.backends.vendure.backend import VendureBackend
from tests.fixtures.vendure import VendureAdmin

CREATE = """mutation ($input: KioskRecallInput!) {
  createKioskRecall(input: $input) { reference gtin lot serial note liftedAt } }"""


def seeded_gtin(admin: VendureAdmin, variant_id: str = "1") -> str:
    reply = admin.query("query ($id: ID!) { productVariant(id: $id) { customFields { gtin } } }", {"id": variant_id})
    return str(reply["productVariant"]["customFields"]["gtin"])


def create(admin: VendureAdmin, **fields: Any) -> dict[str, Any]:
    return dict(admin.query(CREATE, {"input": fields})["createKioskRecall"])


def test_a_recall_created_in_vendure_is_on_the_kiosks_list_until_lifted(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin
) -> None:
    gtin = seeded_gtin(vendure_admin)  # 13 digits in the sample shop
    tag = uuid.uuid4().hex[:8].upper()
    by_lot = create(vendure_admin, reference=f"RC-{tag}-L", gtin=gtin, lot=f"L{tag}", note="salmonella")
    assert by_lot == {
        "reference": f"RC-{tag}-L", "gtin": "0" + gtin, "lot": f"L{tag}", "serial": None, "note": "salmonella",
        "liftedAt": None,
    }  # fmt: skip
    create(vendure_admin, reference=f"RC-{tag}-S", gtin="0" + gtin, serial=f"S{tag}")

    recalls = vendure_backend.recall_list()
    lot_match = recalls.match("0" + gtin, f"L{tag}", None)
    assert lot_match is not None and (lot_match.entry.reference, lot_match.by) == (f"RC-{tag}-L", "lot")
    serial_match = recalls.match("0" + gtin, "ANY", f"S{tag}")
    assert serial_match is not None and (serial_match.entry.reference, serial_match.by) == (f"RC-{tag}-S", "serial")
    assert recalls.match("0" + gtin, f"l{tag}", None) is None  # lots are case-sensitive

    lifted = vendure_admin.query(
        "mutation ($r: String!) { liftKioskRecall(reference: $r) { liftedAt } }", {"r": f"RC-{tag}-L"}
    )
    assert lifted["liftKioskRecall"]["liftedAt"] is not None
    assert vendure_backend.recall_list().match("0" + gtin, f"L{tag}", None) is None
    everything = vendure_admin.query("{ kioskRecalls(withLifted: true) { reference liftedAt } }")["kioskRecalls"]
    assert {r["reference"] for r in everything} >= {f"RC-{tag}-L", f"RC-{tag}-S"}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"gtin": "8437000000013"}, "recall {ref}: needs a lot or a serial number"),
        ({"gtin": "8437000000014", "lot": "A1"}, 'gtin: must be 8, 12, 13 or 14 digits with a valid check digit, got "8437000000014"'),
        ({"gtin": "8437000000013", "lot": "X" * 21}, "lot: must be 1 to 20 characters, got 21"),
        ({"gtin": "8437000000013", "serial": ""}, "serial: must be 1 to 20 characters, got 0"),
    ],
)
def test_a_bad_recall_is_refused_with_a_message_naming_the_field(
    vendure_admin: VendureAdmin, fields: dict[str, str], message: str
) -> None:
    reference = f"RC-{uuid.uuid4().hex[:8]}"
    reply = vendure_admin.reply(CREATE, {"input": {"reference": reference, **fields}})
    assert reply["errors"][0]["message"] == message.format(ref=reference)


def test_a_recall_reference_is_used_once(vendure_admin: VendureAdmin) -> None:
    reference = f"RC-{uuid.uuid4().hex[:8]}"
    create(vendure_admin, reference=reference, gtin=seeded_gtin(vendure_admin), lot="DUP")
    reply = vendure_admin.reply(CREATE, {"input": {"reference": reference, "gtin": "8437000000013", "lot": "X"}})
    assert reply["errors"][0]["message"] == f"recall {reference} already exists"


def test_the_kiosk_role_reads_recalls_but_cannot_create_them(vendure_backend: VendureBackend) -> None:
    from kiosk.backends.vendure import queries as q
    from kiosk.core.errors import BackendRejectedError

    with pytest.raises(BackendRejectedError):
        vendure_backend._client.admin(
            "create recall", CREATE, {"input": {"reference": "RC-NO", "gtin": "8437000000013", "lot": "X"}}
        )
    assert vendure_backend._client.admin("recall list", q.RECALLS).data["kioskRecalls"] is not None
