"""Administration pages: departments, people with roles, pledges — real pages, Chinese messages,
and nothing typed is lost when the input is wrong."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sanshen.org.models import Department, Person, Pledge, Role
from sanshen.oversight.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_create_a_department_and_see_it_listed_and_audited(client_as):
    admin = client_as("admin")
    response = admin.post("/org/departments/new/", {"name": "法规科", "kind": "internal", "is_active": "on"})
    assert response.status_code == 302
    assert "法规科" in admin.get("/org/departments/").content.decode()
    entry = AuditEntry.objects.filter(action="org.department_saved").first()
    assert entry.object_repr == "法规科" and entry.details["created"] is True


def test_a_duplicate_department_name_is_refused_in_chinese(client_as):
    page = client_as("admin").post("/org/departments/new/", {"name": "办公室", "kind": "internal"}).content.decode()
    assert "已存在" in page and "请更正" in page


def person_form(**overrides):
    data = {"username": "newbie", "full_name": "新同事", "department": Department.objects.get(name="产业发展科").pk,
            "email": "", "phone": "", "initial_password": "Start-2026#ok", "role_editor": "on"}
    data.update(overrides)
    return data


def test_create_a_person_with_two_roles_scoped_to_departments(client_as):
    office = Department.objects.get(name="办公室")
    market = Department.objects.get(name="市场运行科")
    response = client_as("admin").post("/org/people/new/", person_form(
        role_section_head="on", scope_section_head=[market.pk], role_officer="on", scope_officer=[office.pk]))
    assert response.status_code == 302
    newbie = Person.objects.get(username="newbie")
    assert newbie.roles() == {Role.EDITOR, Role.SECTION_HEAD, Role.OFFICER}
    assert newbie.departments_for(Role.SECTION_HEAD) == {market.pk}
    assert newbie.departments_for(Role.EDITOR) == {newbie.department_id}  # defaults to own department
    assert newbie.must_change_password and newbie.password.startswith("argon2")
    assert AuditEntry.objects.filter(action="org.person_saved", object_id=str(newbie.pk)).exists()


def test_a_weak_initial_password_is_refused_and_the_form_keeps_what_was_typed(client_as):
    response = client_as("admin").post("/org/people/new/", person_form(initial_password="abc", full_name="王小明"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "至少需要 8 个字符" in page and "王小明" in page and 'value="newbie"' in page
    assert not Person.objects.filter(username="newbie").exists()


def test_a_person_needs_at_least_one_role(client_as):
    data = person_form()
    del data["role_editor"]
    assert "请至少选择一个角色" in client_as("admin").post("/org/people/new/", data).content.decode()


def test_editing_roles_records_old_and_new(client_as, person):
    editor2 = person("editor2")
    client_as("admin").post(f"/org/people/{editor2.pk}/", {
        "username": "editor2", "full_name": "李采编", "department": editor2.department_id,
        "role_editor": "on", "role_secrecy": "on"})
    assert person("editor2").roles() == {Role.EDITOR, Role.SECRECY}
    entry = AuditEntry.objects.filter(action="org.person_saved").first()
    assert entry.details["roles"]["old"] == {"editor": ["市场运行科"]}
    assert set(entry.details["roles"]["new"]) == {"editor", "secrecy"}


def test_an_administrator_cannot_deactivate_themselves(client_as, person):
    admin = person("admin")
    response = client_as("admin").post(f"/org/people/{admin.pk}/active/", {"active": "0"}, follow=True)
    assert "不能停用自己的账号" in response.content.decode()
    assert person("admin").is_active


def test_a_deactivated_person_cannot_log_in(client_as, client, person):
    client_as("admin").post(f"/org/people/{person('editor2').pk}/active/", {"active": "0"})
    from tests.conftest import DEMO_PASSWORD

    client.post("/login/", {"username": "editor2", "password": DEMO_PASSWORD})
    assert "_auth_user_id" not in client.session


def test_secrecy_reviewer_records_a_pledge_with_its_document(client_as, person):
    document = SimpleUploadedFile("承诺书.pdf", b"%PDF-1.4 pledge", content_type="application/pdf")
    response = client_as("secrecy").post("/org/pledges/", {
        "person": person("editor2").pk, "signed_on": "2026-11-20", "document": document, "note": "入职签署"})
    assert response.status_code == 302
    pledge = Pledge.objects.get(person=person("editor2"))
    assert pledge.recorded_by == person("secrecy") and pledge.document.name.endswith(".pdf")
    assert person("editor2").has_current_pledge()


def test_pledge_page_lists_people_without_a_pledge(client_as):
    page = client_as("secrecy").get("/org/pledges/").content.decode()
    assert "尚未登记的在用人员" in page and "李采编" in page


def test_pledge_form_complains_about_a_bad_date_in_chinese(client_as, person):
    page = client_as("secrecy").post("/org/pledges/", {"person": person("editor2").pk, "signed_on": "昨天"}
                                     ).content.decode()
    assert "输入一个有效的日期" in page


def test_dashboard_shows_my_roles_and_only_my_navigation(client_as):
    page = client_as("head").get("/").content.decode()
    assert "科室负责人" in page and "产业发展科" in page
    assert "人员与角色" not in page
    assert "人员与角色" in client_as("admin").get("/").content.decode()


def test_unknown_pages_get_a_chinese_404(client_as):
    response = client_as("editor").get("/no/such/page/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()
