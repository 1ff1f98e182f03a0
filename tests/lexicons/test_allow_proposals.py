"""白名单建议: an editor proposes a false positive's phrase from the item page, an administrator accepts it in one
click or declines it with a reason, the proposer hears back, and every role is allowed or refused as the matrix says."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from sanshen.content.services import ItemInput, create_item
from sanshen.lexicons.allow_proposals import propose_allow
from sanshen.lexicons.models import AllowPhrase, AllowProposal, RescreenRun, RuleSetVersion
from sanshen.lexicons.services import add_allow, set_enabled
from sanshen.org.permissions import ACTIONS
from sanshen.oversight.models import AuditEntry
from sanshen.web.models import Notification
from tests.conftest import ROLE_USERS
from tests.role_matrix import EXPECTED

pytestmark = pytest.mark.django_db

BODY = "我市将建设赋智中心，服务中小企业。"  # 赋智 is taken for 赋值: a false positive
FINDING = {"text": "赋智", "rule": "typo.sound", "category": "typo", "key": "body:typo.sound:5:7"}


def typos(item):
    return [f["text"] for f in item.current_revision.screenings.first().findings if f["category"] == "typo"]


@pytest.fixture
def item(person):
    return create_item(person("editor"), ItemInput(title="关于建设赋智中心的通知", body=BODY))


def propose(client, item, phrase="赋智中心", reason="本市项目名称，不是错别字", **more):
    """What the include's form posts (its fields named by the finding's key)."""
    key = FINDING["key"]
    fields = {"phrase": phrase, "reason": reason, **{k: v for k, v in FINDING.items() if k != "key"}}
    return client.post(reverse("lexicons:allow_propose", args=[item.pk]),
                       {"propose": key, **{f"allow_{k}|{key}": v for k, v in fields.items()}, **more})


def test_proposed_accepted_in_one_click_and_the_false_positive_is_gone(client_as, person, item):
    assert "赋智" in typos(item)
    editor = client_as("editor")
    response = propose(editor, item)
    assert response.status_code == 302 and response.url == reverse("content:item", args=[item.pk])
    page = editor.get(response.url).content.decode()
    assert "已提交白名单建议“赋智中心”" in page
    proposal = AllowProposal.objects.get()
    assert (proposal.status, proposal.proposed_by, proposal.finding) == ("pending", person("editor"), FINDING)
    assert Notification.objects.filter(person=person("admin"), message__contains="赋智中心",
                                       url=reverse("lexicons:allow_proposals")).exists()

    admin = client_as("admin")
    listing = admin.get("/lexicons/allow/proposals/").content.decode()
    assert "赋智中心" in listing and "本市项目名称，不是错别字" in listing and item.title in listing
    versions = RuleSetVersion.objects.count()
    done = admin.post(reverse("lexicons:allow_proposal_accept", args=[proposal.pk]), follow=True).content.decode()
    assert "已采纳，“赋智中心”已加入白名单" in done
    proposal.refresh_from_db()
    allow = AllowPhrase.objects.get(phrase="赋智中心")
    assert (proposal.status, proposal.decided_by, proposal.allow) == ("accepted", person("admin"), allow)
    assert "本市项目名称" in allow.note and allow.enabled
    version = RuleSetVersion.objects.first()
    assert RuleSetVersion.objects.count() == versions + 1 and version.changes.get().allow == allow
    assert RescreenRun.objects.filter(version=version).exists()
    assert Notification.objects.filter(person=person("editor"), message__contains="白名单建议已采纳",
                                       url=reverse("content:item", args=[item.pk])).exists()
    again = create_item(person("editor"), ItemInput(title="再次提到", body=BODY))
    assert "赋智" not in typos(again)
    assert list(AuditEntry.objects.filter(object_id=str(proposal.pk), action__startswith="lexicons.allow_")
                .order_by("id").values_list("action", flat=True)) == ["lexicons.allow_proposed",
                                                                       "lexicons.allow_accepted"]
    assert "赋智中心" not in admin.get("/lexicons/allow/proposals/").content.decode()
    assert "已采纳" in admin.get("/lexicons/allow/proposals/?show=all").content.decode()


def test_declined_with_a_reason_the_proposer_is_told(client_as, person, item):
    proposal = propose_allow(person("editor"), item, "赋智", "误报", FINDING)
    admin = client_as("admin")
    page = admin.post(reverse("lexicons:allow_proposal_decline", args=[proposal.pk]), {"reason": " "},
                      follow=True).content.decode()
    assert "请写明不采纳的理由" in page
    proposal.refresh_from_db()
    assert proposal.is_pending
    admin.post(reverse("lexicons:allow_proposal_decline", args=[proposal.pk]), {"reason": "范围太宽，请改为完整名称"})
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decline_reason) == ("declined", "范围太宽，请改为完整名称")
    assert not AllowPhrase.objects.filter(phrase="赋智").exists()
    assert Notification.objects.filter(person=person("editor"), message__contains="范围太宽，请改为完整名称").exists()
    assert AuditEntry.objects.filter(action="lexicons.allow_declined", object_id=str(proposal.pk)).exists()
    refused = admin.post(reverse("lexicons:allow_proposal_accept", args=[proposal.pk]), follow=True).content.decode()
    assert "该建议已处理（未采纳）" in refused and not AllowPhrase.objects.filter(phrase="赋智").exists()


def test_a_duplicate_pending_proposal_is_refused_and_the_form_keeps_what_was_typed(client_as, person, item):
    propose(client_as("editor"), item)
    page = propose(client_as("editor2"), item, reason="另一理由").content.decode()
    assert "“赋智中心”已有待处理的白名单建议" in page and "另一理由" in page and "您填写的内容已保留" in page
    assert AllowProposal.objects.count() == 1
    add_allow(person("admin"), "赋智")
    page = propose(client_as("editor"), item, phrase="赋智").content.decode()
    assert "白名单中已有“赋智”，无需再建议" in page


def test_a_reason_is_required(client_as, item):
    page = propose(client_as("editor"), item, reason="").content.decode()
    assert "您填写的内容已保留" in page and 'value="赋智中心"' in page
    assert not AllowProposal.objects.exists()


def test_accepting_a_disabled_phrase_enables_it_again(client_as, person, item):
    admin = person("admin")
    set_enabled(add_allow(admin, "赋智中心"), admin, False)
    proposal = propose_allow(person("editor"), item, "赋智中心", "项目名称")
    client_as("admin").post(reverse("lexicons:allow_proposal_accept", args=[proposal.pk]))
    assert AllowPhrase.objects.get(phrase="赋智中心").enabled and AllowPhrase.objects.count() == 1


@pytest.mark.parametrize("username", ROLE_USERS)
def test_proposing_agrees_with_the_matrix(client_as, person, username):
    author = username if username in ("editor", "editor2", "member") else "editor"
    own = create_item(person(author), ItemInput(title="误报稿件", body=BODY, member_commitment=author == "member"))
    response = propose(client_as(username), own)
    if username in EXPECTED["lexicons.propose_allow"]:
        assert response.status_code == 302 and AllowProposal.objects.filter(proposed_by=person(username)).exists()
    else:
        assert response.status_code == 403
        assert str(ACTIONS["lexicons.propose_allow"].refusal) in response.content.decode()
        assert not AllowProposal.objects.exists()


def test_a_member_may_not_propose_on_an_item_it_cannot_see(client_as, item):
    response = propose(client_as("member"), item)
    assert response.status_code == 403 and "会员单位只能查看本单位报送的稿件" in response.content.decode()


@pytest.mark.parametrize("username", ROLE_USERS)
def test_deciding_agrees_with_the_matrix(client_as, person, item, username):
    proposal = propose_allow(person("editor"), item, "赋智中心", "项目名称")
    client = client_as(username)
    page = client.get("/lexicons/allow/proposals/")
    accepted = client.post(reverse("lexicons:allow_proposal_accept", args=[proposal.pk]))
    proposal.refresh_from_db()
    if username in EXPECTED["lexicons.decide_allow"]:
        assert page.status_code == 200 and accepted.status_code == 302 and proposal.status == "accepted"
    else:
        refusal = str(ACTIONS["lexicons.decide_allow"].refusal)
        assert page.status_code == 403 and refusal in page.content.decode()
        assert accepted.status_code == 403 and refusal in accepted.content.decode() and proposal.is_pending


def test_no_one_decides_their_own_proposal(client_as, person, item):
    admin = person("admin")
    own = AllowProposal.objects.create(phrase="自己的建议", reason="试试", item=item, proposed_by=admin)
    client = client_as("admin")
    assert "不能处理自己提出的白名单建议" in client.get("/lexicons/allow/proposals/").content.decode()
    page = client.post(reverse("lexicons:allow_proposal_accept", args=[own.pk]), follow=True).content.decode()
    assert "不能处理自己提出的白名单建议" in page
    own.refresh_from_db()
    assert own.is_pending
    api = client.post(f"/api/lexicons/allow-proposals/{own.pk}/accept", {}, content_type="application/json")
    assert api.status_code == 403 and api.json()["detail"] == "不能处理自己提出的白名单建议。"


def include(person, **context) -> str:
    request = RequestFactory().get("/")
    request.user = person("editor")
    return render_to_string("lexicons/_propose_allow.html", context, request=request)


def test_the_include_renders_a_prefilled_form_posting_to_the_view(person, item):
    html = include(person, item=item, finding=FINDING)
    url = reverse("lexicons:allow_propose", args=[item.pk])
    assert f'<form method="post" action="{url}">' in html and "csrfmiddlewaretoken" in html
    assert 'name="allow_phrase|body:typo.sound:5:7" maxlength="100" required value="赋智"' in html
    assert 'name="allow_reason|body:typo.sound:5:7"' in html
    assert 'name="propose" value="body:typo.sound:5:7"' in html


def test_inside_the_panel_form_the_include_adds_fields_and_a_button_to_that_form(client_as, person, item):
    html = include(person, item=item, finding=FINDING, inside_form=True)
    assert "<form" not in html and " required" not in html  # the panel's other buttons still submit
    assert f'formaction="{reverse("lexicons:allow_propose", args=[item.pk])}"' in html
    other = {"key": "body:typo.sound:9:11", "text": "中小", "rule": "typo.sound", "category": "typo"}
    panel = {"reason|body:typo.sound:5:7": "忽略理由", "fix": "replace|x", f"allow_phrase|{other['key']}": "中小",
             f"allow_reason|{other['key']}": ""}  # what else the panel's form holds
    response = propose(client_as("editor"), item, **panel)
    assert response.status_code == 302
    proposal = AllowProposal.objects.get()
    assert (proposal.phrase, proposal.reason, proposal.finding) == ("赋智中心", "本市项目名称，不是错别字", FINDING)


# ---- API -----------------------------------------------------------------------------------------------------------

def post(client, path, data):
    return client.post(path, data, content_type="application/json")


def test_the_api_lists_creates_accepts_and_declines(client_as, item):
    editor, admin = client_as("editor"), client_as("admin")
    created = post(editor, "/api/lexicons/allow-proposals",
                   {"item": item.pk, "phrase": "赋智中心", "reason": "项目名称", "finding": FINDING})
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["status"], body["proposed_by"], body["finding"], body["item"]) == ("pending", "editor", FINDING, item.pk)
    duplicate = post(client_as("editor2"), "/api/lexicons/allow-proposals",
                     {"item": item.pk, "phrase": "赋智中心", "reason": "同上"})
    assert duplicate.status_code == 400 and "已有待处理的白名单建议" in duplicate.json()["detail"]
    other = post(editor, "/api/lexicons/allow-proposals", {"item": item.pk, "phrase": "服务中小", "reason": "测试"})
    assert [p["phrase"] for p in admin.get("/api/lexicons/allow-proposals?status=pending").json()] == [
        "服务中小", "赋智中心"]
    assert client_as("editor2").get("/api/lexicons/allow-proposals").json() == []
    assert len(editor.get("/api/lexicons/allow-proposals").json()) == 2

    accepted = post(admin, f"/api/lexicons/allow-proposals/{body['id']}/accept", {})
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert accepted.json()["allow"] == AllowPhrase.objects.get(phrase="赋智中心").pk
    again = post(admin, f"/api/lexicons/allow-proposals/{body['id']}/accept", {})
    assert again.status_code == 403 and "该建议已处理（已采纳）" in again.json()["detail"]
    no_reason = post(admin, f"/api/lexicons/allow-proposals/{other.json()['id']}/decline", {"reason": ""})
    assert no_reason.status_code == 422
    declined = post(admin, f"/api/lexicons/allow-proposals/{other.json()['id']}/decline", {"reason": "太宽"})
    assert declined.status_code == 200 and declined.json()["decline_reason"] == "太宽"
    assert [p["status"] for p in editor.get("/api/lexicons/allow-proposals").json()] == ["declined", "accepted"]


def test_the_api_refuses_who_the_matrix_refuses(client_as, person, item):
    proposal = propose_allow(person("editor"), item, "赋智中心", "项目名称")
    head = client_as("head")
    refused = post(head, "/api/lexicons/allow-proposals", {"item": item.pk, "phrase": "赋智", "reason": "误报"})
    assert refused.status_code == 403 and refused.json()["detail"] == str(ACTIONS["lexicons.propose_allow"].refusal)
    member = post(client_as("member"), "/api/lexicons/allow-proposals",
                  {"item": item.pk, "phrase": "赋智", "reason": "误报"})
    assert member.status_code == 403 and "会员单位只能查看本单位报送的稿件" in member.json()["detail"]
    assert head.get("/api/lexicons/allow-proposals").status_code == 403
    editor = post(client_as("editor"), f"/api/lexicons/allow-proposals/{proposal.pk}/accept", {})
    assert editor.status_code == 403 and editor.json()["detail"] == str(ACTIONS["lexicons.decide_allow"].refusal)
    declined = post(client_as("officer"), f"/api/lexicons/allow-proposals/{proposal.pk}/decline", {"reason": "不行"})
    assert declined.status_code == 403
    assert post(client_as("admin"), "/api/lexicons/allow-proposals/999999/accept", {}).status_code == 404
    assert post(client_as("editor"), "/api/lexicons/allow-proposals", {"item": 999999, "phrase": "赋智",
                                                                      "reason": "误报"}).status_code == 404
    assert post(client_as("editor"), "/api/lexicons/allow-proposals", {"item": item.pk, "phrase": "赋\t智",
                                                                      "reason": "误报"}).status_code == 422
    proposal.refresh_from_db()
    assert proposal.is_pending
