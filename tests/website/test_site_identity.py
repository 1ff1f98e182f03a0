"""The public footer shows the identifiers the administrator sets (网站标识码, ICP备案号, 公安机关备案号), on
pages already kept in the cache too; a wrong format is refused with what was typed kept."""

import pytest

pytestmark = pytest.mark.django_db

IDENTITY = {"site_code": "3201000012", "icp_record": "苏ICP备12345678号", "police_record": "苏公网安备 32010002000123号"}


def footer(visitor) -> str:
    page = visitor.get("/site/").content.decode()
    return page[page.index("<footer"):]


def test_the_administrator_sets_the_identifiers_and_every_public_page_shows_them(client_as, visitor):
    assert "网站标识码" not in footer(visitor)  # kept in the cache before the change
    response = client_as("admin").post("/site-identity/", IDENTITY, follow=True)
    assert "已保存" in response.content.decode()
    shown = footer(visitor)
    assert "网站标识码：3201000012" in shown and "苏ICP备12345678号" in shown and "苏公网安备 32010002000123号" in shown
    assert 'href="https://beian.miit.gov.cn/"' in shown


def test_a_wrong_format_is_refused_with_the_reason_and_what_was_typed(client_as, visitor):
    response = client_as("admin").post("/site-identity/", {**IDENTITY, "icp_record": "备案中"})
    page = response.content.decode()
    assert response.status_code == 200 and "ICP备案号的格式如" in page
    assert 'value="备案中"' in page and 'value="3201000012"' in page
    assert "3201000012" not in footer(visitor)
