"""Forms of the lexicon pages (词库维护): what people type, checked and kept when wrong."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .importing import MAX_WORD
from .models import CATEGORY_CHOICES, SEVERITY_CHOICES
from .services import EntryInput

ANNOUNCEMENT_HELP = _("随关键词提醒一并发给全体工作人员，例如需要注意的表述和原因（可不填）。")


class AnnouncedForm(forms.Form):
    announcement = forms.CharField(label=_("提醒说明"), max_length=300, required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}), help_text=ANNOUNCEMENT_HELP)


class EntryForm(AnnouncedForm):
    word = forms.CharField(label=_("词语"), max_length=MAX_WORD)
    category = forms.ChoiceField(label=_("类别"), choices=CATEGORY_CHOICES, initial="sensitive")
    severity = forms.ChoiceField(label=_("级别"), choices=SEVERITY_CHOICES, initial="block",
                                 help_text=_("“须修改”的发现阻止发布，直到修改或经审核人写明理由后保留。"))
    suggestion = forms.CharField(label=_("建议改为"), max_length=MAX_WORD, required=False)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)
    field_order = ["word", "category", "severity", "suggestion", "note", "announcement"]

    def clean_word(self):
        word = self.cleaned_data["word"].strip()
        if "\t" in word or "\n" in word:
            raise forms.ValidationError(_("词语中不能有制表符或换行。"))
        return word

    def entry_input(self) -> EntryInput:
        data = self.cleaned_data
        return EntryInput(word=data["word"], category=data["category"], severity=data["severity"],
                          suggestion=data["suggestion"].strip(), note=data["note"].strip())


class AllowForm(AnnouncedForm):
    phrase = forms.CharField(label=_("白名单短语"), max_length=MAX_WORD,
                             help_text=_("与该短语重叠的筛查发现不再报出，用于消除误报（如地名、机构名中的字词）。"))
    note = forms.CharField(label=_("说明"), max_length=200, required=False)
    field_order = ["phrase", "note", "announcement"]


class ImportForm(AnnouncedForm):
    file = forms.FileField(label=_("词库文件"), help_text=_(
        "文本文件（UTF-8 或 GB18030），每行一个词条：“词语”或“词语<制表符>类别<制表符>级别<制表符>建议<制表符>说明”，"
        "# 开头为注释。有一行出错则整个文件都不导入。"))
    field_order = ["file", "announcement"]


class ResolveForm(forms.Form):
    resolution = forms.CharField(label=_("处理情况"), max_length=300,
                                 help_text=_("已更正、已撤回，或核实后保留的理由。"))


class EntryFilterForm(forms.Form):
    q = forms.CharField(label=_("词语"), required=False)
    category = forms.ChoiceField(label=_("类别"), choices=[("", _("全部"))] + CATEGORY_CHOICES, required=False)
    severity = forms.ChoiceField(label=_("级别"), choices=[("", _("全部"))] + SEVERITY_CHOICES, required=False)
    enabled = forms.ChoiceField(label=_("状态"), required=False,
                                choices=[("", _("全部")), ("1", _("启用")), ("0", _("已停用"))])


class ProposeAllowForm(forms.Form):
    """白名单建议 from the item page: the phrase (prefilled with the finding's text) and why it is a false positive."""

    phrase = forms.CharField(label=_("建议加入白名单的短语"), max_length=MAX_WORD)
    reason = forms.CharField(label=_("理由"), max_length=200, help_text=_("为什么这是误报，例如规范的政策用语、地名或机构名。"))
    text = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    rule = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    category = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    key = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def clean_phrase(self):
        phrase = self.cleaned_data["phrase"].strip()
        if "\t" in phrase or "\n" in phrase:
            raise forms.ValidationError(_("短语中不能有制表符或换行。"))
        return phrase

    def finding(self) -> dict:
        """The finding the phrase was seen in, as posted (also when the form is not valid)."""
        return {name: self.data.get(name, "") for name in PROPOSAL_FIELDS if name not in ("phrase", "reason")}


PROPOSAL_FIELDS = ("phrase", "reason", "text", "rule", "category", "key")


def proposal_fields(post) -> dict:
    """The proposal's fields from a post of ``lexicons/_propose_allow.html``: named by the finding's key (the
    ``propose`` button's value), so that the findings panel can hold one per finding in its own form."""
    key = post.get("propose", "")
    return {"key": key, **{name: post.get(f"allow_{name}|{key}", "") for name in PROPOSAL_FIELDS if name != "key"}}


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("不采纳理由"), max_length=200)
