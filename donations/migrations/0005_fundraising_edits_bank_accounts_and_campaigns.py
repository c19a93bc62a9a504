"""The "Fundraising" group also keeps the bank accounts and campaigns (snippets) up to date."""

from django.db import migrations

GROUP_NAME = "Fundraising"
PERMISSIONS = [
    ("bankaccount", action, f"{action}_bankaccount", f"Can {action} bank account")
    for action in ("add", "change", "delete", "view")
] + [("campaign", action, f"{action}_campaign", f"Can {action} campaign") for action in ("add", "change", "delete", "view")]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    for model, _action, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label="donations", model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).first()
    if group is not None:
        codenames = [codename for _model, _action, codename, _name in PERMISSIONS]
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="donations", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [("donations", "0004_bank_accounts_and_campaigns")]

    operations = [migrations.RunPython(grant, revoke)]
