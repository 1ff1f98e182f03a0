"""Answering the captcha as a person would: read the question in Chinese words and compute."""

import re

DIGITS = "零一二三四五六七八九"


def chinese_to_int(words: str) -> int:
    if "十" not in words:
        return DIGITS.index(words)
    tens, _sep, ones = words.partition("十")
    return (DIGITS.index(tens) if tens else 1) * 10 + (DIGITS.index(ones) if ones else 0)


def solve(question: str) -> int:
    a, operation, b = re.search(r"([零一二三四五六七八九十]+)([加减])([零一二三四五六七八九十]+)等于", question).groups()
    a, b = chinese_to_int(a), chinese_to_int(b)
    return a + b if operation == "加" else a - b
