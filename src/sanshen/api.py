"""The REST API at /api/ (django-ninja); the OpenAPI schema at /api/docs is the contract.

Auth: `Authorization: Bearer <token>` from `POST /api/auth/token`, or the browser session.
Errors are JSON `{"detail": "<Chinese reason>"}` with a 4xx status.
"""

from django.contrib.auth import authenticate
from django_otp import devices_for_user, user_has_device
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer, django_auth

from sanshen.accountability.api import suspensions_router
from sanshen.channels.api import channels_router
from sanshen.content.api import items_router, secrecy_router
from sanshen.deliveries.api import deliveries_router
from sanshen.events.api import events_router, self_media_router
from sanshen.interaction.api import messages_router
from sanshen.lexicons.api import lexicons_router
from sanshen.org.grant_requests_api import grant_requests_router
from sanshen.org.models import Role
from sanshen.org.tokens import TOKEN_LIFETIME, issue_token, person_for_token
from sanshen.oversight.audit import record
from sanshen.publishing.api import publications_router
from sanshen.statistics.api import statistics_router


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        person = person_for_token(token)
        if person is not None:
            request.user = person
        return person


api = NinjaAPI(
    title="Sanshen 三审 API",
    version="1",
    description="稿件采集、筛查、三审三校、发布与监督的接口。",
    auth=[BearerToken(), django_auth],
    docs_url="/docs",
)
api.add_router("/items", items_router)
api.add_router("/items", publications_router)
api.add_router("/items", "sanshen.review.comments_api.comments_router")
api.add_router("/events", events_router)
api.add_router("/self-media", self_media_router)
api.add_router("/secrecy-requests", secrecy_router)
api.add_router("/lexicons", lexicons_router)
api.add_router("/deliveries", deliveries_router)
api.add_router("/channels", channels_router)
api.add_router("", statistics_router)
api.add_router("/messages", messages_router)
api.add_router("/suspensions", suspensions_router)
api.add_router("/grant-requests", grant_requests_router)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(request, {"detail": "未登录或令牌无效，请先获取令牌（POST /api/auth/token）。"},
                               status=401)


@api.exception_handler(ValidationError)
def invalid_input(request, exc):
    problems = []
    for error in exc.errors:
        location = list(error.get("loc", []))
        if location[:1] == ["body"]:
            location = location[2:]  # ("body", <parameter name>, field, ...): the field is what people typed
        where = ".".join(str(part) for part in location)
        problems.append(f"{where}: {error.get('msg', '')}" if where else str(error.get("msg", "")))
    return api.create_response(request, {"detail": "输入有误：" + "；".join(problems), "errors": exc.errors},
                               status=422)


class TokenRequest(Schema):
    username: str
    password: str
    otp: str | None = None


class TokenResponse(Schema):
    token: str
    expires_in: int


class Error(Schema):
    detail: str


@api.post("/auth/token", auth=None, response={200: TokenResponse, 401: Error, 403: Error}, tags=["账户"])
def obtain_token(request, payload: TokenRequest):
    """Exchange a username and password (and the TOTP code when one is set up) for a bearer token."""
    person = authenticate(request, username=payload.username, password=payload.password)
    if person is None:
        raise HttpError(401, "用户名或密码不正确，或账号已被锁定。")
    if person.password_expired():
        raise HttpError(403, "密码已过期，请先在网页上修改密码。")
    if user_has_device(person, confirmed=True):
        if not payload.otp or not any(d.verify_token(payload.otp) for d in devices_for_user(person)):
            raise HttpError(401, "需要正确的动态验证码（otp）。")
    elif person.has_role(Role.ADMIN):
        raise HttpError(403, "系统管理员须先在网页上启用动态口令。")
    key, _token = issue_token(person)
    record("account.token_issued", actor=person, obj=person, request=request)
    return {"token": key, "expires_in": int(TOKEN_LIFETIME.total_seconds())}


class RoleOut(Schema):
    role: str
    label: str
    departments: list[str]


class MeOut(Schema):
    username: str
    full_name: str
    department: str | None
    roles: list[RoleOut]
    has_pledge: bool


@api.get("/me", response=MeOut, tags=["账户"])
def me(request):
    """Who the caller is: name, department, roles with their departments, and pledge status."""
    user = request.user
    return {
        "username": user.username,
        "full_name": user.full_name,
        "department": user.department.name if user.department else None,
        "roles": [
            {"role": a.role, "label": str(a.get_role_display()), "departments": [d.name for d in a.departments.all()]}
            for a in user.role_assignments.prefetch_related("departments").order_by("role")
        ],
        "has_pledge": user.has_current_pledge(),
    }
