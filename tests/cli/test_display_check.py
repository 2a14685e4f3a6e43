"""``branchvault`` on a desktop where Qt cannot start: a bilingual message and exit 1, never Qt's
abort (exit 134). The real entry point runs in a subprocess with the xcb plugin's library hidden
(a private mount namespace where ``libxcb-cursor.so.0`` is unreadable, as on a desktop without
``libxcb-cursor0``), with a plugin folder whose Qt library cannot be resolved, and with no display."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.cli.display_check import (
    XCB_LIBRARIES,
    check_platforms,
    dlopen_error,
    platform_candidates,
    qt_plugin_folder,
)
from tests.cli.support import ROOT, Result, assert_message, cli_env

NO_DISPLAY = {
    "DISPLAY": None,
    "WAYLAND_DISPLAY": None,
    "QT_QPA_PLATFORM": None,
    "XDG_SESSION_TYPE": None,
    "QT_PLUGIN_PATH": None,
    "QT_QPA_PLATFORM_PLUGIN_PATH": None,
}
UNUSED_DISPLAY = ":987"  # no X server listens there in the test environment
CLI_HINT = ("branchvault demo --no-gui", "branchvault demo --no-gui")
TITLE_PREFIX = "BranchVault"


def run_gui(data_dir: Path, env: dict[str, str | None], prefix: list[str] | None = None) -> Result:
    command = [*(prefix or []), sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir)]
    proc = subprocess.run(
        command, capture_output=True, text=True, encoding="utf-8", env=cli_env(env), cwd=ROOT, timeout=60
    )
    return Result(tuple(command), proc.returncode, proc.stdout, proc.stderr)


def assert_refused_cleanly(result: Result) -> None:
    assert result.returncode == 1, str(result)  # not 134 (Qt's abort), not a traceback
    assert "Traceback" not in result.stderr
    assert "could not load the Qt platform plugin" not in result.stderr.lower()
    assert_message(result, "图形界面无法启动", "The graphical interface cannot start")
    assert_message(result, *CLI_HINT)


def test_no_display_at_all_says_so_and_points_to_the_commands(tmp_path: Path) -> None:
    result = run_gui(tmp_path / "branch", NO_DISPLAY)
    assert_refused_cleanly(result)
    assert_message(result, "没有可用的图形显示", "No display is available")
    assert not (tmp_path / "branch").exists()


def test_demo_without_a_display_builds_nothing(tmp_path: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "desktop_app",
        "demo",
        "--clients",
        "5",
        "--data-dir",
        str(tmp_path / "d"),
    ]
    proc = subprocess.run(
        command, capture_output=True, text=True, env=cli_env(NO_DISPLAY), cwd=ROOT, timeout=60
    )
    assert_refused_cleanly(Result(tuple(command), proc.returncode, proc.stdout, proc.stderr))
    assert not (tmp_path / "d").exists()


def test_a_display_nobody_serves_is_named(tmp_path: Path) -> None:
    result = run_gui(tmp_path / "branch", {**NO_DISPLAY, "DISPLAY": UNUSED_DISPLAY})
    assert_refused_cleanly(result)
    assert_message(
        result,
        f"无法连接图形显示 DISPLAY={UNUSED_DISPLAY}",
        f"Cannot connect to the display DISPLAY={UNUSED_DISPLAY}",
    )


def _library_path(soname: str) -> Path | None:
    listing = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=False).stdout
    for line in listing.splitlines():
        name, _, path = line.strip().partition(" => ")
        if name.split(" ")[0] == soname and Path(path).exists():
            return Path(path)
    return None


def test_missing_libxcb_cursor_names_the_package_to_install(tmp_path: Path) -> None:
    """The desktop without libxcb-cursor0: the real library is made unreadable in a private mount
    namespace (root and unshare needed), or simply absent on a machine that lacks it."""
    library = _library_path("libxcb-cursor.so.0")
    env = {**NO_DISPLAY, "DISPLAY": UNUSED_DISPLAY, "QT_QPA_PLATFORM": "xcb"}
    if library is None:
        result = run_gui(tmp_path / "branch", env)
    else:
        if os.geteuid() != 0 or shutil.which("unshare") is None:
            pytest.skip("hiding a system library needs root and unshare")
        probe = subprocess.run(["unshare", "--mount", "true"], capture_output=True, check=False)
        if probe.returncode != 0:
            pytest.skip(f"no mount namespace here: {probe.stderr!r}")
        hide = f'mount --bind /dev/null {library.resolve()} && exec "$@"'
        result = run_gui(
            tmp_path / "branch",
            env,
            prefix=["unshare", "--mount", "--propagation", "private", "sh", "-c", hide, "sh"],
        )
    assert_refused_cleanly(result)
    assert_message(result, "libxcb-cursor.so.0", "libxcb-cursor.so.0")
    assert_message(result, "sudo apt install libxcb-cursor0", "sudo apt install libxcb-cursor0")
    assert "libxcb-icccm" not in result.stderr  # only what is really missing is named


def test_a_plugin_whose_qt_library_cannot_be_resolved_says_reinstall(tmp_path: Path) -> None:
    """A copy of the xcb plugin first on QT_PLUGIN_PATH, without the Qt library beside it: Qt would
    take that copy and abort; the check loads the same file and names what it lacks."""
    real = qt_plugin_folder()
    assert real is not None
    plugins = tmp_path / "plugins" / "platforms"
    plugins.mkdir(parents=True)
    shutil.copy2(real / "platforms" / "libqxcb.so", plugins / "libqxcb.so")
    env = {**NO_DISPLAY, "DISPLAY": UNUSED_DISPLAY, "QT_PLUGIN_PATH": str(tmp_path / "plugins")}
    result = run_gui(tmp_path / "branch", env)
    assert_refused_cleanly(result)
    assert_message(result, "libQt6XcbQpa.so.6", "libQt6XcbQpa.so.6")
    assert_message(result, "请重新安装 BranchVault", "reinstall BranchVault")


def test_offscreen_and_wayland_sessions_are_left_to_qt(tmp_path: Path) -> None:
    assert check_platforms({"QT_QPA_PLATFORM": "offscreen"}, None) is None
    socket = tmp_path / "wayland-1"
    socket.touch()
    wayland = {"WAYLAND_DISPLAY": "wayland-1", "XDG_RUNTIME_DIR": str(tmp_path)}
    assert platform_candidates(wayland) == ["wayland", "xcb"]
    assert check_platforms(wayland, None) is None
    assert platform_candidates({"QT_QPA_PLATFORM": "xcb:dpi=96;offscreen"}) == ["xcb", "offscreen"]
    (tmp_path / "wayland-0").touch()
    assert check_platforms({"XDG_SESSION_TYPE": "wayland", "XDG_RUNTIME_DIR": str(tmp_path)}, None) is None
    gone = {"WAYLAND_DISPLAY": "wayland-9", "XDG_RUNTIME_DIR": str(tmp_path)}  # a stale variable
    findings = check_platforms(gone, qt_plugin_folder())
    assert findings is not None and findings.no_display


@pytest.mark.skipif(
    dlopen_error("libxcb-cursor.so.0") is not None, reason="libxcb-cursor0 not installed here"
)
def test_a_complete_desktop_passes() -> None:
    assert check_platforms({"DISPLAY": ":0"}, qt_plugin_folder(), reachable=lambda _: True) is None


def test_every_library_package_is_a_dependency_of_the_deb() -> None:
    depends = (ROOT / "installers" / "linux" / "deb-depends.txt").read_text(encoding="utf-8").split()
    assert set(XCB_LIBRARIES.values()) <= set(depends)


def test_self_test_warns_when_the_plugin_cannot_load(tmp_path: Path) -> None:
    real = qt_plugin_folder()
    assert real is not None
    plugins = tmp_path / "plugins" / "platforms"
    plugins.mkdir(parents=True)
    shutil.copy2(real / "platforms" / "libqxcb.so", plugins / "libqxcb.so")
    env = cli_env({"QT_PLUGIN_PATH": str(tmp_path / "plugins"), "QT_QPA_PLATFORM": "offscreen"})
    proc = subprocess.run(
        [sys.executable, "-m", "desktop_app", "self-test", "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    checks = {c["name"]: c for c in json.loads(proc.stdout)["checks"]}
    assert checks["desktop"]["ok"] is False and checks["desktop"]["required"] is False
    assert "libQt6XcbQpa.so.6" in checks["desktop"]["detail"]


# ------------------------------------------------------------ started from the desktop menu (no terminal)


def _plugin_without_its_qt_library(tmp_path: Path) -> dict[str, str | None]:
    real = qt_plugin_folder()
    assert real is not None
    plugins = tmp_path / "plugins" / "platforms"
    plugins.mkdir(parents=True)
    shutil.copy2(real / "platforms" / "libqxcb.so", plugins / "libqxcb.so")
    return {**NO_DISPLAY, "DISPLAY": UNUSED_DISPLAY, "QT_PLUGIN_PATH": str(tmp_path / "plugins")}


def _dialog_tools(folder: Path, **exit_codes: int) -> Path:
    """Stand-ins for the desktop's dialog programs (the true boundary: programs of the desktop):
    each records its arguments in ``<name>.called`` and exits with the code given."""
    folder.mkdir()
    for name, code in exit_codes.items():
        program = folder / name.replace("_", "-")
        program.write_text(
            f'#!/bin/sh\nprintf "%s\\n" "$@" > "{program}.called"\nexit {code}\n', encoding="utf-8"
        )
        program.chmod(0o755)
    return folder


def _with_path(env: dict[str, str | None], folder: Path) -> dict[str, str | None]:
    return {**env, "PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}


def test_without_a_terminal_the_message_is_also_shown_in_a_desktop_dialog(tmp_path: Path) -> None:
    tools = _dialog_tools(tmp_path / "bin", zenity=0, notify_send=0)
    result = run_gui(tmp_path / "branch", _with_path(_plugin_without_its_qt_library(tmp_path), tools))
    assert_refused_cleanly(result)  # the terminal message is still printed, exit 1
    shown = (tools / "zenity.called").read_text(encoding="utf-8")
    assert "--error" in shown and "--no-markup" in shown
    assert "图形界面无法启动" in shown and "The graphical interface cannot start" in shown
    assert "libQt6XcbQpa.so.6" in shown
    assert not (tools / "notify-send.called").exists()  # one dialog, not two


def test_a_dialog_tool_that_fails_gives_way_to_the_next(tmp_path: Path) -> None:
    tools = _dialog_tools(tmp_path / "bin", zenity=255, notify_send=0)  # 255: zenity found no display
    result = run_gui(tmp_path / "branch", _with_path(_plugin_without_its_qt_library(tmp_path), tools))
    assert_refused_cleanly(result)
    assert (tools / "zenity.called").exists()
    assert "The graphical interface cannot start" in (tools / "notify-send.called").read_text(
        encoding="utf-8"
    )


def test_from_a_terminal_or_without_a_display_no_dialog_is_opened(tmp_path: Path) -> None:
    import pty

    tools = _dialog_tools(tmp_path / "bin", zenity=0)
    env = _with_path(_plugin_without_its_qt_library(tmp_path), tools)
    controller, terminal = pty.openpty()
    try:
        command = [sys.executable, "-m", "desktop_app", "--data-dir", str(tmp_path / "branch")]
        proc = subprocess.run(
            command, stdout=subprocess.PIPE, stderr=terminal, env=cli_env(env), cwd=ROOT, timeout=60
        )
        os.set_blocking(controller, False)
        written = os.read(controller, 65536).decode("utf-8", "replace")
    finally:
        os.close(controller)
        os.close(terminal)
    assert proc.returncode == 1 and "图形界面无法启动" in written
    assert not (tools / "zenity.called").exists()

    result = run_gui(tmp_path / "branch", _with_path(NO_DISPLAY, tools))
    assert_refused_cleanly(result)
    assert not (tools / "zenity.called").exists()


def test_the_real_xmessage_shows_the_message_on_an_x_display(tmp_path: Path) -> None:
    """Against a real X server (Xvfb) and the real xmessage: a window appears while the command
    waits, and the command still exits 1 once it is dismissed."""
    if shutil.which("Xvfb") is None or shutil.which("xmessage") is None or shutil.which("xwininfo") is None:
        pytest.skip("needs xvfb and x11-utils (tests/debian-packages.txt)")
    display = ":93"
    server = subprocess.Popen(["Xvfb", display, "-nolisten", "tcp"], stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while subprocess.run(["xwininfo", "-root", "-display", display], capture_output=True).returncode:
            assert time.monotonic() < deadline, "Xvfb did not start"
            time.sleep(0.1)
        only_xmessage = _dialog_tools(tmp_path / "bin")  # empty: zenity/kdialog/notify-send absent
        (only_xmessage / "xmessage").symlink_to(shutil.which("xmessage") or "")
        env = {
            **_plugin_without_its_qt_library(tmp_path),
            "DISPLAY": display,
            "PATH": f"{only_xmessage}:/usr/bin:/bin",
        }
        command = [sys.executable, "-m", "desktop_app", "--data-dir", str(tmp_path / "branch")]
        gui = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env(env), cwd=ROOT
        )
        tree = ""
        while "xmessage" not in tree.lower():
            assert time.monotonic() < deadline + 30 and gui.poll() is None, "no dialog appeared"
            tree = subprocess.run(
                ["xwininfo", "-root", "-tree", "-display", display], capture_output=True, text=True
            ).stdout
            time.sleep(0.2)
        subprocess.run(["pkill", "-f", f"xmessage -center {TITLE_PREFIX}"], check=False)
        _, stderr = gui.communicate(timeout=30)
        assert gui.returncode == 1 and "The graphical interface cannot start" in stderr.decode("utf-8")
    finally:
        server.terminate()
        server.wait(timeout=10)
