"""The statistics table as shown (统计表): header and cells for the page, CSV and XLSX alike.

The page, the CSV and the XLSX all take their figures from `table_cells()`, so what is downloaded is exactly
what was on the screen. Rates are percentages with one decimal, densities per 1,000 characters with two.
"""

import csv
from io import BytesIO, StringIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .figures import GROUPINGS, MEASURES, Measure, Table

EMPTY = "—"


def measure_heading(measure: Measure) -> str:
    return _("%(label)s（%%）") % {"label": measure.label} if measure.kind == "rate" else str(measure.label)


def shown(measure: Measure, value):
    """A figure as the page writes it: int counts, a percentage to one decimal, a density to two, or —."""
    if value is None:
        return EMPTY
    if measure.kind == "rate":
        return round(value * 100, 1)
    if measure.kind == "density":
        return round(value, 2)
    return int(value)


def table_header(table: Table) -> list[str]:
    return [str(GROUPINGS[table.by]).removeprefix("按")] + [measure_heading(m) for m in MEASURES]


def table_cells(table: Table) -> list[list]:
    """One list per group and a last one for the total: the label, then each measure as shown."""
    return [[row.label] + [shown(m, row.figures[m.key]) for m in MEASURES] for row in [*table.rows, table.total]]


def monthly_cells(table: Table) -> list[list]:
    return [[f"{month:%Y-%m}", n] for month, n in table.months]


def csv_text(header: list, rows: list[list]) -> str:
    out = StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 CSV with Chinese correctly only with a BOM
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def xlsx_bytes(sheets: list[tuple[str, list, list[list]]]) -> bytes:
    """A workbook with one sheet per (title, header, rows); the header row bold."""
    book = Workbook()
    book.remove(book.active)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title[:31])
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        sheet.column_dimensions["A"].width = 24
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def statistics_sheets(table: Table, notes: list[str]) -> list[tuple[str, list, list[list]]]:
    """The statistics workbook: the table, the monthly published items, and the definitions in words."""
    return [
        (_("统计表"), table_header(table), table_cells(table)),
        (_("每月发布"), [_("月份"), _("发布稿件数")], monthly_cells(table)),
        (_("口径说明"), [_("统计期间"), str(table.period)], [[note] for note in notes]),
    ]
