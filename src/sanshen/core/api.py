"""What every API router shares (接口公共部分): ids, the refusal answer and how refusals become 4xx, people.

Status codes follow one rule across the API: 404 no such record; 403 the permission module refuses this
person (the detail is its reason); 400 a use case refused under a business rule (the detail is its reason);
422 malformed input.
"""

from contextlib import contextmanager
from typing import Annotated

from ninja import Field, Schema
from ninja.errors import HttpError

from .errors import Refused

DB_MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=DB_MAX_ID)]


class Refusal(Schema):
    detail: str = Field(description="原因（中文） Why the request was refused, in Chinese")


REFUSALS = {400: Refusal, 403: Refusal, 404: Refusal, 422: Refusal}


class PersonOut(Schema):
    username: str
    full_name: str


def person_out(person) -> dict | None:
    return {"username": person.username, "full_name": person.full_name} if person is not None else None


def forbid(reason: str | None) -> None:
    """403 with the permission module's reason, when there is one."""
    if reason:
        raise HttpError(403, reason)


@contextmanager
def service_refusals(*errors: type[Exception]):
    """A use case's refusal (any `Refused`, or the given error classes) becomes 400 with its reason."""
    try:
        yield
    except errors or (Refused,) as error:
        raise HttpError(400, str(error)) from None
