"""The public website's search index (站内搜索索引): one entry per live publication in a website column.

Rows are written by the receivers of `publication_changed` inside the publishing transaction, so the
index never lists what is not live; `sanshen reindex_site` rebuilds it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

TERM_MAX_LENGTH = 40


class SearchEntry(models.Model):
    """A live website publication as the search sees it (索引条目)."""

    publication = models.OneToOneField("publishing.Publication", on_delete=models.CASCADE, related_name="search_entry")
    item = models.ForeignKey("content.Item", on_delete=models.CASCADE, related_name="+")
    channel = models.ForeignKey("channels.Channel", on_delete=models.CASCADE, related_name="+")
    published_at = models.DateTimeField(_("发布时间"), db_index=True)

    class Meta:
        verbose_name = _("索引条目")
        verbose_name_plural = _("索引条目")


class SearchTerm(models.Model):
    """One word of an entry's title or body, as jieba segments it for search (检索词)."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=TERM_MAX_LENGTH)
    in_title = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "term"], name="website_term_once_per_entry")]
        indexes = [models.Index(fields=["term", "entry"], name="website_term_lookup")]



class SiteIdentity(models.Model):
    """The identifiers the public site shows in its footer (网站标识), set by the administrator."""

    site_code = models.CharField(_("网站标识码"), max_length=20, blank=True)
    icp_record = models.CharField(_("ICP备案号"), max_length=50, blank=True, help_text=_("例如：苏ICP备12345678号"))
    police_record = models.CharField(_("公安机关备案号"), max_length=50, blank=True,
                                     help_text=_("例如：苏公网安备 32010002000123号"))

    class Meta:
        verbose_name = _("网站标识")
        verbose_name_plural = _("网站标识")

    def __str__(self):
        return str(_("门户网站"))

    @classmethod
    def current(cls) -> "SiteIdentity":
        """The identifiers set, or an empty (unsaved) set until the administrator saves some."""
        return cls.objects.order_by("pk").first() or cls()
