"""The HTTPS transport cannot be made to skip verification: https:// only, no verify option, the
certificate and host name always checked, nothing taken from the environment, and a request path
is an API path, never another host."""

from __future__ import annotations

import inspect
import ssl
from pathlib import Path

import pytest

from desktop_app.sync.transport import HqResponse, HttpsTransport, PlainAddressRefused, tls_context


@pytest.mark.parametrize(
    "url", ["http://hq.example.cn", "hq.example.cn", "https://u:p@hq.example.cn", "ftp://x"]
)
def test_only_https_addresses(url: str) -> None:
    with pytest.raises(PlainAddressRefused):
        HttpsTransport(url)


def test_there_is_no_option_to_turn_verification_off() -> None:
    assert list(inspect.signature(HttpsTransport).parameters) == ["base_url", "ca_file", "timeout"]
    context = tls_context(None)
    assert context.verify_mode is ssl.CERT_REQUIRED and context.check_hostname
    assert context.minimum_version >= ssl.TLSVersion.TLSv1_2


def test_the_environment_is_not_trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("SSL_CERT_FILE", "/nonexistent.pem")
    transport = HttpsTransport("https://hq.example.cn")
    try:
        assert transport._client.trust_env is False
    finally:
        transport.close()


def test_an_unreadable_ca_file_is_a_clear_refusal(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-ca.pem"
    bad.write_text("not a certificate", encoding="utf-8")
    with pytest.raises(Exception) as info:
        HttpsTransport("https://hq.example.cn", bad)
    assert getattr(info.value, "code", "") == "hq_ca_file_unreadable"


@pytest.mark.parametrize("path", ["//evil.example/api", "api/v1/submissions", "https://evil.example/x"])
def test_a_path_cannot_name_another_host(path: str) -> None:
    transport = HttpsTransport("https://hq.example.cn")
    try:
        with pytest.raises(ValueError):
            transport.post(path, b"{}", {})
    finally:
        transport.close()


def test_error_text_is_short_and_names_the_status() -> None:
    assert HqResponse(500, b"Internal Server Error").error_text() == "HTTP 500"
    assert HqResponse(401, b'{"detail": "replayed_nonce"}').error_text() == "HTTP 401: replayed_nonce"
    assert len(HqResponse(422, b'{"detail": "' + b"x" * 5000 + b'"}').error_text()) < 220
