"""Demo content: the offices the organisation's public site lists.

The head office's address, phone and fax come from the organisation's own page (seed). Streets, phones
and e-mails we do not know stay empty. Coordinates are the public centres of Bishkek and Cholpon-Ata,
marked as approximate so the pages say the map shows the town, not the building.
"""

from decimal import Decimal

from django.db import transaction
from wagtail.models import Site

from offices.models import OfficeIndexPage, OfficeKind, OfficePage, Region
from pages.demo import add_home_section, ensure_page, paragraphs, translated
from pages.models import OrganisationSettings

BISHKEK_CENTRE = (Decimal("42.87460"), Decimal("74.56980"))
CHOLPON_ATA_CENTRE = (Decimal("42.64970"), Decimal("77.08170"))

BISHKEK = {"ru": "Бишкек", "ky": "Бишкек", "en": "Bishkek"}
CHOLPON_ATA = {"ru": "Чолпон-Ата", "ky": "Чолпон-Ата", "en": "Cholpon-Ata"}


def build(home):
    with transaction.atomic():
        index = ensure_page(
            home,
            OfficeIndexPage,
            {"ru": "Наши офисы", "ky": "Биздин кеңселер", "en": "Our offices"},
            show_in_menus=True,
            **translated(
                "introduction",
                {
                    "ru": "Головной офис фонда в Бишкеке, наши детские деревни и программы: адреса, телефоны и карта.",
                    "ky": "Фонддун Бишкектеги башкы кеңсеси, балдар айылдарыбыз жана программаларыбыз: даректер, телефондор жана карта.",
                    "en": "The Foundation's head office in Bishkek, our children's villages and programmes: addresses, phone numbers and a map.",
                },
            ),
        )
        head_office = ensure_page(
            index,
            OfficePage,
            {"ru": "Головной офис", "ky": "Башкы кеңсе", "en": "Head office"},
            kind=OfficeKind.HEAD_OFFICE,
            **translated(
                "introduction",
                {
                    "ru": "Здесь работают руководство и администрация фонда. Звоните нам, если хотите помочь детям или вам нужна помощь.",
                    "ky": "Бул жерде фонддун жетекчилиги жана администрациясы иштейт. Балдарга жардам бергиңиз келсе же сизге жардам керек болсо, бизге чалыңыз.",
                    "en": "The Foundation's management and administration work here. Call us if you would like to help children or if you need help.",
                },
            ),
            **translated("address", {"ru": "ул. Исанова, 94/3", "ky": "Исанов көч., 94/3", "en": "94/3 Isanov Street"}),
            **translated("city", BISHKEK),
            postcode="720001",
            region=Region.BISHKEK,
            phone="+996 312 611546",
            fax="+996 312 611552",
            latitude=BISHKEK_CENTRE[0],
            longitude=BISHKEK_CENTRE[1],
            location_is_approximate=True,
        )
        ensure_page(
            index,
            OfficePage,
            {
                "ru": "SOS Детская деревня Бишкек",
                "ky": "Бишкектеги SOS Балдар айылы",
                "en": "SOS Children's Village Bishkek",
            },
            kind=OfficeKind.CHILDRENS_VILLAGE,
            **translated(
                "introduction",
                {
                    "ru": "Дети, которые не могут жить со своими родителями, растут здесь в семьях: с заботливым взрослым, братьями и сёстрами.",
                    "ky": "Ата-энеси менен жашай албаган балдар бул жерде үй-бүлөдө өсүшөт: камкор чоң кишинин, бир туугандарынын жанында.",
                    "en": "Children who cannot live with their parents grow up here in families, with a caring adult, brothers and sisters.",
                },
            ),
            **translated("city", BISHKEK),
            region=Region.BISHKEK,
            latitude=BISHKEK_CENTRE[0],
            longitude=BISHKEK_CENTRE[1],
            location_is_approximate=True,
        )
        ensure_page(
            index,
            OfficePage,
            {
                "ru": "SOS Детская деревня Чолпон-Ата",
                "ky": "Чолпон-Атадагы SOS Балдар айылы",
                "en": "SOS Children's Village Cholpon-Ata",
            },
            kind=OfficeKind.CHILDRENS_VILLAGE,
            **translated(
                "introduction",
                {
                    "ru": "Детская деревня на берегу Иссык-Куля: семейный дом для детей, оставшихся без попечения родителей.",
                    "ky": "Ысык-Көлдүн жээгиндеги балдар айылы: ата-энесинин камкордугусуз калган балдар үчүн үй-бүлөлүк үй.",
                    "en": "A children's village on the shore of Lake Issyk-Kul: a family home for children without parental care.",
                },
            ),
            **translated("city", CHOLPON_ATA),
            region=Region.ISSYK_KUL,
            latitude=CHOLPON_ATA_CENTRE[0],
            longitude=CHOLPON_ATA_CENTRE[1],
            location_is_approximate=True,
        )
        ensure_page(
            index,
            OfficePage,
            {"ru": "Молодёжные дома", "ky": "Жаштар үйлөрү", "en": "Youth facilities"},
            kind=OfficeKind.YOUTH_FACILITY,
            **translated(
                "introduction",
                {
                    "ru": "Подростки из наших семей учатся жить самостоятельно: получают образование, профессию и поддержку взрослых.",
                    "ky": "Биздин үй-бүлөлөрдөгү өспүрүмдөр өз алдынча жашоону үйрөнүшөт: билим, кесип жана чоң кишилердин колдоосун алышат.",
                    "en": "Young people from our families learn to live on their own, with education, training and the support of adults.",
                },
            ),
        )
        ensure_page(
            index,
            OfficePage,
            {
                "ru": "Программа укрепления семьи",
                "ky": "Үй-бүлөнү чыңдоо программасы",
                "en": "Family strengthening programme",
            },
            kind=OfficeKind.FAMILY_STRENGTHENING,
            **translated(
                "introduction",
                {
                    "ru": "Мы поддерживаем семьи в трудной жизненной ситуации, чтобы дети не теряли родительской заботы.",
                    "ky": "Балдар ата-эненин камкордугун жоготпошу үчүн оор жашоо кырдаалындагы үй-бүлөлөрдү колдойбуз.",
                    "en": "We support families in difficult situations so that children do not lose their parents' care.",
                },
            ),
            **translated(
                "body",
                {
                    code: [("paragraph", paragraphs(text))]
                    for code, text in {
                        "ru": "Чтобы узнать, как получить поддержку программы, позвоните в наш головной офис.",
                        "ky": "Программанын колдоосун кантип алууга болорун билүү үчүн башкы кеңсебизге чалыңыз.",
                        "en": "To find out how to get the programme's support, call our head office.",
                    }.items()
                },
            ),
        )
        choose_head_office(home, head_office)
        add_home_section(
            home,
            index,
            {
                "ru": "Адреса и телефоны головного офиса, детских деревень и программ.",
                "ky": "Башкы кеңсенин, балдар айылдарынын жана программалардын даректери жана телефондору.",
                "en": "Addresses and phone numbers of our head office, children's villages and programmes.",
            },
        )
    return index


def choose_head_office(home, head_office):
    """Point the site settings at the head office page, the single source of the footer's contacts."""
    settings = OrganisationSettings.for_site(Site.objects.get(root_page=home))
    if settings.head_office_id is None:
        settings.head_office = head_office
        settings.save()


GENERATED_OFFICE = {"ru": "Тестовый офис", "ky": "Сынамык кеңсе", "en": "Generated office"}


def scale(home, *, offices=0, **counts):
    """Add clearly fake offices for `manage.py scale_demo` (DEVELOPERS.md), all placed in Bishkek."""
    index = OfficeIndexPage.objects.descendant_of(home).first()
    if index is None:
        return "no office list: run load_demo_content first"
    existing = set(index.get_children().filter(slug_en__startswith="generated-").values_list("slug_en", flat=True))
    added = 0
    for number in range(1, offices + 1):
        slug = f"generated-office-{number:04d}"
        if slug in existing:
            continue
        index.add_child(
            instance=OfficePage(
                **translated("title", {code: f"{GENERATED_OFFICE[code]} {number:04d}" for code in GENERATED_OFFICE}),
                **{f"slug_{code}": slug for code in GENERATED_OFFICE},
                **translated("city", BISHKEK),
                kind=OfficeKind.REGIONAL_OFFICE,
                region=Region.BISHKEK,
                latitude=BISHKEK_CENTRE[0],
                longitude=BISHKEK_CENTRE[1],
                location_is_approximate=True,
                live=True,
            )
        )
        added += 1
    return f"{added} offices added"
