"""Filling in a page's form the way a browser would: what it shows is what gets sent, plus what the test types."""

from html import unescape
from html.parser import HTMLParser


class FormReader(HTMLParser):
    """The values a browser would submit from the form marked data-testid=`testid`."""

    def __init__(self, testid: str):
        super().__init__(convert_charrefs=True)
        self.testid, self.inside, self.values = testid, False, {}
        self.select = self.textarea = None
        self.first_option = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("data-testid") == self.testid
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button"):
            if attrs.get("type") != "checkbox":
                self.values[name] = unescape(attrs.get("value") or "")
            elif "checked" in attrs:
                self.values[name] = attrs.get("value") or "on"
        elif tag == "select":
            self.select = name
        elif tag == "option" and self.select:
            self.first_option.setdefault(self.select, attrs.get("value", ""))
            if "selected" in attrs:
                self.values[self.select] = attrs.get("value", "")
        elif tag == "textarea":
            self.textarea = name
            self.values[name] = ""

    def handle_data(self, data):
        if self.inside and self.textarea:
            self.values[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select:
            self.values.setdefault(self.select, self.first_option.get(self.select, ""))
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.values[self.textarea] = self.values[self.textarea].removeprefix("\n")
            self.textarea = None


def form_values(page: str, testid: str) -> dict[str, str]:
    reader = FormReader(testid)
    reader.feed(page)
    return reader.values
