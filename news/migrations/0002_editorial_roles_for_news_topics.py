"""News topics follow the editorial roles of the other snippets (pages migration 0004 and 0005).

Editors add and edit topics, Moderators also delete them, Translators edit their names. News pages need nothing
here: the groups' page permissions are set on the tree's root, so they cover the news section too.
"""

from django.db import migrations

ROLES = {
    "Editors": ["add_newstopic", "change_newstopic", "view_newstopic"],
    "Moderators": ["add_newstopic", "change_newstopic", "view_newstopic", "delete_newstopic"],
    "Translators": ["change_newstopic", "view_newstopic"],
}


def permission(apps, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="news", model="newstopic")
    found, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ").capitalize()}
    )
    return found


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*[permission(apps, codename) for codename in codenames])


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in ROLES.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*[permission(apps, codename) for codename in codenames])


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("pages", "0005_only_moderators_delete_pages_images_documents"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
