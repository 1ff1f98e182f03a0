"""A year of generated activity, and reading tables back from pages, CSV and XLSX."""

import csv
import io
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from .activity import plan_year, write


@pytest.fixture
def year_activity(db):
    """The plan of a generated year (2025), written to the database."""
    plan = plan_year()
    write(plan)
    return plan


class _Tables(HTMLParser):
    """Cells of the table with the given data-testid, as text."""

    def __init__(self, testid: str):
        super().__init__()
        self.testid, self.depth, self.rows, self.cell = testid, 0, [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and (dict(attrs).get("data-testid") == self.testid or self.depth):
            self.depth += 1
        elif self.depth and tag == "tr":
            self.rows.append([])
        elif self.depth and tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "table" and self.depth:
            self.depth -= 1
        elif self.depth and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(self.cell.strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def html_table(content: bytes, testid: str) -> list[list[str]]:
    parser = _Tables(testid)
    parser.feed(content.decode())
    return parser.rows


def page_figures(content: bytes) -> list[list[str]]:
    """The statistics page's three tables side by side: one row per group (total last), headings first."""
    sections = [html_table(content, f"statistics-{slug}") for slug in ("work", "follow-ups", "findings")]
    return [first + [cell for other in others for cell in other[1:]] for first, *others in zip(*sections)]


def csv_table(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_table(content: bytes, sheet: int = 0) -> list[list[str]]:
    book = load_workbook(io.BytesIO(content))
    return [["" if v is None else str(v) for v in row] for row in book.worksheets[sheet].iter_rows(values_only=True)]
