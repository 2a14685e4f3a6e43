"""Finding a TrueType CJK font that reportlab can embed (it cannot use CFF-outline fonts such as Noto CJK).

Looks in ``resources/fonts`` first (the consent-form issue bundles a font there), then the system.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.resource_files import RESOURCES

_CANDIDATES = (
    ("wqy-microhei.ttc", 0),
    ("wqy-zenhei.ttc", 0),
    ("simhei.ttf", 0),
    ("msyh.ttc", 0),
)
_SYSTEM_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path("C:/Windows/Fonts"),
    Path("/Library/Fonts"),
    Path("/System/Library/Fonts"),
)


@dataclass(frozen=True)
class FontFile:
    path: Path
    subfont_index: int


def find_cjk_font() -> FontFile | None:
    bundled = RESOURCES / "fonts"
    for name, index in _CANDIDATES:
        if (bundled / name).exists():
            return FontFile(bundled / name, index)
    for directory in _SYSTEM_DIRS:
        if not directory.exists():
            continue
        for name, index in _CANDIDATES:
            found = next(iter(directory.rglob(name)), None)
            if found is not None:
                return FontFile(found, index)
    return None


def register_cjk_font() -> str:
    """Register the CJK font with reportlab and return its name (embedded as a subset)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    font = find_cjk_font()
    if font is None:
        # Last resort: a CID font the PDF reader must supply. The consent-form issue bundles a font.
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        return "STSong-Light"
    name = "BranchVaultCJK"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(font.path), subfontIndex=font.subfont_index))
    return name
