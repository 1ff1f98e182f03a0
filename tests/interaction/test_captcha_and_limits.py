"""The captcha (no outside service, answer never in the page) and the limits per address, counted in the database."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from sanshen.interaction import captcha, services
from sanshen.interaction.captcha import chinese_number

from .captcha_solver import solve

pytestmark = pytest.mark.django_db


def test_numbers_are_asked_in_chinese_words():
    assert [chinese_number(n) for n in (0, 7, 10, 15, 20, 38)] == ["零", "七", "十", "十五", "二十", "三十八"]


def test_the_right_answer_passes_and_the_token_does_not_carry_it():
    for _ in range(20):
        challenge = captcha.new_challenge()
        answer = solve(challenge.question)
        assert captcha.refusal(challenge.token, str(answer)) is None
        readable = challenge.token.split(":")[0]  # the signed value, before timestamp and signature
        nonce, digest = readable.split(".")
        assert nonce == captcha.nonce_of(challenge.token) and len(digest) == 64 and int(digest, 16) >= 0


def test_full_width_digits_count_as_digits():
    challenge = captcha.new_challenge()
    full_width = "".join(chr(ord(d) + 0xFEE0) for d in str(solve(challenge.question)))
    assert captcha.refusal(challenge.token, full_width) is None


def test_a_wrong_expired_or_tampered_answer_is_refused_with_its_reason():
    challenge = captcha.new_challenge()
    answer = solve(challenge.question)
    assert "不正确" in captcha.refusal(challenge.token, str(answer + 1))
    assert "不正确" in captcha.refusal(challenge.token, "七")
    assert "无效" in captcha.refusal(challenge.token[:-2] + "xx", str(answer))
    with time_machine.travel(timezone.now() + timedelta(seconds=captcha.LIFETIME_SECONDS + 5)):
        assert "已过期" in captcha.refusal(challenge.token, str(answer))


def test_three_messages_in_ten_minutes_then_a_pause(leave):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        for minute in range(3):
            traveller.move_to(start + timedelta(minutes=minute))
            leave(address="192.0.2.10")
        with pytest.raises(services.TooManyMessages, match="10 分钟内最多留言 3 条") as refused:
            leave(address="192.0.2.10")
        again = timezone.localtime(start + timedelta(minutes=10)).strftime("%H:%M")
        assert again in str(refused.value)
        leave(address="192.0.2.11")  # another address is not affected
        traveller.move_to(start + timedelta(minutes=10, seconds=1))
        leave(address="192.0.2.10")


def test_ten_messages_a_day(leave):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        for n in range(10):
            traveller.move_to(start + timedelta(minutes=11 * n))
            leave(address="192.0.2.20")
        traveller.move_to(start + timedelta(hours=3))
        with pytest.raises(services.TooManyMessages, match="一天内最多留言 10 条"):
            leave(address="192.0.2.20")
        traveller.move_to(start + timedelta(days=1, minutes=1))
        leave(address="192.0.2.20")
