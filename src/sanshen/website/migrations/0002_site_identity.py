from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('website', '0001_search_index'),
    ]

    operations = [
        migrations.CreateModel(
            name='SiteIdentity',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('site_code', models.CharField(blank=True, max_length=20, verbose_name='网站标识码')),
                ('icp_record', models.CharField(blank=True, help_text='例如：苏ICP备12345678号', max_length=50, verbose_name='ICP备案号')),
                ('police_record', models.CharField(blank=True, help_text='例如：苏公网安备 32010002000123号', max_length=50, verbose_name='公安机关备案号')),
            ],
            options={
                'verbose_name': '网站标识',
                'verbose_name_plural': '网站标识',
            },
        ),
    ]
