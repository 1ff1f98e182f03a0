from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('web', '0002_editions'),
    ]

    operations = [
        migrations.CreateModel(
            name='DailyJobRun',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('job', models.CharField(max_length=200)),
                ('day', models.DateField()),
                ('enqueued_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('job', 'day'), name='web_daily_job_once_a_day')],
            },
        ),
    ]
