"""A search entry's channel is the channels app's now (the same table); state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('channels', '0001_initial'),
        ('website', '0002_site_identity'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='searchentry',
                name='channel',
                field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='channels.channel'),
            ),
    
        ]),
    ]
