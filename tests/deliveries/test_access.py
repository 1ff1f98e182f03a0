"""Who may see the delivery log, download packages, retry and confirm: every role, refusals included."""

import pytest

from sanshen.deliveries import services
from sanshen.deliveries.models import Delivery
from sanshen.org.permissions import ACTIONS, reason_to_prevent
from tests.conftest import ROLE_USERS

pytestmark = pytest.mark.django_db

SEE = {"officer", "admin"}
ACT = {"officer"}
EXPECTED = {
    "publishing.view_deliveries": SEE,
    "publishing.retry_delivery": ACT,
    "publishing.confirm_delivery": ACT,
}


def refusal(action):
    return str(ACTIONS[action].refusal)


@pytest.mark.parametrize("username", ROLE_USERS)
@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_role_action_matrix(person, username, action):
    reason = reason_to_prevent(action, person(username))
    if username in EXPECTED[action]:
        assert reason is None
    else:
        assert reason == refusal(action)


@pytest.fixture
def failed(published, wechat, receiver):
    receiver.status = 500
    _item, [delivery] = published()
    return services.attempt(delivery.pk)


@pytest.mark.parametrize("username", ROLE_USERS)
def test_the_log_and_the_package(client_as, username, failed):
    log = client_as(username).get("/deliveries/")
    package = client_as(username).get(f"/deliveries/{failed.pk}/package.zip")
    if username in SEE:
        assert log.status_code == 200 and "江城工信" in log.content.decode()
        assert package.status_code == 200
    else:
        assert log.status_code == 403 and refusal("publishing.view_deliveries") in log.content.decode()
        assert package.status_code == 403


@pytest.mark.parametrize("username", ROLE_USERS)
def test_retry(client_as, username, failed, receiver):
    receiver.status = 200
    response = client_as(username).post(f"/deliveries/{failed.pk}/retry/")
    delivery = Delivery.objects.get(pk=failed.pk)
    if username in ACT:
        assert response.status_code == 302 and delivery.status == Delivery.Status.PENDING
    else:
        assert response.status_code == 403 and refusal("publishing.retry_delivery") in response.content.decode()
        assert delivery.status == Delivery.Status.FAILED


@pytest.mark.parametrize("username", ROLE_USERS)
def test_confirm(client_as, username, failed):
    response = client_as(username).post(f"/deliveries/{failed.pk}/confirm/")
    delivery = Delivery.objects.get(pk=failed.pk)
    if username in ACT:
        assert response.status_code == 302 and delivery.status == Delivery.Status.DELIVERED
    else:
        assert response.status_code == 403 and refusal("publishing.confirm_delivery") in response.content.decode()
        assert delivery.status == Delivery.Status.FAILED


def test_buttons_show_only_for_those_who_may_press_them(client_as, failed):
    officer = client_as("officer").get("/deliveries/").content.decode()
    admin = client_as("admin").get("/deliveries/").content.decode()
    for label in ("重新推送", "已人工发布"):
        assert f">{label}</button>" in officer and f">{label}</button>" not in admin
    assert "下载发布包</a>" in officer and "下载发布包</a>" in admin


def test_a_delivery_that_is_not_failed_cannot_be_retried(published, wechat, person):
    _item, [delivery] = published()
    with pytest.raises(services.DeliveryError, match="只有失败的推送"):
        services.retry(delivery, person("officer"))


def test_a_get_does_not_retry_and_an_unknown_delivery_is_404(client_as, failed):
    assert client_as("officer").get(f"/deliveries/{failed.pk}/retry/").status_code == 405
    assert client_as("officer").post("/deliveries/999999/retry/").status_code == 404
    assert client_as("officer").get("/deliveries/999999/package.zip").status_code == 404
