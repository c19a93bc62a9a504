"""Deleting pages, images and documents becomes a Moderators' job (issue 18).

Wagtail lets anyone who may change a page, image or document delete it; ``pages/admin_permissions.py`` now
asks for the model's delete permission as well. Moderators get ``wagtailcore.delete_page``,
``pages.delete_siteimage`` and ``wagtaildocs.delete_document``; no other group keeps them.
"""

from django.db import migrations

DELETE_PERMISSIONS = [
    ("wagtailcore", "page", "delete_page", "Can delete page"),
    ("pages", "siteimage", "delete_siteimage", "Can delete image"),
    ("wagtaildocs", "document", "delete_document", "Can delete document"),
]
GROUP_NAME = "Moderators"


def permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, model, codename, name in DELETE_PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        found.append(permission)
    return found


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    granted = permissions(apps)
    for group in Group.objects.exclude(name=GROUP_NAME):
        group.permissions.remove(*granted)
    moderators, _created = Group.objects.get_or_create(name=GROUP_NAME)
    moderators.permissions.add(*granted)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    moderators = Group.objects.filter(name=GROUP_NAME).first()
    if moderators is not None:
        moderators.permissions.remove(*permissions(apps))


class Migration(migrations.Migration):
    dependencies = [("pages", "0004_editorial_roles_and_moderation")]

    operations = [migrations.RunPython(grant, revoke)]
