"""Reading secrets (``--password-stdin`` or a TTY prompt, never an argument) and printing results."""

from __future__ import annotations

import getpass
import json
import sys
from typing import Any

from desktop_app.domain.errors import BranchVaultError, InvalidInput


class SecretReader:
    """Reads successive secrets: one line each from stdin with ``--password-stdin``, else a TTY prompt."""

    def __init__(self, from_stdin: bool) -> None:
        self.from_stdin = from_stdin
        self.first: str | None = None  # the first secret read (the sign-in password)

    def read(self, prompt_zh: str, prompt_en: str, *, confirm: bool = False) -> str:
        value = self._read(prompt_zh, prompt_en, confirm=confirm)
        if self.first is None:
            self.first = value
        return value

    def _read(self, prompt_zh: str, prompt_en: str, *, confirm: bool = False) -> str:
        if self.from_stdin:
            line = sys.stdin.readline()
            if not line:
                raise InvalidInput(f"标准输入中缺少{prompt_zh}。", f"Expected {prompt_en} on standard input.")
            return line.rstrip("\r\n")
        if not sys.stdin.isatty():
            raise InvalidInput(
                "没有终端可输入密码：请使用 --password-stdin。",
                "No terminal to prompt for a password: use --password-stdin.",
            )
        value = getpass.getpass(f"{prompt_zh} / {prompt_en}: ")
        if confirm and getpass.getpass("再次输入 / Repeat: ") != value:
            raise InvalidInput("两次输入不一致。", "The two entries differ.")
        return value


class Output:
    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json

    def result(self, data: dict[str, Any], text: str) -> None:
        if self.as_json:
            print(json.dumps(data, ensure_ascii=False, indent=1))
        else:
            print(text)

    def error(self, error: BranchVaultError) -> None:
        print(error.bilingual(), file=sys.stderr)
        if self.as_json:
            print(
                json.dumps(
                    {"error": error.code, "message_zh": error.zh, "message_en": error.en}, ensure_ascii=False
                )
            )
