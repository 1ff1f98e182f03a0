"""Answers kept whole (保存的页面) and given again: what the public page cache and the personal page cache
both store — a 200 answer's headers, cookies and content — under keys that name the code's build, so a
page rendered by other code (before an upgrade) is never given again.
"""

import hashlib
from functools import lru_cache
from pathlib import Path

from django.http import HttpResponse


@lru_cache(maxsize=1)
def build() -> str:
    """This installation's code, templates and translations."""
    h = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.parent.rglob("*")):
        if path.suffix in {".py", ".html", ".txt", ".mo", ".tsv"}:
            st = path.stat()
            h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()[:16]


def kept_form(response):
    """What `given_again` needs of a kept (200) answer: its headers, cookies and content."""
    cookies = {name: (morsel.value, dict(morsel)) for name, morsel in response.cookies.items()}
    return list(response.items()), cookies, response.content


def given_again(form) -> HttpResponse:
    """The kept answer rebuilt (only 200 answers are kept)."""
    headers, cookies, content = form
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    for name, (value, attributes) in cookies.items():
        response.cookies[name] = value
        response.cookies[name].update(attributes)
    return response
