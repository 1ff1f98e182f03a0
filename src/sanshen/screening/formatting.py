"""Publishing-format checks (发布格式, 001 website§14): duplicate titles, body colour, font, line
spacing.  Warnings of category ``format``.

001 website§14: 大标题不要重复，正文统一为黑色，字体用四号仿宋GB2312字体，行间距设定为28.
``check_title`` compares a title with the titles already published; ``check_html_runs`` reads the
inline styles (``style="color:…; font-family:…; font-size:…; line-height:…"`` and ``<font>``
attributes) that the HTML extractor recorded for each run of body text.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from .findings import Finding

_PUNCT = re.compile(r"[\s\u3000\u200b-\u200f\ufeff·•“”\"'‘’《》<>「」【】\[\]()（）,，.。:：;；!！?？、\-—_]+")

_BLACK = {"#000", "#000000", "black", "rgb(0,0,0)", "windowtext", "auto", "inherit", "initial",
          "currentcolor", "rgba(0,0,0,1)", "#000000ff", "rgb(0%,0%,0%)", "unset"}
_FANGSONG = ("仿宋", "fangsong", "fang song", "fangsong_gb2312", "stfangsong", "simfang")
# 四号 = 14 pt = 18.67 px; the line spacing the rule fixes is 28 (pt or px, as editors write it)
_SIZE_OK = {"14pt", "18.6px", "18.67px", "18.7px", "19px", "18px", "四号", "1.1667em", "4"}


def title_key(title: str) -> str:
    return _PUNCT.sub("", title).lower()


def check_title(title: str, existing_titles: Iterable[str]) -> list[Finding]:
    """A duplicate-title warning (标题重复) with offsets into ``title``."""
    key = title_key(title)
    if not key:
        return []
    for other in existing_titles:
        if other and title_key(other) == key:
            s = len(title) - len(title.lstrip())
            e = len(title.rstrip())
            return [Finding("format", "format.duplicate_title", "warn", s, e, title[s:e], "修改标题，避免与已发布信息重复",
                            f"标题与已发布的“{other.strip()}”重复（网站大标题不要重复）")]
    return []


def _norm(v: str) -> str:
    return re.sub(r"\s+", "", v.strip().strip("'\"").lower()).replace("!important", "")


def _problems(style: dict[str, str]) -> list[tuple[str, str, str]]:
    out = []
    color = style.get("color")
    if color is not None and _norm(color) not in _BLACK:
        out.append(("format.body_color", "改为黑色", f"正文颜色为“{color}”，正文应统一为黑色"))
    font = style.get("font-family")
    if font is not None:
        f = _norm(font)
        if f not in ("inherit", "initial", "unset") and not any(k in f for k in _FANGSONG):
            out.append(("format.body_font", "仿宋_GB2312", f"正文字体为“{font}”，应为四号仿宋GB2312"))
    size = style.get("font-size")
    if size is not None:
        sz = _norm(size)
        if sz not in _SIZE_OK and sz not in ("inherit", "initial", "unset", "medium"):
            out.append(("format.body_size", "四号（14pt）", f"正文字号为“{size}”，应为四号（14pt）"))
    lh = style.get("line-height")
    if lh is not None:
        v = _norm(lh)
        if not re.fullmatch(r"28(?:\.0+)?(?:px|pt)?", v) and v not in ("inherit", "initial", "unset"):
            out.append(("format.line_spacing", "行间距28", f"行间距为“{lh}”，应设定为28"))
    return out


def check_html_runs(text: str, runs: Sequence[tuple[int, int, dict, bool]]) -> list[Finding]:
    """Format warnings for body runs ``(start, end, style, is_heading)`` of extracted HTML text;
    adjacent runs with the same problem give one finding."""
    out: list[Finding] = []
    open_: dict[str, list] = {}  # rule -> [start, end, suggestion, message]

    def close(rule):
        s, e, sug, msg = open_.pop(rule)
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Finding("format", rule, "warn", s, e, text[s:e], sug, msg))

    for start, end, style, heading in runs:
        if heading or not text[start:end].strip():
            continue
        probs = {r: (sug, msg) for r, sug, msg in _problems(style)}
        for rule in list(open_):
            if rule not in probs or text[open_[rule][1]:start].strip():
                close(rule)
        for rule, (sug, msg) in probs.items():
            if rule in open_:
                open_[rule][1] = end
            else:
                open_[rule] = [start, end, sug, msg]
    for rule in list(open_):
        close(rule)
    out.sort(key=lambda f: (f.start, f.rule))
    return out
