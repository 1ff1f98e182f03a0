"""Channels, their accounts and naming words (发布渠道), moved from publishing: the state only — the tables
publishing made stay, named as before."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from sanshen.core.moved_models import relabel_content_types


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('org', '0004_accountability_moved_out'),
        ('review', '0003_reviewer_seen_and_passage_comments'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='NamingKeyword',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('word', models.CharField(max_length=30, unique=True, verbose_name='关键词')),
                ],
                options={
                    'verbose_name': '账号命名关键词',
                    'verbose_name_plural': '账号命名关键词',
                    'db_table': 'publishing_namingkeyword',
                    'ordering': ['word'],
                },
            ),
            migrations.CreateModel(
                name='Channel',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=100, verbose_name='名称')),
                    ('kind', models.CharField(choices=[('website', '网站栏目'), ('wechat', '微信公众号'), ('weibo', '微博'), ('video', '视频号'), ('app', '客户端'), ('mini_program', '小程序'), ('higher_portal', '上级门户报送')], default='website', max_length=20, verbose_name='类型')),
                    ('is_classified', models.BooleanField(default=False, help_text='只有涉密渠道可以承载涉密稿件；互联网渠道一律不得勾选。', verbose_name='涉密渠道')),
                    ('requires_final_review', models.BooleanField(default=False, verbose_name='须主要领导终审')),
                    ('is_active', models.BooleanField(default=True, verbose_name='启用')),
                    ('update_threshold_days', models.PositiveIntegerField(default=14, help_text='超过这么多天没有发布新内容即视为不更新（动态类栏目2周，通知公告、政策文件类6个月）。', verbose_name='更新期限（天）')),
                    ('webhook_url', models.URLField(blank=True, help_text='发布、撤回时以签名请求推送到此地址（网站栏目之外的渠道）。', verbose_name='推送地址')),
                    ('webhook_secret', models.CharField(blank=True, max_length=100, verbose_name='签名密钥')),
                    ('is_offline', models.BooleanField(default=False, verbose_name='已熔断')),
                    ('department', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, to='org.department', verbose_name='责任部门')),
                    ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='channels.channel', verbose_name='上级栏目')),
                    ('publisher', models.ForeignKey(blank=True, help_text='留空时，任何信息专管员都可以发布到此渠道。', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='channels_published', to=settings.AUTH_USER_MODEL, verbose_name='发布人')),
                    ('responsible', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='channels_responsible', to=settings.AUTH_USER_MODEL, verbose_name='责任人')),
                    ('workflow', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='review.workflow', verbose_name='审核流程')),
                ],
                options={
                    'verbose_name': '发布渠道',
                    'verbose_name_plural': '发布渠道',
                    'db_table': 'publishing_channel',
                    'ordering': ['kind', 'name'],
                },
            ),
            migrations.CreateModel(
                name='Account',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('platform', models.CharField(max_length=50, verbose_name='平台')),
                    ('account_id', models.CharField(blank=True, max_length=100, verbose_name='账号ID')),
                    ('purpose', models.CharField(help_text='账号与本单位工作职责的关系。', max_length=200, verbose_name='功能定位')),
                    ('contact_phone', models.CharField(blank=True, max_length=30, verbose_name='联系电话')),
                    ('opened_on', models.DateField(verbose_name='开设日期')),
                    ('filing_due', models.DateField(verbose_name='备案期限')),
                    ('filed_on', models.DateField(blank=True, null=True, verbose_name='备案日期')),
                    ('filing_reference', models.CharField(blank=True, max_length=100, verbose_name='备案编号')),
                    ('closing_notice', models.TextField(blank=True, verbose_name='关停公告')),
                    ('closed_on', models.DateField(blank=True, null=True, verbose_name='注销日期')),
                    ('deregistration_due', models.DateField(blank=True, null=True, verbose_name='注销备案期限')),
                    ('deregistration_filed_on', models.DateField(blank=True, null=True, verbose_name='注销备案日期')),
                    ('filing_due_warning', models.CharField(blank=True, max_length=200, verbose_name='备案期限说明')),
                    ('closing_reason', models.CharField(blank=True, max_length=300, verbose_name='关停理由')),
                    ('closing_requested_at', models.DateTimeField(blank=True, null=True, verbose_name='关停申请时间')),
                    ('closing_approved_at', models.DateTimeField(blank=True, null=True, verbose_name='关停批准时间')),
                    ('deregistration_due_warning', models.CharField(blank=True, max_length=200, verbose_name='注销备案期限说明')),
                    ('deregistration_reference', models.CharField(blank=True, max_length=100, verbose_name='注销备案编号')),
                    ('closing_approved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='关停批准人')),
                    ('closing_requested_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='关停申请人')),
                    ('operator', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='运维人员')),
                    ('channel', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='account', to='channels.channel', verbose_name='渠道')),
                ],
                options={
                    'verbose_name': '新媒体账号',
                    'verbose_name_plural': '新媒体账号',
                    'db_table': 'publishing_account',
                    'ordering': ['opened_on'],
                },
            ),
    
        ]),
        relabel_content_types("publishing", "channels", ["channel", "account", "namingkeyword"]),
    ]
