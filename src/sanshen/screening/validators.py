"""Personal-data validators (个人信息校验): ID numbers, mobile numbers, bank cards.

Candidates are found by regular expressions on the folded text (full-width digits are plain
digits there, offsets unchanged) and kept only when they validate: an ID number (公民身份号码,
GB 11643) needs a known province code, a real birth date and the MOD 11-2 check digit; a mobile
number (手机号码) a segment in use; a bank card (银行卡号) 16 or 19 digits, a network prefix and a
valid Luhn sum.  Look-alikes that fail are not findings.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from .findings import Finding
from .packs import Pack

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

_SEP = r"[ \-\u00a0\u3000－]"
_REGION = re.compile(r"\d[\d \-\u00a0\u3000－x()+]{9,}")
_ID_RE = re.compile(r"(?<![0-9a-z])(\d{6}" + _SEP + r"?\d{8}" + _SEP + r"?\d{3}[0-9x])(?![0-9a-z])")
_MOBILE_RE = re.compile(
    r"(?<![0-9+])((?:(?:\+|00)86" + _SEP + r"?|\(\+?86\)" + _SEP + r"?)?1\d{2}" + _SEP + r"?\d{4}" + _SEP + r"?\d{4})(?![0-9])"
)
_CARD_RE = re.compile(
    r"(?<![0-9])(\d{19}|\d{16}|\d{4}(?:" + _SEP + r"\d{4}){3}(?:" + _SEP + r"\d{3})?)(?![0-9])"
)


def id_number_valid(number: str, provinces: frozenset[str] | None = None) -> bool:
    """GB 11643 check: 18 characters, province, real date (1900..today), check digit."""
    n = number.upper()
    if len(n) != 18 or not n[:17].isdigit() or not (n[17].isdigit() or n[17] == "X"):
        return False
    if provinces is not None and n[:2] not in provinces:
        return False
    try:
        born = _dt.date(int(n[6:10]), int(n[10:12]), int(n[12:14]))
    except ValueError:
        return False
    if born.year < 1900 or born > _dt.date.today():
        return False
    total = sum(int(c) * w for c, w in zip(n[:17], _ID_WEIGHTS))
    return _ID_CHECK[total % 11] == n[17]


def luhn_valid(number: str) -> bool:
    """Luhn (ISO/IEC 7812) sum of a digit string."""
    total = 0
    for i, c in enumerate(reversed(number)):
        d = ord(c) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _digits(s: str) -> str:
    return "".join(c for c in s if c.isdigit() or c in "xX")


# How many digits stay visible at each end of a masked number (脱敏), by rule: the advice below and the
# item page's one-click masking (content.fixes) show the same.
MASK_KEEP = {"privacy.mobile": (3, 4), "privacy.id_number": (6, 4), "privacy.bank_card": (4, 4)}
MOBILE_DIGITS = 11  # a mainland mobile number without its country code (+86, 0086)


def _mask(d: str, rule: str) -> str:
    keep_head, keep_tail = MASK_KEEP[rule]
    return d[:keep_head] + "*" * max(0, len(d) - keep_head - keep_tail) + d[len(d) - keep_tail:]


@dataclass(frozen=True)
class PrivacyRules:
    """Validator data from packs/privacy.tsv."""

    provinces: frozenset[str]
    mobile_prefixes: frozenset[str]
    card_first: frozenset[str]
    severities: tuple[tuple[str, str], ...]

    @classmethod
    def empty(cls) -> "PrivacyRules":
        return cls(frozenset(), frozenset(), frozenset(), ())

    @classmethod
    def from_pack(cls, pack: Pack) -> "PrivacyRules":
        by: dict[str, set[str]] = {}
        sev = []
        for row in pack.rows:
            if row["kind"] == "severity":
                sev.append((row["value"], row.get("severity") or "block"))
            else:
                by.setdefault(row["kind"], set()).add(row["value"])
        return cls(frozenset(by.get("province", ())), frozenset(by.get("mobile_prefix", ())),
                   frozenset(by.get("card_first", ())), tuple(sev))

    def severity(self, kind: str) -> str:
        return dict(self.severities).get(kind, "block")

    def find(self, folded: str, original: str) -> list[Finding]:
        """Privacy findings in ``folded`` (offsets shared with ``original``): the validators run
        on windows around runs of at least ten digits and separators only."""
        if not self.provinces:
            return []
        out: list[Finding] = []
        last = -1
        for m in _REGION.finditer(folded):
            s = max(m.start() - 6, last)
            e = min(m.end() + 2, len(folded))
            if s >= e:
                continue
            last = e
            out += self._find(folded, original, s, e)
        return out

    def _find(self, folded: str, original: str, lo: int, hi: int) -> list[Finding]:
        out: list[Finding] = []
        taken: list[tuple[int, int]] = []
        for m in _ID_RE.finditer(folded, lo, hi):
            d = _digits(m.group(1))
            if id_number_valid(d, self.provinces):
                s, e = m.span(1)
                taken.append((s, e))
                out.append(Finding("privacy", "privacy.id_number", self.severity("id"), s, e, original[s:e],
                                   f"删除或脱敏，如 {_mask(d.upper(), 'privacy.id_number')}",
                                   "疑似公民身份号码（校验位有效）：公开信息不得包含个人身份证号码"))
        for m in _CARD_RE.finditer(folded, lo, hi):
            s, e = m.span(1)
            if any(s < te and ts < e for ts, te in taken):
                continue
            d = _digits(m.group(1))
            if len(d) not in (16, 19) or d[0] not in self.card_first or not luhn_valid(d):
                continue
            taken.append((s, e))
            out.append(Finding("privacy", "privacy.bank_card", self.severity("card"), s, e, original[s:e],
                               f"删除或脱敏，如 {_mask(d, 'privacy.bank_card')}",
                               "疑似银行卡号（Luhn 校验有效）：公开信息不得包含个人银行卡号"))
        for m in _MOBILE_RE.finditer(folded, lo, hi):
            s, e = m.span(1)
            if any(s < te and ts < e for ts, te in taken):
                continue
            d = _digits(m.group(1))
            if len(d) == 13 and d.startswith("86"):
                d = d[2:]
            elif len(d) == 15 and d.startswith("0086"):
                d = d[4:]
            if len(d) != MOBILE_DIGITS or d[:3] not in self.mobile_prefixes:
                continue
            out.append(Finding("privacy", "privacy.mobile", self.severity("mobile"), s, e, original[s:e],
                               f"改为办公电话或脱敏，如 {_mask(d, 'privacy.mobile')}",
                               "疑似个人手机号码：公开信息不得包含个人联系方式，请改用办公电话"))
        return out
