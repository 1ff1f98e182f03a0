"""Personal data (个人信息): validated numbers only; look-alikes that fail validation are silent."""

import pytest

from sanshen.screening.validators import id_number_valid, luhn_valid

from .helpers import spans


def test_id_number_with_valid_check_digit_and_date():
    assert id_number_valid("11010519491231002X")
    assert spans("申请人身份证号11010519491231002X，住址略。", "privacy") == [("11010519491231002X", "block")]


@pytest.mark.parametrize("number", [
    "110105194912310021",  # wrong check digit
    "11010519491331002X",  # month 13
    "99010519491231002X",  # no such province
    "1101051949123100",    # 16 digits, fails Luhn as a card too
    "35020319560818536",   # 17 digits
])
def test_id_look_alikes_are_not_findings(number):
    assert spans(f"编号{number}。", "privacy") == []


@pytest.mark.parametrize("text, found", [
    ("请联系13912345678。", "13912345678"),
    ("电话：139-1234-5678。", "139-1234-5678"),
    ("电话：+86 139 1234 5678。", "+86 139 1234 5678"),
    ("电话：１３９１２３４５６７８。", "１３９１２３４５６７８"),  # full-width digits
])
def test_mobile_numbers(text, found):
    assert [t for t, _ in spans(text, "privacy")] == [found]


@pytest.mark.parametrize("text", ["电话11882953679。", "电话1509395742。", "办公电话0571-88886666。", "电话010-12345678。"])
def test_bad_prefixes_short_numbers_and_landlines_are_silent(text):
    assert spans(text, "privacy") == []


def test_bank_cards_need_luhn():
    good = "6228480402564890018"
    assert luhn_valid(good)
    assert spans(f"账号{good}。", "privacy") == [(good, "block")]
    grouped = "6222 6272 1170 0990 195"
    if luhn_valid(grouped.replace(" ", "")):
        assert spans(f"卡号{grouped}。", "privacy") == [(grouped, "block")]
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    assert spans(f"账号{bad}。", "privacy") == []
