"""An enrolment token is typed after ``branchvault hq enroll --token``: it must parse as a value
whatever its random bytes are. A base64url secret starting with ``-`` was read by argparse as an
option ("expected one argument") about once in 64 tokens (seen in CI's CLI test)."""

from __future__ import annotations

import secrets

import pytest

from desktop_app.cli.parser import build_parser
from desktop_app.hq import enrolment
from desktop_app.hq.enrolment import encode_pseudonym_key, new_token_secret


@pytest.mark.parametrize("byte", [0xF8, 0xFB, 0x00, 0xFF])
def test_a_token_from_any_random_bytes_is_one_command_line_value(
    monkeypatch: pytest.MonkeyPatch, byte: int
) -> None:
    # 0xF8… is "-" first in base64url: the bytes that broke the old secret.
    monkeypatch.setattr(enrolment.secrets, "token_bytes", lambda n=32: bytes([byte]) * n)
    token = f"{new_token_secret()}.{encode_pseudonym_key(secrets.token_bytes(32))}"
    assert not token.startswith("-")
    assert token.count(".") == 1
    args = build_parser().parse_args(
        ["hq", "enroll", "--url", "https://hq.example.cn", "--token", token, "--as", "it", "--password-stdin"]
    )
    assert args.token == token
