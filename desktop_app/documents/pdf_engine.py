"""The one place PDFs are laid out: A4 page template, styles, font fallback, tables, QR codes.

Every page carries a header (company on the left, branch on the right), a footer with a text the
caller supplies (e.g. notice version and content hash) and "第 N 页 / 共 M 页 · page N of M". Body
text is reportlab ``Paragraph``s with ``wordWrap="CJK"``, so long names, addresses and unbroken
strings wrap inside the text width; characters the primary font lacks are drawn from a fallback font
(``fonts.font_runs``). Nothing is drawn nearer the paper's edge than ``SAFE_MARGIN``. PDFs are built
in memory and returned as bytes; no temporary files. The PDF metadata holds only the title the caller
gives (which must hold no personal data), "BranchVault" as author and creator, and the subject.

Typical use::

    setup = page_setup(letterhead, title="个人信息销毁证明 No. 7", footer_left="BranchVault")
    pdf = build_pdf(setup, [para("标题", styles().title), para(text), table(rows, [50, 120])])
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from desktop_app.documents.fonts import PRIMARY_FONT, font_runs, register_cjk_font
from desktop_app.domain.letterhead import Letterhead

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable, Paragraph, Table

MM = 72 / 25.4  # points per millimetre
PAGE_WIDTH = 210 * MM  # A4
PAGE_HEIGHT = 297 * MM
SAFE_MARGIN = 10 * MM  # nothing at all is drawn nearer the paper's edge than this
LEFT_MARGIN = RIGHT_MARGIN = 20 * MM  # header, body and footer all stay within these
TOP_MARGIN = 26 * MM  # the body starts below the header rule
BOTTOM_MARGIN = 23 * MM  # the body ends above the footer rule
TEXT_WIDTH = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN
FRAME_PADDING = 6  # pt, reportlab's default padding inside the body frame
_HEADER_RULE = PAGE_HEIGHT - 20 * MM
_FOOTER_RULE = 18 * MM
_PAGE_NUMBER_WIDTH = 48 * MM


@dataclass(frozen=True)
class Margins:
    """Where the body and the header/footer text stop (points from the paper's edges).

    The header and footer rules stay 20 and 18 mm from the top and bottom edges, so ``top`` must stay
    above ~22 mm and ``bottom`` above ~20 mm; ``left`` and ``right`` at or above ``SAFE_MARGIN``.
    """

    left: float = LEFT_MARGIN
    right: float = RIGHT_MARGIN
    top: float = TOP_MARGIN
    bottom: float = BOTTOM_MARGIN

    @property
    def text_width(self) -> float:
        return PAGE_WIDTH - self.left - self.right

    @property
    def body_width(self) -> float:
        """The width flowables get inside the body frame's padding."""
        return self.text_width - 2 * FRAME_PADDING

    @property
    def body_height(self) -> float:
        return PAGE_HEIGHT - self.top - self.bottom - 2 * FRAME_PADDING


@dataclass(frozen=True)
class PageSetup:
    """What the page template prints around the body, and the PDF metadata."""

    title: str  # PDF metadata: never personal data
    header_left: str
    header_right: str
    footer_left: str
    subject: str = ""
    margins: Margins = Margins()


def page_setup(letterhead: Letterhead, *, title: str, footer_left: str, subject: str = "") -> PageSetup:
    """The header names the company and the branch from the branch letterhead."""
    branch = f"{letterhead.branch_name} ({letterhead.branch_code})"
    return PageSetup(title, letterhead.company_name or "BranchVault", branch, footer_left, subject)


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    indented: ParagraphStyle  # body text indented, e.g. bullet items and commands
    small: ParagraphStyle
    code: ParagraphStyle  # large, for codes to copy by hand (recovery code, form number)
    header: ParagraphStyle
    header_right: ParagraphStyle
    footer: ParagraphStyle
    footer_right: ParagraphStyle


@functools.lru_cache(maxsize=1)
def styles() -> Styles:
    """The shared paragraph styles, all in the embedded CJK font and wrapping CJK text."""
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    font = register_cjk_font()
    body = ParagraphStyle("bv-body", fontName=font, fontSize=10.5, leading=15, wordWrap="CJK")
    small = ParagraphStyle("bv-small", parent=body, fontSize=9, leading=12.5)
    header = ParagraphStyle("bv-header", parent=body, fontSize=8, leading=10)
    footer = ParagraphStyle("bv-footer", parent=body, fontSize=7, leading=8.5)
    return Styles(
        title=ParagraphStyle("bv-title", parent=body, fontSize=19, leading=25, spaceAfter=2),
        subtitle=ParagraphStyle("bv-subtitle", parent=body, fontSize=13, leading=18, spaceAfter=6),
        heading=ParagraphStyle(
            "bv-heading", parent=body, fontSize=12.5, leading=17, spaceBefore=8, spaceAfter=4
        ),
        body=body,
        indented=ParagraphStyle("bv-indented", parent=body, leftIndent=6 * MM),
        small=small,
        code=ParagraphStyle("bv-code", parent=body, fontSize=20, leading=28, spaceBefore=4, spaceAfter=8),
        header=header,
        header_right=ParagraphStyle("bv-header-right", parent=header, alignment=TA_RIGHT),
        footer=footer,
        footer_right=ParagraphStyle("bv-footer-right", parent=footer, alignment=TA_RIGHT),
    )


def markup(text: str) -> str:
    """``text`` as Paragraph markup: escaped, line breaks kept, rare characters in a fallback font."""
    pieces = []
    for font, run in font_runs(text):
        escaped = escape(run).replace("\n", "<br/>")
        pieces.append(escaped if font == PRIMARY_FONT else f'<font face="{font}">{escaped}</font>')
    return "".join(pieces)


def text_width(text: str, size: float) -> float:
    """The width in points of ``text`` drawn by ``draw_text`` at ``size``."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(run, font, size) for font, run in font_runs(text))


def draw_text(canvas: Any, x: float, y: float, text: str, size: float) -> float:
    """Draw one line of ``text`` on a reportlab canvas, rare characters from a fallback font.

    For fixed layouts (checkbox labels, signature lines) that do not wrap; returns the x after it.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for font, run in font_runs(text):
        canvas.setFont(font, size)
        canvas.drawString(x, y, run)
        x += stringWidth(run, font, size)
    return x


def para(text: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A wrapping paragraph of plain ``text`` (not markup)."""
    from reportlab.platypus import Paragraph

    return Paragraph(markup(text), style or styles().body)


def spacer(height_mm: float) -> Flowable:
    from reportlab.platypus import Spacer

    return Spacer(1, height_mm * MM)


def table(
    rows: Sequence[Sequence[str | Flowable]], widths_mm: Sequence[float], *, header: bool = True
) -> Table:
    """A grid whose text cells wrap; the header row (if any) is shaded and repeats on every page."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    font = register_cjk_font()
    cells = [[para(cell, styles().small) if isinstance(cell, str) else cell for cell in row] for row in rows]
    grid = Table(cells, colWidths=[w * MM for w in widths_mm], repeatRows=1 if header else 0)
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)))
    grid.setStyle(TableStyle(commands))
    return grid


def qr_code(data: str, size_mm: float = 28) -> Drawing:
    """A QR code (error correction M) of ``data``, ``size_mm`` square including its quiet zone."""
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    widget = QrCodeWidget(data, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    size = size_mm * MM
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.initialFontName = register_cjk_font()  # else the renderer references an unembedded Helvetica
    drawing.add(widget)
    return drawing


def _fitted(canvas: Any, text: str, style: ParagraphStyle, width: float) -> tuple[Paragraph, float]:
    """``text`` in at most two lines of ``width``: the font shrinks (to 5 pt at least) for long texts."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    size = style.fontSize
    while True:
        fitted = ParagraphStyle(f"{style.name}-{size}", parent=style, fontSize=size, leading=size * 1.22)
        block = Paragraph(markup(text), fitted)
        _w, height = block.wrapOn(canvas, width, PAGE_HEIGHT)
        if height <= 2 * fitted.leading + 0.1 or size <= 5:
            return block, height
        size -= 0.5


def _decorate(canvas: Any, setup: PageSetup, number: int, total: int) -> None:
    """Header, footer and page number of one page, drawn once the total is known."""
    s = styles()
    canvas.saveState()
    canvas.setLineWidth(0.4)
    canvas.setStrokeGray(0.5)
    left, right = setup.margins.left, PAGE_WIDTH - setup.margins.right
    canvas.line(left, _HEADER_RULE, right, _HEADER_RULE)
    canvas.line(left, _FOOTER_RULE, right, _FOOTER_RULE)
    text_width = setup.margins.text_width
    half = text_width / 2
    for text, style, x, width in (
        (setup.header_left, s.header, left, half + 20 * MM),
        (setup.header_right, s.header_right, left + half + 22 * MM, half - 22 * MM),
    ):
        block, _height = _fitted(canvas, text, style, width)
        block.drawOn(canvas, x, _HEADER_RULE + 1.5 * MM)  # grows upwards, away from the body
    page = f"第 {number} 页 / 共 {total} 页 · page {number} of {total}"
    left_width = text_width - _PAGE_NUMBER_WIDTH - 2 * MM
    for text, style, x, width in (
        (setup.footer_left, s.footer, left, left_width),
        (page, s.footer_right, right - _PAGE_NUMBER_WIDTH, _PAGE_NUMBER_WIDTH),
    ):
        block, height = _fitted(canvas, text, style, width)
        block.drawOn(canvas, x, _FOOTER_RULE - 1.5 * MM - height)  # grows downwards, away from the body
    canvas.restoreState()


def _canvas_maker(setup: PageSetup) -> type:
    """A canvas that holds back every page until the end, so the footer can say "of M"."""
    from reportlab.pdfgen.canvas import Canvas

    class _TemplateCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._bv_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._bv_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._bv_pages)
            for number, state in enumerate(self._bv_pages, start=1):
                self.__dict__.update(state)
                _decorate(self, setup, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return _TemplateCanvas


@dataclass(frozen=True)
class BuiltPdf:
    """A built PDF with its page count and the body height left free on its last page (points)."""

    pdf: bytes
    pages: int
    room_left: float


def build_pdf(setup: PageSetup, story: list[Flowable]) -> bytes:
    """The A4 PDF of ``story`` on the page template, as bytes."""
    return build_measured_pdf(setup, story).pdf


def build_measured_pdf(setup: PageSetup, story: list[Flowable]) -> BuiltPdf:
    """``build_pdf``, also telling how many pages it took and how much room its last page has left."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    font = register_cjk_font()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=setup.margins.left,
        rightMargin=setup.margins.right,
        topMargin=setup.margins.top,
        bottomMargin=setup.margins.bottom,
        title=setup.title,
        author="BranchVault",
        creator="BranchVault",
        subject=setup.subject,
        keywords="",
        pageCompression=1,
        initialFontName=font,  # otherwise an unembedded Helvetica is referenced
    )
    document.build(story, canvasmaker=_canvas_maker(setup))
    frame = document.frame  # the last page's frame, where the story ended
    room = max(0.0, frame._y - frame._y1p)
    return BuiltPdf(buffer.getvalue(), document.page, room)
