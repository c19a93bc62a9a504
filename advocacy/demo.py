"""Demo content of the advocacy section, from the organisation's own page (Kyrgyz) with our Russian and English.

Nothing here states a figure, a date or a finding that the organisation has not published: the only
date is 2009 (the start of the care leavers' work), the research is described by its purpose, and the
report files are clearly marked as demonstration documents. Running ``build`` twice changes nothing.
"""

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model

from advocacy.models import (
    AdvocacyIndexPage,
    AdvocacyProgrammePage,
    FocusArea,
    KeyDocument,
    ResearchReportIndexPage,
    ResearchReportPage,
)
from demo.pdf import make_pdf
from pages.demo import LANGUAGE_CODES, add_home_section, ensure_page, paragraphs, translated
from pages.slugs import transliterated_slug

ORGANISATION = {
    "ru": "Общественный фонд «SOS Детские Деревни Кыргызстана»",
    "ky": "«Кыргызстандын SOS Балдар Айылдары» Коомдук фонду",
    "en": "Public Foundation “SOS Children's Villages Kyrgyzstan”",
}

INTRODUCTION = {
    "ky": "«Кыргызстандын SOS Балдар Айылдары» Коомдук фондунун коомдук-фонддук укуктуулугу Кыргызстандагы жетим балдардын, ата-энесинин камкордугусуз калган балдардын, жана ошондой эле ата-энесинин камкордугун жоготуу коркунучунда турган балдардын укуктарын коргоого жана алдыга жылдырууга багытталган.",
    "ru": "Правозащитная деятельность Общественного фонда «SOS Детские Деревни Кыргызстана» направлена на защиту и продвижение прав детей-сирот, детей, оставшихся без попечения родителей, а также детей, которым грозит потеря родительского попечения, в Кыргызстане.",
    "en": "The advocacy of the Public Foundation “SOS Children's Villages Kyrgyzstan” aims to protect and promote the rights of orphans, of children without parental care and of children at risk of losing parental care in Kyrgyzstan.",
}

EXPERIENCE = {
    "ky": "Балдар үчүн үй-бүлөлүк кам көрүүнү камсыз кылуу боюнча чоң тажрыйбасы бар болгон, SOS Балдар айылдары Кыргызстандын саясатынын жана практикасынын жакшы жакка өзгөрүшү үчүн иш чараларды кабыл алат. Оор жашоо кырдаалында турган балдар менен түздөн-түз иш жүргүзгөн уюм катары, Коомдук фонд балдардын укуктарын жана кызыкчылыктарын толугу менен камсыз кылууну пропагандалайт. Мындай тайпадагы балдар менен иш жүргүзүүдөгү биздин тажрыйбабыз жергиликтүү деңгээлде жана улуттук деңгээлде маалымат-пропагандалык иш жүргүзүүнү өнүктүрүүгө бекем негиз берет.",
    "ru": "Обладая большим опытом семейного ухода за детьми, SOS Детские Деревни Кыргызстана добиваются того, чтобы политика и практика в Кыргызстане менялись к лучшему. Как организация, которая работает непосредственно с детьми в трудной жизненной ситуации, Общественный фонд выступает за полное соблюдение прав и интересов детей. Наш опыт работы с такими детьми даёт прочную основу для информационной и правозащитной работы на местном и национальном уровнях.",
    "en": "With its long experience of family-based care for children, SOS Children's Villages Kyrgyzstan takes action so that policy and practice in Kyrgyzstan change for the better. As an organisation that works directly with children in difficult life situations, the Foundation advocates for the full respect of children's rights and interests. Our experience of working with these children gives a solid basis for awareness-raising and advocacy at local and national level.",
}

STANDARDS = {
    "ky": "SOS Kinderdorf International уюмунун демилгеси жана катышуусу менен, кам көрүүдөгү балдардын укуктарынын альтернативдик формаларын камсыз кылуу үчүн, «Балдар үчүн сапаттын стандарттары», «Альтернативдик кам көрүү боюнча БУУнун жетектөө директивалары» сыяктуу маанилүү документтер иштелип чыкты жана кабыл алынды.",
    "ru": "По инициативе и при участии SOS Kinderdorf International были разработаны и приняты такие важные документы, как стандарты качества ухода за детьми Quality4Children и Руководящие указания ООН по альтернативному уходу за детьми: они защищают права детей, находящихся в альтернативных формах ухода.",
    "en": "On the initiative and with the participation of SOS Kinderdorf International, important documents such as the Quality4Children standards and the UN Guidelines for the Alternative Care of Children were developed and adopted to secure the rights of children in alternative care.",
}

RESEARCH = {
    "ky": "Кыргызстандагы ата-энесинин камкордугусуз калган балдардын кырдаалды изилдеп карап чыгуу максатында коомдук фонд, ар бир төрт жылда балдардын укугун сактоо боюнча изилдөөлөрдү жүргүзөт.",
    "ru": "Чтобы изучить положение детей, оставшихся без попечения родителей, в Кыргызстане, Общественный фонд каждые четыре года проводит исследование соблюдения прав детей.",
    "en": "To study the situation of children without parental care in Kyrgyzstan, the Foundation carries out a study of children's rights every four years.",
}

CARE_LEAVERS = {
    "ky": "2009-жылы Коомдук фонд кам көрүү системасынын бүтүрүүчүлөрүнүн укуктарын алдыга жылдыруу боюнча ишмердүүлүгүн жүргүзөт. Бул иштин чегинде балдардын турак-жайга, социалдык кызматтарга, билим алууга, жумушка орношууга жана социалдык жактан активдүүлүккө болгон укуктары каралган.",
    "ru": "В 2009 году Общественный фонд начал работу по продвижению прав выпускников системы ухода. В её рамках рассматриваются права молодых людей на жильё, социальные услуги, образование, трудоустройство и участие в общественной жизни.",
    "en": "In 2009 the Foundation began its work to promote the rights of care leavers. This work covers young people's rights to housing, social services, education, employment and social participation.",
}

GOALS = {
    "ky": [
        "Ата-энесинин камкордугусуз калган балдардын жана жетим балдардын укуктарын алдыга жылдыруу",
        "Балдардын балдар үйлөрүнө орношуп калуусун алдын алуу максатында социалдык кызматтарды алдыга жылдыруу",
        "Ата-энесинин камкордугусуз калган балдар үчүн аларды жайгаштыруунун альтернативдик системасын өнүктүрүүгө көмөк көрсөтүү",
        "Кам көрүү системасынын бүтүрүүчүлөрүнүн укуктарын алдыга жылдыруу",
    ],
    "ru": [
        "Продвижение прав детей, оставшихся без попечения родителей, и детей-сирот",
        "Развитие социальных услуг, которые предотвращают помещение детей в детские дома",
        "Содействие развитию альтернативной системы устройства детей, оставшихся без попечения родителей",
        "Продвижение прав выпускников системы ухода",
    ],
    "en": [
        "Promoting the rights of children without parental care and of orphans",
        "Promoting social services that prevent children from being placed in children's homes",
        "Supporting an alternative system of placement for children without parental care",
        "Promoting the rights of care leavers",
    ],
}

FOCUS_AREAS = [
    (
        "children-without-parental-care",
        {
            "ru": "Дети без попечения родителей",
            "ky": "Ата-энесинин камкордугусуз калган балдар",
            "en": "Children without parental care",
        },
    ),
    (
        "care-leavers",
        {
            "ru": "Выпускники системы ухода",
            "ky": "Кам көрүү системасынын бүтүрүүчүлөрү",
            "en": "Care leavers",
        },
    ),
    (
        "family-based-care",
        {
            "ru": "Семейный уход",
            "ky": "Үй-бүлөлүк кам көрүү",
            "en": "Family-based care",
        },
    ),
    (
        "social-services",
        {
            "ru": "Социальные услуги",
            "ky": "Социалдык кызматтар",
            "en": "Social services",
        },
    ),
]

KEY_DOCUMENTS = [
    {
        "link": "https://undocs.org/A/RES/64/142",
        "year": 2009,
        "sort_order": 1,
        "title": {
            "ru": "Руководящие указания по альтернативному уходу за детьми",
            "ky": "Альтернативдик кам көрүү боюнча БУУнун жетектөө директивалары",
            "en": "Guidelines for the Alternative Care of Children",
        },
        "issuing_body": {
            "ru": "Генеральная Ассамблея ООН, резолюция 64/142",
            "ky": "БУУнун Башкы Ассамблеясы, 64/142 резолюциясы",
            "en": "UN General Assembly, resolution 64/142",
        },
        "description": {
            "ru": "Международные рекомендации о том, как обеспечить детям, оставшимся без попечения родителей, надлежащий альтернативный уход — прежде всего в семейном окружении.",
            "ky": "Ата-энесинин камкордугусуз калган балдарга тийиштүү альтернативдик кам көрүүнү, биринчи кезекте үй-бүлөлүк чөйрөдө, кантип камсыз кылуу боюнча эл аралык сунуштар.",
            "en": "International guidance on appropriate alternative care for children without parental care, first of all in a family environment.",
        },
    },
    {
        "link": "https://bettercarenetwork.org/toolkit/standards-and-policies-for-quality-alternative-care/standards-covering-all-forms-of-alternative-care/quality4children-standards-for-out-of-home-care-in-europe",
        "year": 2007,
        "sort_order": 2,
        "title": {
            "ru": "Стандарты качества ухода за детьми Quality4Children",
            "ky": "Балдар үчүн сапаттын стандарттары (Quality4Children)",
            "en": "Quality4Children standards for out-of-home child care",
        },
        "issuing_body": {
            "ru": "SOS Children's Villages International, IFCO и FICE",
            "ky": "SOS Children's Villages International, IFCO жана FICE",
            "en": "SOS Children's Villages International, IFCO and FICE",
        },
        "description": {
            "ru": "Стандарты качества для детей и молодых людей, которые живут вне родной семьи: от принятия решения об устройстве до выхода из системы ухода. Разработаны при участии самих детей и молодёжи.",
            "ky": "Өз үй-бүлөсүнөн тышкары жашаган балдар жана жаштар үчүн сапат стандарттары: жайгаштыруу чечиминен баштап кам көрүү системасынан чыкканга чейин. Балдардын жана жаштардын өздөрүнүн катышуусу менен иштелип чыккан.",
            "en": "Quality standards for children and young people living outside their family of origin, from the decision on placement to leaving care, developed with children and young people themselves.",
        },
    },
]

PROGRAMMES = [
    {
        "key": "care-leavers",
        "title": {
            "ru": "Права выпускников системы ухода",
            "ky": "Кам көрүү системасынын бүтүрүүчүлөрүнүн укуктары",
            "en": "Rights of care leavers",
        },
        "start_year": 2009,
        "focus": ["care-leavers"],
        "summary": {
            "ru": "С 2009 года фонд добивается соблюдения прав выпускников системы ухода: на жильё, социальные услуги, образование, трудоустройство и участие в общественной жизни.",
            "ky": "2009-жылдан бери фонд кам көрүү системасынын бүтүрүүчүлөрүнүн турак-жайга, социалдык кызматтарга, билим алууга, жумушка орношууга жана коомдук турмушка катышууга болгон укуктарын алдыга жылдырат.",
            "en": "Since 2009 the Foundation has worked for the rights of care leavers to housing, social services, education, employment and social participation.",
        },
        "body": {
            "ru": [
                ("paragraph", paragraphs(CARE_LEAVERS["ru"])),
                ("heading", {"text": "Какие права мы отстаиваем", "level": "h2"}),
                (
                    "paragraph",
                    "<ul><li>право на жильё;</li><li>право на социальные услуги;</li><li>право на образование;</li><li>право на трудоустройство;</li><li>право на участие в общественной жизни.</li></ul>",
                ),
            ],
            "ky": [
                ("paragraph", paragraphs(CARE_LEAVERS["ky"])),
                ("heading", {"text": "Биз кайсы укуктарды коргойбуз", "level": "h2"}),
                (
                    "paragraph",
                    "<ul><li>турак-жайга болгон укук;</li><li>социалдык кызматтарга болгон укук;</li><li>билим алууга болгон укук;</li><li>жумушка орношууга болгон укук;</li><li>коомдук жактан активдүү болууга болгон укук.</li></ul>",
                ),
            ],
            "en": [
                ("paragraph", paragraphs(CARE_LEAVERS["en"])),
                ("heading", {"text": "The rights we stand up for", "level": "h2"}),
                (
                    "paragraph",
                    "<ul><li>the right to housing;</li><li>the right to social services;</li><li>the right to education;</li><li>the right to employment;</li><li>the right to take part in society.</li></ul>",
                ),
            ],
        },
        "cta_text": {
            "ru": "Ваша поддержка помогает выпускникам системы ухода начать самостоятельную жизнь.",
            "ky": "Сиздин колдооңуз кам көрүү системасынын бүтүрүүчүлөрүнө өз алдынча жашоону баштоого жардам берет.",
            "en": "Your support helps care leavers start an independent life.",
        },
    },
    {
        "key": "research",
        "title": {
            "ru": "Исследование прав детей",
            "ky": "Балдардын укуктарын изилдөө",
            "en": "Child rights research",
        },
        "start_year": None,
        "focus": ["children-without-parental-care"],
        "summary": {
            "ru": "Каждые четыре года фонд проводит исследование соблюдения прав детей, чтобы изучить положение детей, оставшихся без попечения родителей, в Кыргызстане.",
            "ky": "Фонд ар бир төрт жылда Кыргызстандагы ата-энесинин камкордугусуз калган балдардын абалын изилдөө үчүн балдардын укуктарынын сакталышы боюнча изилдөө жүргүзөт.",
            "en": "Every four years the Foundation studies how children's rights are respected, to understand the situation of children without parental care in Kyrgyzstan.",
        },
        "body": {
            "ru": [
                ("paragraph", paragraphs(RESEARCH["ru"], EXPERIENCE["ru"])),
            ],
            "ky": [
                ("paragraph", paragraphs(RESEARCH["ky"], EXPERIENCE["ky"])),
            ],
            "en": [
                ("paragraph", paragraphs(RESEARCH["en"], EXPERIENCE["en"])),
            ],
        },
        "cta_text": {
            "ru": "Поддержите нашу работу, чтобы права каждого ребёнка соблюдались.",
            "ky": "Ар бир баланын укуктары сакталышы үчүн ишибизди колдоңуз.",
            "en": "Support our work so that every child's rights are respected.",
        },
    },
    {
        "key": "family-care",
        "title": {
            "ru": "Семья вместо детского дома",
            "ky": "Балдар үйүнүн ордуна үй-бүлө",
            "en": "A family instead of a children's home",
        },
        "start_year": None,
        "focus": ["family-based-care", "social-services"],
        "summary": {
            "ru": "Мы продвигаем социальные услуги, которые помогают не допустить помещения детей в детские дома, и содействуем развитию альтернативной системы устройства детей, оставшихся без попечения родителей.",
            "ky": "Биз балдардын балдар үйлөрүнө орношуп калуусун алдын алган социалдык кызматтарды алдыга жылдырабыз жана ата-энесинин камкордугусуз калган балдарды жайгаштыруунун альтернативдик системасын өнүктүрүүгө көмөк көрсөтөбүз.",
            "en": "We promote social services that keep children out of children's homes, and support an alternative system of placement for children without parental care.",
        },
        "body": {
            "ru": [("paragraph", paragraphs(STANDARDS["ru"]))],
            "ky": [("paragraph", paragraphs(STANDARDS["ky"]))],
            "en": [("paragraph", paragraphs(STANDARDS["en"]))],
        },
        "cta_text": {
            "ru": "Помогите детям расти в семье.",
            "ky": "Балдарга үй-бүлөдө өсүүгө жардам бериңиз.",
            "en": "Help children grow up in a family.",
        },
    },
]

DEMO_NOTICE = {
    "ru": "Демонстрационный документ: его название и текст показывают, как выглядит отчёт на сайте, и не содержат выводов исследования.",
    "ky": "Демонстрациялык документ: анын аталышы жана тексти отчеттун сайтта кандай көрүнөрүн көрсөтөт, изилдөөнүн жыйынтыктарын камтыбайт.",
    "en": "Demonstration document: its title and text show how a report looks on the site and contain no research findings.",
}

REPORTS = [
    {
        "title": {
            "ru": "Положение детей, оставшихся без попечения родителей, в Кыргызстане",
            "ky": "Кыргызстандагы ата-энесинин камкордугусуз калган балдардын абалы",
            "en": "The situation of children without parental care in Kyrgyzstan",
        },
        "files": ("ru", "ky", "en"),
        "focus": ["children-without-parental-care"],
        "programmes": ["research"],
        "summary": {
            "ru": "Исследование соблюдения прав детей, которое фонд проводит каждые четыре года: положение детей, оставшихся без попечения родителей, и детей, которым грозит его потеря.",
            "ky": "Фонд ар бир төрт жылда жүргүзгөн балдардын укуктарынын сакталышы боюнча изилдөө: ата-энесинин камкордугусуз калган жана аны жоготуу коркунучунда турган балдардын абалы.",
            "en": "The study of children's rights that the Foundation carries out every four years: the situation of children without parental care and of children at risk of losing it.",
        },
        "scope": {
            "ru": "Исследование рассматривает, как соблюдаются права детей-сирот, детей, оставшихся без попечения родителей, и детей, которым грозит потеря родительского попечения.",
            "ky": "Изилдөө жетим балдардын, ата-энесинин камкордугусуз калган балдардын жана аны жоготуу коркунучунда турган балдардын укуктары кантип сакталарын карайт.",
            "en": "The study looks at how the rights of orphans, of children without parental care and of children at risk of losing it are respected.",
        },
    },
    {
        "title": {
            "ru": "Права выпускников системы ухода: жильё, образование, работа",
            "ky": "Кам көрүү системасынын бүтүрүүчүлөрүнүн укуктары: турак-жай, билим, жумуш",
            "en": "The rights of care leavers: housing, education, work",
        },
        "files": ("ru", "ky"),
        "focus": ["care-leavers"],
        "programmes": ["care-leavers"],
        "summary": {
            "ru": "Обзор прав молодых людей, покидающих систему ухода: на жильё, социальные услуги, образование, трудоустройство и участие в общественной жизни.",
            "ky": "Кам көрүү системасынан чыккан жаштардын турак-жайга, социалдык кызматтарга, билим алууга, жумушка орношууга жана коомдук турмушка катышууга болгон укуктарына сереп.",
            "en": "An overview of the rights of young people leaving care: to housing, social services, education, employment and social participation.",
        },
        "scope": CARE_LEAVERS,
    },
    {
        "title": {
            "ru": "Социальные услуги, которые сохраняют семью",
            "ky": "Үй-бүлөнү сактап калган социалдык кызматтар",
            "en": "Social services that keep families together",
        },
        "files": ("ru",),
        "focus": ["social-services", "family-based-care"],
        "programmes": ["family-care"],
        "summary": {
            "ru": "Публикация о социальных услугах, которые помогают предотвратить помещение детей в детские дома, и об альтернативных формах устройства детей.",
            "ky": "Балдардын балдар үйлөрүнө орношуп калуусун алдын алууга жардам берген социалдык кызматтар жана балдарды жайгаштыруунун альтернативдик формалары жөнүндө басылма.",
            "en": "A publication on social services that help prevent children from being placed in children's homes, and on alternative forms of placement.",
        },
        "scope": STANDARDS,
    },
]

REPORT_INDEX_TITLES = {
    "ru": "Исследования и публикации",
    "ky": "Изилдөөлөр жана басылмалар",
    "en": "Research and publications",
}
REPORT_INDEX_INTRODUCTION = {
    "ru": "Исследования фонда о положении детей, оставшихся без попечения родителей, и другие публикации. Отчёты доступны на тех языках, на которых они изданы.",
    "ky": "Фонддун ата-энесинин камкордугусуз калган балдардын абалы боюнча изилдөөлөрү жана башка басылмалар. Отчеттор кайсы тилде чыгарылса, ошол тилде жеткиликтүү.",
    "en": "The Foundation's research on the situation of children without parental care, and other publications. Reports are available in the languages they were published in.",
}
SUBTITLE = {
    "ru": "Демонстрационный документ",
    "ky": "Демонстрациялык документ",
    "en": "Demonstration document",
}
FILE_LABEL = {"ru": "RU", "ky": "KY", "en": "EN"}


def ensure_focus_areas():
    areas = {}
    for order, (slug, names) in enumerate(FOCUS_AREAS, start=1):
        area = FocusArea.objects.filter(slug=slug).first()
        if area is None:
            area = FocusArea.objects.create(slug=slug, sort_order=order, **translated("name", names))
        areas[slug] = area
    return areas


def ensure_key_documents():
    documents = []
    for data in KEY_DOCUMENTS:
        document = KeyDocument.objects.filter(link=data["link"]).first()
        if document is None:
            document = KeyDocument.objects.create(
                link=data["link"],
                year=data["year"],
                sort_order=data["sort_order"],
                **translated("title", data["title"]),
                **translated("issuing_body", data["issuing_body"]),
                **translated("description", data["description"]),
            )
        documents.append(document)
    return documents


def ensure_report_file(report, code):
    """The demo PDF of ``report`` in language ``code``, made once and found again by its title."""
    Document = get_document_model()
    title = f"{report['title'][code]} ({FILE_LABEL[code]})"
    document = Document.objects.filter(title=title).first()
    if document is not None:
        return document
    content = make_pdf(
        title=report["title"][code],
        subtitle=SUBTITLE[code],
        paragraphs=[report["summary"][code], report["scope"][code], DEMO_NOTICE[code]],
        language=code,
        author=ORGANISATION[code],
    )
    filename = f"{transliterated_slug(report['title']['en'])}-{code}.pdf"
    document = Document(title=title, file=ContentFile(content, name=filename))
    document._set_document_file_metadata()
    document.save()
    return document


def goals_stream(code):
    return [("goal", {"title": goal, "text": ""}) for goal in GOALS[code]]


def demo_findings(report, code):
    headings = {"ru": "Что рассматривает исследование", "ky": "Изилдөө эмнени карайт", "en": "What the study covers"}
    return [
        ("heading", {"text": headings[code], "level": "h3"}),
        ("paragraph", paragraphs(report["scope"][code])),
        ("paragraph", paragraphs(DEMO_NOTICE[code])),
    ]


@transaction.atomic
def build(home):
    areas = ensure_focus_areas()
    key_documents = ensure_key_documents()
    advocacy = ensure_page(
        home,
        AdvocacyIndexPage,
        {"ru": "Правозащитная деятельность", "ky": "Коомдук-укуктук иш чара", "en": "Advocacy"},
        show_in_menus=True,
        **translated("introduction", INTRODUCTION),
        **translated(
            "body",
            {
                code: [("paragraph", paragraphs(EXPERIENCE[code], STANDARDS[code], RESEARCH[code], CARE_LEAVERS[code]))]
                for code in LANGUAGE_CODES
            },
        ),
        **translated("goals", {code: goals_stream(code) for code in LANGUAGE_CODES}),
    )
    programmes = {}
    for data in PROGRAMMES:
        programmes[data["key"]] = ensure_page(
            advocacy,
            AdvocacyProgrammePage,
            data["title"],
            start_year=data["start_year"],
            focus_areas=[areas[slug] for slug in data["focus"]],
            related_documents=key_documents,
            **translated("summary", data["summary"]),
            **translated("body", data["body"]),
            **translated("cta_text", data["cta_text"]),
        )
    report_index = ensure_page(
        advocacy,
        ResearchReportIndexPage,
        REPORT_INDEX_TITLES,
        **translated("introduction", REPORT_INDEX_INTRODUCTION),
    )
    existing = set(report_index.get_children().values_list("slug_ru", flat=True))
    for data in REPORTS:
        if transliterated_slug(data["title"]["ru"]) in existing:
            continue
        ensure_page(
            report_index,
            ResearchReportPage,
            data["title"],
            **translated("authors", ORGANISATION),
            **translated("summary", data["summary"]),
            **translated("findings", {code: demo_findings(data, code) for code in LANGUAGE_CODES}),
            **{f"file_{code}": ensure_report_file(data, code) for code in data["files"]},
            focus_areas=[areas[slug] for slug in data["focus"]],
            related_programmes=[programmes[key] for key in data["programmes"]],
        )
    add_home_section(
        home,
        advocacy,
        {
            "ru": "Защищаем права детей, оставшихся без попечения родителей, и выпускников системы ухода.",
            "ky": "Ата-энесинин камкордугусуз калган балдардын жана кам көрүү системасынын бүтүрүүчүлөрүнүн укуктарын коргойбуз.",
            "en": "We stand up for the rights of children without parental care and of care leavers.",
        },
    )
    return advocacy


def _generated_page(model, number, kind_titles, **fields):
    titles = {code: f"{kind_titles[code]} {number:04d}" for code in LANGUAGE_CODES}
    return model(
        **translated("title", titles),
        **{
            f"slug_{code}": f"generated-{kind_titles['en'].split()[-1].lower()}-{number:04d}" for code in LANGUAGE_CODES
        },
        live=True,
        **fields,
    )


GENERATED_REPORT = {"ru": "Тестовый отчёт", "ky": "Сынамык отчет", "en": "Generated report"}
GENERATED_PROGRAMME = {"ru": "Тестовая программа", "ky": "Сынамык программа", "en": "Generated programme"}
GENERATED_SUMMARY = {
    "ru": "Сгенерированная страница для нагрузочных тестов; не содержит сведений об организации.",
    "ky": "Жүктөм сыноолору үчүн түзүлгөн барак; уюм жөнүндө маалымат камтыбайт.",
    "en": "A generated page for load tests; it holds no information about the organisation.",
}


def scale(home, *, reports=0, programmes=0, **counts):
    """Add clearly fake reports and programmes for `manage.py scale_demo` (DEVELOPERS.md)."""
    advocacy = AdvocacyIndexPage.objects.descendant_of(home).first()
    report_index = ResearchReportIndexPage.objects.descendant_of(home).first()
    if advocacy is None or report_index is None:
        return "no advocacy section: run load_demo_content first"
    areas = list(FocusArea.objects.order_by("sort_order", "pk"))
    sample = ResearchReportPage.objects.child_of(report_index).exclude(file_ru=None).first()
    added_reports = _add_generated(
        report_index,
        ResearchReportPage,
        GENERATED_REPORT,
        reports,
        lambda number: {
            **translated("summary", GENERATED_SUMMARY),
            "publication_year": 2000 + number % 25,
            "file_ru": sample.file_ru if sample else None,
        },
        areas,
    )
    added_programmes = _add_generated(
        advocacy,
        AdvocacyProgrammePage,
        GENERATED_PROGRAMME,
        programmes,
        lambda number: {**translated("summary", GENERATED_SUMMARY), "start_year": 2000 + number % 25},
        areas,
    )
    return f"{added_reports} reports, {added_programmes} programmes added"


def _add_generated(parent, model, kind_titles, count, fields_for, areas):
    existing = set(parent.get_children().filter(slug_en__startswith="generated-").values_list("slug_en", flat=True))
    added = 0
    for number in range(1, count + 1):
        focus = [areas[number % len(areas)]] if areas else []
        page = _generated_page(model, number, kind_titles, focus_areas=focus, **fields_for(number))
        if page.slug_en in existing:
            continue
        parent.add_child(instance=page)
        added += 1
    return added
