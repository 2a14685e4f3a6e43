"""The start-up probe IT uses to time a cold start (installers/linux/test_deb.sh): with
BRANCHVAULT_STARTUP_PROBE=1 the GUI prints when its first window was shown, then exits 0."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path


def test_the_probe_reports_the_first_window_and_exits(tmp_path: Path) -> None:
    env = {**os.environ, "BRANCHVAULT_STARTUP_PROBE": "1", "QT_QPA_PLATFORM": "offscreen"}
    started = time.time()
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(tmp_path / "empty")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    shown_at, window = done.stdout.strip().splitlines()[-1].split()
    assert started < float(shown_at) < time.time()
    assert window == "FirstRunWizard"  # an empty data directory starts the first-run wizard
