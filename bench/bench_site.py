"""Benchmark: the public website with N published items (default 2,000) in a throwaway SQLite database.

Builds the demo organisation, bulk-creates items, revisions and LIVE publications across the website
columns (and two sub-columns), builds the search index as `sanshen reindex_site` does, then serves
item pages, column pages (first and a deep page), the home page, the feed and searches with Django's
test client; prints median / p95 ms and queries per request.  Not part of the test run:
    .venv/bin/python bench/bench_site.py [N]
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

SENTENCES = [
    "我局召开全市工业经济运行调度会，分析当前形势，部署下一阶段重点工作",
    "会议要求各科室对企业反映的问题逐项梳理，明确责任人和办理时限",
    "为推动工业企业技术改造，现将年度技术改造项目申报有关事项通知如下",
    "培训围绕工业互联网平台应用、数据管理等内容展开",
    "全市规模以上工业增加值同比增长，工业用电量平稳增长",
    "加快推进制造业数字化转型，培育一批智能工厂和数字化车间",
    "申报材料请于规定日期前报送产业发展科，逾期不予受理",
    "支持中小企业专精特新发展，完善梯度培育体系",
    "落实安全生产责任制，开展重点行业领域安全检查",
    "推动节能降碳和绿色制造，建设绿色工厂和绿色园区",
]
QUERIES = ["技术改造", "数字化转型", "工业互联网平台", "安全生产检查", "绿色工厂", "专精特新 中小企业", "2026"]


def seed_sentences() -> list[str]:
    from score_dev import find_shared

    shared = find_shared()
    found = []
    if shared and (shared / "seeds").exists():
        for path in sorted((shared / "seeds").glob("0*.txt")):
            found += [s.strip() for s in path.read_text(encoding="utf-8").replace("\n", "。").split("。")
                      if 12 <= len(s.strip()) <= 80]
    return found or SENTENCES


def setup_database(n: int, in_review: int = 0) -> dict:
    """The demo organisation, `n` items LIVE across the website columns and `in_review` items by the demo
    editor whose 初审 is signed, so that they wait on the section head's 复审 (and the leader's after)."""
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from sanshen.channels.models import Channel
    from sanshen.content.models import Item, Revision
    from sanshen.org.demo import load_demo
    from sanshen.org.models import Person
    from sanshen.publishing.models import Publication

    call_command("migrate", verbosity=0)
    load_demo("Demo-2026!pass")
    editor, officer = Person.objects.get(username="editor"), Person.objects.get(username="officer")
    columns = list(Channel.objects.filter(kind=Channel.Kind.WEBSITE_COLUMN, parent=None))
    parent = columns[-1]
    columns += [Channel.objects.create(name=name, parent=parent, workflow=parent.workflow) for name in ("政策解读", "图解")]
    sentences, rnd = seed_sentences(), random.Random(3)
    now = timezone.now()
    with transaction.atomic():
        items = Item.objects.bulk_create([
            Item(title=f"{rnd.choice(sentences)[:30]}（{i}）", body="", department=editor.department, author=editor,
                 status=Item.Status.APPROVED) for i in range(n)])
        revisions = Revision.objects.bulk_create([
            Revision(item=item, number=1, title=item.title,
                     body="\n".join("。".join(rnd.sample(sentences, 3)) + "。" for _ in range(3)),
                     content_hash=f"{item.pk:064x}", created_by=editor) for item in items])
        for item, revision in zip(items, revisions):
            item.current_revision = revision
        Item.objects.bulk_update(items, ["current_revision"], batch_size=500)
        Publication.objects.bulk_create([
            Publication(item=item, revision=revision, content_hash=revision.content_hash,
                        channel=columns[i % len(columns)], status=Publication.Status.LIVE,
                        published_at=now - timezone.timedelta(minutes=n - i), published_by=officer)
            for i, (item, revision) in enumerate(zip(items, revisions))])
        waiting = add_items_in_review(in_review, sentences, rnd) if in_review else []
    chars = sum(len(r.body) + len(r.title) for r in revisions)
    return {"items": [i.pk for i in items], "columns": [c.pk for c in columns], "chars": chars,
            "in_review": waiting}


def add_items_in_review(n: int, sentences: list[str], rnd: random.Random) -> list[int]:
    """`n` submitted items on 要闻动态, each screened (no findings) with its 初审 signed by editor2."""
    from django.utils import timezone

    from sanshen.channels.models import Channel
    from sanshen.content.models import Item, Revision, ScreeningReport
    from sanshen.org.models import Person
    from sanshen.review.models import Decision, Stage

    editor, editor2 = Person.objects.get(username="editor"), Person.objects.get(username="editor2")
    news = Channel.objects.get(name="要闻动态")
    initial = Stage.objects.get(workflow=news.workflow, order=1)
    now = timezone.now()
    items = Item.objects.bulk_create([
        Item(title=f"{rnd.choice(sentences)[:30]}（待审{i}）", body="", department=editor.department, author=editor,
             status=Item.Status.IN_REVIEW, submitted_at=now - timezone.timedelta(minutes=2 * n - i))
        for i in range(n)])
    Item.channels.through.objects.bulk_create([Item.channels.through(item=item, channel=news) for item in items])
    revisions = Revision.objects.bulk_create([
        Revision(item=item, number=1, title=item.title,
                 body="\n".join("。".join(rnd.sample(sentences, 3)) + "。" for _ in range(3)),
                 content_hash=f"{item.pk:064x}", created_by=editor) for item in items])
    for item, revision in zip(items, revisions):
        item.current_revision = revision
    Item.objects.bulk_update(items, ["current_revision"], batch_size=500)
    ScreeningReport.objects.bulk_create([
        ScreeningReport(revision=revision, trigger=ScreeningReport.Trigger.SUBMIT, ruleset_version="bench")
        for revision in revisions])
    Decision.objects.bulk_create([
        Decision(item=item, revision=revision, content_hash=revision.content_hash, stage=initial,
                 stage_name=initial.name, role=initial.role, person=editor2, verdict=Decision.Verdict.APPROVE,
                 opinion="同意。", proofread=True) for item, revision in zip(items, revisions)])
    return [item.pk for item in items]


def timed(client, urls: list[str]) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], 0
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = max(queries, len(captured))
    return times, queries


def report(name: str, times: list[float], queries: int) -> None:
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
    print(f"{name:<22} median {statistics.median(times):7.2f} ms   p95 {p95:7.2f} ms   "
          f"≤{queries} queries   ({len(times)} requests)")


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    var = tempfile.mkdtemp(prefix="sanshen-bench-site-")
    os.environ.update({"SANSHEN_VAR_DIR": var, "DATABASE_URL": f"sqlite:///{var}/bench.sqlite3",
                       "DJANGO_SETTINGS_MODULE": "sanshen.settings"})
    import django

    django.setup()
    from django.db import transaction
    from django.test import Client

    from sanshen.publishing.models import Publication
    from sanshen.website.search import index_publication, terms

    terms("预热")  # load jieba's dictionary outside the timings
    made = setup_database(n)
    live = Publication.objects.filter(status=Publication.Status.LIVE).select_related("revision", "channel")
    start = time.perf_counter()
    with transaction.atomic():
        for publication in live:
            index_publication(publication)
    seconds = time.perf_counter() - start
    print(f"{n} items published across {len(made['columns'])} columns; search index built in {seconds:.1f} s "
          f"({n / seconds:.0f} items/s, {made['chars'] / seconds / 1000:.0f} k chars/s)")

    client, rnd = Client(), random.Random(5)
    client.get("/site/")  # warm up templates and connection
    sample = rnd.sample(made["items"], min(300, n))
    report("item page", *timed(client, [f"/site/items/{pk}/" for pk in sample]))
    report("column page 1", *timed(client, [f"/site/columns/{pk}/" for pk in made["columns"]] * 20))
    report("column page 10", *timed(client, [f"/site/columns/{pk}/?page=10" for pk in made["columns"]] * 20))
    report("home", *timed(client, ["/site/"] * 50))
    report("feed", *timed(client, ["/site/feed.atom"] * 50))
    report("search", *timed(client, [f"/site/search/?q={q}" for q in QUERIES] * 10))
    return 0


if __name__ == "__main__":
    sys.exit(main())
