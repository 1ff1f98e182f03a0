"""Opening a sensitive or classified item leaves a handling record the inspector sees (000§8)."""

import pytest
from django.urls import reverse

from sanshen.content.services import ItemInput, create_item
from sanshen.oversight.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_who_opened_a_sensitive_item_is_recorded_and_shown_to_the_inspector(person, client_as):
    item = create_item(person("editor"), ItemInput(title="敏感稿件示例", body="内部情况通报。", sensitivity="sensitive"))
    client_as("head").get(reverse("content:item", args=[item.pk]))
    client_as("leader").get(f"/api/items/{item.pk}")
    viewers = set(AuditEntry.objects.filter(action="content.sensitive_item_viewed", object_id=str(item.pk))
                  .values_list("actor_username", flat=True))
    assert viewers == {"head", "leader"}
    page = client_as("secrecy").get(reverse("inspection:page")).content.decode()
    assert "敏感稿件示例" in page and "王科长" in page


def test_opening_an_ordinary_item_is_not_recorded(person, client_as):
    item = create_item(person("editor"), ItemInput(title="普通稿件示例", body="工作动态。"))
    client_as("head").get(reverse("content:item", args=[item.pk]))
    assert not AuditEntry.objects.filter(action="content.sensitive_item_viewed", object_id=str(item.pk)).exists()
