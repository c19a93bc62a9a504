"""Demo content for donations: the donate page replaces the interim "Help now" page of the foundation.

The interim page (slug_ru "pomoch-seychas") keeps its titles and per-language slugs on the new page, so
every link stays the same; the "Help now" setting then points at the donate page. Texts are modest:
no figure about the foundation is invented, impact examples are phrased as illustrations.
The seed has no bank details: the demo's bank accounts are plainly example data ("DEMO", zeros) that staff
must replace before the site takes real pledges.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Site

from donations.models import CURRENCIES, BankAccount, DonateDesignation, DonatePage, PledgeSettings
from pages.demo import paragraphs, translated
from pages.models import OrganisationSettings

INTERIM_SLUG = "pomoch-seychas"
TITLES = {"ru": "Помочь сейчас", "ky": "Азыр жардам көрсөтүү", "en": "Help now"}

INTRODUCTION = {
    "ru": "Ваша поддержка помогает детям расти в семье: в заботе, с близким взрослым рядом.",
    "ky": "Сиздин колдооңуз балдардын үй-бүлөдө, камкордукта, жанында жакын чоң киши менен өсүшүнө жардам берет.",
    "en": "Your support helps children grow up in a family: cared for, with a trusted adult beside them.",
}

WHY_GIVE = {
    "ru": [
        ("heading", {"text": "Почему ваша помощь важна", "level": "h2"}),
        (
            "paragraph",
            paragraphs(
                "Мы заботимся о детях, оставшихся без попечения родителей, и о детях, которые рискуют его потерять, "
                "и поддерживаем их семьи. Любая сумма помогает продолжать эту работу.",
                "Ежемесячное пожертвование позволяет нам планировать помощь заранее.",
            ),
        ),
    ],
    "ky": [
        ("heading", {"text": "Сиздин жардамыңыз эмне үчүн маанилүү", "level": "h2"}),
        (
            "paragraph",
            paragraphs(
                "Биз ата-энесинин камкордугусуз калган жана аны жоготуу коркунучунда турган балдарга кам көрөбүз "
                "жана алардын үй-бүлөлөрүн колдойбуз. Ар кандай сумма бул ишти улантууга жардам берет.",
                "Ай сайынкы кайрымдуулук жардамды алдын ала пландоого мүмкүнчүлүк берет.",
            ),
        ),
    ],
    "en": [
        ("heading", {"text": "Why your help matters", "level": "h2"}),
        (
            "paragraph",
            paragraphs(
                "We care for children without parental care and for children at risk of losing it, and we support "
                "their families. Any amount helps us continue this work.",
                "A monthly gift lets us plan our help ahead.",
            ),
        ),
    ],
}

IMPACT_EXAMPLES = {
    "ru": [
        "Школьные принадлежности для ребёнка, который начинает учебный год.",
        "Тёплая одежда и обувь к зиме.",
        "Консультация специалиста для семьи в трудной ситуации.",
    ],
    "ky": [
        "Окуу жылын баштаган балага мектеп буюмдары.",
        "Кышка жылуу кийим жана бут кийим.",
        "Оор кырдаалдагы үй-бүлөгө адистин кеңеши.",
    ],
    "en": [
        "School supplies for a child starting the school year.",
        "Warm clothes and shoes for the winter.",
        "Advice from a specialist for a family in a difficult situation.",
    ],
}

# Shown on the thank-you page and in the confirmation e-mail, so it promises no e-mail of its own.
NEXT_STEPS = {
    "ru": paragraphs(
        "Переведите пожертвование по реквизитам ниже и укажите номер заявки в назначении платежа. Когда "
        "деньги поступят на наш счёт, мы отметим это и поблагодарим вас."
    ).source,
    "ky": paragraphs(
        "Кайрымдуулукту төмөнкү реквизиттер боюнча которуп, төлөмдүн максатына убаданын номерин жазыңыз. "
        "Акча эсебибизге келгенде, биз аны белгилеп, сизге ыраазычылык билдиребиз."
    ).source,
    "en": paragraphs(
        "Transfer your gift using the details below and put your pledge reference in the payment purpose. "
        "When the money reaches our account, we will record it and thank you."
    ).source,
}

OTHER_WAYS = {
    "ru": paragraphs(
        "Вы также можете помочь вещами, своим временем или знаниями. Свяжитесь с нами, и мы подскажем, что нужнее всего."
    ).source,
    "ky": paragraphs(
        "Ошондой эле буюмдар, убактыңыз же билимиңиз менен жардам бере аласыз. Биз менен байланышыңыз, эмне "
        "көбүрөөк керек экенин айтып беребиз."
    ).source,
    "en": paragraphs(
        "You can also help with goods, your time or your skills. Contact us and we will tell you what is needed most."
    ).source,
}

# Pages offered as designations, if the sections that hold them exist: looked up by content type and
# field name, never imported. Offices are offered only where they are programmes (villages, youth homes…).
DESIGNATION_TYPES = [
    ("advocacy", "advocacyprogrammepage", {}),
    ("offices", "officepage", {"kind__in": ["childrens_village", "family_strengthening", "youth_facility"]}),
]
MAX_DESIGNATIONS = 4


def _examples(code):
    return [("example", {"amount": "", "text": text}) for text in IMPACT_EXAMPLES[code]]


def _new_donate_page():
    page = DonatePage(
        **translated("title", TITLES),
        **translated("introduction", INTRODUCTION),
        **translated("why_give", WHY_GIVE),
        **translated("impact_examples", {code: _examples(code) for code in TITLES}),
        **translated("next_steps", NEXT_STEPS),
        **translated("other_ways", OTHER_WAYS),
    )
    page.fill_missing_slugs()
    return page


def replace_interim_page(home):
    """Return the donate page under ``home``, creating it in place of the interim page once."""
    existing = DonatePage.objects.child_of(home).first()
    if existing is not None:
        return existing
    page = _new_donate_page()
    interim = home.get_children().filter(slug_ru=INTERIM_SLUG).exclude(content_type__model="donatepage").first()
    if interim is not None:
        for field in ("slug", "slug_ru", "slug_ky", "slug_en"):
            value = getattr(interim, field, "")
            if value:
                setattr(page, field, value)
        interim.delete()  # first: siblings may not share slugs; the settings link is set again below
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def add_designations(page):
    if page.designation_options.exists():
        return
    targets = []
    for app_label, model, filters in DESIGNATION_TYPES:
        content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        model_class = content_type.model_class() if content_type else None
        if model_class is None:
            continue
        field_names = {field.name for field in model_class._meta.get_fields()}
        usable = {key: value for key, value in filters.items() if key.split("__")[0] in field_names}
        targets += list(model_class.objects.live().filter(**usable).order_by("path")[:MAX_DESIGNATIONS])
    targets = targets[:MAX_DESIGNATIONS]
    for order, target in enumerate(targets):
        DonateDesignation.objects.create(page=page, target=target, sort_order=order)
    if targets:
        page.save_revision().publish()


def configure_settings(home, page):
    site = Site.objects.get(root_page=home)
    organisation = OrganisationSettings.for_site(site)
    if organisation.donate_page_id != page.pk:
        organisation.donate_page = page
        organisation.save(update_fields=["donate_page"])
    options = PledgeSettings.for_site(site)
    if not options.fundraising_contact_name_ru:
        options.fundraising_contact_name_ru = "Отдел по привлечению средств"
        options.fundraising_contact_name_ky = "Каражат чогултуу бөлүмү"
        options.fundraising_contact_name_en = "Fundraising team"
        options.save()


@transaction.atomic
def build(home):
    page = replace_interim_page(home)
    add_designations(page)
    configure_settings(home, page)
    add_demo_bank_accounts()
    return page


# Example bank accounts. The seed gives no bank details, so these are plainly not real: the bank is called
# "DEMO", every account number is zeros. Staff must replace them (Snippets → Bank accounts) before launch.
DEMO_BANK_NAME = {
    "ru": "ДЕМО — пример, не настоящий счёт",
    "ky": "ДЕМО — үлгү, чыныгы эсеп эмес",
    "en": "DEMO — example, not a real account",
}
DEMO_RECIPIENT = {
    "ru": "Пример получателя (замените в настройках)",
    "ky": "Алуучунун үлгүсү (жөндөөлөрдөн алмаштырыңыз)",
    "en": "Example recipient (replace in the settings)",
}
DEMO_PURPOSE = {
    "ru": "Благотворительное пожертвование, заявка {reference}",
    "ky": "Кайрымдуулук жардамы, убада {reference}",
    "en": "Charitable donation, pledge {reference}",
}
DEMO_CORRESPONDENT = {
    "ru": "ДЕМО — пример банка-корреспондента, SWIFT XXXXXXXX, счёт 00000000000000000000",
    "ky": "ДЕМО — корреспондент банктын үлгүсү, SWIFT XXXXXXXX, эсеп 00000000000000000000",
    "en": "DEMO — example correspondent bank, SWIFT XXXXXXXX, account 00000000000000000000",
}


def add_demo_bank_accounts():
    for code in CURRENCIES:
        if BankAccount.objects.filter(currency=code).exists():
            continue
        BankAccount.objects.create(
            currency=code,
            account_number="0" * 16,
            bic="XXXXXXXX",
            **translated("recipient", DEMO_RECIPIENT),
            **translated("bank_name", DEMO_BANK_NAME),
            **translated("payment_purpose", DEMO_PURPOSE),
            **(translated("correspondent_bank", DEMO_CORRESPONDENT) if code != "KGS" else {}),
        )
