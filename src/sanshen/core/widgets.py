"""Date and time inputs (日期、时间输入框) that the browser's pickers accept.

A browser's `<input type="date">` only takes ISO values (2026-12-05); rendered in the locale's
format (2026/12/05) it shows an empty field and the next save stores no date. Every form uses
these widgets so a value shown is a value kept.
"""

from django import forms


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")
