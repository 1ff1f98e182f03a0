"""An item's channels are the channels app's now (the same table); state only."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('channels', '0001_initial'),
        ('content', '0005_finding_dismissals'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='item',
                name='channels',
                field=models.ManyToManyField(blank=True, to='channels.channel', verbose_name='发布渠道'),
            ),
    
        ]),
    ]
