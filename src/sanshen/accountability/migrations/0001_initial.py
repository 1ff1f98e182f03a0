"""Suspensions and criticisms (问责), moved from org: the state only — the tables org made stay, named as before."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from sanshen.core.moved_models import relabel_content_types


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('org', '0004_accountability_moved_out'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='Suspension',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('scope', models.CharField(choices=[('compose', '撰写提交'), ('review', '审核'), ('publish', '发布'), ('all', '全部')], max_length=10, verbose_name='暂停范围')),
                    ('reason', models.CharField(max_length=300, verbose_name='暂停理由')),
                    ('starts_at', models.DateTimeField(verbose_name='开始时间')),
                    ('ends_at', models.DateTimeField(blank=True, help_text='不填则直到提前恢复为止', null=True, verbose_name='结束时间')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='登记时间')),
                    ('lifted_at', models.DateTimeField(blank=True, null=True, verbose_name='提前恢复时间')),
                    ('lift_reason', models.CharField(blank=True, max_length=300, verbose_name='恢复理由')),
                    ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='决定人')),
                    ('lifted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='恢复决定人')),
                    ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='suspensions', to=settings.AUTH_USER_MODEL, verbose_name='被暂停人员')),
                ],
                options={
                    'verbose_name': '权限暂停',
                    'verbose_name_plural': '权限暂停',
                    'db_table': 'org_suspension',
                    'ordering': ['-starts_at', '-id'],
                },
            ),
            migrations.CreateModel(
                name='Criticism',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('issued_on', models.DateField(verbose_name='通报日期')),
                    ('text', models.TextField(verbose_name='通报内容')),
                    ('requirement', models.TextField(blank=True, verbose_name='整改要求')),
                    ('deadline', models.DateField(blank=True, null=True, verbose_name='整改期限')),
                    ('done_on', models.DateField(blank=True, null=True, verbose_name='整改完成日期')),
                    ('done_note', models.CharField(blank=True, max_length=500, verbose_name='整改情况')),
                    ('recorded_at', models.DateTimeField(auto_now_add=True, verbose_name='登记时间')),
                    ('department', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='criticisms', to='org.department', verbose_name='被通报部门')),
                    ('person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='criticisms', to=settings.AUTH_USER_MODEL, verbose_name='被通报人员')),
                    ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='登记人')),
                ],
                options={
                    'verbose_name': '通报批评',
                    'verbose_name_plural': '通报批评',
                    'db_table': 'org_criticism',
                    'ordering': ['-issued_on', '-id'],
                    'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('department__isnull', True), ('person__isnull', False)), models.Q(('department__isnull', False), ('person__isnull', True)), _connector='OR'), name='criticism_names_person_or_department')],
                },
            ),
    
        ]),
        relabel_content_types("org", "accountability", ["suspension", "criticism"]),
    ]
