"""The demo's channels, approved sources and a few items in different states (演示稿件)."""

from sanshen.org.models import Person
from sanshen.publishing.models import Channel
from sanshen.review.defaults import workflow
from sanshen.review.services import decide

from .models import Item, Source
from .services import ItemInput, create_item, submit_item

COLUMNS = ["要闻动态", "通知公告", "政策文件"]
WECHAT = "江城工信"
SOURCES = [("新华社", True), ("人民日报", True), ("中国政府网", True), ("某自媒体号", False)]

CHECKS = {
    "initial": {"source_legal": True, "ideology": True, "no_secret": True, "truth_logic": True},
    "standard": {"political": True, "no_secret": True, "accuracy": True},
}

DRAFT = ("我局召开重点工业企业座谈会",
         "11月20日，我局召开重点工业企业座谈会，听取企业在技术改造、用工用能等方面的意见建议。"
         "会议要求各科室对企业反映的问题逐项梳理，明确责任人和办理时限，及时反馈办理结果。")
WAITING = ("全市中小企业数字化转型培训班开班",
           "为帮助中小企业提升数字化水平，我局联合市软件行业协会举办数字化转型培训班，"
           "来自全市的120家企业负责人参加培训。培训围绕工业互联网平台应用、数据管理等内容展开。")
REJECTED = ("11月份全市工业经济运行情况",
            "11月份，全市规模以上工业增加值同比增长5.8%，工业用电量平稳增长。")
APPROVED = ("关于开展2026年度工业企业技术改造项目申报工作的通知",
            "各有关企业：为推动工业企业技术改造，现将2026年度技术改造项目申报有关事项通知如下。"
            "一、申报范围为我市注册的规模以上工业企业。二、申报材料请于12月20日前报送产业发展科。")


def load_demo_content(people: dict[str, Person]) -> None:
    three = workflow()
    office = people["officer"].department
    channels = {}
    for name in COLUMNS:
        channels[name], _ = Channel.objects.get_or_create(
            name=name, kind=Channel.Kind.WEBSITE_COLUMN,
            defaults={"workflow": three, "department": office, "responsible": people["officer"]})
    channels[WECHAT], _ = Channel.objects.get_or_create(
        name=WECHAT, kind=Channel.Kind.WECHAT,
        defaults={"workflow": three, "department": office, "responsible": people["officer"]})
    for name, approved in SOURCES:
        Source.objects.get_or_create(name=name, defaults={"is_approved": approved})
    if Item.objects.exists():
        return
    editor, editor2 = people["editor"], people["editor2"]

    def item(author, text, columns):
        title, body = text
        return create_item(author, ItemInput(title=title, body=body, channels=[channels[c] for c in columns]))

    def approve(it, who, checklist):
        decide(it, people[who], verdict="approve", opinion="同意。", checklist=CHECKS[checklist], proofread=True)

    item(editor, DRAFT, ["要闻动态"])
    waiting = item(editor, WAITING, ["要闻动态", WECHAT])
    submit_item(waiting, editor)
    approve(waiting, "editor2", "initial")
    rejected = item(editor2, REJECTED, ["要闻动态"])
    submit_item(rejected, editor2)
    decide(rejected, editor, verdict="reject", opinion="数据须注明来源（市统计局），并补充同比口径说明。")
    approved = item(editor, APPROVED, ["通知公告"])
    submit_item(approved, editor)
    approve(approved, "editor2", "initial")
    approve(approved, "head", "standard")
    approve(approved, "leader", "standard")
