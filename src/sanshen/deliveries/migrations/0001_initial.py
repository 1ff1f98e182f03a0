"""The delivery record (推送记录), moved from publishing: the state only — the table publishing made stays."""

import django.db.models.deletion
from django.db import migrations, models

from sanshen.core.moved_models import relabel_content_types


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('publishing', '0004_channels_and_deliveries_moved_out'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='Delivery',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('action', models.CharField(choices=[('publish', '发布'), ('retract', '撤回')], max_length=10, verbose_name='动作')),
                    ('status', models.CharField(choices=[('pending', '待推送'), ('delivered', '已送达'), ('failed', '失败')], db_index=True, default='pending', max_length=10, verbose_name='状态')),
                    ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='尝试次数')),
                    ('next_attempt_at', models.DateTimeField(blank=True, null=True, verbose_name='下次尝试')),
                    ('response_code', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='响应码')),
                    ('last_error', models.CharField(blank=True, max_length=300, verbose_name='错误')),
                    ('delivered_at', models.DateTimeField(blank=True, null=True, verbose_name='送达时间')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                    ('publication', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='publishing.publication')),
                ],
                options={
                    'verbose_name': '推送记录',
                    'verbose_name_plural': '推送记录',
                    'db_table': 'publishing_delivery',
                    'ordering': ['-created_at', '-id'],
                },
            ),
    
        ]),
        relabel_content_types("publishing", "deliveries", ["delivery"]),
    ]
