"""What a printed brief holds, read with PDFium (pypdfium2): the size of every character as printed, and the text
line by line as it stands on the page."""

from __future__ import annotations

import ctypes
import math
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

__all__ = ["printed_sizes", "text_lines"]


def printed_sizes(pdf: Path) -> list[tuple[int, str, float]]:
    """(page number, character, size in points as printed) for every visible character of a PDF.

    PDFium gives the font size of the text object; Chromium writes it in CSS pixels under a 0.75 scale, and a
    chart's text (an SVG image) under the image's own scale: the printed size is the font size times the scale of
    the character's matrix.
    """
    out = []
    matrix = pdfium_c.FS_MATRIX()
    doc = pdfium.PdfDocument(str(pdf))
    try:
        for number, page in enumerate(doc, start=1):
            text = page.get_textpage()
            for i in range(text.count_chars()):
                char = chr(pdfium_c.FPDFText_GetUnicode(text.raw, i))
                if not char.strip():
                    continue
                pdfium_c.FPDFText_GetMatrix(text.raw, i, ctypes.byref(matrix))
                scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
                out.append((number, char, pdfium_c.FPDFText_GetFontSize(text.raw, i) * scale))
    finally:
        doc.close()
    return out


def text_lines(pdf: Path) -> list[list[str]]:
    """The text of each page of a PDF, one string per printed line."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [page.get_textpage().get_text_range().splitlines() for page in doc]
    finally:
        doc.close()
