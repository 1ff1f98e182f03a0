"""Channels, accounts, naming words and deliveries move to their own apps (channels, deliveries); publications
and outages point at the channels app's Channel — the same table. State only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('channels', '0001_initial'),
        ('content', '0006_channels_moved'),
        ('publishing', '0003_account_filing_and_closing'),
        ('website', '0003_channels_moved'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.RemoveField(
                model_name='account',
                name='channel',
            ),
            migrations.RemoveField(
                model_name='account',
                name='closing_approved_by',
            ),
            migrations.RemoveField(
                model_name='account',
                name='closing_requested_by',
            ),
            migrations.RemoveField(
                model_name='account',
                name='operator',
            ),
            migrations.RemoveField(
                model_name='channel',
                name='department',
            ),
            migrations.RemoveField(
                model_name='channel',
                name='parent',
            ),
            migrations.RemoveField(
                model_name='channel',
                name='publisher',
            ),
            migrations.RemoveField(
                model_name='channel',
                name='responsible',
            ),
            migrations.RemoveField(
                model_name='channel',
                name='workflow',
            ),
            migrations.AlterField(
                model_name='publication',
                name='channel',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='publications', to='channels.channel', verbose_name='渠道'),
            ),
            migrations.AlterField(
                model_name='outage',
                name='channel',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='outages', to='channels.channel', verbose_name='渠道'),
            ),
            migrations.RemoveField(
                model_name='delivery',
                name='publication',
            ),
            migrations.DeleteModel(
                name='NamingKeyword',
            ),
            migrations.DeleteModel(
                name='Account',
            ),
            migrations.DeleteModel(
                name='Channel',
            ),
            migrations.DeleteModel(
                name='Delivery',
            ),
    
        ]),
    ]
