"""Extraction with exact offsets: .docx (header/footer/table), .pdf, GBK text, HTML; findings point
into the extracted text."""

import io

import pytest

from sanshen.screening.engine import screen_text
from sanshen.screening.extract import ExtractError, extract


def _docx_bytes() -> bytes:
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "秘密★1年"
    d.add_paragraph("关于开展信息发布质量专项整治的工作方案")
    d.add_paragraph("请联系经办人，电话13912345678。")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "负责单位"
    t.cell(0, 1).text = "市环保局"
    d.sections[0].footer.paragraphs[0].text = "（此件不公开）"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_header_body_tables_footer(tmp_path):
    path = tmp_path / "方案.docx"
    path.write_bytes(_docx_bytes())
    ex = extract(path)
    assert ex.kind == "docx"
    lines = ex.text.split("\n")
    assert lines[0] == "秘密★1年" and lines[-1] == "（此件不公开）"
    assert "市环保局" in lines
    fs = screen_text(ex.text, typos=False)
    for f in fs:
        assert ex.text[f.start:f.end] == f.text
    got = {(f.category, f.text, f.severity) for f in fs}
    assert ("secrecy", "秘密★1年", "block") in got
    assert ("secrecy", "（此件不公开）", "block") in got
    assert ("privacy", "13912345678", "warn") in got
    assert ("expression", "市环保局", "warn") in got or ("expression", "环保局", "warn") in got


def _pdf_bytes(lines) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("STSong-Light", 12)
    y = 800
    for line in lines:
        c.drawString(72, y, line)
        y -= 20
    c.save()
    return buf.getvalue()


def test_pdf_with_cjk_font():
    data = _pdf_bytes(["机密★5年", "关于申请专项经费的请示", "申请人身份证号11010519491231002X。"])
    ex = extract(data, "x.pdf")
    assert ex.kind == "pdf"
    assert "机密★5年" in ex.text
    fs = screen_text(ex.text, typos=False)
    for f in fs:
        assert ex.text[f.start:f.end] == f.text
    cats = {(f.category, f.text) for f in fs}
    assert ("secrecy", "机密★5年") in cats
    assert ("privacy", "11010519491231002X") in cats
    assert any(c == "prohibited" for c, _ in cats)


def test_gbk_text_file_is_detected(tmp_path):
    text = "秘密★1年\r\n各单位：请联系13912345678。\r\n"
    path = tmp_path / "old.txt"
    path.write_bytes(text.encode("gbk"))
    ex = extract(path)
    assert ex.text == text and ex.encoding == "gb18030"
    fs = screen_text(ex.text, typos=False)
    assert {f.text for f in fs} >= {"秘密★1年", "13912345678"}


def test_utf8_bom_dropped_crlf_kept():
    ex = extract("\ufeff第一行\r\n第二行".encode("utf-8"), "a.txt")
    assert ex.text == "第一行\r\n第二行"


def test_html_visible_text_only():
    ex = extract("<p>甲&amp;乙</p><script>秘密★1年</script><div>丙<br>丁</div>".encode("utf-8"), "a.htm")
    assert ex.text == "甲&乙\n丙\n丁"


@pytest.mark.parametrize("data, name", [(b"PK\x03\x04garbage", "a.docx"), (b"%PDF-1.4 garbage", "a.pdf"),
                                        (b"\x00\x01\x02\xff\xfe\x00", "a.bin")])
def test_bad_files_raise_a_one_line_error(data, name):
    with pytest.raises(ExtractError) as e:
        extract(data, name)
    assert "\n" not in str(e.value)
