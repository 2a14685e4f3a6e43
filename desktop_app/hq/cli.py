"""``branchvault-hq``: run and administer the HQ service.

Commands (each takes ``--data-dir DIR`` (SQLite file ``DIR/hq.sqlite3``; default
``platformdirs.user_data_dir("branchvault-hq")``) or ``--db URL`` (``postgresql+psycopg://…``)):
- ``serve [--host 127.0.0.1] [--port 8443] [--tls-cert PEM --tls-key PEM]``: the HQ API over HTTPS
  (uvicorn), migrations applied first. HTTPS only: there is no plain-HTTP mode. On a loopback host
  (127.0.0.1, ::1, localhost) without certificates it makes and reuses a local CA and server
  certificate in ``<data dir>/tls/`` (local_certificate.py) and prints the CA file for branches'
  ``--ca-file``; any other host without certificates is refused (exit 2).
- ``issue-token --branch-code CODE --pseudonym-key-file FILE [--json]``: a one-time enrolment token
  (``<secret>.<pseudonym key>``) for branch IT; the pseudonym key is read from FILE and never stored.
- ``pseudonym-key new --out FILE``: a new company pseudonym key (file mode 0600, never overwritten).
- ``submissions [--branch CODE] [--json]``: what HQ received.
Exit codes: 0 success, 1 refused or failed, 2 usage. Errors are printed in Chinese and English,
never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import socket
import ssl
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop_app.domain.errors import BranchVaultError, InvalidInput

DEFAULT_PORT = 8443
StaffAdd = Callable[[argparse.Namespace], int]


class HqCliError(BranchVaultError):
    code = "hq_cli_error"


def _database_options(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--data-dir", type=Path, help="folder of the embedded SQLite database (hq.sqlite3)")
    where.add_argument("--db", help="database URL, e.g. postgresql+psycopg://user@host/branchvault_hq")


def _db_url(args: argparse.Namespace) -> str:
    from desktop_app.hq.settings import database_url

    return database_url(args.data_dir, args.db)


def _open(args: argparse.Namespace) -> Any:
    """Sessions on the migrated database."""
    from desktop_app.hq.storage.database import make_engine, migrate, session_factory

    engine = make_engine(_db_url(args), pool_size=2)
    migrate(engine)
    return session_factory(engine)


def _now() -> datetime:
    return datetime.now(UTC)


def _stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from desktop_app.hq.app import create_app
    from desktop_app.hq.settings import HqSettings

    tls_cert, tls_key = _tls_files(args)
    _check_tls(tls_cert, tls_key)
    _check_port(args.host, args.port)
    app = create_app(HqSettings(db_url=_db_url(args)))
    config = uvicorn.Config(
        app,
        host=args.host,
        port=args.port,
        ssl_certfile=str(tls_cert),
        ssl_keyfile=str(tls_key),
        log_level=args.log_level,
        proxy_headers=False,
        server_header=False,
        timeout_keep_alive=5,
        timeout_graceful_shutdown=5,  # a stop does not wait on idle or stuck connections
    )
    server = uvicorn.Server(config)
    shown_host = f"[{args.host}]" if ":" in args.host else args.host  # an IPv6 address in a URL
    print(
        f"总部服务 / HQ service: https://{shown_host}:{args.port}/ (数据库 / database {_safe_url(_db_url(args))})",
        flush=True,
    )
    server.run()
    return 0 if server.started else 1


def _tls_files(args: argparse.Namespace) -> tuple[Path, Path]:
    """The certificate and key given, or on a loopback host the local ones (made once, reused)."""
    if args.tls_cert is not None and args.tls_key is not None:
        for what, path in (("--tls-cert", args.tls_cert), ("--tls-key", args.tls_key)):
            if not path.is_file():
                raise HqCliError(f"找不到 TLS 文件（{what}）：{path}", f"TLS file not found ({what}): {path}")
        return args.tls_cert, args.tls_key
    if args.tls_cert is not None or args.tls_key is not None:
        raise InvalidInput(
            "--tls-cert 与 --tls-key 须同时给出。", "Give both --tls-cert and --tls-key, or neither."
        )
    from desktop_app.hq.local_certificate import LOOPBACK_HOSTS, ensure_local_certificate, is_loopback
    from desktop_app.hq.settings import default_data_dir

    if not is_loopback(args.host):
        loopback = ", ".join(sorted(LOOPBACK_HOSTS))
        raise InvalidInput(
            f"在 {args.host} 上提供服务须给出门店能验证的证书：--tls-cert PEM --tls-key PEM"
            f"（自动生成的本机证书只用于 {loopback}）。见 docs/hq-service.md。",
            f"Serving on {args.host} needs a certificate branches can verify: give --tls-cert PEM "
            f"--tls-key PEM (the automatic local certificate is only for {loopback}). "
            "See docs/hq-service.md.",
        )
    folder = (args.data_dir if args.data_dir is not None else default_data_dir()) / "tls"
    try:
        local = ensure_local_certificate(folder)
    except OSError as exc:
        raise HqCliError(
            f"无法创建本机证书：{folder}（{exc.strerror or exc}）",
            f"Cannot make the local certificate in {folder} ({exc.strerror or exc})",
        ) from None
    made = "新建 / new" if local.new_server_certificate else "沿用 / reused"
    print(
        f"本机证书 / local certificate (127.0.0.1, localhost, ::1; {made}; "
        f"有效至 / valid until {_stamp(local.expires_at)}): {local.cert_file}\n"
        f"门店登记用的 CA 证书 / CA certificate for branches (--ca-file): {local.ca_file}",
        flush=True,
    )
    return local.cert_file, local.key_file


def _check_tls(cert: Path, key: Path) -> None:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    try:
        context.load_cert_chain(str(cert), str(key))
    except (ssl.SSLError, OSError, ValueError):
        raise HqCliError(
            f"TLS 证书或私钥无法使用（证书 {cert}，私钥 {key}）：须为 PEM 格式且相互匹配。",
            f"The TLS certificate or key cannot be used (certificate {cert}, key {key}): "
            "they must be PEM files that belong together.",
        ) from None


def _check_port(host: str, port: int) -> None:
    """A clear message when the address is taken (uvicorn would only log it in English)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        with socket.socket(infos[0][0], socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(infos[0][4])
    except OSError as exc:
        raise HqCliError(
            f"无法在 {host}:{port} 上监听（{exc.strerror or exc}）：端口已被占用或地址无效。",
            f"Cannot listen on {host}:{port} ({exc.strerror or exc}): the port is in use or the address is not valid.",
        ) from None


def _safe_url(url: str) -> str:
    from sqlalchemy import make_url

    return make_url(url).render_as_string(hide_password=True)


def _code(text: str) -> str:
    code = text.strip().upper()
    if not re.fullmatch(r"[A-Z0-9_-]{1,16}", code):
        raise InvalidInput(
            "门店编码须为 1–16 位字母、数字、连字符或下划线。",
            "The branch code is 1–16 letters, digits, hyphens or underscores.",
        )
    return code


def cmd_issue_token(args: argparse.Namespace) -> int:
    from desktop_app.hq import enrolment

    code = _code(args.branch_code)
    try:
        key_text = args.pseudonym_key_file.read_text(encoding="ascii")
        key = enrolment.decode_pseudonym_key(key_text)
    except (OSError, UnicodeDecodeError, ValueError):
        raise HqCliError(
            f"无法读取假名化密钥文件：{args.pseudonym_key_file}（用 pseudonym-key new 创建）。",
            f"Cannot read the pseudonym key file: {args.pseudonym_key_file} (create one with pseudonym-key new).",
        ) from None
    sessions = _open(args)
    with sessions() as session:
        issued = enrolment.issue_token(session, code, key, _now())
    if args.json:
        print(
            json.dumps({"branch_code": code, "token": issued.token, "expires_at": _stamp(issued.expires_at)})
        )
    else:
        print(f"门店 / branch {code}")
        print(f"登记令牌（仅显示一次）/ enrolment token (shown once): {issued.token}")
        print(f"有效期至 / expires at: {_stamp(issued.expires_at)}")
    return 0


def cmd_pseudonym_key_new(args: argparse.Namespace) -> int:
    from desktop_app.hq import enrolment

    out: Path = args.out
    text = enrolment.encode_pseudonym_key(enrolment.new_pseudonym_key()) + "\n"
    try:
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise HqCliError(f"文件已存在，未覆盖：{out}", f"The file exists; not overwritten: {out}") from None
    except OSError as exc:
        raise HqCliError(f"无法写入：{out}", f"Cannot write: {out} ({exc.strerror})") from None
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(text)
    print(f"假名化密钥已写入 / pseudonym key written: {out}")
    return 0


def cmd_submissions(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from desktop_app.hq.storage.models import AuditAnchor, Submission

    sessions = _open(args)
    with sessions() as session:
        query = select(Submission, AuditAnchor.anomaly).outerjoin(
            AuditAnchor, AuditAnchor.submission_id == Submission.submission_id
        )
        if args.branch:
            query = query.where(Submission.branch_code == _code(args.branch))
        rows = session.execute(query.order_by(Submission.hq_sequence)).all()
    items = [
        {
            "hq_sequence": sub.hq_sequence,
            "submission_id": sub.submission_id,
            "branch_code": sub.branch_code,
            "period": {"from": sub.period_from, "to": sub.period_to},
            "payload_sha256": sub.payload_sha256,
            "received_at": _stamp(sub.received_at),
            "anomaly": bool(anomaly),
        }
        for sub, anomaly in rows
    ]
    if args.json:
        print(json.dumps(items, ensure_ascii=False))
    else:
        for item in items:
            flag = "  ANOMALY" if item["anomaly"] else ""
            print(
                f"{item['hq_sequence']:>6}  {item['branch_code']:<16} {item['period']['from']}..{item['period']['to']}"
                f"  {item['received_at']}  {item['submission_id']}{flag}"
            )
        print(f"共 {len(items)} 份 / {len(items)} submission(s)")
    return 0


def _staff_add_command() -> StaffAdd | None:
    """``staff add`` belongs to the HQ page's package (its staff table and argon2 hashing)."""
    try:
        from desktop_app.hq.web import staff_cli
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("desktop_app.hq.web"):
            return None
        raise
    command: StaffAdd = staff_cli.cmd_staff_add
    return command


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="branchvault-hq", description="BranchVault HQ service")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the HQ API over HTTPS")
    _database_options(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve.add_argument(
        "--tls-cert",
        type=Path,
        help="PEM certificate chain (omitted on 127.0.0.1, ::1 or localhost: a local one in DATA_DIR/tls)",
    )
    serve.add_argument("--tls-key", type=Path, help="PEM private key (with --tls-cert)")
    serve.add_argument(
        "--log-level", default="warning", choices=["critical", "error", "warning", "info", "debug"]
    )
    serve.set_defaults(func=cmd_serve)

    token = commands.add_parser("issue-token", help="a one-time enrolment token for a branch")
    _database_options(token)
    token.add_argument("--branch-code", required=True)
    token.add_argument("--pseudonym-key-file", type=Path, required=True)
    token.add_argument("--json", action="store_true")
    token.set_defaults(func=cmd_issue_token)

    pkey = commands.add_parser("pseudonym-key", help="the company's pseudonym key")
    pkey_commands = pkey.add_subparsers(dest="pseudonym_command", required=True)
    new = pkey_commands.add_parser("new", help="create a new pseudonym key file (0600)")
    new.add_argument("--out", type=Path, required=True)
    new.set_defaults(func=cmd_pseudonym_key_new)

    subs = commands.add_parser("submissions", help="list received submissions")
    _database_options(subs)
    subs.add_argument("--branch")
    subs.add_argument("--json", action="store_true")
    subs.set_defaults(func=cmd_submissions)

    staff_add = _staff_add_command()
    if staff_add is not None:
        staff = commands.add_parser("staff", help="HQ staff accounts for the overview page")
        staff_commands = staff.add_subparsers(dest="staff_command", required=True)
        add = staff_commands.add_parser("add", help="add an HQ staff account (password from stdin)")
        _database_options(add)
        add.add_argument("--username", required=True)
        add.add_argument("--password-stdin", action="store_true", required=True)
        add.set_defaults(func=staff_add)
    return parser


HQ_LIBRARIES = ("fastapi", "uvicorn", "sqlalchemy", "alembic", "jinja2", "multipart", "psycopg")


def missing_hq_libraries() -> list[str]:
    """The ``[hq]`` extra's libraries that are not installed (the script exists without them)."""
    return [name for name in HQ_LIBRARIES if importlib.util.find_spec(name) is None]


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    missing = missing_hq_libraries()
    if missing:
        print(
            "总部服务所需的组件未安装（" + "、".join(missing) + "）。请运行：pip install -e '.[hq]'\n"
            "The HQ service's libraries are not installed (" + ", ".join(missing) + "). "
            "Run: pip install -e '.[hq]'",
            file=sys.stderr,
        )
        return 1
    try:
        result: int = args.func(args)
        return result
    except BranchVaultError as exc:
        print(exc.bilingual(), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 1
    except Exception as exc:  # database unreachable, migration failure: a message, not a traceback
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(exc, SQLAlchemyError):
            print(
                f"总部数据库无法使用：{type(exc).__name__}\nThe HQ database cannot be used: {_first_line(exc)}",
                file=sys.stderr,
            )
            return 1
        if isinstance(exc, OSError):
            print(f"操作失败：{_first_line(exc)}\nFailed: {_first_line(exc)}", file=sys.stderr)
            return 1
        raise


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]


if __name__ == "__main__":
    sys.exit(main())
