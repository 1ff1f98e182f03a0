"""Charts (统计图) drawn on the server as inline SVG: no script, nothing fetched from the internet.

Each chart is an image with a <title> and a <desc> for screen readers; the page shows the same figures in a
table beside it, so nothing is only in the picture.
"""

from itertools import count

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

INK, MUTED, TRACK, BAR, LINE = "#1f2933", "#616e7c", "#eef0f3", "#a4161a", "#1d4ed8"
_ids = count(1)


def _frame(title: str, description: str, width: int, height: int, body: list[str]) -> SafeString:
    uid = f"chart{next(_ids)}"
    return mark_safe(
        f'<svg role="img" aria-labelledby="{uid}-t {uid}-d" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" class="chart">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(description)}</desc>'
        + "".join(body) + "</svg>")


def _shown(value, fmt) -> str:
    return "—" if value is None else fmt(value)


def bar_chart(title: str, bars: list[tuple[str, float | int | None]], fmt=str) -> SafeString:
    """Horizontal bars, one per (label, value); a value of None is drawn empty and written as —."""
    row, label_w, track_w = 26, 150, 320
    top = max((v for _l, v in bars if v is not None), default=0) or 1
    description = "；".join(f"{label}：{_shown(value, fmt)}" for label, value in bars)
    body = []
    for i, (label, value) in enumerate(bars):
        y = i * row
        width = 0 if value is None else round(track_w * value / top)
        body.append(
            f'<g transform="translate(0,{y})"><text x="0" y="17" font-size="13" fill="{INK}">'
            f'{escape(label[:11])}</text><rect x="{label_w}" y="4" width="{track_w}" height="18" fill="{TRACK}"/>'
            f'<rect x="{label_w}" y="4" width="{width}" height="18" fill="{BAR}"/>'
            f'<text x="{label_w + track_w + 8}" y="17" font-size="13" fill="{INK}">'
            f'{escape(_shown(value, fmt))}</text></g>')
    return _frame(title, description, label_w + track_w + 90, max(row * len(bars), row), body)


def line_chart(title: str, points: list[tuple[str, int]]) -> SafeString:
    """A line through (label, value) points left to right, with the labels under the axis and values above."""
    width, height, left, bottom, top_pad = 640, 220, 36, 30, 20
    plot_w, plot_h = width - left - 16, height - bottom - top_pad
    top = max((v for _l, v in points), default=0) or 1
    step = plot_w / max(len(points) - 1, 1)
    xy = [(left + i * step, top_pad + plot_h - plot_h * v / top) for i, (_l, v) in enumerate(points)]
    body = [f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{width - 16}" y2="{top_pad + plot_h}" stroke="{MUTED}"/>',
            f'<line x1="{left}" y1="{top_pad}" x2="{left}" y2="{top_pad + plot_h}" stroke="{MUTED}"/>',
            f'<text x="{left - 6}" y="{top_pad + 4}" font-size="11" text-anchor="end" fill="{MUTED}">{top}</text>',
            f'<text x="{left - 6}" y="{top_pad + plot_h}" font-size="11" text-anchor="end" fill="{MUTED}">0</text>']
    if len(xy) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
        body.append(f'<polyline points="{path}" fill="none" stroke="{LINE}" stroke-width="2"/>')
    for (label, value), (x, y) in zip(points, xy):
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{LINE}"/>'
                    f'<text x="{x:.1f}" y="{y - 7:.1f}" font-size="11" text-anchor="middle" fill="{INK}">{value}</text>'
                    f'<text x="{x:.1f}" y="{height - 10}" font-size="11" text-anchor="middle" fill="{MUTED}">'
                    f'{escape(label)}</text>')
    description = "；".join(f"{label}：{value}" for label, value in points)
    return _frame(title, description, width, height, body)
