"""Lists in the API a page at a time (分页): `limit` (at most `MAX_LIMIT`) and `offset`, with how many match in
the `X-Total-Count` response header, so a list answer keeps the shape its clients already read."""

from typing import Annotated

from django.http import HttpResponse
from ninja import Field, Schema

MAX_LIMIT = 500
TOTAL_HEADER = "X-Total-Count"
PAGING_NOTE = (f"分页：limit（每页条数，最多 {MAX_LIMIT}）与 offset（跳过条数）；符合条件的总数在响应头 {TOTAL_HEADER}。"
               f" Paged with limit (at most {MAX_LIMIT}) and offset; the number matching is in the {TOTAL_HEADER} header.")


class Paging(Schema):
    """`limit`/`offset` query parameters; a list endpoint's filter schema inherits them."""

    limit: Annotated[int, Field(ge=1, le=MAX_LIMIT, description="每页条数 At most this many")] = 100
    offset: Annotated[int, Field(ge=0, description="跳过条数 Skip this many")] = 0


def paged(description: str) -> str:
    """An endpoint's description with the paging note after it (for the OpenAPI document)."""
    return f"{description}\n\n{PAGING_NOTE}"


def page_of(response: HttpResponse, rows, paging: Paging):
    """The page of `rows` (a queryset, counted in the database, or a list) asked for; the total in the header."""
    total = len(rows) if isinstance(rows, list) else rows.count()
    response[TOTAL_HEADER] = str(total)
    return rows[paging.offset:paging.offset + paging.limit]
