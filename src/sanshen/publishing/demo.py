"""The demo's published items (演示发布), so the public website and the publishing pages have something to show.

The demo officer publishes under a temporary grant recorded for the purpose (the demo may be loaded at any
hour, and publishing outside working hours needs one — P3).
"""

from datetime import timedelta

from django.utils import timezone

from sanshen.channels.models import Channel
from sanshen.content.demo import CHECKS
from sanshen.content.services import ItemInput, create_item
from sanshen.org.models import Person, TemporaryGrant
from sanshen.review.services import decide, submit_item

from .models import Publication
from .services import publish

PUBLISHED = [
    ("我局召开2026年工业经济运行调度会",
     "11月18日，我局召开全市工业经济运行调度会，分析前三季度工业经济运行情况，部署四季度重点工作。\n"
     "会议要求，各科室要紧盯重点企业和重点项目，加强要素保障，确保完成全年目标任务。",
     ("要闻动态", "江城工信")),
    ("全市工业互联网平台应用现场推进会召开",
     "近日，全市工业互联网平台应用现场推进会在江城经济技术开发区召开。与会人员参观了智能工厂和数字化车间，"
     "交流了工业互联网平台赋能制造业转型升级的经验做法。",
     ("要闻动态",)),
    ("江城市促进制造业数字化转型若干措施",
     "为加快推进制造业数字化转型，现提出以下措施。\n一、支持企业实施数字化改造。\n二、培育工业互联网平台。\n"
     "三、加强数字化转型公共服务。",
     ("政策文件",)),
]


def load_demo_publications(people: dict[str, Person]) -> None:
    """Write, review and publish the demo's published items, once."""
    if Publication.objects.exists():
        return
    officer = people["officer"]
    now = timezone.now()
    TemporaryGrant.objects.create(person=officer, granted_by=people["leader"], starts_at=now - timedelta(minutes=1),
                                  ends_at=now + timedelta(minutes=10), reason="演示数据：初始发布")
    for title, body, names in PUBLISHED:
        channels = list(Channel.objects.filter(name__in=names))
        item = create_item(people["editor"], ItemInput(title=title, body=body, channels=channels))
        submit_item(item, people["editor"])
        for who, checklist in (("editor2", "initial"), ("head", "standard"), ("leader", "standard")):
            item.refresh_from_db()
            decide(item, people[who], verdict="approve", opinion="同意。", checklist=CHECKS[checklist], proofread=True)
        item.refresh_from_db()
        publish(item, officer, channels)
