"""Benchmark: re-screen N stored, published items after a lexicon change (已发布信息复查, S4).

Builds a throwaway SQLite database (a temporary directory; nothing else is touched), loads the demo
organisation, bulk-inserts N approved items with 1–3k-character bodies made of the seed documents'
sentences (shared/seeds, found as in score_dev.py; generated sentences without them), each live on a
website column with an earlier screening report; then adds one blocking lexicon entry that about 1 %
of the bodies contain and runs the re-screening job to its end in this process. Prints items/s, total
seconds, how many were flagged, and the peak resident memory at points through the run (it must stay flat).

    .venv/bin/python bench/bench_rescreen.py            # 100,000 items: run it on a quiet machine
    .venv/bin/python bench/bench_rescreen.py -n 2000    # a quick check
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

MARKER = "违规示例词"
PASSWORD = "Bench-2026!pass"


def sentences() -> list[str]:
    from score_dev import find_shared

    shared = find_shared()
    found: list[str] = []
    if shared and (shared / "seeds").exists():
        for path in sorted((shared / "seeds").glob("0*.txt")):
            text = path.read_text(encoding="utf-8")
            found += [s.strip() + "。" for s in re.split(r"[。\n]", text) if 12 <= len(s.strip()) <= 160]
    found = found or ["各单位要严格落实信息发布审核制度，加强政务公开工作。", "信息专管员负责网站信息的发布和日常维护。"]
    return clean(found)


def clean(pool: list[str]) -> list[str]:
    """Only sentences without a blocking finding: the stored earlier reports (no findings) stay true, so
    what the run flags is what the new entry brings."""
    from sanshen.screening.engine import Screener

    screener = Screener()
    return [s for s in dict.fromkeys(pool) if not any(f.severity == "block" for f in screener.screen(s))]


def body(rnd: random.Random, pool: list[str], flagged: bool) -> str:
    target = rnd.randint(1000, 3000)
    parts, size = [], 0
    while size < target:
        s = rnd.choice(pool)
        parts.append(s)
        size += len(s)
    if flagged:
        parts.insert(rnd.randrange(len(parts)), f"其中提到{MARKER}。")
    return "".join(parts)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def populate(n: int, seed: int = 3) -> None:
    from django.utils import timezone

    from sanshen.channels.models import Channel
    from sanshen.content.models import Item, Revision, ScreeningReport
    from sanshen.org.models import Person
    from sanshen.publishing.models import Publication

    editor, officer = Person.objects.get(username="editor"), Person.objects.get(username="officer")
    channel = Channel.objects.get(name="要闻动态")
    rnd, pool, now = random.Random(seed), sentences(), timezone.now()
    chunk = 1000
    for start in range(0, n, chunk):
        size = min(chunk, n - start)
        items = Item.objects.bulk_create([
            Item(title=f"基准测试信息{start + i:06d}", body="", department=editor.department, author=editor,
                 status=Item.Status.APPROVED) for i in range(size)])
        revisions = []
        for item in items:
            text = body(rnd, pool, rnd.random() < 0.01)
            revisions.append(Revision(item=item, number=1, title=item.title, body=text, created_by=editor,
                                      content_hash=Revision.hash_content(item.title, text, [])))
        revisions = Revision.objects.bulk_create(revisions)
        for item, revision in zip(items, revisions):
            item.current_revision, item.body = revision, revision.body
        Item.objects.bulk_update(items, ["current_revision", "body"])
        ScreeningReport.objects.bulk_create([ScreeningReport(revision=r, trigger="final", ruleset_version="bench",
                                                             findings=[], blocking=0) for r in revisions])
        Publication.objects.bulk_create([
            Publication(item=r.item, revision=r, content_hash=r.content_hash, channel=channel,
                        status=Publication.Status.LIVE, published_at=now, published_by=officer) for r in revisions])
        print(f"\r  inserted {start + size}/{n}", end="", flush=True)
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000, help="published items (default 100,000)")
    parser.add_argument("--batch", type=int, default=None, help="revisions per claimed batch")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="sanshen-bench-")
    os.environ["SANSHEN_VAR_DIR"] = tmp.name
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp.name) / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "sanshen.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from sanshen.lexicons.rescreen import BATCH, run_rescreen, start_rescreen
    from sanshen.lexicons.services import EntryInput, add_entry
    from sanshen.org.demo import load_demo
    from sanshen.org.models import Person

    call_command("migrate", verbosity=0)
    load_demo(PASSWORD)
    t0 = time.perf_counter()
    populate(args.n)
    print(f"populated {args.n} published items in {time.perf_counter() - t0:.1f} s")
    add_entry(Person.objects.get(username="admin"), EntryInput(word=MARKER))  # queues a run for the worker
    run = start_rescreen(background=False)  # this process works on its own run instead
    checkpoints = [10, 25, 50, 75, 100]
    memory: list[tuple[int, float]] = [(0, rss_mb())]

    def progress(current) -> None:
        if checkpoints and current.percent >= checkpoints[0]:
            while checkpoints and current.percent >= checkpoints[0]:
                checkpoints.pop(0)
            memory.append((current.percent, rss_mb()))
            print(f"  {current.done}/{current.total} ({current.percent}%), {current.flagged} flagged, "
                  f"{current.done / (time.perf_counter() - t1):.0f} items/s, peak RSS {rss_mb():.0f} MB",
                  flush=True)

    t1 = time.perf_counter()
    run = run_rescreen(run.pk, batch_size=args.batch or BATCH, progress=progress)
    seconds = time.perf_counter() - t1
    print(f"re-screened {run.done} of {run.total} published revisions in {seconds:.1f} s: "
          f"{run.done / seconds:.0f} items/s; {run.flagged} flagged ({run.status})")
    print("peak RSS (MB) at % done: " + ", ".join(f"{p}%: {m:.0f}" for p, m in memory))
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
