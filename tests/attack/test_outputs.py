"""Attacker tests: a typed output path must never destroy the branch (issue 10, section 4).

What was done by hand before the fix, each without any password where the command needs none:
``consent blank-form --out <data dir>/keyslots.json`` erased every key slot, ``audit export --out
<data dir>/branch.db`` replaced the database, and ``--out`` on a device node run as root replaced the
node. Symlinks into the data directory, a FIFO, and an existing file without ``--force`` are the
same mistake by other roads. Every writer goes through store/output_paths.py; the GUI asks before
replacing a file and refuses the data directory through the dialog seam.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.domain.output_targets import (
    OutputExists,
    OutputInsideDataDir,
    OutputNotRegularFile,
)
from desktop_app.store import output_paths
from desktop_app.store.output_paths import PendingOutput, check_output, write_output
from tests.cli.support import (
    ADMIN,
    BRANCH_NAME,
    NOTICE_DETAILS,
    STAFF,
    CliBranch,
    Result,
    assert_exit,
    assert_message,
    run_cli,
)

INSIDE = ("门店的数据文件夹", "the branch's data folder")
NOT_REGULAR = ("不是普通文件", "not an ordinary file")
EXISTS = ("已存在", "already exists")
BRANCH_FILES = ("keyslots.json", "branch.db", "branch.toml")

posix_only = pytest.mark.skipif(os.name != "posix", reason="symlinks, FIFOs and device nodes are POSIX")


@pytest.fixture(scope="module")
def branch_template(tmp_path_factory: pytest.TempPathFactory) -> CliBranch:
    """A branch whose config names headquarters, so ``consent blank-form`` really writes a form."""
    from desktop_app.domain.recovery_code import format_code
    from desktop_app.domain.roles import Role
    from desktop_app.services.branch_setup import BranchDetails, init_branch
    from desktop_app.services.context import build_context
    from desktop_app.services.sign_in import sign_out
    from desktop_app.services.staff_accounts import add_staff

    root = tmp_path_factory.mktemp("outputs-template")
    keyring_file = root / "keyring.json"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("BRANCHVAULT_TEST_KEYRING_FILE", str(keyring_file))
        (root / "machine-policy.toml").write_text("", encoding="utf-8")
        env.setenv("BRANCHVAULT_POLICY", str(root / "machine-policy.toml"))
        ctx = build_context(root / "branch")
        details = BranchDetails(
            "SZ001",
            BRANCH_NAME,
            "示例地产经纪有限公司",
            "400-000-0000",
            "",
            "示例地产集团总部",
            "010-0000-0000",
        )
        result = init_branch(
            ctx,
            details,
            admin_username=ADMIN[0],
            admin_display_name="IT 王工",
            admin_password=ADMIN[1],
            security={"kdf_target_seconds": 0.01},
        )
        for role in ("agent", "auditor"):
            username, password = STAFF[role]
            add_staff(result.signed_in, username, username, Role(role), password=password, must_change=False)
        sign_out(result.signed_in)
    return CliBranch(
        root / "branch", result.config.branch_id, format_code(result.recovery_code), keyring_file
    )


@pytest.fixture
def cli_branch(branch_template: CliBranch, _test_keyring: Path, tmp_path: Path) -> CliBranch:
    data_dir = tmp_path / "branch"
    shutil.copytree(branch_template.data_dir, data_dir)
    shutil.copyfile(branch_template.keyring_file, _test_keyring)
    return CliBranch(data_dir, branch_template.branch_id, branch_template.recovery_code, _test_keyring)


def _snapshot(data_dir: Path) -> dict[str, bytes]:
    return {name: (data_dir / name).read_bytes() for name in BRANCH_FILES}


def _blank_form(branch: CliBranch, out: Path, *extra: str) -> Result:
    return branch.run("consent", "blank-form", "--out", str(out), *extra)


def _export(branch: CliBranch, out: Path, *extra: str) -> Result:
    return branch.as_role("auditor", "audit", "export", "--out", str(out), *extra)


def _refused(result: Result, texts: tuple[str, str]) -> None:
    assert_message(result, *texts, code=1)
    assert "没有写入任何文件" in result.stderr or "未替换" in result.stderr, str(result)


# ------------------------------------------------------------------------- the data directory


def test_blank_form_into_the_key_slot_file_is_refused(cli_branch: CliBranch) -> None:
    before = _snapshot(cli_branch.data_dir)
    for extra in ((), ("--force",)):  # no sign-in needed: anyone at the PC could run it
        _refused(_blank_form(cli_branch, cli_branch.data_dir / "keyslots.json", *extra), INSIDE)
    assert _snapshot(cli_branch.data_dir) == before
    assert_exit(cli_branch.as_role("auditor", "audit", "verify"), 0)  # every slot still opens


def test_audit_export_over_the_database_is_refused(cli_branch: CliBranch) -> None:
    before = _snapshot(cli_branch.data_dir)
    for extra in ((), ("--force",)):
        _refused(_export(cli_branch, cli_branch.data_dir / "branch.db", *extra), INSIDE)
    assert _snapshot(cli_branch.data_dir) == before
    assert_exit(cli_branch.as_role("auditor", "audit", "verify"), 0)


def test_the_data_directory_itself_and_new_files_in_it_are_refused(
    cli_branch: CliBranch,
) -> None:
    _refused(_blank_form(cli_branch, cli_branch.data_dir), INSIDE)
    _refused(_blank_form(cli_branch, cli_branch.data_dir / "form.pdf"), INSIDE)
    sneaky = cli_branch.data_dir.parent / "elsewhere" / ".." / cli_branch.data_dir.name / "x.jsonl"
    _refused(_export(cli_branch, sneaky), INSIDE)
    assert sorted(p.name for p in cli_branch.data_dir.iterdir() if p.suffix in (".pdf", ".jsonl")) == []


def test_rejects_and_recovery_sheet_into_the_data_directory_are_refused(
    cli_branch: CliBranch, tmp_path: Path
) -> None:
    source = tmp_path / "list.csv"
    source.write_text("姓名,手机\n张三,123\n", encoding="utf-8")
    before = _snapshot(cli_branch.data_dir)
    target = cli_branch.data_dir / "rejects.csv"
    result = cli_branch.as_role("agent", "clients", "import", str(source), "--rejects-out", str(target))
    _refused(result, INSIDE)
    assert _snapshot(cli_branch.data_dir) == before
    # a state file's own name is not even a spreadsheet name: refused as usage, nothing written
    state = cli_branch.data_dir / "signin-state.json"
    result = cli_branch.as_role("agent", "clients", "import", str(source), "--rejects-out", str(state))
    assert result.returncode == 2, str(result)
    assert _snapshot(cli_branch.data_dir) == before

    fresh = tmp_path / "new-branch"
    result = run_cli(
        "init",
        *NOTICE_DETAILS,
        "--data-dir",
        str(fresh),
        "--branch-code",
        "sz002",
        "--branch-name",
        "测试店",
        "--admin-username",
        "it.admin",
        "--recovery-sheet",
        str(fresh / "recovery.pdf"),
        "--password-stdin",
        stdin="Adm1n!Secure#2026\nAdm1n!Secure#2026\n",
    )
    _refused(result, INSIDE)
    assert not fresh.exists() or not any(fresh.iterdir())


# --------------------------------------------------------------------------------- symlinks


@posix_only
def test_a_symlink_to_a_branch_file_is_refused_even_with_force(cli_branch: CliBranch, tmp_path: Path) -> None:
    before = _snapshot(cli_branch.data_dir)
    link = tmp_path / "innocent.pdf"
    link.symlink_to(cli_branch.data_dir / "keyslots.json")
    for extra in ((), ("--force",)):
        _refused(_blank_form(cli_branch, link, *extra), INSIDE)
    assert _snapshot(cli_branch.data_dir) == before and link.is_symlink()


@posix_only
def test_a_new_file_under_a_symlinked_folder_into_the_data_dir_is_refused(
    cli_branch: CliBranch, tmp_path: Path
) -> None:
    folder = tmp_path / "Documents"
    folder.symlink_to(cli_branch.data_dir, target_is_directory=True)
    _refused(_blank_form(cli_branch, folder / "form.pdf"), INSIDE)
    _refused(_export(cli_branch, folder / "branch.db", "--force"), INSIDE)
    assert not (cli_branch.data_dir / "form.pdf").exists()


@posix_only
def test_a_bind_like_second_name_for_the_data_dir_is_caught_by_identity(tmp_path: Path) -> None:
    """A folder that *is* the data directory under another name (a bind mount, a case-insensitive
    disk) is caught by file identity even when the paths differ."""
    data = tmp_path / "branch"
    data.mkdir()
    target = tmp_path / "other" / "x.pdf"
    target.parent.mkdir()
    assert output_paths._same_as_protected(target, [data]) is False
    assert output_paths._same_as_protected(data / "sub" / "x.pdf", [data]) is True


# ------------------------------------------------------------------ devices and other non-files


@posix_only
@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="making a device node needs root")
def test_as_root_a_device_node_is_never_replaced(cli_branch: CliBranch, tmp_path: Path) -> None:
    node = tmp_path / "full"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # the same device as /dev/full
    for extra in ((), ("--force",)):
        _refused(_export(cli_branch, node, *extra), NOT_REGULAR)
        _refused(_blank_form(cli_branch, node, *extra), NOT_REGULAR)
    info = os.lstat(node)
    assert stat.S_ISCHR(info.st_mode) and info.st_rdev == os.makedev(1, 7)


@posix_only
def test_a_fifo_is_refused_and_stays_a_fifo(cli_branch: CliBranch, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    for extra in ((), ("--force",)):
        _refused(_blank_form(cli_branch, fifo, *extra), NOT_REGULAR)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@posix_only
def test_device_fifo_socket_and_folder_are_refused_by_the_store(tmp_path: Path) -> None:
    import socket

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(OutputNotRegularFile):
        write_output(fifo, b"x", data_dir=tmp_path / "branch", overwrite=True)
    with pytest.raises(OutputNotRegularFile):
        check_output(Path("/dev/null"), tmp_path / "branch", overwrite=True)
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)
    sock_path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        with pytest.raises(OutputNotRegularFile):
            write_output(sock_path, b"x", data_dir=tmp_path / "branch", overwrite=True)
    with pytest.raises(OutputNotRegularFile):
        write_output(tmp_path, b"x", data_dir=tmp_path / "branch", overwrite=True)


# ----------------------------------------------------------------------------- existing files


def test_an_existing_file_needs_force(cli_branch: CliBranch, tmp_path: Path) -> None:
    out = tmp_path / "audit.jsonl"
    out.write_bytes(b"the auditor's earlier export")
    _refused(_export(cli_branch, out), EXISTS)
    assert "--force" in _export(cli_branch, out).stderr
    assert out.read_bytes() == b"the auditor's earlier export"
    result = _export(cli_branch, out, "--force")
    assert_exit(result, 0)
    assert out.read_bytes().startswith(b"{") and oct(out.stat().st_mode & 0o777) == "0o600"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_file_that_appears_before_the_write_is_not_replaced(tmp_path: Path) -> None:
    out = tmp_path / "form.pdf"
    with PendingOutput(out, tmp_path / "branch", overwrite=False) as pending:
        pending.write(b"new")
        out.write_bytes(b"someone else's")
        with pytest.raises(OutputExists):
            pending.commit()
    assert out.read_bytes() == b"someone else's" and sorted(tmp_path.iterdir()) == [out]


@posix_only
def test_a_device_that_appears_before_the_write_is_not_replaced(tmp_path: Path) -> None:
    out = tmp_path / "form.pdf"
    with PendingOutput(out, tmp_path / "branch", overwrite=True) as pending:
        pending.write(b"new")
        os.mkfifo(out)
        with pytest.raises(OutputNotRegularFile):
            pending.commit()
    assert stat.S_ISFIFO(os.lstat(out).st_mode) and sorted(tmp_path.iterdir()) == [out]


@posix_only
def test_a_hard_link_to_a_branch_file_is_replaced_never_written_through(tmp_path: Path) -> None:
    data = tmp_path / "branch"
    data.mkdir()
    (data / "keyslots.json").write_bytes(b"slots")
    outside = tmp_path / "copy.json"
    os.link(data / "keyslots.json", outside)
    write_output(outside, b"export", data_dir=data, overwrite=True)
    assert (data / "keyslots.json").read_bytes() == b"slots" and outside.read_bytes() == b"export"


def test_the_default_data_dir_is_protected_whatever_data_dir_is_passed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "real-branch"
    real.mkdir()
    monkeypatch.setenv("BRANCHVAULT_HOME", str(real))
    with pytest.raises(OutputInsideDataDir):
        write_output(real / "keyslots.json", b"x", data_dir=tmp_path / "decoy", overwrite=True)
    assert list(real.iterdir()) == []


# ------------------------------------------------------------------ the GUI, through the dialog seam


@pytest.fixture
def answered_dialogs(qapp: object) -> Iterator[None]:
    from desktop_app.ui import dialogs

    dialogs.use_test_answers(True)
    yield
    dialogs.use_test_answers(False)


@pytest.mark.usefixtures("answered_dialogs")
def test_gui_save_into_the_data_directory_is_refused_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.ui import dialogs
    from desktop_app.ui.pdf_printing import save_pdf_as

    data = tmp_path / "branch"
    data.mkdir()
    (data / "keyslots.json").write_bytes(b"slots")
    monkeypatch.setenv("BRANCHVAULT_HOME", str(data))  # the branch this PC opens
    link = tmp_path / "Desktop"
    link.symlink_to(data, target_is_directory=True)
    for chosen in (data / "keyslots.json", link / "keyslots", link / "new.pdf"):
        dialogs.set_next_path(chosen)
        assert save_pdf_as(None, b"%PDF-1.7 form", "form.pdf") is None
        shown = dialogs.history()[-1]
        assert shown.kind == "error" and "数据文件夹" in shown.text and "data folder" in shown.text
    assert sorted(p.name for p in data.iterdir()) == ["keyslots.json"]
    assert (data / "keyslots.json").read_bytes() == b"slots"


@pytest.mark.usefixtures("answered_dialogs")
def test_gui_asks_before_replacing_an_existing_file(tmp_path: Path) -> None:
    from desktop_app.ui import dialogs
    from desktop_app.ui.pdf_printing import save_pdf_as

    target = tmp_path / "form.pdf"
    target.write_bytes(b"the signed scan")
    dialogs.set_next_path(target)
    dialogs.set_next_answer(dialogs.Button.No)
    assert save_pdf_as(None, b"%PDF new", "form.pdf") is None
    question = dialogs.history()[-1]
    assert question.kind == "question" and str(target) in question.text
    assert target.read_bytes() == b"the signed scan"

    dialogs.set_next_path(target)
    dialogs.set_next_answer(dialogs.Button.Yes)
    assert save_pdf_as(None, b"%PDF new", "form.pdf") == target
    assert target.read_bytes() == b"%PDF new" and sorted(tmp_path.iterdir()) == [target]


@pytest.mark.usefixtures("answered_dialogs")
@posix_only
def test_gui_save_onto_a_fifo_is_refused(tmp_path: Path) -> None:
    from desktop_app.ui import dialogs
    from desktop_app.ui.pdf_printing import save_pdf_as

    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    dialogs.set_next_path(fifo)
    assert save_pdf_as(None, b"%PDF", "form.pdf") is None
    assert dialogs.history()[-1].kind == "error" and stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.usefixtures("answered_dialogs")
def test_gui_print_to_file_into_the_data_directory_is_refused(tmp_path: Path) -> None:
    """Qt's print dialog offers "print to file" at a typed path; the same rule applies."""
    import io

    from PySide6.QtPrintSupport import QPrinter
    from reportlab.pdfgen import canvas

    from desktop_app.ui import dialogs
    from desktop_app.ui.pdf_printing import new_printer, print_pdf_bytes

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(100, 700, "form")
    page.save()
    data = tmp_path / "branch"
    data.mkdir()
    (data / "keyslots.json").write_bytes(b"slots")
    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(data / "keyslots.json"))
    assert print_pdf_bytes(None, buffer.getvalue(), "Form", printer, ask=False, data_dir=data) is False
    shown = dialogs.history()[-1]
    assert shown.kind == "error" and "data folder" in shown.text
    assert (data / "keyslots.json").read_bytes() == b"slots"
