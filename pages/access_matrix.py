"""Who may open which admin URL: the one source of the roles.

``tests/pages/test_permission_matrix.py`` requests every row as every role and expects exactly the answer
written here; README's "Access matrix" table is rendered from the same rows (``markdown_table()``) and a test
fails when the two disagree. Change a role here, in a data migration, and in README (paste ``markdown_table()``)
together.

A row names a URL (``url`` with symbolic ``args`` that the test turns into objects: ``live_page``,
``draft_page``, ``home``, ``image``, ``document``, ``focus_area``, ``key_document``, ``newstopic``, ``redirect``,
``user``, ``group``, ``pledge``, ``report``, ``site``) and the roles that are let in. Signed-out visitors and
signed-in people without a staff group are sent to the admin's login page; every other role that is not let in
gets 403 with the explanation page (``pages/admin_permissions.py``).
"""

from dataclasses import dataclass

ANONYMOUS = "anonymous"
NO_GROUP = "no group"
SUPERUSER = "superuser"
EDITORS = "Editors"
MODERATORS = "Moderators"
TRANSLATORS = "Translators"
FUNDRAISING = "Fundraising"
SAFEGUARDING = "Safeguarding"

ROLES = (ANONYMOUS, NO_GROUP, EDITORS, MODERATORS, TRANSLATORS, FUNDRAISING, SAFEGUARDING, SUPERUSER)
GROUP_ROLES = (EDITORS, MODERATORS, TRANSLATORS, FUNDRAISING, SAFEGUARDING)
SIGNED_OUT = (ANONYMOUS, NO_GROUP)  # both go to the login page

LOGIN = "login"
FORBIDDEN = 403

EDITORIAL = frozenset({EDITORS, MODERATORS, TRANSLATORS})
AUTHORS = frozenset({EDITORS, MODERATORS})
STAFF = frozenset(GROUP_ROLES)
NOBODY = frozenset()


@dataclass(frozen=True)
class Row:
    area: str
    action: str  # README's wording; rows sharing an action must let in the same roles
    url: str
    args: tuple = ()
    allowed: frozenset = NOBODY  # superusers are always let in
    method: str = "GET"
    data: str = ""  # POST rows: which form the test sends (see the test's ``post_data``)
    ok_status: int = 200

    def __post_init__(self):
        object.__setattr__(self, "allowed", frozenset(self.allowed))

    @property
    def key(self):
        return f"{self.method} {self.url}({', '.join(self.args)})"

    def expected(self, role):
        """The status code ``role`` gets, or ``LOGIN`` for a redirect to the admin's login page."""
        if role in SIGNED_OUT:
            return LOGIN
        if role == SUPERUSER or role in self.allowed:
            return self.ok_status
        return FORBIDDEN


def _snippet_rows(model, label, app="advocacy"):
    prefix = f"wagtailsnippets_{app}_{model}"
    return [
        Row("Snippets", f"List {label}", f"{prefix}:list", allowed=EDITORIAL),
        Row("Snippets", f"Add {label}", f"{prefix}:add", allowed=AUTHORS),
        Row("Snippets", f"Edit {label}", f"{prefix}:edit", (model,), allowed=EDITORIAL),
        Row("Snippets", f"Delete {label}", f"{prefix}:delete", (model,), allowed=frozenset({MODERATORS})),
    ]


PAGE_ROWS = [
    Row("Pages", "Dashboard", "wagtailadmin_home", allowed=STAFF),
    Row("Pages", "Browse the page tree", "wagtailadmin_explore", ("home",), allowed=EDITORIAL),
    Row("Pages", "Create a page", "wagtailadmin_pages:add", ("standard_page_type", "home"), allowed=AUTHORS),
    Row("Pages", "Edit a page", "wagtailadmin_pages:edit", ("live_page",), allowed=EDITORIAL),
    Row("Pages", "Edit a page", "wagtailadmin_pages:edit", ("draft_page",), allowed=EDITORIAL),
    Row("Pages", "Page history", "wagtailadmin_pages:history", ("live_page",), allowed=EDITORIAL),
    Row(
        "Pages",
        "Publish a page (without moderation)",
        "wagtailadmin_pages:edit",
        ("draft_page",),
        allowed=frozenset({MODERATORS}),
        method="POST",
        data="publish",
        ok_status=302,
    ),
    Row(
        "Pages",
        "Publish a page (without moderation)",
        "wagtailadmin_pages:add",
        ("standard_page_type", "home"),
        allowed=frozenset({MODERATORS}),
        method="POST",
        data="publish",
        ok_status=302,
    ),
    Row("Pages", "Unpublish a live page", "wagtailadmin_pages:unpublish", ("live_page",), allowed={MODERATORS}),
    Row("Pages", "Make a page private", "wagtailadmin_pages:set_privacy", ("live_page",), allowed={MODERATORS}),
    Row("Pages", "Move a live page", "wagtailadmin_pages:move", ("live_page",), allowed={MODERATORS}),
    Row("Pages", "Move a draft page", "wagtailadmin_pages:move", ("draft_page",), allowed=AUTHORS),
    Row("Pages", "Delete a draft page", "wagtailadmin_pages:delete", ("draft_page",), allowed={MODERATORS}),
    # Decision: nobody but an administrator deletes a live page; moderators unpublish it first (reversible).
    Row("Pages", "Delete a live page (unpublish first)", "wagtailadmin_pages:delete", ("live_page",)),
    Row("Pages", "Workflows", "wagtailadmin_workflows:index"),
]

MEDIA_ROWS = [
    Row("Images", "List images", "wagtailimages:index", allowed=EDITORIAL),
    Row("Images", "Upload images", "wagtailimages:add", allowed=AUTHORS),
    Row("Images", "Upload images", "wagtailimages:add_multiple", allowed=AUTHORS),
    Row("Images", "Edit an image (alt text, consent)", "wagtailimages:edit", ("image",), allowed=EDITORIAL),
    Row("Images", "Delete an image", "wagtailimages:delete", ("image",), allowed={MODERATORS}),
    Row("Documents", "List documents", "wagtaildocs:index", allowed=AUTHORS),
    Row("Documents", "Upload documents", "wagtaildocs:add_multiple", allowed=AUTHORS),
    Row("Documents", "Edit a document", "wagtaildocs:edit", ("document",), allowed=AUTHORS),
    Row("Documents", "Delete a document", "wagtaildocs:delete", ("document",), allowed={MODERATORS}),
]

SNIPPET_ROWS = [
    *_snippet_rows("focusarea", "focus areas"),
    *_snippet_rows("keydocument", "key documents"),
    *_snippet_rows("newstopic", "news topics", app="news"),
]

SETTINGS_ROWS = [
    Row("Settings", "Organisation settings", "wagtailsettings:edit", ("pages", "organisationsettings", "site")),
    Row(
        "Settings",
        "Pledge options",
        "wagtailsettings:edit",
        ("donations", "pledgesettings", "site"),
        allowed={FUNDRAISING},
    ),
    Row(
        "Settings",
        "Safeguarding focal point",
        "wagtailsettings:edit",
        ("safeguarding", "safeguardingsettings", "site"),
        allowed={SAFEGUARDING},
    ),
    Row("Settings", "Redirects", "wagtailredirects:index", allowed={MODERATORS}),
    Row("Settings", "Redirects", "wagtailredirects:add", allowed={MODERATORS}),
    Row("Settings", "Redirects", "wagtailredirects:edit", ("redirect",), allowed={MODERATORS}),
    Row("Settings", "Redirects", "wagtailredirects:delete", ("redirect",), allowed={MODERATORS}),
    Row("Settings", "Redirects", "wagtailredirects:start_import", allowed={MODERATORS}),
    Row("Settings", "Users and groups", "wagtailusers_users:index"),
    Row("Settings", "Users and groups", "wagtailusers_users:edit", ("user",)),
    Row("Settings", "Users and groups", "wagtailusers_groups:index"),
    Row("Settings", "Users and groups", "wagtailusers_groups:edit", ("group",)),
    Row("Settings", "Locked sign-ins", "staff_lockouts"),
    Row("Settings", "Two-factor status of staff", "staff_two_factor_users"),
    Row("Settings", "Own two-factor set-up", "staff_two_factor", allowed=STAFF),
]

REPORT_ROWS = [
    Row("Reports", "Translation status", "translation_status", allowed=EDITORIAL),
    Row("Reports", "Locked pages", "wagtailadmin_reports:locked_pages", allowed={MODERATORS}),
    Row("Reports", "Workflows report", "wagtailadmin_reports:workflow", allowed=EDITORIAL),
    Row("Reports", "Aging pages", "wagtailadmin_reports:aging_pages", allowed=EDITORIAL),
    Row("Reports", "Site history", "wagtailadmin_reports:site_history", allowed=STAFF),
]

# The Help menu's editors' guide (pages/editor_guide.py): every staff group reads it.
HELP_ROWS = [
    Row("Help", "Read the editors' guide", "editor_guide", allowed=STAFF),
    Row("Help", "Read the editors' guide", "editor_guide_image", ("01-login.png",), allowed=STAFF),
]

# Pledges (donations/admin_urls.py). Kept apart so that a new pledge admin only changes these rows.
PLEDGE_ROWS = [
    Row("Pledges", "Pledges: list", "donations_admin:list", allowed={FUNDRAISING}),
    Row("Pledges", "Pledges: detail", "donations_admin:detail", ("pledge",), allowed={FUNDRAISING}),
    Row(
        "Pledges",
        "Pledges: change status",
        "donations_admin:detail",
        ("pledge",),
        allowed={FUNDRAISING},
        method="POST",
        data="pledge_status",
        ok_status=302,
    ),
    Row("Pledges", "Pledges: CSV export", "donations_admin:export", allowed={FUNDRAISING}),
    Row("Pledges", "Pledges: dashboard", "donations_admin:dashboard", allowed={FUNDRAISING}),
    Row("Pledges", "Bank statements: list", "donations_reconciliation:statements", allowed={FUNDRAISING}),
    Row("Pledges", "Bank statements: upload", "donations_reconciliation:upload", allowed={FUNDRAISING}),
    Row("Pledges", "Statement lines: list", "donations_reconciliation:lines", allowed={FUNDRAISING}),
    Row(
        "Pledges",
        "Payments of a pledge",
        "donations_reconciliation:pledge_payments",
        ("pledge",),
        allowed={FUNDRAISING},
    ),
    Row("Pledges", "Bank accounts: list", "wagtailsnippets_donations_bankaccount:list", allowed={FUNDRAISING}),
    Row("Pledges", "Bank accounts: add", "wagtailsnippets_donations_bankaccount:add", allowed={FUNDRAISING}),
    Row("Pledges", "Campaigns: list", "wagtailsnippets_donations_campaign:list", allowed={FUNDRAISING}),
    Row("Pledges", "Campaigns: add", "wagtailsnippets_donations_campaign:add", allowed={FUNDRAISING}),
]

CONCERN_ROWS = [
    Row("Concern reports", "Concern reports: list", "safeguarding_reports:index", allowed={SAFEGUARDING}),
    Row("Concern reports", "Concern reports: list", "safeguarding_reports:index_results", allowed={SAFEGUARDING}),
    Row(
        "Concern reports", "Concern reports: detail", "safeguarding_reports:detail", ("report",), allowed={SAFEGUARDING}
    ),
    Row(
        "Concern reports",
        "Concern reports: change status",
        "safeguarding_reports:detail",
        ("report",),
        allowed={SAFEGUARDING},
        method="POST",
        data="report_status",
        ok_status=302,
    ),
]

ROWS = [
    *PAGE_ROWS,
    *MEDIA_ROWS,
    *SNIPPET_ROWS,
    *SETTINGS_ROWS,
    *REPORT_ROWS,
    *HELP_ROWS,
    *PLEDGE_ROWS,
    *CONCERN_ROWS,
]


def actions():
    """(area, action, allowed roles) once per action, in the order of ``ROWS``; rows of one action must agree."""
    seen = {}
    for row in ROWS:
        key = (row.area, row.action)
        if key in seen and seen[key] != row.allowed:
            raise ValueError(f"Rows of “{row.action}” let in different roles")
        seen.setdefault(key, row.allowed)
    return [(area, action, allowed) for (area, action), allowed in seen.items()]


def markdown_table():
    """README's access matrix: one line per action, ✓ where a group is let in (administrators: always)."""
    lines = [
        "| Area | Action | " + " | ".join(GROUP_ROLES) + " |",
        "| --- | --- | " + " | ".join(":-:" for _role in GROUP_ROLES) + " |",
    ]
    for area, action, allowed in actions():
        marks = " | ".join("✓" if role in allowed else "—" for role in GROUP_ROLES)
        lines.append(f"| {area} | {action} | {marks} |")
    return "\n".join(lines)
