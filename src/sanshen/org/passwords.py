"""Password rules (口令管理) of 002§14 and 001 website§21, as Django password validators."""

import string

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SYMBOLS = set(string.punctuation) | set("，。！？；：、“”‘’（）【】《》·￥…—")


class MinimumLengthValidator:
    """At least `min_length` characters."""

    def __init__(self, min_length=8):
        self.min_length = min_length

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(_("密码太短，至少需要 %(n)s 个字符。") % {"n": self.min_length}, code="password_too_short")

    def get_help_text(self):
        return _("密码至少需要 %(n)s 个字符。") % {"n": self.min_length}


class CharacterClassesValidator:
    """Letters, digits and symbols must all appear."""

    def validate(self, password, user=None):
        missing = []
        if not any(c.isascii() and c.isalpha() for c in password):
            missing.append(_("字母"))
        if not any(c.isdigit() for c in password):
            missing.append(_("数字"))
        if not any(c in SYMBOLS for c in password):
            missing.append(_("符号"))
        if missing:
            raise ValidationError(
                _("密码须同时包含字母、数字和符号，还缺少：%(missing)s。") % {"missing": "、".join(missing)},
                code="password_classes",
            )

    def get_help_text(self):
        return _("密码须同时包含字母、数字和符号。")


class NotLikeUsernameValidator:
    """The password may not contain the username, forwards or backwards, whatever the case."""

    def validate(self, password, user=None):
        username = (user.get_username() if user is not None else "") or ""
        if len(username) < 3:
            return
        lowered = password.lower()
        if username.lower() in lowered or username.lower()[::-1] in lowered:
            raise ValidationError(_("密码不能包含用户名。"), code="password_like_username")

    def get_help_text(self):
        return _("密码不能包含用户名。")


class RecentPasswordsValidator:
    """None of the last `remember` passwords may be used again."""

    def __init__(self, remember=5):
        self.remember = remember

    def validate(self, password, user=None):
        if user is None or user.pk is None:
            return
        for old in user.password_history.all()[: self.remember]:
            if check_password(password, old.password_hash):
                raise ValidationError(
                    _("不能使用最近 %(n)s 次用过的密码。") % {"n": self.remember}, code="password_reused"
                )

    def get_help_text(self):
        return _("不能使用最近 %(n)s 次用过的密码。") % {"n": self.remember}
