"""`sanshen rescreen` and `sanshen lexicon import|export` from the shell."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sanshen.lexicons.models import LexiconEntry, RescreenFlag, RescreenRun

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_rescreen_prints_progress_and_flags(published, tmp_path):
    lexicon = tmp_path / "words.txt"
    lexicon.write_text("申报材料\tsensitive\tblock\n", encoding="utf-8")
    assert "1 added or enabled" in run("lexicon", "import", str(lexicon), "--as", "admin")
    output = run("rescreen", "--batch", "1")
    queued, run_ = RescreenRun.objects.order_by("id")  # the shell's run supersedes the one the import queued
    assert queued.status == "superseded"
    assert f"run #{run_.pk} done" in output and "(100%), 1 flagged" in output
    assert RescreenFlag.objects.get().item == published


def test_resume_without_an_unfinished_run_is_bad_input():
    with pytest.raises(CommandError, match="no unfinished"):
        run("rescreen", "--resume")


def test_a_bad_import_names_the_line_and_imports_nothing(tmp_path):
    lexicon = tmp_path / "words.txt"
    lexicon.write_text("好词\n坏词\tnosuch\tblock\n", encoding="gb18030")
    with pytest.raises(CommandError, match="第2行"):
        run("lexicon", "import", str(lexicon), "--as", "admin")
    assert not LexiconEntry.objects.exists()


def test_only_administrators_import(tmp_path):
    lexicon = tmp_path / "words.txt"
    lexicon.write_text("好词\n", encoding="utf-8")
    with pytest.raises(CommandError, match="只有系统管理员"):
        run("lexicon", "import", str(lexicon), "--as", "officer")


def test_export_writes_the_enabled_entries(tmp_path):
    lexicon = tmp_path / "words.txt"
    lexicon.write_text("词一\tprohibited\twarn\t改为二\n", encoding="utf-8")
    run("lexicon", "import", str(lexicon), "--as", "admin")
    target = tmp_path / "out.txt"
    run("lexicon", "export", "-o", str(target))
    assert "词一\tprohibited\twarn\t改为二\n" in target.read_text(encoding="utf-8")
