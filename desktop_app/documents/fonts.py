"""The fonts every PDF embeds: a TrueType CJK font, plus fallback fonts for single rare characters.

reportlab embeds (as a subset) only TrueType-outline fonts; CFF fonts such as Noto CJK do not load.
The primary font is WenQuanYi Micro Hei, bundled in ``resources/fonts`` (Apache-2.0, see the licence
file beside it); it covers all of GBK but the three symbols ☉ ɑ ɡ. Characters it lacks, such as
䶮 (U+4DAE, Extension A) or 𠮷 (U+20BB7, Extension B) in a client's name, are drawn character by
character from the first fallback font that has them (bundled or found on the system, e.g. Droid Sans
Fallback, HanaMin A/B from the Debian package fonts-hanazono, DejaVu Sans). ``missing_glyphs`` tells
the caller which characters no font has, so the agent is warned before printing instead of a form
silently showing an empty box.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from desktop_app.resource_files import RESOURCES

PRIMARY_FONT = "BranchVaultCJK"

_CANDIDATES = (
    ("wqy-microhei.ttc", 0),
    ("wqy-zenhei.ttc", 0),
    ("simhei.ttf", 0),
    ("msyh.ttc", 0),
)
# Fallbacks in order of preference: CJK Extension A (Droid), Extensions A and B (HanaMin), symbols (DejaVu).
_FALLBACK_CANDIDATES = (
    ("DroidSansFallbackFull.ttf", 0),
    ("DroidSansFallback.ttf", 0),
    ("HanaMinA.ttf", 0),
    ("HanaMinB.ttf", 0),
    ("simsun.ttc", 0),
    ("simsunb.ttf", 0),
    ("DejaVuSans.ttf", 0),
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


def _find(name: str, index: int) -> FontFile | None:
    bundled = RESOURCES / "fonts" / name
    if bundled.exists():
        return FontFile(bundled, index)
    for directory in _SYSTEM_DIRS:
        if directory.exists():
            found = next(iter(sorted(directory.rglob(name))), None)
            if found is not None:
                return FontFile(found, index)
    return None


def find_cjk_font() -> FontFile | None:
    """The bundled CJK font, or the first known one installed on the system."""
    for name, index in _CANDIDATES:  # bundled first for every candidate, then the system
        bundled = RESOURCES / "fonts" / name
        if bundled.exists():
            return FontFile(bundled, index)
    for name, index in _CANDIDATES:
        found = _find(name, index)
        if found is not None:
            return found
    return None


def find_fallback_fonts() -> list[FontFile]:
    """The fallback fonts present (bundled or on the system), in order of preference."""
    found = (_find(name, index) for name, index in _FALLBACK_CANDIDATES)
    return [font for font in found if font is not None]


@dataclass(frozen=True)
class _LoadedFont:
    name: str
    glyphs: frozenset[int]  # code points with a glyph


def _load(name: str, font: FontFile) -> _LoadedFont | None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    try:
        loaded = TTFont(name, str(font.path), subfontIndex=font.subfont_index)
    except Exception:  # a font reportlab cannot read (CFF outlines, damaged): skip it
        return None
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(loaded)
    return _LoadedFont(name, frozenset(code for code, glyph in loaded.face.charToGlyph.items() if glyph))


def _utf16_hex(code: int) -> str:
    return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, but with characters beyond U+FFFF as UTF-16 surrogate pairs.

    reportlab 5.1 writes ``<%04X>``, so 𠮷 (U+20BB7) came out as ``<20BB7>`` and text extraction
    (copy, search, screen readers, ``pdftotext``) read it as ₻ (U+20BB). The PDF reference wants
    UTF-16BE in bfchar destinations.
    """
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{index:02X}> <{_utf16_hex(code)}>" for index, code in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


@functools.lru_cache(maxsize=1)
def _primary() -> _LoadedFont:
    from reportlab.pdfbase import ttfonts

    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    font = find_cjk_font()
    loaded = _load(PRIMARY_FONT, font) if font is not None else None
    if loaded is None:
        raise RuntimeError("The bundled CJK font resources/fonts/wqy-microhei.ttc is missing or unreadable")
    return loaded


@functools.lru_cache(maxsize=1)
def _fallbacks() -> tuple[_LoadedFont, ...]:
    """Loaded only when a text needs them: the larger ones hold tens of megabytes."""
    loaded = (_load(f"BranchVaultFallback-{font.path.stem}", font) for font in find_fallback_fonts())
    return tuple(font for font in loaded if font is not None)


def register_cjk_font() -> str:
    """Register the primary CJK font with reportlab and return its name (embedded as a subset)."""
    return _primary().name


def _needs_glyph(char: str) -> bool:
    """False for whitespace, control and format characters and variation selectors (drawn as nothing)."""
    code = ord(char)
    if char.isspace() or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
        return False
    return unicodedata.category(char) not in ("Cc", "Cf")


def font_for(char: str) -> str | None:
    """The name of the first font in the chain that draws ``char``, or None when none does."""
    code = ord(char)
    if code in _primary().glyphs:
        return PRIMARY_FONT
    return next((font.name for font in _fallbacks() if code in font.glyphs), None)


def font_runs(text: str) -> list[tuple[str, str]]:
    """``text`` split into ``(font name, run)`` pieces, each run drawn by the first font that has it.

    Whitespace and characters no font has stay in the primary font (check ``missing_glyphs`` first).
    """
    primary = register_cjk_font()
    runs: list[tuple[str, str]] = []
    for char in text:
        font = (font_for(char) if _needs_glyph(char) else None) or primary
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + char)
        else:
            runs.append((font, char))
    return runs


def missing_glyphs(text: str) -> list[str]:
    """The characters of ``text`` (each once, in order) that no available font can draw."""
    missing: list[str] = []
    for char in text:
        if _needs_glyph(char) and char not in missing and font_for(char) is None:
            missing.append(char)
    return missing
