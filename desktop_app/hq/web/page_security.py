"""Response headers, cookies and CSRF tokens of the HQ page.

Rules (OWASP ASVS 3.4, 4.2.2, 14.4; the page runs only over HTTPS):
- Content-Security-Policy allows nothing but the page's own stylesheet and same-origin forms: no
  script at all, no external font, image or CDN, no framing. Plus nosniff, no referrer, no caching.
- Cookies use the ``__Host-`` prefix (Secure, Path=/, no Domain: a sibling host cannot plant them)
  and are HttpOnly and SameSite=Strict.
- Every POST carries a CSRF token compared in constant time: for sign-in, a random token bound to a
  pre-sign-in cookie (double submit with a ``__Host-`` cookie); once signed in, the session's own
  token kept server-side with the session.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Mapping

from starlette.responses import Response

SESSION_COOKIE = "__Host-bv_hq_session"
SIGN_IN_COOKIE = "__Host-bv_hq_signin"

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
PAGE_HEADERS: Mapping[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Strict-Transport-Security": "max-age=31536000",
}


def with_page_headers(response: Response) -> Response:
    for name, value in PAGE_HEADERS.items():
        response.headers[name] = value
    return response


def set_cookie(response: Response, name: str, value: str) -> None:
    response.set_cookie(name, value, path="/", secure=True, httponly=True, samesite="strict")


def clear_cookie(response: Response, name: str) -> None:
    response.delete_cookie(name, path="/", secure=True, httponly=True, samesite="strict")


def new_token() -> str:
    return secrets.token_urlsafe(32)


def tokens_match(expected: str | None, given: str | None) -> bool:
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))
