"""What people call each audited step (操作名称) and its details, for every page that lists audit entries:
the audit log, an item's history, the inspection export. The codes stay in the log and the CSV."""

import re

from django.core.paginator import Page, Paginator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ACTION_NAMES = {
    "account.login": gettext_lazy("登录"), "account.login_failed": gettext_lazy("登录失败"),
    "account.logout": gettext_lazy("退出"), "account.otp_enabled": gettext_lazy("启用动态口令"),
    "account.password_changed": gettext_lazy("修改密码"), "account.token_issued": gettext_lazy("签发接口令牌"),
    "content.item_created": gettext_lazy("新建稿件"), "content.item_edited": gettext_lazy("修改稿件"),
    "content.attachment_added": gettext_lazy("上传附件"), "content.item_submitted": gettext_lazy("提交审核"),
    "content.sensitivity_raised": gettext_lazy("因密级标志调整密级"),
    "content.fixes_applied": gettext_lazy("采用筛查建议"), "content.finding_dismissed": gettext_lazy("忽略筛查提醒"),
    "content.sensitive_item_viewed": gettext_lazy("查阅（敏感、涉密稿件）"),
    "review.decision_signed": gettext_lazy("审核签字"), "review.finding_overridden": gettext_lazy("确认保留筛查结果"),
    "review.emergency_approved": gettext_lazy("应急审核"), "review.secrecy_requested": gettext_lazy("提请保密审查"),
    "review.secrecy_answered": gettext_lazy("保密审查结论"), "review.workflow_saved": gettext_lazy("保存审核流程"),
    "review.workflow_assigned": gettext_lazy("指定审核流程"),
    "review.comment_added": gettext_lazy("批注"), "review.comment_replied": gettext_lazy("回复批注"),
    "review.comment_resolved": gettext_lazy("批注已解决"),
    "publishing.published": gettext_lazy("发布"), "publishing.scheduled": gettext_lazy("定时发布"),
    "publishing.schedule_cancelled": gettext_lazy("取消定时发布"), "publishing.retracted": gettext_lazy("撤回"),
    "publishing.follow_up_answered": gettext_lazy("回头看"), "publishing.channel_offline": gettext_lazy("熔断"),
    "publishing.channel_restored": gettext_lazy("恢复栏目"), "publishing.channel_saved": gettext_lazy("保存渠道"),
    "publishing.naming_keywords_saved": gettext_lazy("保存命名规则"),
    "publishing.account_filed": gettext_lazy("账号备案"), "publishing.account_closing_requested": gettext_lazy("申请关停账号"),
    "publishing.account_closing_approved": gettext_lazy("批准关停账号"), "publishing.account_closed": gettext_lazy("关停账号"),
    "publishing.account_deregistration_filed": gettext_lazy("注销备案"),
    "publishing.delivery_created": gettext_lazy("创建推送"), "publishing.delivery_delivered": gettext_lazy("推送成功"),
    "publishing.delivery_retried": gettext_lazy("重新推送"), "publishing.delivery_stopped": gettext_lazy("停止推送"),
    "publishing.delivery_confirmed": gettext_lazy("确认人工推送"), "publishing.package_downloaded": gettext_lazy("下载推送包"),
    "lexicons.changed": gettext_lazy("修改筛查词库"), "lexicons.rescreen_started": gettext_lazy("开始复查"),
    "lexicons.rescreen_finished": gettext_lazy("复查完成"), "lexicons.rescreen_flagged": gettext_lazy("复查发现问题"),
    "lexicons.rescreen_flag_resolved": gettext_lazy("处理复查发现"),
    "lexicons.allow_proposed": gettext_lazy("建议加入白名单"), "lexicons.allow_accepted": gettext_lazy("采纳白名单建议"),
    "lexicons.allow_declined": gettext_lazy("不采纳白名单建议"),
    "interaction.message_left": gettext_lazy("网民留言"), "interaction.message_routed": gettext_lazy("转办留言"),
    "interaction.message_unsuitable": gettext_lazy("留言不予公开"), "interaction.answer_submitted": gettext_lazy("提交答复"),
    "interaction.answer_approved": gettext_lazy("审核答复"), "interaction.answer_returned": gettext_lazy("退回答复"),
    "interaction.answer_published": gettext_lazy("公开答复"),
    "events.saved": gettext_lazy("保存活动"), "events.submitted": gettext_lazy("报批活动"),
    "events.approved": gettext_lazy("审批活动"), "events.filed": gettext_lazy("活动备案"),
    "events.cancelled": gettext_lazy("取消活动"),
    "org.person_saved": gettext_lazy("保存人员"), "org.person_activated": gettext_lazy("启用账号"),
    "org.person_deactivated": gettext_lazy("停用账号"), "org.pledge_recorded": gettext_lazy("登记保密承诺书"),
    "org.grant_recorded": gettext_lazy("登记临时授权"), "org.grant_requested": gettext_lazy("申请临时授权"),
    "org.grant_request_approved": gettext_lazy("批准临时授权申请"),
    "org.grant_request_declined": gettext_lazy("未批准临时授权申请"),
    "org.suspension_recorded": gettext_lazy("暂停权限"), "org.suspension_lifted": gettext_lazy("恢复权限"),
    "org.criticism_recorded": gettext_lazy("登记通报批评"), "org.criticism_corrected": gettext_lazy("更正通报批评"),
    "org.demo_loaded": gettext_lazy("载入演示数据"),
    "oversight.backup_requested": gettext_lazy("申请备份"), "oversight.backup_created": gettext_lazy("完成备份"),
    "oversight.backup_downloaded": gettext_lazy("下载备份"), "oversight.chain_checked": gettext_lazy("校验日志链"),
    "oversight.digest_sent": gettext_lazy("发送超期汇总"), "oversight.inspection_exported": gettext_lazy("导出检查材料"),
    "org.worktime_saved": gettext_lazy("保存工作时间"), "org.calendar_day_saved": gettext_lazy("保存节假日调整"),
    "org.department_saved": gettext_lazy("保存部门"), "content.source_saved": gettext_lazy("保存稿源单位"),
    "events.self_media_saved": gettext_lazy("保存自媒体账号"), "website.identity_saved": gettext_lazy("保存网站标识"),
}

DETAIL_NAMES = {
    "reason": gettext_lazy("理由"), "title": gettext_lazy("标题"), "channel": gettext_lazy("渠道"),
    "channels": gettext_lazy("渠道"), "name": gettext_lazy("名称"), "revision": gettext_lazy("版本"),
    "old": gettext_lazy("原为"), "new": gettext_lazy("改为"), "from": gettext_lazy("从"), "to": gettext_lazy("至"),
    "stage": gettext_lazy("环节"), "stages": gettext_lazy("审核环节"), "person": gettext_lazy("人员"),
    "verdict": gettext_lazy("意见"), "opinion": gettext_lazy("审核意见"), "proofread": gettext_lazy("已校对"),
    "status": gettext_lazy("状态"), "note": gettext_lazy("说明"), "at": gettext_lazy("时间"),
    "findings": gettext_lazy("筛查发现"), "blocking": gettext_lazy("须修改项"), "escalation": gettext_lazy("终审原因"),
    "sensitivity": gettext_lazy("密级"), "markers": gettext_lazy("密级标志"), "scope": gettext_lazy("范围"),
    "changes": gettext_lazy("改动"), "roles": gettext_lazy("角色"), "created": gettext_lazy("新建"),
    "username": gettext_lazy("用户名"), "text": gettext_lazy("内容"), "answer": gettext_lazy("答复"),
    "question": gettext_lazy("问题"), "department": gettext_lazy("部门"), "version": gettext_lazy("规则集版本"),
    "total": gettext_lazy("总数"), "count": gettext_lazy("数量"), "file": gettext_lazy("文件"),
    "size": gettext_lazy("大小"), "scheduled": gettext_lazy("定时"), "voided_signatures": gettext_lazy("作废的签字"),
    "emergency_completion": gettext_lazy("应急补签"), "consultation": gettext_lazy("会商情况"),
    "fixes": gettext_lazy("修改"), "message": gettext_lazy("提醒"),
    "quote": gettext_lazy("原文"),
    "word": gettext_lazy("词语"), "phrase": gettext_lazy("短语"), "category": gettext_lazy("类别"),
    "severity": gettext_lazy("级别"),
    "due": gettext_lazy("期限"), "due_on": gettext_lazy("期限"), "ok": gettext_lazy("结果"),
}
VALUE_NAMES = {
    "approve": gettext_lazy("同意"), "reject": gettext_lazy("退回"), "public": gettext_lazy("公开"),
    "internal": gettext_lazy("内部"), "sensitive": gettext_lazy("敏感"), "classified": gettext_lazy("涉密"),
}
CONTENT_HASH = re.compile(r"^[0-9a-f]{64}$")


def action_name(action: str) -> str:
    return str(ACTION_NAMES.get(action, action))


def _readable(value) -> str:
    if value is True:
        return _("是")
    if value is False:
        return _("否")
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, str) and CONTENT_HASH.match(value):
        return value[:8]  # a content fingerprint: its first characters tell versions apart
    if isinstance(value, str) and value in VALUE_NAMES:
        return str(VALUE_NAMES[value])
    if isinstance(value, (list, tuple)):
        return "、".join(_readable(v) for v in value)
    if isinstance(value, dict):
        if set(value) == {"old", "new"}:
            return f"{_readable(value['old'])} → {_readable(value['new'])}"
        return "；".join(f"{DETAIL_NAMES.get(k, k)}：{_readable(v)}" for k, v in value.items())
    return str(value)


def readable_details(details: dict) -> list[tuple[str, str]]:
    """The entry's details as (名称, 内容) pairs people read; empty values left out."""
    return [(str(DETAIL_NAMES.get(key, key)), _readable(value)) for key, value in (details or {}).items()
            if value not in (None, "", [], {})]


def readable_page(entries, number, per_page: int = 50) -> Page:
    """A page of audit entries as people read them: who by name, the step by name, the details in words."""
    page = Paginator(entries.select_related("actor"), per_page).get_page(number)
    page.object_list = [{"entry": e, "action": action_name(e.action), "details": readable_details(e.details)}
                        for e in page.object_list]
    return page
