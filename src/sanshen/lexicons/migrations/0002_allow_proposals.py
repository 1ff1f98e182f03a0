import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('content', '0004_rescreen_trigger'),
        ('lexicons', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AllowProposal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('phrase', models.CharField(max_length=100, verbose_name='短语')),
                ('reason', models.CharField(max_length=200, verbose_name='理由')),
                ('finding', models.JSONField(blank=True, default=dict, verbose_name='筛查发现')),
                ('status', models.CharField(choices=[('pending', '待处理'), ('accepted', '已采纳'), ('declined', '未采纳')], db_index=True, default='pending', max_length=10, verbose_name='状态')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='建议时间')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='处理时间')),
                ('decline_reason', models.CharField(blank=True, max_length=200, verbose_name='不采纳理由')),
                ('allow', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='proposals', to='lexicons.allowphrase', verbose_name='白名单短语')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='处理人')),
                ('item', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='allow_proposals', to='content.item', verbose_name='稿件')),
                ('proposed_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='建议人')),
            ],
            options={
                'verbose_name': '白名单建议',
                'verbose_name_plural': '白名单建议',
                'ordering': ['-id'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('status', 'pending')), fields=('phrase',), name='one_pending_proposal_per_phrase')],
            },
        ),
    ]
