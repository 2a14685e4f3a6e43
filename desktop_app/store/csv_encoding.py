"""Which text encoding a CSV client list is in: UTF-8 (with or without BOM), UTF-16 with BOM, or
GBK/GB18030, and nothing else.

Rule: a BOM decides; else strict UTF-8; else the file must decode strictly as GB18030 *and* read
as Simplified Chinese better than as Big5 (Traditional Chinese, Taiwan/Hong Kong) or Shift-JIS
(Japanese). Any other file is refused as "encoding not recognised".

Reason: almost every Big5 or Shift-JIS byte sequence is also valid GB18030, so decoding it "works"
and imports wrong but valid characters (陳大文 in Big5 becomes 朝ゅ…): the wizard's preview is not a
safeguard. Statistical detectors are weakest on exactly the short files a branch has (charset-
normalizer 3.5 takes the GBK bytes of "张伟" for Big5), so the decision is deterministic, from the
codecs' own tables: in each candidate decoding, count the characters outside that script's
everyday set (GB2312 for GBK; Big5's level-1 characters and symbols; JIS X 0208 level-1 kanji,
kana and symbols for Shift-JIS). Real Simplified Chinese text is almost entirely GB2312 and reads
as rare characters in the others; Big5 and Shift-JIS text decoded as GBK is full of GBK-only
characters and kana. GB18030 wins ties, so a file of common Simplified characters (or one rare
name such as 王堃) is always read.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Callable

from desktop_app.domain.spreadsheet_limits import ENCODING_SAMPLE_BYTES
from desktop_app.store.spreadsheet_errors import SpreadsheetError


def unknown_encoding() -> SpreadsheetError:
    return SpreadsheetError(
        "无法识别文件的文字编码（支持 UTF-8、UTF-16 和 GBK/GB18030；繁体 Big5、日文 Shift-JIS 等编码不支持），"
        "请在 Excel 中另存为 .xlsx 后再导入。",
        "The file's text encoding is not recognised (UTF-8, UTF-16 and GBK/GB18030 are supported; Big5, "
        "Shift-JIS and others are not); save it as .xlsx in Excel and import that.",
        code="spreadsheet_encoding",
    )


def _nul_bytes() -> SpreadsheetError:
    return SpreadsheetError(
        "文件中含有空字符（NUL），不是文本文件或已损坏，请在 Excel 中另存为 .xlsx 后再导入。",
        "The file contains NUL characters: it is not a text file or it is damaged; save it as .xlsx in "
        "Excel and import that.",
        code="spreadsheet_encoding",
    )


_IMPLAUSIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ue000-\uf8ff\U000f0000-\U0010ffff]")


def _plausible(text: str) -> bool:
    """Text a client list can hold: no control characters (a binary file decoded as GB18030 is full
    of them) and no private-use characters (what other encodings become)."""
    return _IMPLAUSIBLE.search(text) is None


def _two_bytes(char: str, codec: str) -> int | None:
    try:
        raw = char.encode(codec)
    except UnicodeEncodeError:
        return None
    return int.from_bytes(raw, "big") if len(raw) == 2 else None


def _gb2312_everyday(char: str) -> bool:
    return _two_bytes(char, "gb2312") is not None


def _big5_everyday(char: str) -> bool:
    code = _two_bytes(char, "big5")  # symbols A140-A3BF, level-1 (frequent) characters A440-C67E
    return code is not None and 0xA140 <= code <= 0xC67E


def _shift_jis_everyday(char: str) -> bool:
    code = _two_bytes(char, "cp932")  # symbols, kana, Greek, Cyrillic 8140-84BE; level-1 kanji 889F-9872
    return code is not None and (0x8140 <= code <= 0x84BE or 0x889F <= code <= 0x9872)


_CANDIDATES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("gb18030", _gb2312_everyday),
    ("big5hkscs", _big5_everyday),
    ("cp932", _shift_jis_everyday),
)


def _unusual(sample: bytes, codec: str, everyday: Callable[[str], bool]) -> int | None:
    """How many non-ASCII characters of ``sample`` decoded with ``codec`` are outside its
    everyday set (None: not that encoding at all)."""
    try:
        text = sample.decode(codec)
    except UnicodeDecodeError:
        return None
    counts = Counter(c for c in text if ord(c) > 0x7F)
    return sum(n for char, n in counts.items() if not everyday(char))


def _reads_as_simplified_chinese(data: bytes) -> bool:
    sample = data
    if len(data) > ENCODING_SAMPLE_BYTES:  # cut at a line end: 0x0A is never part of a GBK, Big5
        cut = data.rfind(b"\n", 0, ENCODING_SAMPLE_BYTES)  # or Shift-JIS character
        sample = data[: cut + 1] if cut > 0 else data[:ENCODING_SAMPLE_BYTES]
    scores = [_unusual(sample, codec, everyday) for codec, everyday in _CANDIDATES]
    gb, others = scores[0], [s for s in scores[1:] if s is not None]
    return gb is not None and all(gb <= other for other in others)


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding name) of a CSV file's bytes, or SpreadsheetError (see the module rule)."""
    attempts: list[tuple[bytes, str, str]]
    if data.startswith(codecs.BOM_UTF8):
        attempts = [(data[len(codecs.BOM_UTF8) :], "utf-8", "utf-8-sig")]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        attempts = [(data, "utf-16", "utf-16")]
    else:
        attempts = [(data, "utf-8", "utf-8"), (data, "gb18030", "gb18030")]
    for raw, codec, name in attempts:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            raise _nul_bytes()
        if codec == "gb18030" and not _reads_as_simplified_chinese(raw):
            break
        if _plausible(text):
            return text, name
        break
    raise unknown_encoding()
