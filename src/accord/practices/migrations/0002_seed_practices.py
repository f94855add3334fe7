"""Seed the 34 ITIL 4 management practices (reference data)."""

from django.db import migrations


def seed(apps, schema_editor):
    from accord.practices.reference import PRACTICES

    Practice = apps.get_model('practices', 'Practice')
    for name, title, category, aliases in PRACTICES:
        Practice.objects.update_or_create(name=name, defaults={'title': title, 'category': category, 'aliases': aliases})


def unseed(apps, schema_editor):
    from accord.practices.reference import PRACTICES

    apps.get_model('practices', 'Practice').objects.filter(name__in=[p[0] for p in PRACTICES]).delete()


class Migration(migrations.Migration):
    dependencies = [('practices', '0001_initial')]
    operations = [migrations.RunPython(seed, unseed)]
