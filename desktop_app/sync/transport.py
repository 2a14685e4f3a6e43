"""How the branch reaches HQ: HTTPS with the certificate always verified.

Rule: only ``https://`` addresses; the server certificate is checked against the system's trust
store, or against the configured CA file alone (a company CA for an HQ on its own network) — there
is no switch to turn verification off, no environment variable that changes it (``trust_env`` is
off: no proxy or CA bundle from the environment) and no redirects. A network failure becomes
``HqUnreachable`` with a kind (``connect``, ``timeout``, ``tls``, ``reset``, ``protocol``), so the outbox can
record it and retry later. HQ's answers are read up to ``MAX_RESPONSE_BYTES``.

Reason: the summaries and the enrolment token would otherwise go to whoever answers (issue 13;
PIPL Art. 51 technical measures; MLPS 2.0 transmission confidentiality).
"""

from __future__ import annotations

import json
import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import httpx

from desktop_app.domain.branch_settings import is_https_address
from desktop_app.domain.errors import BranchVaultError

DEFAULT_TIMEOUT_SECONDS = 30.0
MAX_RESPONSE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class HqResponse:
    status: int
    body: bytes

    def json(self) -> Any:
        """The body as JSON; ``HqUnreachable('protocol')`` when it is not."""
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise HqUnreachable("protocol", f"HTTP {self.status}: not JSON") from exc

    def error_text(self) -> str:
        """A short description of an error answer, for the outbox's last error (no payload data)."""
        detail = ""
        try:
            parsed = self.json()
        except HqUnreachable:
            parsed = None
        if isinstance(parsed, dict):
            value = parsed.get("detail", parsed.get("error", ""))
            detail = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        return f"HTTP {self.status}" + (f": {detail[:200]}" if detail else "")


class HqTransport(Protocol):
    """What the services need from a transport; tests pass their own."""

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> HqResponse: ...

    def get(self, path: str, headers: dict[str, str]) -> HqResponse: ...

    def close(self) -> None: ...


_KINDS = {
    "connect": ("无法连接总部服务器", "cannot connect to the HQ server"),
    "timeout": ("总部服务器响应超时", "the HQ server did not answer in time"),
    "tls": ("总部服务器的证书未通过验证", "the HQ server's certificate did not verify"),
    "reset": ("与总部服务器的连接中断", "the connection to the HQ server was cut"),
    "protocol": ("总部服务器的应答无法识别", "the HQ server's answer was not understood"),
}


class HqUnreachable(BranchVaultError):
    """The request failed on the way: nothing (or not all) came back. Safe to send again."""

    code = "hq_unreachable"

    def __init__(self, kind: str, detail: str = "") -> None:
        self.kind = kind
        self.detail = detail
        zh, en = _KINDS[kind]
        suffix = f"（{detail}）" if detail else ""
        super().__init__(
            f"{zh}{suffix}。稍后会自动重试。",
            f"{en[0].upper()}{en[1:]}{f' ({detail})' if detail else ''}. It will be retried later.",
        )

    def short(self) -> str:
        """The outbox's last error: the kind and the detail, English (stored, shown beside the state)."""
        return f"{self.kind}: {self.detail}" if self.detail else self.kind


class PlainAddressRefused(BranchVaultError):
    code = "hq_url_not_https"
    exit_code = 2

    def __init__(self) -> None:
        super().__init__(
            "总部地址须为 https:// 开头的网址（不含空格或用户名密码）；不接受 http://。",
            "The headquarters URL must be an https:// address (no spaces, no user name or password); "
            "http:// is refused.",
        )


def tls_context(ca_file: Path | None) -> ssl.SSLContext:
    """Verification on, host name checked: the system store, or only the given CA file."""
    try:
        context = ssl.create_default_context(cafile=str(ca_file) if ca_file is not None else None)
    except (OSError, ssl.SSLError) as exc:
        raise BranchVaultError(
            f"无法读取 CA 证书文件 {ca_file}。",
            f"Cannot read the CA certificate file {ca_file}.",
            code="hq_ca_file_unreadable",
        ) from exc
    context.check_hostname = True
    context.verify_mode = ssl.CERT_REQUIRED
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def _is_tls_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, ssl.SSLError) or "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class HttpsTransport:
    """httpx over TLS to HQ. ``base_url`` is HQ's address as enrolled (``https://host[:port]``);
    paths are the API's (``/api/v1/...``), which are also what requests are signed over."""

    def __init__(
        self, base_url: str, ca_file: Path | None = None, timeout: float = DEFAULT_TIMEOUT_SECONDS
    ) -> None:
        if not is_https_address(base_url):
            raise PlainAddressRefused()
        self.base_url = base_url.rstrip("/")
        self._client = httpx.Client(
            verify=tls_context(ca_file),
            timeout=httpx.Timeout(timeout),
            trust_env=False,
            follow_redirects=False,
        )

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> HqResponse:
        return self._send("POST", path, body, {**headers, "Content-Type": "application/json"})

    def get(self, path: str, headers: dict[str, str]) -> HqResponse:
        return self._send("GET", path, None, headers)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpsTransport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _send(self, method: str, path: str, body: bytes | None, headers: dict[str, str]) -> HqResponse:
        if not path.startswith("/") or urlsplit(path).netloc:
            raise ValueError(f"not an API path: {path!r}")
        try:
            with self._client.stream(method, self.base_url + path, content=body, headers=headers) as response:
                data = bytearray()
                for chunk in response.iter_bytes():
                    data += chunk
                    if len(data) > MAX_RESPONSE_BYTES:
                        raise HqUnreachable("protocol", "answer too large")
                return HqResponse(response.status_code, bytes(data))
        except httpx.TimeoutException as exc:
            raise HqUnreachable("timeout", type(exc).__name__) from exc
        except httpx.TransportError as exc:
            if _is_tls_failure(exc):
                raise HqUnreachable("tls", "certificate verify failed") from exc
            if isinstance(exc, httpx.ConnectError):
                kind = "connect"
            elif isinstance(exc, httpx.NetworkError) or "disconnected" in str(exc):
                kind = "reset"  # a reset, or the connection closed before any answer came
            else:
                kind = "protocol"
            raise HqUnreachable(kind, type(exc).__name__) from exc
