"""Editorial roles: Editors, Moderators and Translators with exact permissions, and moderation.

- Editors: create and edit pages anywhere under the site root, submit them for moderation (never
  publish), upload and edit images and documents, edit focus areas and key documents.
- Moderators: everything Editors do, plus publish/unpublish/schedule pages, lock pages, delete
  snippets, manage redirects (including the CSV import of old URLs).
- Translators: edit the fields of existing pages, images' alt text and snippets; never create,
  publish or delete.
Every edit by an Editor or Translator goes through the "Moderators approval" workflow on the root.
Permissions are created here rather than waiting for post_migrate, which runs after every migration.
"""

from django.db import migrations

ADMIN = [("wagtailadmin", "admin", "access_admin")]
MEDIA_EDIT = ["add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document"]
SNIPPETS_EDIT = [
    ("advocacy", "focusarea", "add_focusarea"),
    ("advocacy", "focusarea", "change_focusarea"),
    ("advocacy", "focusarea", "view_focusarea"),
    ("advocacy", "keydocument", "add_keydocument"),
    ("advocacy", "keydocument", "change_keydocument"),
    ("advocacy", "keydocument", "view_keydocument"),
]
SNIPPETS_DELETE = [
    ("advocacy", "focusarea", "delete_focusarea"),
    ("advocacy", "keydocument", "delete_keydocument"),
]
REDIRECTS = [
    ("wagtailredirects", "redirect", "add_redirect"),
    ("wagtailredirects", "redirect", "change_redirect"),
    ("wagtailredirects", "redirect", "delete_redirect"),
]
ROLES = {
    "Editors": {
        "global": ADMIN + SNIPPETS_EDIT,
        "pages": ["add_page", "change_page"],
        "collections": MEDIA_EDIT,
    },
    "Moderators": {
        "global": ADMIN + SNIPPETS_EDIT + SNIPPETS_DELETE + REDIRECTS,
        "pages": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
        "collections": MEDIA_EDIT,
    },
    "Translators": {
        "global": ADMIN
        + [
            ("advocacy", "focusarea", "change_focusarea"),
            ("advocacy", "focusarea", "view_focusarea"),
            ("advocacy", "keydocument", "change_keydocument"),
            ("advocacy", "keydocument", "view_keydocument"),
        ],
        "pages": ["change_page"],
        "collections": ["change_image", "choose_image", "choose_document"],
    },
}
WORKFLOW_NAME = "Moderators approval"


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    found, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ").capitalize()}
    )
    return found


def model_of(codename):
    action, model = codename.split("_", 1)
    app_label = {"page": "wagtailcore", "image": "pages", "document": "wagtaildocs"}[model]
    model = {"image": "siteimage"}.get(model, model)
    return app_label, model


def apply_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    groups = {}
    for name, spec in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.set([permission(apps, *entry) for entry in spec["global"]])
        GroupPagePermission.objects.filter(group=group).delete()
        if root_page is not None:
            for codename in spec["pages"]:
                GroupPagePermission.objects.create(
                    group=group, page=root_page, permission=permission(apps, *model_of(codename), codename)
                )
        GroupCollectionPermission.objects.filter(group=group).delete()
        if root_collection is not None:
            for codename in spec["collections"]:
                GroupCollectionPermission.objects.create(
                    group=group, collection=root_collection, permission=permission(apps, *model_of(codename), codename)
                )
    ensure_workflow(apps, groups["Moderators"], root_page)


def ensure_workflow(apps, moderators, root_page):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME, content_type=content_type, active=True)
    task.groups.set([moderators])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if root_page is not None:
        WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0003_photo_consent_and_safeguarding_links"),
        ("advocacy", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(apply_roles, migrations.RunPython.noop)]
