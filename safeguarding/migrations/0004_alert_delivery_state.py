"""Delivery state of the focal point's alert. Reports made before it existed are marked "untracked", not pending,
so that a deploy does not alert about every old report again."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('safeguarding', '0003_add_concern_report_addition'),
    ]

    operations = [
        migrations.AddField(
            model_name='concernreport',
            name='alert_attempts',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='alert attempts'),
        ),
        migrations.AddField(
            model_name='concernreport',
            name='alert_last_attempt_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='last alert attempt'),
        ),
        migrations.AddField(
            model_name='concernreport',
            name='alert_last_error',
            field=models.TextField(blank=True, verbose_name='last alert error'),
        ),
        migrations.AddField(
            model_name='concernreport',
            name='alert_sent_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='alert sent'),
        ),
        migrations.AddField(
            model_name='concernreport',
            name='alert_status',
            field=models.CharField(choices=[('pending', 'Waiting to be sent'), ('sending', 'Being sent'), ('sent', 'Sent'), ('failed', 'Failed, gave up'), ('untracked', 'Not recorded (older report)')], default='untracked', max_length=10, verbose_name='alert to the focal point'),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name='concernreport',
            name='alert_status',
            field=models.CharField(choices=[('pending', 'Waiting to be sent'), ('sending', 'Being sent'), ('sent', 'Sent'), ('failed', 'Failed, gave up'), ('untracked', 'Not recorded (older report)')], default='pending', max_length=10, verbose_name='alert to the focal point'),
        ),
        migrations.AddIndex(
            model_name='concernreport',
            index=models.Index(fields=['alert_status'], name='concern_alert_status'),
        ),
    ]
