"""Models moved from one app to another (迁移到新应用): their tables stay, named as before, and only Django's
record of them changes — the migrations hold the move as state alone (`SeparateDatabaseAndState`), and the
content types (with the permissions and admin history pointing at them) follow the models."""

from django.db import migrations


def relabel_content_types(old_app: str, new_app: str, models: list[str]) -> migrations.RunPython:
    """The operation moving the content types of `models` from `old_app` to `new_app` (and back when
    unapplied); one made meanwhile under the new app, holding nothing yet, gives way to the old one."""

    def relabel(apps, source: str, target: str) -> None:
        content_types = apps.get_model("contenttypes", "ContentType").objects
        for model in models:
            if content_types.filter(app_label=source, model=model).exists():
                content_types.filter(app_label=target, model=model).delete()
                content_types.filter(app_label=source, model=model).update(app_label=target)

    return migrations.RunPython(lambda apps, _schema: relabel(apps, old_app, new_app),
                                lambda apps, _schema: relabel(apps, new_app, old_app))
