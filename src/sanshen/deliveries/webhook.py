"""Signed webhook requests (签名推送) to a channel's 推送地址.

The receiver verifies a request like this (the README shows it in full):

    signed = X-Sanshen-Timestamp + "." + raw request body        (bytes, UTF-8)
    X-Sanshen-Signature == "sha256=" + hex(HMAC-SHA256(channel.webhook_secret, signed))

and should refuse timestamps more than a few minutes old and treat `delivery_id` as an idempotency key.
"""

import hashlib
import hmac
import json
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.utils.translation import gettext as _

TIMEOUT_SECONDS = 10
SIGNATURE_HEADER = "X-Sanshen-Signature"
TIMESTAMP_HEADER = "X-Sanshen-Timestamp"


@dataclass(frozen=True)
class Outcome:
    """What one attempt got: delivered or not, the HTTP status when there was one, and what went wrong."""

    delivered: bool
    response_code: int | None = None
    error: str = ""


def encode(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """`sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the channel's secret>`."""
    signed = timestamp.encode("ascii") + b"." + body
    return "sha256=" + hmac.new(secret.encode("utf-8"), signed, hashlib.sha256).hexdigest()


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer we did not ask for: urllib would re-send a POST as an empty GET."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def _snippet(data: bytes) -> str:
    return " ".join(data[:200].decode("utf-8", "replace").split())


def post(url: str, secret: str, document: dict, *, event: str, timeout: float = TIMEOUT_SECONDS) -> Outcome:
    """POST the signed document; only a 2xx answer counts as delivered."""
    if not secret:
        return Outcome(False, error=_("渠道设置了推送地址但没有签名密钥，未推送。"))
    body = encode(document)
    timestamp = str(int(time.time()))
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Sanshen-Delivery/1",
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: signature(secret, timestamp, body),
        "X-Sanshen-Event": event,
        "X-Sanshen-Delivery": str(document["delivery_id"]),
    })
    try:
        with _opener.open(request, timeout=timeout) as response:
            code = response.status
            answer = response.read(2048)
    except urllib.error.HTTPError as error:
        answer = error.read(2048) if error.fp else b""
        return Outcome(False, error.code, _("接收方返回 HTTP %(code)s：%(answer)s") % {
            "code": error.code, "answer": _snippet(answer) or error.reason})
    except (TimeoutError, socket.timeout):
        return Outcome(False, error=_("接收方 %(seconds)s 秒内没有响应。") % {"seconds": timeout})
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            return Outcome(False, error=_("接收方 %(seconds)s 秒内没有响应。") % {"seconds": timeout})
        return Outcome(False, error=_("无法连接接收方：%(reason)s") % {"reason": reason})
    except (OSError, ValueError) as error:
        return Outcome(False, error=_("无法连接接收方：%(reason)s") % {"reason": error})
    if 200 <= code < 300:
        return Outcome(True, code)
    return Outcome(False, code, _("接收方返回 HTTP %(code)s：%(answer)s") % {"code": code, "answer": _snippet(answer)})
