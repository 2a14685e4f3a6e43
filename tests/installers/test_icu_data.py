"""installers/linux/icu_data.py: the smaller ICU data library the Linux bundle ships (issue 11).

The rules on item names, a round trip through the common-data format, and the real thing: the
subset of PySide6's own libicudata is under 8 MB and Qt, loading it instead of the wheel's, still
collates Chinese in pinyin order, decodes GBK and GB18030 and names time zones in Chinese and
English (the ICU services Qt links to).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("icu_data", ROOT / "installers" / "linux" / "icu_data.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["icu_data"] = module
    spec.loader.exec_module(module)
    return module


icu_data = _load()


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("icudt73l/root.res", True),
        ("icudt73l/zh.res", True),
        ("icudt73l/zh_Hans_CN.res", True),
        ("icudt73l/en_US.res", True),
        ("icudt73l/fr.res", False),
        ("icudt73l/ar_SA.res", False),
        ("icudt73l/zoneinfo64.res", True),
        ("icudt73l/metaZones.res", True),
        ("icudt73l/pool.res", True),
        ("icudt73l/uprops.icu", True),
        ("icudt73l/cnvalias.icu", True),
        ("icudt73l/gb18030.cnv", True),
        ("icudt73l/windows-936-2000.cnv", True),
        ("icudt73l/ibm-943_P15A-2003.cnv", False),
        ("icudt73l/coll/zh.res", True),
        ("icudt73l/coll/ucadata.icu", True),
        ("icudt73l/coll/de.res", False),
        ("icudt73l/zone/zh_Hant.res", True),
        ("icudt73l/brkitr/cjdict.dict", False),
        ("icudt73l/translit/root.res", False),
        ("icudt73l/curr/zh.res", False),
    ],
)
def test_which_items_are_kept(name: str, kept: bool) -> None:
    assert icu_data.kept(name) is kept


def test_items_survive_a_round_trip_sorted_and_aligned() -> None:
    header = b"\x20\x00\xda\x27" + bytes(28)
    items = [
        ("icudt73l/a.res", b"abc"),
        ("icudt73l/coll/b.res", b"0123456789abcdefX"),
        ("icudt73l/c.icu", b""),
    ]
    blob = icu_data.write_items(header, items)
    again_header, again = icu_data.read_items(blob)
    assert again_header == header
    assert [name for name, _ in again] == [name for name, _ in items]
    for (_, original), (_, read) in zip(items, again, strict=True):
        assert read[: len(original)] == original and not read[len(original) :].strip(b"\0")
    with pytest.raises(ValueError, match="magic"):
        icu_data.read_items(b"\x20\x00\x00\x00" + bytes(60))


QT_CHECK = """
from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone
zh, en = QLocale(QLocale.Language.Chinese, QLocale.Country.China), QLocale(QLocale.Language.English)
names = sorted(["张三", "李四", "王五", "赵六", "阿明"], key=QCollator(zh).sortKey)
print(",".join(names))
print(QStringDecoder("GBK").isValid(), QStringDecoder("GB18030").isValid())
zone = QTimeZone(b"Asia/Shanghai")
print(zone.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, zh))
print(zone.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, en))
"""


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or not all(shutil.which(t) for t in ("readelf", "as", "ld")),
    reason="Linux with binutils only",
)
def test_the_subset_of_pyside6s_icu_data_is_small_and_serves_qt(tmp_path: Path) -> None:
    import PySide6

    wheel_lib = Path(PySide6.__file__).resolve().parent / "Qt" / "lib"
    source = next(iter(sorted(wheel_lib.glob("libicudata.so.*"))), None)
    if source is None:
        pytest.skip("this PySide6 wheel ships no ICU")
    target = tmp_path / "lib" / source.name
    kept, total = icu_data.subset_library(source, target)
    assert 0 < kept < total
    assert target.stat().st_size < 8 * 1024 * 1024 < source.stat().st_size
    env = dict(os.environ, LD_LIBRARY_PATH=str(target.parent), LD_DEBUG="libs")
    done = subprocess.run(
        [sys.executable, "-c", QT_CHECK], capture_output=True, text=True, env=env, timeout=60, check=True
    )
    assert f"trying file={target}" in done.stderr  # Qt's libicuuc loaded the subset, not the wheel's copy
    assert done.stdout.splitlines() == [
        "阿明,李四,王五,张三,赵六",
        "True True",
        "中国标准时间",
        "China Standard Time",
    ]
