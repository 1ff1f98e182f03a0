"""What a page costs in database queries: the one counter the query-bound tests share."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries(client, url) -> int:
    """The number of queries one GET of `url` takes (it must answer 200)."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)
