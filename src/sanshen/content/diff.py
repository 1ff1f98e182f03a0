"""A character-level comparison of two revisions (版本比较), readable for Chinese text."""

from difflib import SequenceMatcher

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


def char_diff(old: str, new: str) -> SafeString:
    """`old` → `new` as HTML: unchanged text plain, deletions in <del>, insertions in <ins>."""
    out = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(format_html("{}", old[a1:a2]))
            continue
        if a2 > a1:
            out.append(format_html("<del>{}</del>", old[a1:a2]))
        if b2 > b1:
            out.append(format_html("<ins>{}</ins>", new[b1:b2]))
    return mark_safe("".join(out))
