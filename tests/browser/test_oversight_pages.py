"""The main leader reads this year's statistics with their charts; the officer reads the delivery log."""

import pytest

pytestmark = pytest.mark.browser


def test_statistics_show_a_monthly_chart_and_a_chart_per_measure(as_user, server_url, screenshot):
    chief = as_user("chief")
    chief.set_viewport_size({"width": 1440, "height": 900})
    chief.goto(f"{server_url}/oversight/statistics/?by=department&preset=this_year")
    assert chief.input_value("input[name=start]").endswith("-01-01")  # the preset's period, in the form
    assert chief.locator("[data-testid=monthly-chart] svg[role=img]").count() == 1
    header = chief.locator("[data-testid=statistics-work] tr").first.locator("th")
    assert max(box["height"] for box in (h.bounding_box() for h in header.all())) < 50  # headings on one line
    row = chief.locator("[data-testid=statistics-work] tr", has_text="产业发展科").first
    published = row.locator("th, td").all_inner_texts()[header.all_inner_texts().index("发布")]
    assert int(published) >= 3  # the demo's three publications were written in 产业发展科 (other tests add more)
    screenshot(chief, "statistics")
    charts = chief.locator("[data-testid=bar-charts]")
    assert not charts.is_visible()  # charts on request
    chief.click("[data-testid=bar-charts-box] summary")
    assert charts.locator("svg[role=img]").count() >= 3 and charts.is_visible()


def test_the_delivery_log_shows_the_wechat_package_waiting(as_user, server_url, screenshot):
    officer = as_user("officer")
    officer.goto(f"{server_url}/deliveries/")
    assert "江城工信" in officer.inner_text("main")
    screenshot(officer, "deliveries")
