"""Before the GUI starts on Linux: is there a display, and can Qt's platform plugin load?

Rule: ``branchvault`` (and ``demo``) check, before any ``QApplication`` exists, that Qt will find a
platform it can use: a Wayland socket, or an X display it can connect to with an ``xcb`` plugin whose
system libraries are all installed (or a platform IT chose with ``QT_QPA_PLATFORM``, such as
``offscreen``). When none is usable the command prints, in Chinese and English, what is missing
(the libraries and the Debian/Ubuntu packages that hold them, or that no display is available and
the command line works without one) and exits 1. Started from the desktop menu (no terminal), a
missing library is also shown in the desktop's own dialog (cli/desktop_notice.py).

Reason: Qt aborts the process (SIGABRT, exit 134) inside ``QApplication()`` when no platform plugin
can be initialised, printing only "could not load the Qt platform plugin xcb" — before any Python
handler runs. PySide6 6.5+ needs ``libxcb-cursor0``, which many Ubuntu desktops lack, so that abort
was the first thing a new branch saw. The check loads the plugin file Qt would load (``dlopen``,
exactly as Qt does, so the dynamic loader's own search decides) and, when that fails, probes each
library the plugin needs to name every missing one. It costs a few milliseconds: the libraries it
loads are the ones Qt loads next. ``BRANCHVAULT_SKIP_DISPLAY_CHECK=1`` turns it off should it ever
misjudge a platform.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

SKIP_ENV = "BRANCHVAULT_SKIP_DISPLAY_CHECK"

XCB_LIBRARIES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
}
"""System libraries Qt's xcb platform plugin (and the Qt libraries it pulls in) needs, with the
Debian/Ubuntu package of each."""

CLI_HINT_ZH = "命令行功能不需要图形界面：见 branchvault --help（演示数据：branchvault demo --no-gui）。"
CLI_HINT_EN = (
    "The commands work without a display: see branchvault --help (demo data: branchvault demo --no-gui)."
)

_LIBRARY_IN_ERROR = re.compile(r"^([^:\s]+\.so[.\d]*):")


class Findings:
    """What the check saw, per platform Qt would try. (A plain class: no import on the start-up path.)"""

    def __init__(self) -> None:
        self.missing: list[str] = []  # sonames the xcb plugin cannot load
        self.plugin = ""  # the plugin file that failed to load
        self.no_display = False
        self.unreachable_display = ""


Loader = Callable[[str], str | None]
"""Loads a shared library by path or soname; returns the loader's error, or None when it loaded."""


def dlopen_error(name: str) -> str | None:
    import ctypes  # here, not at the top: an offscreen or Wayland start never needs it

    try:
        ctypes.CDLL(name, mode=os.RTLD_LAZY | os.RTLD_LOCAL)
    except OSError as exc:
        return str(exc)
    return None


def platform_candidates(env: Mapping[str, str]) -> list[str]:
    """The platforms Qt tries, in order: ``QT_QPA_PLATFORM`` (``a;b``, each maybe with ``:options``),
    else Wayland first when a Wayland session is announced, then xcb (Qt's Linux default)."""
    requested = env.get("QT_QPA_PLATFORM", "").strip()
    if requested:
        return [part.split(":", 1)[0].strip().lower() for part in requested.split(";") if part.strip()]
    if env.get("WAYLAND_DISPLAY") or env.get("XDG_SESSION_TYPE", "").lower() == "wayland":
        return ["wayland", "xcb"]
    return ["xcb"]


def _wayland_socket(env: Mapping[str, str]) -> bool:
    """Whether the compositor's socket is there (``WAYLAND_DISPLAY``, or ``wayland-0`` in a session
    announced as Wayland, as libwayland assumes)."""
    session = env.get("XDG_SESSION_TYPE", "").lower() == "wayland"
    name = env.get("WAYLAND_DISPLAY", "") or ("wayland-0" if session else "")
    if not name:
        return False
    path = Path(name) if os.path.isabs(name) else Path(env.get("XDG_RUNTIME_DIR", "/nonexistent")) / name
    return path.exists()


def xcb_plugin_files(env: Mapping[str, str], builtin_plugins: Path | None) -> list[Path]:
    """The ``libqxcb.so`` files Qt would try, in its order: ``QT_QPA_PLATFORM_PLUGIN_PATH`` (Qt
    falls back from it), then the first one among ``QT_PLUGIN_PATH`` entries and Qt's own plugin
    folder (Qt takes the first it finds and does not fall back from it)."""
    files: list[Path] = []
    direct = env.get("QT_QPA_PLATFORM_PLUGIN_PATH", "")
    if direct and (Path(direct) / "libqxcb.so").is_file():
        files.append(Path(direct) / "libqxcb.so")
    folders = [Path(p) for p in env.get("QT_PLUGIN_PATH", "").split(os.pathsep) if p]
    if builtin_plugins is not None:
        folders.append(builtin_plugins)
    for folder in folders:
        candidate = folder / "platforms" / "libqxcb.so"
        if candidate.is_file():
            files.append(candidate)
            break
    return files


def missing_libraries(load_error: str, load: Loader) -> list[str]:
    """Every library of the xcb plugin that cannot be loaded, starting with the one named in the
    plugin's own load error."""
    missing: list[str] = []
    named = _LIBRARY_IN_ERROR.match(load_error.strip())
    if named:
        missing.append(os.path.basename(named.group(1)))
    for soname in XCB_LIBRARIES:
        if soname not in missing and load(soname) is not None:
            missing.append(soname)
    return missing


def _x_display_reachable(display: str) -> bool:
    """Connect to the X server with libxcb (what Qt's plugin does first), and disconnect."""
    import ctypes

    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return False
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    if not connection:
        return False
    broken = xcb.xcb_connection_has_error(connection)
    xcb.xcb_disconnect(connection)
    return broken == 0


def check_platforms(
    env: Mapping[str, str],
    builtin_plugins: Path | None,
    *,
    load: Loader = dlopen_error,
    reachable: Callable[[str], bool] = _x_display_reachable,
) -> Findings | None:
    """None when Qt has a platform it can start; else what stands in the way."""
    findings = Findings()
    for platform in platform_candidates(env):
        if platform == "wayland":
            if _wayland_socket(env):
                return None
            continue
        if platform != "xcb":  # offscreen, minimal, vnc, eglfs…: IT chose it on purpose
            return None
        files = xcb_plugin_files(env, builtin_plugins)
        if not files:
            return None  # an unusual layout: leave it to Qt rather than guess
        errors = [(str(path), load(str(path))) for path in files]
        if all(error is not None for _, error in errors):
            findings.plugin, error = errors[-1]
            findings.missing = missing_libraries(error or "", load)
        display = env.get("DISPLAY", "")
        if not display:
            findings.no_display = True
        elif not findings.plugin and not reachable(display):
            findings.unreachable_display = display
        if not (findings.plugin or findings.no_display or findings.unreachable_display):
            return None
    if not (findings.plugin or findings.unreachable_display):
        findings.no_display = True
    return findings


def describe(findings: Findings) -> tuple[str, str]:
    """The message in Chinese and English: what is missing and what to do."""
    zh: list[str] = ["图形界面无法启动。"]
    en: list[str] = ["The graphical interface cannot start."]
    if findings.plugin:
        packages = sorted({XCB_LIBRARIES[s] for s in findings.missing if s in XCB_LIBRARIES})
        unknown = [s for s in findings.missing if s not in XCB_LIBRARIES]
        libs = "、".join(findings.missing) or "?"
        zh.append(f"Qt 的 xcb 平台插件所需的库缺失或无法加载：{libs}。")
        en.append(
            f"Qt's xcb platform plugin cannot load libraries it needs: {', '.join(findings.missing) or '?'}."
        )
        if packages:
            command = "sudo apt install " + " ".join(packages)
            zh.append(f"请安装（Debian/Ubuntu）：{command}")
            en.append(f"Install them (Debian/Ubuntu): {command}")
        if unknown:
            zh.append(f"{'、'.join(unknown)} 随 BranchVault 一起安装，请重新安装 BranchVault。")
            en.append(f"{', '.join(unknown)}: part of BranchVault's own files; reinstall BranchVault.")
        zh.append(f"（插件：{findings.plugin}）")
        en.append(f"(plugin: {findings.plugin})")
    if findings.no_display:
        zh.append("没有可用的图形显示（未设置 DISPLAY，也没有 Wayland 会话）：请在桌面会话中运行。")
        en.append(
            "No display is available (DISPLAY is not set and there is no Wayland session): run it in a desktop session."
        )
    elif findings.unreachable_display:
        zh.append(f"无法连接图形显示 DISPLAY={findings.unreachable_display}。")
        en.append(f"Cannot connect to the display DISPLAY={findings.unreachable_display}.")
    zh.append(CLI_HINT_ZH)
    en.append(CLI_HINT_EN)
    return "\n".join(zh), "\n".join(en)


def qt_plugin_folder() -> Path | None:
    """The plugin folder of the PySide6 this program runs (its Qt/plugins, as in the wheel and in the
    PyInstaller bundle), found without importing Qt; None when it is not there."""
    spec = importlib.util.find_spec("PySide6")
    for location in (spec.submodule_search_locations or []) if spec is not None else []:
        for folder in (Path(location) / "Qt" / "plugins", Path(location) / "plugins"):
            if folder.is_dir():
                return folder
    return None


def require_usable_display(env: Mapping[str, str] | None = None, system: str = sys.platform) -> None:
    """Raise a BranchVaultError ``gui_unavailable`` (exit 1) when Qt would abort for want of a
    platform. Linux only: Windows and macOS always have theirs. Imports no domain module unless it
    raises (the GUI start loads none: tests/gui/test_sign_in_start_up_imports.py)."""
    env = os.environ if env is None else env
    if not system.startswith("linux") or env.get(SKIP_ENV) == "1":
        return
    findings = check_platforms(env, qt_plugin_folder())
    if findings is not None:
        from desktop_app.domain.errors import BranchVaultError

        zh, en = describe(findings)
        if findings.plugin and not _stderr_is_terminal():  # started from the desktop menu
            from desktop_app.cli.desktop_notice import show_on_desktop

            show_on_desktop(f"{zh}\n\n{en}", env)
        raise BranchVaultError(zh, en, code="gui_unavailable")


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def xcb_plugin_problem() -> str:
    """For ``self-test``: the missing libraries of the xcb plugin, whatever display this session has
    ("" when it loads or this is not Linux)."""
    if not sys.platform.startswith("linux"):
        return ""
    env = {"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"}
    for name in ("QT_PLUGIN_PATH", "QT_QPA_PLATFORM_PLUGIN_PATH"):
        env[name] = os.environ.get(name, "")
    findings = check_platforms(env, qt_plugin_folder(), reachable=lambda _: True)
    return describe(findings)[1] if findings is not None else ""
