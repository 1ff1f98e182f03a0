"""Text extraction (文本提取) with exact offsets: .txt, .html, .docx, .pdf.

``extract(source, filename=None) -> Extracted``: ``source`` is a path or the file's bytes; the
kind comes from the file name's extension, else from the content.  Findings point into
``Extracted.text``:

* text — UTF-8 (a BOM dropped, nothing else changed: CR stays), else UTF-16 with a BOM, else
  GB18030 (which covers GBK/GB2312 files that offices still save);
* HTML — visible text only (no script/style/head), block elements end lines, runs of
  whitespace collapse to one space; each run remembers its inline style for the format checks;
* .docx — headers first (secrecy markers often sit there), then the body in order (paragraphs
  and table cells, one line each), then footers;
* .pdf — the text layer of each page (pypdf), pages separated by a line break.

Bad input raises ``ExtractError`` with a one-line reason.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


class ExtractError(ValueError):
    """A file whose text cannot be extracted (无法提取文本)."""


@dataclass
class Extracted:
    """Extracted text and what the format checks need."""

    text: str
    kind: str  # text | html | docx | pdf
    encoding: str = "utf-8"
    html_runs: list = field(default_factory=list)  # (start, end, style, is_heading) for HTML


KINDS = {".txt": "text", ".text": "text", ".md": "text", ".csv": "text", ".tsv": "text",
         ".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx", ".pdf": "pdf"}


def extract(source: str | Path | bytes, filename: str | None = None) -> Extracted:
    if isinstance(source, (str, Path)):
        path = Path(source)
        try:
            data = path.read_bytes()
        except IsADirectoryError:
            raise ExtractError(f"{path}: is a directory") from None
        except OSError as exc:
            raise ExtractError(f"{path}: {exc.strerror or exc}") from None
        filename = filename or path.name
    else:
        data = bytes(source)
    kind = KINDS.get(Path(filename or "").suffix.lower()) or _sniff(data)
    if kind == "docx":
        return Extracted(extract_docx(data), "docx")
    if kind == "pdf":
        return Extracted(extract_pdf(data), "pdf")
    text, enc = decode_text(data)
    if kind == "html":
        t, runs = extract_html(text)
        return Extracted(t, "html", enc, runs)
    return Extracted(text, "text", enc)


def _sniff(data: bytes) -> str:
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<body", b"<p", b"<div", b"<meta")):
        return "html"
    return "text"


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a text file: UTF-8 (BOM dropped), UTF-16 with BOM, else GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            raise ExtractError("file starts with a UTF-8 BOM but is not valid UTF-8") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ExtractError("file starts with a UTF-16 BOM but is not valid UTF-16") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        raise ExtractError("binary file: not text, HTML, .docx or .pdf")
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise ExtractError("text is neither UTF-8 nor GB18030/GBK") from None


# -- HTML -------------------------------------------------------------------------------------
_BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table",
          "section", "article", "header", "footer", "blockquote", "pre", "hr", "dd", "dt", "dl",
          "figure", "figcaption", "address", "aside", "nav", "main", "caption", "tbody", "thead",
          "form", "fieldset", "center"}
_CELL = {"td", "th"}
_SKIP = {"script", "style", "head", "title", "noscript", "template", "svg", "math", "iframe", "object"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "param",
         "source", "track", "wbr"}
_HEADING = {"h1", "h2", "h3", "h4", "h5", "h6"}
_WS = re.compile(r"[ \t\r\n\f]+")
_FONT_SIZES = {"1": "10pt", "2": "13px", "3": "16px", "4": "18px", "5": "24px", "6": "32px", "7": "48px"}


def _parse_style(value: str) -> dict[str, str]:
    out = {}
    for decl in value.split(";"):
        if ":" in decl:
            k, v = decl.split(":", 1)
            k = k.strip().lower()
            if k in ("color", "font-family", "font-size", "line-height"):
                out[k] = v.strip()
            elif k == "font":
                pass
    return out


class _HTMLText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.len = 0
        self.stack: list[tuple[str, dict, bool]] = [("", {}, False)]
        self.skip = 0
        self.runs: list[tuple[int, int, dict, bool]] = []
        self.at_line_start = True

    def _newline(self):
        if self.parts and not self.at_line_start:
            self.parts.append("\n")
            self.len += 1
            self.at_line_start = True

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if tag in _SKIP:
            if tag not in _VOID:
                self.skip += 1
            return
        if tag in _BLOCK:
            self._newline()
        elif tag in _CELL and not self.at_line_start:
            self.parts.append("\t")
            self.len += 1
        if tag in _VOID:
            return
        _, style, heading = self.stack[-1]
        new = dict(style)
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "font":
            if "color" in a:
                new["color"] = a["color"]
            if "face" in a:
                new["font-family"] = a["face"]
            if "size" in a:
                new["font-size"] = _FONT_SIZES.get(a["size"].strip(), a["size"])
        if "style" in a:
            new.update(_parse_style(a["style"]))
        self.stack.append((tag, new, heading or tag in _HEADING))

    def handle_startendtag(self, tag, attrs):
        tag = tag.lower()
        if tag in _BLOCK:
            self._newline()

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in _SKIP:
            if tag not in _VOID:
                self.skip = max(0, self.skip - 1)
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
        if tag in _BLOCK:
            self._newline()

    def handle_data(self, data):
        if self.skip:
            return
        data = _WS.sub(" ", data)
        if self.at_line_start:
            data = data.lstrip(" ")
        elif self.parts and self.parts[-1].endswith(" ") and data.startswith(" "):
            data = data[1:]
        if not data:
            return
        _, style, heading = self.stack[-1]
        self.runs.append((self.len, self.len + len(data), style, heading))
        self.parts.append(data)
        self.len += len(data)
        self.at_line_start = False


def extract_html(html: str) -> tuple[str, list]:
    p = _HTMLText()
    try:
        p.feed(html)
        p.close()
    except Exception as exc:  # html.parser is lenient; anything else is bad input
        raise ExtractError(f"HTML cannot be parsed ({exc})") from None
    text = "".join(p.parts).rstrip("\n")
    return text, p.runs


# -- DOCX -------------------------------------------------------------------------------------
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _para_text(p) -> str:
    out = []
    for el in p.iter():
        t = el.tag
        if t == _W + "t":
            out.append(el.text or "")
        elif t == _W + "tab":
            out.append("\t")
        elif t in (_W + "br", _W + "cr"):
            out.append("\n")
    return "".join(out)


def _block_lines(container, lines: list[str]) -> None:
    for child in container:
        if child.tag == _W + "p":
            lines.append(_para_text(child))
        elif child.tag == _W + "tbl":
            for tr in child.findall(_W + "tr"):
                for tc in tr.findall(_W + "tc"):
                    _block_lines(tc, lines)
        elif child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                _block_lines(content, lines)


def extract_docx(data: bytes) -> str:
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ExtractError(f".docx cannot be opened ({exc.__class__.__name__})") from None
    except Exception as exc:
        raise ExtractError(f".docx cannot be opened ({exc.__class__.__name__}: {exc})") from None
    headers: list[str] = []
    footers: list[str] = []
    seen_h: set[str] = set()
    seen_f: set[str] = set()
    for section in document.sections:
        for attr, acc, seen in (("first_page_header", headers, seen_h), ("header", headers, seen_h),
                                ("even_page_header", headers, seen_h), ("first_page_footer", footers, seen_f),
                                ("footer", footers, seen_f), ("even_page_footer", footers, seen_f)):
            try:
                hf = getattr(section, attr)
                if hf.is_linked_to_previous and attr not in ("header", "footer"):
                    continue
                el = hf._element
            except Exception:
                continue
            lines: list[str] = []
            _block_lines(el, lines)
            block = "\n".join(line for line in lines if line.strip())
            if block and block not in seen:
                seen.add(block)
                acc.append(block)
    body: list[str] = []
    _block_lines(document.element.body, body)
    parts = headers + ["\n".join(body)] + footers
    return "\n".join(p for p in parts if p is not None)


# -- PDF --------------------------------------------------------------------------------------
def extract_pdf(data: bytes) -> str:
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise ExtractError(".pdf is encrypted") from None
        pages = []
        for page in reader.pages:
            pages.append((page.extract_text() or "").rstrip("\n"))
    except ExtractError:
        raise
    except Exception as exc:
        raise ExtractError(f".pdf cannot be read ({exc.__class__.__name__})") from None
    return "\n".join(pages)
