"""Forms of the item pages (稿件表单): what an editor types, mapped onto the services' ItemInput."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sanshen.channels.models import Channel
from sanshen.core.widgets import DateInput
from sanshen.org.models import Person, Role

from .models import Item, Source
from .services import ContentError, ItemInput, import_body

IMPORTABLE = ".docx,.pdf,.txt"
COMMITMENT = _("本单位承诺所报送信息真实、准确，已履行自审程序")


def plain_text(value: str) -> str:
    """Browsers send CRLF line ends; findings point into the text, so store plain LF."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def item_input(item: Item, **changes) -> ItemInput:
    """The item's current values as an ItemInput, with `changes` applied (for one-click fixes)."""
    values = {"title": item.title, "body": item.body, "category": item.category,
              "channels": tuple(item.channels.all()), "sensitivity": item.sensitivity,
              "event_date": item.event_date, "is_repost": item.is_repost, "source": item.source,
              "source_author": item.source_author, "member_commitment": item.member_commitment_at is not None}
    return ItemInput(**{**values, **changes})


class ItemForm(forms.Form):
    """Every field of an item (C1); the body can be typed, pasted or imported from a file (C6)."""

    title = forms.CharField(label=_("标题"), max_length=200)
    body = forms.CharField(label=_("正文"), required=False, widget=forms.Textarea(attrs={"rows": 18}),
                           help_text=_("纯文本，空行分段；从 Word 粘贴时保留文字。"))
    body_file = forms.FileField(label=_("从文件导入正文"), required=False,
                                widget=forms.ClearableFileInput(attrs={"accept": IMPORTABLE}),
                                help_text=_("支持 .docx、.pdf、.txt；导入的文字替换上面的正文。"))
    category = forms.ChoiceField(label=_("类别"), choices=Item.Category.choices, initial=Item.Category.WORK_NEWS)
    channels = forms.ModelMultipleChoiceField(label=_("发布渠道"), required=False,
                                              queryset=Channel.objects.filter(is_active=True),
                                              widget=forms.CheckboxSelectMultiple)
    sensitivity = forms.ChoiceField(label=_("敏感程度"), choices=Item.Sensitivity.choices,
                                    initial=Item.Sensitivity.PUBLIC)
    event_date = forms.DateField(label=_("事件日期"), required=False, widget=DateInput())
    is_repost = forms.BooleanField(label=_("转载"), required=False)
    source = forms.ModelChoiceField(label=_("原稿源单位"), required=False,
                                    queryset=Source.objects.filter(is_approved=True),
                                    help_text=_("转载稿件须从稿源单位白名单中选择。"))
    source_author = forms.CharField(label=_("原作者"), max_length=100, required=False)

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        if person.has_role(Role.MEMBER):
            self.fields["member_commitment"] = forms.BooleanField(label=COMMITMENT, required=True)

    @staticmethod
    def initial_for(item: Item) -> dict:
        return vars(item_input(item))

    def clean_body(self):
        return plain_text(self.cleaned_data["body"])

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("body_file")
        if upload:
            try:
                cleaned["body"] = plain_text(import_body(upload.name, upload.read()))
            except ContentError as error:
                self.add_error("body_file", str(error))
            else:
                self.data = self.data.copy()  # show the imported text if the form comes back
                self.data["body"] = cleaned["body"]
        return cleaned

    def item_input(self) -> ItemInput:
        data = self.cleaned_data
        return ItemInput(title=data["title"], body=data["body"], category=data["category"],
                         channels=tuple(data["channels"]), sensitivity=data["sensitivity"],
                         event_date=data["event_date"], is_repost=data["is_repost"], source=data["source"],
                         source_author=data["source_author"].strip(),
                         member_commitment=data.get("member_commitment", False))


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件"), widget=forms.ClearableFileInput(attrs={"accept": IMPORTABLE}),
                           help_text=_("支持 .docx、.pdf、.txt；附件文字与正文一起筛查。"))


class SourceForm(forms.ModelForm):
    class Meta:
        model = Source
        fields = ["name", "is_approved", "note"]
