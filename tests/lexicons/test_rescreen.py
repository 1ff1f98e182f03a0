"""Re-screening what is published after the rules change (S4): new blocking findings flag the item."""

import pytest
from django.urls import reverse

from sanshen.content.models import ScreeningReport
from sanshen.lexicons.models import RescreenFlag, RescreenRun, RescreenTarget
from sanshen.lexicons.rescreen import RescreenError, resolve_flag, run_rescreen, start_rescreen
from sanshen.lexicons.services import EntryInput, add_allow, add_entry, set_enabled
from sanshen.publishing.models import Publication
from sanshen.web.models import Notification

pytestmark = pytest.mark.django_db


def live_revisions() -> int:
    return Publication.objects.filter(status="live").values("revision").distinct().count()


def test_a_new_block_word_in_a_published_item_flags_it_and_tells_its_owners(person, published, finish_rescreen):
    add_entry(person("admin"), EntryInput(word="申报材料", category="sensitive", severity="block"))
    run = finish_rescreen()
    assert live_revisions() >= 2  # the demo publishes some too: only ours has the word
    assert (run.status, run.total, run.done, run.flagged) == ("done", live_revisions(), live_revisions(), 1)
    flag = RescreenFlag.objects.get(item=published)
    assert [f["text"] for f in flag.findings] == ["申报材料"] and flag.resolved_at is None
    report = flag.report
    assert report.trigger == ScreeningReport.Trigger.RESCREEN and report.revision == published.current_revision
    assert report.blocking == 1
    url = reverse("content:item", args=[published.pk])
    for name in ("editor", "head", "officer"):
        note = Notification.objects.filter(person=person(name), url=url, message__contains="复查提醒").get()
        assert "申报材料" in note.message and published.title in note.message
    assert not Notification.objects.filter(person=person("editor2"), message__contains="复查提醒").exists()


def test_the_same_finding_is_not_raised_twice(person, published, finish_rescreen):
    add_entry(person("admin"), EntryInput(word="申报材料"))
    finish_rescreen()
    start_rescreen(person=person("admin"))
    run = finish_rescreen()
    assert (run.done, run.flagged) == (live_revisions(), 0)
    assert RescreenFlag.objects.count() == 1


def test_a_disabled_entry_no_longer_flags(person, published, finish_rescreen):
    admin = person("admin")
    entry = add_entry(admin, EntryInput(word="申报材料"))
    set_enabled(entry, admin, False)
    run = finish_rescreen()
    assert (run.done, run.flagged) == (live_revisions(), 0)
    assert RescreenRun.objects.filter(status="superseded").count() == 1  # the run of the first change
    latest = published.current_revision.screenings.first()
    assert latest.trigger == "rescreen" and latest.blocking == 0


def test_an_allow_listed_phrase_silences_the_word(person, published, finish_rescreen):
    admin = person("admin")
    add_allow(admin, "申报材料请于", "通知中的固定用语")
    add_entry(admin, EntryInput(word="申报材料"))
    run = finish_rescreen()
    assert run.flagged == 0 and not RescreenFlag.objects.exists()


def test_warn_entries_do_not_flag(person, published, finish_rescreen):
    add_entry(person("admin"), EntryInput(word="申报材料", severity="warn"))
    run = finish_rescreen()
    assert run.flagged == 0
    assert any(f["text"] == "申报材料" for f in published.current_revision.screenings.first().findings)


def test_a_crashed_batch_is_taken_over_after_its_claim_expires(person, published, time_machine):
    run = start_rescreen(person=person("admin"))
    assert run_rescreen(run.pk, batch_size=1).status == "done"
    # a second run whose worker died holding its only target
    crashed = start_rescreen(person=person("admin"))
    from sanshen.lexicons.rescreen import _claim, _list_targets

    _list_targets(crashed)
    held = _claim(crashed, "dead-worker", 1)
    assert len(held) == 1
    survivor = run_rescreen(crashed.pk)  # everything else is screened; the held one waits for its claim to expire
    assert (survivor.status, survivor.done) == ("running", live_revisions() - 1)
    time_machine.move_to("2099-01-01")
    finished = run_rescreen(crashed.pk)
    assert (finished.status, finished.done) == ("done", live_revisions())
    assert not RescreenTarget.objects.filter(run=crashed, claim="dead-worker").exists()


def test_two_workers_never_screen_the_same_revision(person, published):
    run = start_rescreen(person=person("admin"))
    from sanshen.lexicons.rescreen import _claim, _list_targets

    _list_targets(run)
    first = _claim(run, "first", 2)
    second = _claim(run, "second", 100)
    assert first and second and not {r for _t, r in first} & {r for _t, r in second}
    assert _claim(run, "third", 100) == []


def test_a_flag_is_resolved_once_with_a_reason(person, published, finish_rescreen):
    add_entry(person("admin"), EntryInput(word="申报材料"))
    finish_rescreen()
    flag = RescreenFlag.objects.get()
    with pytest.raises(RescreenError, match="请写明处理情况"):
        resolve_flag(flag, person("officer"), resolution="  ")
    resolve_flag(flag, person("officer"), resolution="已撤回并通知科室更正")
    flag.refresh_from_db()
    assert flag.resolved_by == person("officer") and flag.resolution == "已撤回并通知科室更正"
    with pytest.raises(RescreenError, match="已由"):
        resolve_flag(flag, person("head"), resolution="再次处理")


def test_a_change_queues_the_job_for_the_worker_after_it_commits(person, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        add_entry(person("admin"), EntryInput(word="排队词"))
    run = RescreenRun.objects.get()
    job = DBTaskResult.objects.get(task_path="sanshen.lexicons.tasks.rescreen")
    assert job.args_kwargs["args"] == [run.pk]
    assert job.task.call(*job.args_kwargs["args"])["status"] == "done"
