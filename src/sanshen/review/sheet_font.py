"""The CJK font the review sheet and filing form PDFs are set in (审核单字体), embedded in the file.

`SANSHEN_PDF_FONT` names a TrueType font (.ttf, or .ttc with `SANSHEN_PDF_FONT_INDEX`), by default Debian's
fonts-wqy-zenhei. reportlab embeds a subset of it, so any reader shows the text. Without a usable file the PDFs
fall back to reportlab's STSong-Light, which is not embedded (readers without an Asian font pack show blanks),
and a warning says so.
"""

import logging
from functools import cache
from pathlib import Path

from django.conf import settings
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

logger = logging.getLogger(__name__)

FALLBACK = "STSong-Light"


def pdf_font() -> str:
    """The registered name of the font to set the PDFs in."""
    return registered(settings.SANSHEN_PDF_FONT, settings.SANSHEN_PDF_FONT_INDEX)


@cache
def registered(path: str, index: int) -> str:
    try:
        font = TTFont(f"SanshenCJK-{Path(path).stem}-{index}", path, subfontIndex=index)
    except (OSError, TTFError) as error:
        logger.warning(
            "PDF font %s (SANSHEN_PDF_FONT, subfont %s) cannot be embedded: %s. Falling back to the unembedded %s; "
            "readers without an Asian font pack will show blanks. Install fonts-wqy-zenhei (apt-get install "
            "fonts-wqy-zenhei) or set SANSHEN_PDF_FONT to a TrueType CJK font.", path, index, error, FALLBACK)
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK))
        return FALLBACK
    pdfmetrics.registerFont(font)
    return font.fontName
