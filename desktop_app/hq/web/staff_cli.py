"""``branchvault-hq staff add --username U --password-stdin``: an HQ staff account for the page.

Rule: the password is read from standard input only (never an argument: it would show in the
process list and shell history), must meet the branch app's password rules, and only its argon2id
hash is stored. Wired into ``desktop_app/hq/cli.py`` (its ``staff add`` parser calls
``cmd_staff_add``).
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import TextIO

from desktop_app.domain.errors import InvalidInput
from desktop_app.hq.settings import database_url
from desktop_app.hq.storage.database import make_engine, migrate, session_factory
from desktop_app.hq.web.staff_sign_in import add_staff


def read_password(stream: TextIO | None = None) -> str:
    source = stream if stream is not None else sys.stdin
    line = source.readline()
    password = str(line).rstrip("\r\n")
    if not password:
        raise InvalidInput("请通过标准输入提供密码。", "Give the password on standard input.")
    return password


def cmd_staff_add(args: argparse.Namespace) -> int:
    password = read_password()
    engine = make_engine(database_url(args.data_dir, args.db), pool_size=2)
    try:
        migrate(engine)
        with session_factory(engine)() as db:
            staff = add_staff(db, args.username, password, datetime.now(UTC))
    finally:
        engine.dispose()
    print(f"已添加总部用户 / HQ staff member added: {staff.username}")
    return 0
