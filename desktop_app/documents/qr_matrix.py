"""The modules of a QR code as a grid of booleans, from reportlab's encoder (already bundled for the
PDFs' QR codes): the terminal prints it with Unicode half blocks, the GUI paints it with QPainter,
so the authenticator's ``otpauth://`` URI needs no extra QR library."""

from __future__ import annotations

QUIET_ZONE = 4  # modules of white around the code (ISO/IEC 18004)


def qr_matrix(data: str) -> list[list[bool]]:
    """Rows of dark (True) / light modules, error correction M, without the quiet zone."""
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(data)
    code.make()
    count = code.getModuleCount()
    return [[bool(code.isDark(r, c)) for c in range(count)] for r in range(count)]


def terminal_qr(data: str) -> str:
    """The code in Unicode half blocks (two module rows per text line), dark modules as spaces on a
    light background so it scans on a dark or light terminal; with the quiet zone."""
    matrix = qr_matrix(data)
    size = len(matrix) + 2 * QUIET_ZONE
    padded = [[False] * size for _ in range(QUIET_ZONE)]
    padded += [[False] * QUIET_ZONE + row + [False] * QUIET_ZONE for row in matrix]
    padded += [[False] * size for _ in range(QUIET_ZONE + 1)]  # +1: an even number of rows
    lines = []
    for top, bottom in zip(padded[0::2], padded[1::2], strict=False):
        chars = []
        for upper, lower in zip(top, bottom, strict=True):
            # light = a block drawn; dark = nothing drawn
            chars.append(
                {(False, False): "█", (True, False): "▄", (False, True): "▀", (True, True): " "}[
                    (upper, lower)
                ]
            )
        lines.append("".join(chars))
    return "\n".join(lines)
