"""The demo's channels, approved sources and a few items in different states (演示稿件)."""

from datetime import date, timedelta

from django.utils import timezone

from sanshen.channels.models import NEWS_THRESHOLD_DAYS, SLOW_THRESHOLD_DAYS, Account, Channel, NamingKeyword
from sanshen.channels.services import filing_deadline
from sanshen.org.models import Person
from sanshen.review.defaults import workflow
from sanshen.review.services import decide, submit_item

from .models import Item, Source
from .services import ItemInput, create_item

COLUMNS = {"要闻动态": NEWS_THRESHOLD_DAYS, "通知公告": SLOW_THRESHOLD_DAYS, "政策文件": SLOW_THRESHOLD_DAYS}
WECHAT = "江城工信"
WEIBO = "江城工信微博"
WEIBO_OPENED_DAYS_AGO = 40  # its filing (10 working days) is overdue, so the office's dashboard shows it
NAMING_KEYWORDS = ["江城", "工信", "工业", "信息化"]
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


def _account(people, workflow, name, kind, platform, opened_on, filed=(None, "")):
    channel, _created = Channel.objects.get_or_create(
        name=name, kind=kind, defaults={"workflow": workflow, "department": people["officer"].department,
                                        "responsible": people["officer"]})
    if not Account.objects.filter(channel=channel).exists():
        deadline = filing_deadline(opened_on)
        Account.objects.create(
            channel=channel, platform=platform, account_id=f"jc_gxj_{kind}", operator=people["officer"],
            purpose="发布本局工作动态、政策解读和通知公告，回应企业关切。", contact_phone="0710-12345678",
            opened_on=opened_on, filing_due=deadline.due, filing_due_warning=deadline.warning,
            filed_on=filed[0], filing_reference=filed[1])
    return channel


def load_demo_accounts(people: dict[str, Person], workflow) -> Channel:
    """The new-media accounts (政务新媒体): WeChat filed in time; Weibo opened 40 days ago and not yet filed."""
    for word in NAMING_KEYWORDS:
        NamingKeyword.objects.get_or_create(word=word)
    wechat = _account(people, workflow, WECHAT, Channel.Kind.WECHAT, "微信", date(2024, 3, 1),
                      filed=(date(2024, 3, 8), "鄂网信备〔2024〕017号"))
    _account(people, workflow, WEIBO, Channel.Kind.WEIBO, "新浪微博",
             timezone.localdate() - timedelta(days=WEIBO_OPENED_DAYS_AGO))
    return wechat


def load_demo_content(people: dict[str, Person]) -> None:
    three = workflow()
    office = people["officer"].department
    channels = {}
    for name, threshold in COLUMNS.items():
        channels[name], _ = Channel.objects.get_or_create(
            name=name, kind=Channel.Kind.WEBSITE_COLUMN,
            defaults={"workflow": three, "department": office, "responsible": people["officer"],
                      "update_threshold_days": threshold})
    channels[WECHAT] = load_demo_accounts(people, three)
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
