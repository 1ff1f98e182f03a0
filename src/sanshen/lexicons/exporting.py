"""Exporting the lexicon (词库导出) in the file format `sanshen screen --lexicon` and the import read."""

from django.utils import timezone

from .models import LexiconEntry, RuleSetVersion
from .ruleset import lexicon_text


def export_text() -> str:
    """The enabled entries, one per line: word, category, severity, suggestion, note (tab-separated)."""
    rows = list(LexiconEntry.objects.filter(enabled=True).order_by("word", "category"))
    version = RuleSetVersion.objects.first()
    header = (f"# 三审 管理员词库导出 {timezone.localtime():%Y-%m-%d %H:%M}"
              f"{f'，{version}（规则版本 {version.ruleset_hash}）' if version else ''}\n"
              "# 词语\t类别\t级别\t建议改为\t说明\n")
    return header + lexicon_text(rows, [e.note for e in rows])
