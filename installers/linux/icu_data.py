"""A smaller ICU data library for the Linux bundle: only what Qt asks ICU for, in Chinese and English.

Rule: ``libicudata.so.NN`` (31 MB in PySide6's wheel, an eighth of the old bundle) is rebuilt holding
the data items of the ICU services Qt links to and nothing else. Qt 6 calls ICU only for collation
(``ucol_*``: QCollator), code-page converters (``ucnv_*``: QStringConverter for non-UTF encodings),
time-zone names (``ucal_*``) and locale-aware case mapping (``u_strToUpper/Lower``, data compiled into
libicuuc). Kept: the core items (properties, normalisation, aliases), the collation, zone and locale
trees for root, ``en*`` and ``zh*``, the time-zone tables and the Chinese, Windows and ISO-8859
converters. Dropped: break iterators, transliterators, units, currencies, language and region
display names, spell-out rules and every other locale and converter. A locale that is not kept
falls back to root, as ICU does for any locale without data.

Reason: the bundle must stay under its size ceiling (installers/check_bundle.py) and the branch
offices use Chinese and English only; the app itself sorts and converts text in Python.

How: the data is the blob behind the library's one exported symbol ``icudtNN_dat`` (ICU's "common
data" format: a header, a table of contents sorted by name, then the items). The kept items are
written as a new blob and linked into a shared library of the same SONAME with the binutils
assembler and linker (PyInstaller already needs binutils on Linux).

Usage (the spec calls ``subset_library``): ``python icu_data.py SOURCE_LIB TARGET_LIB``.
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

DROPPED_TREES = ("brkitr", "translit", "unit", "curr", "lang", "region", "rbnf")
KEPT_LOCALES = re.compile(r"^(root|en|zh)(_[A-Za-z0-9]+)*$")
LOCALE_LIKE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*$")
KEPT_CONVERTERS = re.compile(
    r"^(gb18030|windows-936-2000|ibm-1386_.*|ibm-1383_.*|ibm-5478_.*|windows-950-2000|ibm-950_.*"
    r"|ibm-964_.*|ibm-1252_.*|ibm-5348_.*|iso-8859_.*|ibm-912_.*|ibm-913_.*|ibm-914_.*|ibm-915_.*)\.cnv$"
)
ALIGN = 16


def _readelf(*args: str) -> str:
    return subprocess.run(["readelf", *args], capture_output=True, text=True, check=True).stdout


def data_symbol(library: Path) -> tuple[str, int, int]:
    """(name, file offset, size) of the ``icudtNN_dat`` symbol holding the data."""
    found = None
    for line in _readelf("--dyn-syms", "-W", str(library)).splitlines():
        fields = line.split()
        if len(fields) >= 8 and re.fullmatch(r"icudt\d+_dat", fields[7]) and fields[6] != "UND":
            found = (fields[7], int(fields[1], 16), int(fields[2], 0))
    if found is None:
        raise ValueError(f"{library}: no icudtNN_dat symbol")
    name, address, size = found
    for line in _readelf("-SW", str(library)).splitlines():
        fields = line.replace("[ ", "[").split()
        if len(fields) > 6 and fields[0].startswith("[") and fields[0] != "[Nr]":
            try:
                start, offset, length = int(fields[3], 16), int(fields[4], 16), int(fields[5], 16)
            except ValueError:
                continue
            if start <= address < start + length and fields[2] != "NOBITS":
                return name, address - start + offset, size
    raise ValueError(f"{library}: {name} is in no section")


def read_items(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The header and the ``(name, bytes)`` items of an ICU common-data blob, in TOC order."""
    header_size = struct.unpack_from("<H", blob, 0)[0]
    if blob[2:4] != b"\xda\x27":
        raise ValueError("not ICU common data (bad magic)")
    toc = blob[header_size:]
    count = struct.unpack_from("<I", toc, 0)[0]
    offsets = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_at, data_at) in enumerate(offsets):
        name = toc[name_at : toc.index(b"\0", name_at)].decode("ascii")
        end = offsets[i + 1][1] if i + 1 < count else len(toc)
        items.append((name, toc[data_at:end]))
    return blob[:header_size], items


def write_items(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """An ICU common-data blob holding ``items`` (names must stay sorted, as ICU bisects them)."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    toc_size = 4 + 8 * len(items)
    data_start = -(-(toc_size + len(names)) // ALIGN) * ALIGN
    entries, data, name_at = [], bytearray(), toc_size
    for name, payload in items:
        entries.append(struct.pack("<II", name_at, data_start + len(data)))
        name_at += len(name) + 1
        data += payload
        data += b"\0" * (-len(data) % ALIGN)
    toc = struct.pack("<I", len(items)) + b"".join(entries) + names
    return header + toc + b"\0" * (data_start - len(toc)) + bytes(data)


def kept(name: str) -> bool:
    """Whether the item ``icudtNNl/[tree/]file`` stays in the bundle."""
    parts = name.split("/")[1:]
    if len(parts) == 2 and parts[0] in DROPPED_TREES:
        return False
    base, _, suffix = parts[-1].rpartition(".")
    if suffix == "cnv":
        return bool(KEPT_CONVERTERS.match(parts[-1]))
    if suffix == "res" and LOCALE_LIKE.match(base):
        return bool(KEPT_LOCALES.match(base))
    return True


def subset_library(source: Path, target: Path) -> tuple[int, int]:
    """Write the smaller library to ``target``; returns (items kept, items in the source)."""
    symbol, offset, size = data_symbol(source)
    blob = source.read_bytes()[offset : offset + size]
    header, items = read_items(blob)
    chosen = [(name, payload) for name, payload in items if kept(name)]
    soname = next(
        (
            line.split("[", 1)[1].rstrip("]")
            for line in _readelf("-d", str(source)).splitlines()
            if "SONAME" in line
        ),
        source.name,
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "data.bin").write_bytes(write_items(header, chosen))
        (work / "data.s").write_text(
            f".section .rodata\n.globl {symbol}\n.type {symbol}, @object\n.balign {ALIGN}\n{symbol}:\n"
            f'.incbin "{work / "data.bin"}"\n.size {symbol}, .-{symbol}\n'
            '.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        subprocess.run(["as", "-o", str(work / "data.o"), str(work / "data.s")], check=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["ld", "-shared", "-soname", soname, "-o", str(target), str(work / "data.o")], check=True
        )
    return len(chosen), len(items)


if __name__ == "__main__":
    kept_count, total = subset_library(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{sys.argv[2]}: {kept_count} of {total} ICU data items")
