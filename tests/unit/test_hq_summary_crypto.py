"""Canonical JSON, signatures, request authentication, receipts and pseudonyms of the HQ summary."""

from __future__ import annotations

import base64
import json

import pytest

from desktop_app.domain.hq_summary import (
    ReceiptInvalid,
    RequestAuthError,
    canonical_json,
    generate_private_key,
    pseudonym,
    public_key_b64,
    request_headers,
    sha256_hex,
    sign_payload,
    verify_payload,
    verify_receipt,
    verify_request,
)
from desktop_app.domain.hq_summary.request_auth import new_nonce

KEY = generate_private_key()
PUB = public_key_b64(KEY)


def test_canonical_json_sorted_compact_utf8() -> None:
    data = canonical_json({"b": 1, "a": ["张", None, True], "c": {"z": 0, "y": "x"}})
    assert data == '{"a":["张",null,true],"b":1,"c":{"y":"x","z":0}}'.encode()
    assert json.loads(data) == {"b": 1, "a": ["张", None, True], "c": {"z": 0, "y": "x"}}


@pytest.mark.parametrize("bad", [1.0, {"a": [0.5]}, {"a": float("nan")}, {1: 2}, {"a": (1, 2)}, {"a": b"x"}])
def test_canonical_json_refuses_floats_and_non_json(bad: object) -> None:
    with pytest.raises(ValueError):
        canonical_json(bad)


def test_sha256_hex() -> None:
    assert sha256_hex(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_sign_and_verify_payload() -> None:
    payload = {"schema": "branchvault.summary/1", "n": 3}
    signature = sign_payload(KEY, payload)
    assert len(base64.b64decode(signature)) == 64
    assert len(base64.b64decode(PUB)) == 32
    assert verify_payload(PUB, payload, signature)
    assert not verify_payload(PUB, {**payload, "n": 4}, signature)
    assert not verify_payload(public_key_b64(generate_private_key()), payload, signature)
    assert not verify_payload(PUB, payload, "not base64!")
    assert not verify_payload("AAAA", payload, signature)
    assert not verify_payload(PUB, {"f": 1.5}, signature)


def _headers(**overrides: object) -> dict[str, str]:
    args: dict[str, object] = {
        "private_raw": KEY,
        "branch_code": "SH-001",
        "method": "POST",
        "path": "/api/v1/submissions",
        "body": b'{"payload":{}}',
        "now_unix": 1_800_000_000,
        "nonce": new_nonce(bytes(range(16))),
    }
    args.update(overrides)
    return request_headers(**args)  # type: ignore[arg-type]


def test_request_headers_verify() -> None:
    headers = _headers()
    assert set(headers) == {"X-BV-Branch", "X-BV-Timestamp", "X-BV-Nonce", "X-BV-Signature"}
    assert headers["X-BV-Timestamp"] == "1800000000"
    verify_request(PUB, headers, "POST", "/api/v1/submissions", b'{"payload":{}}', 1_800_000_100)
    lower = {key.lower(): value for key, value in headers.items()}
    verify_request(PUB, lower, "POST", "/api/v1/submissions", b'{"payload":{}}', 1_800_000_000)


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/api/v1/submissions", b'{"payload":{}}'),
        ("POST", "/api/v1/enrol", b'{"payload":{}}'),
        ("POST", "/api/v1/submissions", b'{"payload":{"x":1}}'),
    ],
)
def test_request_bound_to_method_path_body(method: str, path: str, body: bytes) -> None:
    with pytest.raises(RequestAuthError) as err:
        verify_request(PUB, _headers(), method, path, body, 1_800_000_000)
    assert err.value.code == "bad_signature"


def test_request_other_branch_or_nonce_or_key() -> None:
    for changed in ({"X-BV-Branch": "SH-002"}, {"X-BV-Nonce": new_nonce(b"\x01" * 16)}):
        headers = {**_headers(), **changed}
        with pytest.raises(RequestAuthError) as err:
            verify_request(PUB, headers, "POST", "/api/v1/submissions", b'{"payload":{}}', 1_800_000_000)
        assert err.value.code == "bad_signature"
    other = public_key_b64(generate_private_key())
    with pytest.raises(RequestAuthError):
        verify_request(other, _headers(), "POST", "/api/v1/submissions", b'{"payload":{}}', 1_800_000_000)


def test_request_skew_and_missing() -> None:
    body = b'{"payload":{}}'
    with pytest.raises(RequestAuthError) as err:
        verify_request(PUB, _headers(), "POST", "/api/v1/submissions", body, 1_800_000_301)
    assert err.value.code == "skew"
    with pytest.raises(RequestAuthError) as err:
        verify_request(PUB, _headers(), "POST", "/api/v1/submissions", body, 1_799_999_699)
    assert err.value.code == "skew"
    for name in ("X-BV-Branch", "X-BV-Timestamp", "X-BV-Nonce", "X-BV-Signature"):
        headers = _headers()
        del headers[name]
        with pytest.raises(RequestAuthError) as err:
            verify_request(PUB, headers, "POST", "/api/v1/submissions", body, 1_800_000_000)
        assert err.value.code == "missing_header"
    headers = {**_headers(), "X-BV-Timestamp": "12abc"}
    with pytest.raises(RequestAuthError) as err:
        verify_request(PUB, headers, "POST", "/api/v1/submissions", body, 1_800_000_000)
    assert err.value.code == "bad_signature"


def test_receipt_verify() -> None:
    hq_key = generate_private_key()
    receipt = {
        "submission_id": "u",
        "branch_code": "SH-001",
        "payload_sha256": "0" * 64,
        "received_at": "2026-12-06T10:00:00Z",
        "hq_sequence": 7,
    }
    envelope = {"receipt": receipt, "signature": sign_payload(hq_key, receipt)}
    assert verify_receipt(public_key_b64(hq_key), envelope) == receipt
    with pytest.raises(ReceiptInvalid):
        verify_receipt(PUB, envelope)
    with pytest.raises(ReceiptInvalid):
        verify_receipt(public_key_b64(hq_key), {**envelope, "receipt": {**receipt, "hq_sequence": 8}})
    with pytest.raises(ReceiptInvalid):
        verify_receipt(public_key_b64(hq_key), {"receipt": receipt})
    with pytest.raises(ReceiptInvalid):
        verify_receipt(public_key_b64(hq_key), [receipt])


def test_pseudonym() -> None:
    key = b"k" * 32
    by_id = pseudonym(key, "11010519491231002X", "+8613800138000")
    assert by_id == pseudonym(key, "11010519491231002X", "+8613900139000")
    assert len(by_id) == 64 and int(by_id, 16) >= 0
    by_phone = pseudonym(key, None, "+8613800138000")
    assert by_phone != by_id
    assert by_phone == pseudonym(key, "", "+8613800138000")
    assert pseudonym(b"j" * 32, None, "+8613800138000") != by_phone
    with pytest.raises(ValueError):
        pseudonym(b"short", None, "+8613800138000")
    with pytest.raises(ValueError):
        pseudonym(key, None, "")
