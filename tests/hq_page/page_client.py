"""Driving the HQ page over HTTP like a browser would: read the CSRF token from the form, post it."""

from __future__ import annotations

import re

import httpx
from fastapi.testclient import TestClient

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def form_token(html: str) -> str:
    match = TOKEN.search(html)
    assert match, "no CSRF token in the form"
    return match.group(1)


def sign_in(client: TestClient, username: str, password: str) -> httpx.Response:
    form = client.get("/sign-in")
    assert form.status_code == 200
    return client.post(
        "/sign-in", data={"username": username, "password": password, "csrf_token": form_token(form.text)}
    )
