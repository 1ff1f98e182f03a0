"""A captcha that needs no outside service and no image (验证题): a sum or difference asked in Chinese words.

The question is made on the server; the form carries a token signed with the site's secret key: a
one-time nonce, the time it was made, and an HMAC of nonce and answer — the answer itself is never in
the page. A token is good for `LIFETIME` and for one message (the nonce is stored with the message).
"""

import secrets
import unicodedata
from dataclasses import dataclass

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

SALT = "sanshen.interaction.captcha"
LIFETIME_SECONDS = 20 * 60
DIGITS = "零一二三四五六七八九"


@dataclass(frozen=True)
class Challenge:
    question: str
    token: str


def chinese_number(n: int) -> str:
    """0–99 in Chinese words: 七, 十五, 二十, 三十八."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return DIGITS[ones]
    return (DIGITS[tens] if tens > 1 else "") + "十" + (DIGITS[ones] if ones else "")


def _digest(nonce: str, answer: int) -> str:
    return salted_hmac(SALT, f"{nonce}:{answer}", algorithm="sha256").hexdigest()


def new_challenge() -> Challenge:
    """A fresh question, e.g. “十二加七等于多少？”, and its signed token."""
    a, b = secrets.randbelow(20) + 1, secrets.randbelow(9) + 1
    if secrets.randbelow(2):
        question, answer = _("%(a)s加%(b)s等于多少？") % {"a": chinese_number(a), "b": chinese_number(b)}, a + b
    else:
        a, b = max(a, b), min(a, b)
        question, answer = _("%(a)s减%(b)s等于多少？") % {"a": chinese_number(a), "b": chinese_number(b)}, a - b
    nonce = secrets.token_hex(12)
    token = signing.TimestampSigner(salt=SALT).sign(f"{nonce}.{_digest(nonce, answer)}")
    return Challenge(question=question, token=token)


def nonce_of(token: str) -> str:
    """The token's one-time nonce (call after `refusal` said it is good)."""
    return token.split(".", 1)[0]


def refusal(token: str, answer: str, *, max_age: int = LIFETIME_SECONDS) -> str | None:
    """Why the answer does not pass (wrong, expired, tampered), or None when it does."""
    try:
        value = signing.TimestampSigner(salt=SALT).unsign(token or "", max_age=max_age)
    except signing.SignatureExpired:
        return _("验证题已过期，请回答新的验证题。")
    except signing.BadSignature:
        return _("验证题无效，请回答新的验证题。")
    nonce, _sep, digest = value.partition(".")
    given = unicodedata.normalize("NFKC", answer or "").strip()
    if not (given.isascii() and given.isdigit()) or not constant_time_compare(_digest(nonce, int(given)), digest):
        return _("验证题答案不正确，请重新计算后填写。")
    return None
