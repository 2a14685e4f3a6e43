"""Reading generated PDFs back with real readers, for the document tests.

Text with ``pdftotext``, fonts with ``pdffonts``, page images with ``pdftoppm`` (checked with Pillow),
QR codes with zxing-cpp. Each takes the PDF bytes and a scratch directory (the tests' ``tmp_path``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

MM_PER_INCH = 25.4

requires_poppler = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdftoppm", "pdfinfo")),
    reason="poppler-utils (tests/debian-packages.txt)",
)


def _file(pdf: bytes, scratch: Path) -> Path:
    path = scratch / "document.pdf"
    path.write_bytes(pdf)
    return path


def _run(*args: str) -> str:
    return subprocess.run(list(args), capture_output=True, text=True, check=True, timeout=30).stdout


def pdf_text(pdf: bytes, scratch: Path, *, layout: bool = False) -> str:
    """All the text ``pdftotext`` extracts (pages separated by form feeds)."""
    return _run("pdftotext", *(["-layout"] if layout else []), str(_file(pdf, scratch)), "-")


def flat_text(pdf: bytes, scratch: Path) -> str:
    """The extracted text with every run of whitespace made one space (wrapped lines joined)."""
    return re.sub(r"\s+", " ", pdf_text(pdf, scratch))


def pdf_info(pdf: bytes, scratch: Path) -> dict[str, str]:
    lines = _run("pdfinfo", str(_file(pdf, scratch))).splitlines()
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines)}


@dataclass(frozen=True)
class FontRow:
    name: str
    type: str
    embedded: bool
    subset: bool
    unicode: bool


def pdf_fonts(pdf: bytes, scratch: Path) -> list[FontRow]:
    """The rows of ``pdffonts``, split by the columns its dashed line marks."""
    lines = _run("pdffonts", str(_file(pdf, scratch))).splitlines()
    spans = [(m.start(), m.end()) for m in re.finditer(r"-+", lines[1])]
    rows = []
    for line in lines[2:]:
        name, kind, _encoding, emb, sub, uni, *_ = (line[a:b].strip() for a, b in spans)
        rows.append(FontRow(name, kind, emb == "yes", sub == "yes", uni == "yes"))
    return rows


def assert_fonts_embedded_and_subset(pdf: bytes, scratch: Path) -> list[FontRow]:
    rows = pdf_fonts(pdf, scratch)
    assert rows, "no fonts at all"
    for row in rows:
        assert row.embedded and row.subset and row.unicode, f"font not embedded+subset+unicode: {row}"
        assert re.match(r"[A-Z]{6}\+", row.name), row
    return rows


def render_page(pdf: bytes, scratch: Path, *, page: int = 1, dpi: int = 72) -> Image.Image:
    """Page ``page`` rendered by ``pdftoppm`` as a greyscale image."""
    out = scratch / "page"
    path = _file(pdf, scratch)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-gray",
            "-r",
            str(dpi),
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(path),
            str(out),
        ],
        check=True,
        timeout=30,
    )
    with Image.open(out.with_suffix(".png")) as image:
        image.load()
        return image.copy()


def ink_box_mm(image: Image.Image, dpi: int) -> tuple[float, float, float, float] | None:
    """``(left, top, right, bottom)`` in mm from the top-left corner of everything not white."""
    mask = image.convert("L").point(lambda v: 255 if v < 250 else 0)
    box = mask.getbbox()
    if box is None:
        return None
    left, top, right, bottom = (v * MM_PER_INCH / dpi for v in box)
    return left, top, right, bottom


def assert_ink_within(
    pdf: bytes, scratch: Path, *, left: float, top: float, right: float, bottom: float, page: int = 1
) -> tuple[float, float, float, float]:
    """Nothing on ``page`` is drawn outside the box ``left``..``right`` × ``top``..``bottom`` (mm)."""
    dpi = 100
    image = render_page(pdf, scratch, page=page, dpi=dpi)
    box = ink_box_mm(image, dpi)
    assert box is not None, "blank page"
    slack = 2 * MM_PER_INCH / dpi  # two pixels of anti-aliasing
    ink_left, ink_top, ink_right, ink_bottom = box
    assert ink_left >= left - slack and ink_top >= top - slack, (
        f"ink at {box}, box {left, top, right, bottom}"
    )
    assert ink_right <= right + slack and ink_bottom <= bottom + slack, (
        f"ink at {box}, box {left, top, right, bottom}"
    )
    return box


def decode_qr_codes(pdf: bytes, scratch: Path, *, page: int = 1) -> list[str]:
    """The text of every QR code zxing-cpp finds on ``page``."""
    import zxingcpp

    image = render_page(pdf, scratch, page=page, dpi=150)
    return [
        found.text for found in zxingcpp.read_barcodes(image) if found.format == zxingcpp.BarcodeFormat.QRCode
    ]
