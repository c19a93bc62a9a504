"""The "Safeguarding" group: the only non-superusers who see concern reports.

Permissions, exactly: reach the Wagtail admin; view reports and change their status; edit the safeguarding
settings (focal point contacts, emergency numbers). Nothing else: no pages, images, documents, pledges.
Permissions are created here rather than waiting for post_migrate, which runs only after every migration.
"""

from django.db import migrations

GROUP_NAME = "Safeguarding"
PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    ("safeguarding", "concernreport", "view_concernreport", "Can view concern report"),
    ("safeguarding", "concernreport", "change_concernreport", "Can change concern report"),
    ("safeguarding", "safeguardingsettings", "change_safeguardingsettings", "Can change safeguarding"),
]


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    for app_label, model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("safeguarding", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        # After Wagtail hands "choose" permissions to every group with admin access, so that this group
        # keeps exactly the permissions above.
        ("wagtailimages", "0023_add_choose_permissions"),
        ("wagtaildocs", "0011_add_choose_permissions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
