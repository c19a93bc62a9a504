"""Demo news, built only from the organisation's own advocacy page (seed text, Kyrgyz) with our Russian and English.

Each item retells one fact of that page: the child rights research carried out every four years, the work for
care leavers' rights started in 2009, the international standards of alternative care adopted with SOS
Kinderdorf International. No event, figure or quotation is added; the dates are the demo items' publication
dates, not dates of events. Running ``build`` twice changes nothing.
"""

import datetime

from django.db import transaction
from wagtail.models import Page

from news.models import NewsIndexPage, NewsPage, NewsRelatedPage, NewsTopic
from pages.demo import LANGUAGE_CODES, add_home_section, ensure_page, paragraphs, translated

INDEX_TITLES = {"ru": "Новости", "ky": "Жаңылыктар", "en": "News"}
INDEX_INTRODUCTION = {
    "ru": "Новости и истории о нашей работе: исследования, права детей и выпускников системы ухода.",
    "ky": "Ишибиз тууралуу жаңылыктар жана окуялар: изилдөөлөр, балдардын жана кам көрүү системасынын бүтүрүүчүлөрүнүн укуктары.",
    "en": "News and stories about our work: research, the rights of children and of care leavers.",
}

TOPICS = [
    ("research", {"ru": "Исследования", "ky": "Изилдөөлөр", "en": "Research"}),
    (
        "care-leavers",
        {"ru": "Выпускники системы ухода", "ky": "Кам көрүү системасынын бүтүрүүчүлөрү", "en": "Care leavers"},
    ),
    ("advocacy", {"ru": "Права детей", "ky": "Балдардын укуктары", "en": "Children's rights"}),
]

NEWS = [
    {
        "date": datetime.date(2026, 11, 16),
        "topic": "advocacy",
        "related": ["a-family-instead-of-a-childrens-home"],
        "title": {
            "ru": "Стандарты альтернативного ухода, принятые при участии SOS",
            "ky": "SOS катышуусу менен кабыл алынган альтернативдик кам көрүү стандарттары",
            "en": "Standards of alternative care adopted with the participation of SOS",
        },
        "lead": {
            "ru": "По инициативе и при участии SOS Kinderdorf International были разработаны и приняты стандарты Quality4Children и Руководящие указания ООН по альтернативному уходу за детьми.",
            "ky": "SOS Kinderdorf International уюмунун демилгеси жана катышуусу менен «Балдар үчүн сапаттын стандарттары» жана «Альтернативдик кам көрүү боюнча БУУнун жетектөө директивалары» иштелип чыкты жана кабыл алынды.",
            "en": "On the initiative and with the participation of SOS Kinderdorf International, the Quality4Children standards and the UN Guidelines for the Alternative Care of Children were developed and adopted.",
        },
        "body": {
            "ru": [
                (
                    "paragraph",
                    paragraphs("Эти документы защищают права детей, находящихся в альтернативных формах ухода."),
                ),
                ("heading", {"text": "На что направлена наша правозащитная работа", "level": "h2"}),
                (
                    "paragraph",
                    "<ul><li>продвижение прав детей, оставшихся без попечения родителей, и детей-сирот;</li>"
                    "<li>развитие социальных услуг, которые предотвращают помещение детей в детские дома;</li>"
                    "<li>содействие развитию альтернативной системы устройства детей, оставшихся без попечения родителей;</li>"
                    "<li>продвижение прав выпускников системы ухода.</li></ul>",
                ),
            ],
            "ky": [
                (
                    "paragraph",
                    paragraphs(
                        "Бул документтер кам көрүүнүн альтернативдик формаларындагы балдардын укуктарын коргойт."
                    ),
                ),
                ("heading", {"text": "Биздин коомдук-укуктук ишибиз эмнеге багытталган", "level": "h2"}),
                (
                    "paragraph",
                    "<ul><li>ата-энесинин камкордугусуз калган балдардын жана жетим балдардын укуктарын алдыга жылдыруу;</li>"
                    "<li>балдардын балдар үйлөрүнө орношуп калуусун алдын алуу максатында социалдык кызматтарды алдыга жылдыруу;</li>"
                    "<li>ата-энесинин камкордугусуз калган балдар үчүн аларды жайгаштыруунун альтернативдик системасын өнүктүрүүгө көмөк көрсөтүү;</li>"
                    "<li>кам көрүү системасынын бүтүрүүчүлөрүнүн укуктарын алдыга жылдыруу.</li></ul>",
                ),
            ],
            "en": [
                ("paragraph", paragraphs("These documents protect the rights of children in alternative care.")),
                ("heading", {"text": "What our advocacy aims at", "level": "h2"}),
                (
                    "paragraph",
                    "<ul><li>promoting the rights of children without parental care and of orphans;</li>"
                    "<li>promoting social services that prevent children from being placed in children's homes;</li>"
                    "<li>supporting an alternative system of placement for children without parental care;</li>"
                    "<li>promoting the rights of care leavers.</li></ul>",
                ),
            ],
        },
    },
    {
        "date": datetime.date(2026, 11, 23),
        "topic": "care-leavers",
        "related": ["rights-of-care-leavers"],
        "title": {
            "ru": "С 2009 года — за права выпускников системы ухода",
            "ky": "2009-жылдан бери — кам көрүү системасынын бүтүрүүчүлөрүнүн укуктары үчүн",
            "en": "Since 2009, standing up for the rights of care leavers",
        },
        "lead": {
            "ru": "В 2009 году фонд начал работу по продвижению прав выпускников системы ухода.",
            "ky": "2009-жылы фонд кам көрүү системасынын бүтүрүүчүлөрүнүн укуктарын алдыга жылдыруу боюнча ишин баштаган.",
            "en": "In 2009 the Foundation began its work to promote the rights of care leavers.",
        },
        "body": {
            "ru": [
                ("heading", {"text": "Какие права мы отстаиваем", "level": "h2"}),
                (
                    "paragraph",
                    paragraphs(
                        "В рамках этой работы рассматриваются права молодых людей на жильё, социальные услуги, "
                        "образование, трудоустройство и участие в общественной жизни."
                    ),
                ),
            ],
            "ky": [
                ("heading", {"text": "Биз кайсы укуктарды коргойбуз", "level": "h2"}),
                (
                    "paragraph",
                    paragraphs(
                        "Бул иштин чегинде балдардын турак-жайга, социалдык кызматтарга, билим алууга, жумушка "
                        "орношууга жана социалдык жактан активдүүлүккө болгон укуктары каралган."
                    ),
                ),
            ],
            "en": [
                ("heading", {"text": "The rights we stand up for", "level": "h2"}),
                (
                    "paragraph",
                    paragraphs(
                        "This work covers young people's rights to housing, social services, education, employment "
                        "and social participation."
                    ),
                ),
            ],
        },
    },
    {
        "date": datetime.date(2026, 11, 30),
        "topic": "research",
        "related": ["child-rights-research"],
        "title": {
            "ru": "Каждые четыре года — исследование прав детей",
            "ky": "Ар бир төрт жылда — балдардын укуктары боюнча изилдөө",
            "en": "Every four years, a study of children's rights",
        },
        "lead": {
            "ru": "Чтобы изучить положение детей, оставшихся без попечения родителей, в Кыргызстане, фонд каждые четыре года проводит исследование соблюдения прав детей.",
            "ky": "Кыргызстандагы ата-энесинин камкордугусуз калган балдардын кырдаалын изилдеп карап чыгуу максатында фонд ар бир төрт жылда балдардын укугун сактоо боюнча изилдөө жүргүзөт.",
            "en": "To study the situation of children without parental care in Kyrgyzstan, the Foundation carries out a study of children's rights every four years.",
        },
        "body": {
            "ru": [
                ("heading", {"text": "Опыт, на который опирается исследование", "level": "h2"}),
                (
                    "paragraph",
                    paragraphs(
                        "Как организация, которая работает непосредственно с детьми в трудной жизненной ситуации, "
                        "фонд выступает за полное соблюдение прав и интересов детей. Наш опыт работы с такими детьми "
                        "даёт прочную основу для информационной и правозащитной работы на местном и национальном уровнях."
                    ),
                ),
            ],
            "ky": [
                ("heading", {"text": "Изилдөө таянган тажрыйба", "level": "h2"}),
                (
                    "paragraph",
                    paragraphs(
                        "Оор жашоо кырдаалында турган балдар менен түздөн-түз иш жүргүзгөн уюм катары фонд балдардын "
                        "укуктарын жана кызыкчылыктарын толугу менен камсыз кылууну жактайт. Мындай балдар менен иш "
                        "жүргүзүүдөгү биздин тажрыйбабыз жергиликтүү жана улуттук деңгээлде маалымат-укуктук иш "
                        "жүргүзүүгө бекем негиз берет."
                    ),
                ),
            ],
            "en": [
                ("heading", {"text": "The experience the study builds on", "level": "h2"}),
                (
                    "paragraph",
                    paragraphs(
                        "As an organisation that works directly with children in difficult life situations, the "
                        "Foundation advocates for the full respect of children's rights and interests. Our experience "
                        "of working with these children gives a solid basis for awareness-raising and advocacy at "
                        "local and national level."
                    ),
                ),
            ],
        },
    },
]


def ensure_topics():
    topics = {}
    for order, (slug, names) in enumerate(TOPICS, start=1):
        topic = NewsTopic.objects.filter(slug=slug).first()
        if topic is None:
            topic = NewsTopic.objects.create(slug=slug, sort_order=order, **translated("name", names))
        topics[slug] = topic
    return topics


def related_links(slugs):
    """Pages of other sections, found by their English slug (news/ imports no other section)."""
    pages = [Page.objects.filter(slug_en=slug).first() for slug in slugs]
    return [NewsRelatedPage(target=page, sort_order=order) for order, page in enumerate(pages) if page is not None]


@transaction.atomic
def build(home):
    topics = ensure_topics()
    index = ensure_page(
        home,
        NewsIndexPage,
        INDEX_TITLES,
        show_in_menus=True,
        **translated("introduction", INDEX_INTRODUCTION),
    )
    for item in NEWS:
        ensure_page(
            index,
            NewsPage,
            item["title"],
            date=item["date"],
            topic=topics[item["topic"]],
            related_links=related_links(item["related"]),
            **translated("lead", item["lead"]),
            **translated("body", {code: item["body"][code] for code in LANGUAGE_CODES}),
        )
    add_home_section(
        home,
        index,
        {
            "ru": "Новости и истории о нашей работе.",
            "ky": "Ишибиз тууралуу жаңылыктар жана окуялар.",
            "en": "News and stories about our work.",
        },
    )
    return index
