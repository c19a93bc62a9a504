"""Demo content for safeguarding: the policy page, the "report a concern" page and the footer links to both.

The texts state commitments and the way to report, nothing more: no staff names, phone numbers or figures are
invented. The focal point's contacts stay empty in the settings until the organisation fills them in; the
emergency numbers are Kyrgyzstan's public ones (102 police, 111 child helpline), the settings' defaults.
"""

from django.db import transaction
from wagtail.models import Site

from pages.demo import ensure_page, paragraphs, translated
from pages.models import OrganisationSettings, StandardPage
from safeguarding.models import ConcernReportPage

POLICY_TITLES = {"ru": "Политика защиты детей", "ky": "Балдарды коргоо саясаты", "en": "Safeguarding policy"}
REPORT_TITLES = {"ru": "Сообщить о нарушении", "ky": "Тынчсыздануу тууралуу билдирүү", "en": "Report a concern"}

POLICY_INTRODUCTION = {
    "ru": "Как мы обеспечиваем безопасность детей и как сообщить нам о нарушении.",
    "ky": "Балдардын коопсуздугун кантип камсыз кылабыз жана тынчсыздануу тууралуу бизге кантип билдирүү керек.",
    "en": "How we keep children safe, and how to tell us about a concern.",
}

POLICY_BODY = {
    "ru": [
        ("heading", {"text": "Наши обязательства", "level": "h2"}),
        (
            "paragraph",
            paragraphs(
                "Каждый ребёнок имеет право на безопасность. Мы не допускаем никаких форм насилия, пренебрежения "
                "нуждами или эксплуатации детей — со стороны кого бы то ни было: сотрудников, волонтёров, "
                "партнёров, посетителей или жертвователей.",
                "Каждый, кто работает с нами, узнаёт, как обеспечить безопасность детей и что делать, если возникло "
                "подозрение, что ребёнку причиняют вред. Прежде чем человек начнёт работать с детьми, мы проводим проверку.",
                "Мы не публикуем фотографии и истории детей без записанного согласия ребёнка и того, кто о нём "
                "заботится, и убираем их, когда срок согласия истекает или согласие отозвано.",
            ),
        ),
        ("heading", {"text": "Как сообщить о нарушении", "level": "h2"}),
        (
            "paragraph",
            paragraphs(
                "Если ребёнок в опасности прямо сейчас, звоните в милицию по номеру 102 или на детский телефон "
                "доверия 111.",
                "В остальных случаях воспользуйтесь формой на странице «Сообщить о нарушении». Называть своё "
                "имя не обязательно. Обращения читает только наша команда по защите детей.",
            ),
        ),
        ("heading", {"text": "Что происходит дальше", "level": "h2"}),
        (
            "paragraph",
            paragraphs(
                "Мы серьёзно относимся к каждому сообщению. Команда по защите детей рассматривает его, решает, что "
                "нужно сделать, чтобы защитить ребёнка, и, когда этого требует закон, обращается в компетентные "
                "органы. Мы храним сообщения конфиденциально и передаём их только тем, кому это необходимо для "
                "защиты ребёнка."
            ),
        ),
    ],
    "ky": [
        ("heading", {"text": "Биздин милдеттенмелерибиз", "level": "h2"}),
        (
            "paragraph",
            paragraphs(
                "Ар бир бала коопсуз жашоого укуктуу. Биз балдарга карата зомбулуктун, кароосуз калтыруунун же "
                "эксплуатациянын эч бир түрүнө жол бербейбиз — ким тарабынан болбосун: кызматкерлер, ыктыярчылар, "
                "өнөктөштөр, коноктор же кайрымдуулук кылуучулар.",
                "Биз менен иштегендердин баары балдардын коопсуздугун кантип камсыз кылууну жана тынчсыздануу "
                "пайда болгондо эмне кылуу керектигин үйрөнүшөт. Адам балдар менен иштей баштаганга чейин биз "
                "аны текшеребиз.",
                "Баланын жана ага кам көргөн адамдын жазылган макулдугусуз балдардын сүрөттөрүн жана окуяларын "
                "жарыялабайбыз, ал эми макулдуктун мөөнөтү бүткөндө же ал кайтарылып алынганда аларды алып салабыз.",
            ),
        ),
        ("heading", {"text": "Тынчсыздануу тууралуу кантип билдирүү керек", "level": "h2"}),
        (
            "paragraph",
            paragraphs(
                "Эгер бала азыр коркунучта болсо, милицияга 102 же балдардын ишеним телефонуна 111 номерине чалыңыз.",
                "Башка учурларда «Тынчсыздануу тууралуу билдирүү» барагындагы форманы колдонуңуз. Атыңызды айтуу "
                "милдеттүү эмес. Билдирүүлөрдү балдарды коргоо боюнча командабыз гана окуйт.",
            ),
        ),
        ("heading", {"text": "Андан кийин эмне болот", "level": "h2"}),
        (
            "paragraph",
            paragraphs(
                "Биз ар бир билдирүүгө олуттуу мамиле кылабыз. Балдарды коргоо боюнча команда аны карап чыгып, "
                "баланы коргоо үчүн эмне кылуу керектигин чечет жана мыйзам талап кылган учурларда тиешелүү "
                "органдарга кайрылат. Билдирүүлөрдү купуя сактайбыз жана баланы коргоо үчүн зарыл болгон "
                "адамдарга гана беребиз."
            ),
        ),
    ],
    "en": [
        ("heading", {"text": "Our commitment", "level": "h2"}),
        (
            "paragraph",
            paragraphs(
                "Every child has the right to be safe. We do not tolerate any form of abuse, neglect or exploitation "
                "of children by anyone: our staff, volunteers, partners, visitors or donors.",
                "Everyone who works with us learns how to keep children safe and what to do about a concern. We "
                "check people before they start working with children.",
                "We do not publish a child's photo or story without the recorded consent of the child and their "
                "carer, and we take it down when the consent ends or is withdrawn.",
            ),
        ),
        ("heading", {"text": "How to report a concern", "level": "h2"}),
        (
            "paragraph",
            paragraphs(
                "If a child is in danger right now, call the police on 102 or the child helpline on 111.",
                "Otherwise, use the form on the “Report a concern” page. You do not have to give your name. Only "
                "our safeguarding team reads reports.",
            ),
        ),
        ("heading", {"text": "What happens next", "level": "h2"}),
        (
            "paragraph",
            paragraphs(
                "We take every report seriously. The safeguarding team looks at it, decides what must be done to "
                "protect the child and, where the law requires it, involves the competent authorities. We keep "
                "reports confidential and share them only with those who need to know to protect the child."
            ),
        ),
    ],
}

REPORT_INTRODUCTION = {
    "ru": "Если вас беспокоит безопасность или благополучие ребёнка в наших программах или поведение кого-то из тех, "
    "кто работает с нами, сообщите нам. Это займёт минуту.",
    "ky": "Эгер сизди биздин программалардагы баланын коопсуздугу же абалы, же биз менен иштеген кимдир бирөөнүн "
    "жүрүм-туруму тынчсыздандырса, бизге билдириңиз. Бул бир мүнөттү алат.",
    "en": "If you are worried about the safety or well-being of a child in our programmes, or about the behaviour of "
    "anyone who works with us, tell us. It takes a minute.",
}

REPORT_BODY = {
    "ru": [
        ("heading", {"text": "Что будет с вашим сообщением", "level": "h2"}),
        (
            "paragraph",
            paragraphs(
                "Его читает только наша команда по защите детей. Мы рассматриваем каждое сообщение, решаем, что "
                "нужно сделать, чтобы защитить ребёнка, и, когда этого требует закон, обращаемся в компетентные "
                "органы.",
                "Если вы оставите контакт, мы можем связаться с вами, чтобы уточнить детали. Если нет — мы "
                "будем действовать на основе того, что вы написали.",
            ),
        ),
    ],
    "ky": [
        ("heading", {"text": "Билдирүүңүз менен эмне болот", "level": "h2"}),
        (
            "paragraph",
            paragraphs(
                "Аны балдарды коргоо боюнча командабыз гана окуйт. Биз ар бир билдирүүнү карап чыгып, баланы "
                "коргоо үчүн эмне кылуу керектигин чечебиз жана мыйзам талап кылган учурларда тиешелүү "
                "органдарга кайрылабыз.",
                "Эгер байланышыңызды калтырсаңыз, чоо-жайын тактоо үчүн сиз менен байланышышыбыз мүмкүн. "
                "Калтырбасаңыз, сиз жазган маалыматтын негизинде иш алып барабыз.",
            ),
        ),
    ],
    "en": [
        ("heading", {"text": "What happens to your report", "level": "h2"}),
        (
            "paragraph",
            paragraphs(
                "Only our safeguarding team reads it. We look at every report, decide what must be done to protect "
                "the child and, where the law requires it, involve the competent authorities.",
                "If you leave a contact, we may get in touch to ask for details. If you do not, we will act on what "
                "you wrote.",
            ),
        ),
    ],
}

THANK_YOU_TEXT = {
    "ru": "Если вы оставили контакт, мы можем связаться с вами. Вы можете отправить ещё одно сообщение в любое время.",
    "ky": "Эгер байланышыңызды калтырсаңыз, биз сиз менен байланышышыбыз мүмкүн. Каалаган убакта дагы бир билдирүү "
    "жөнөтө аласыз.",
    "en": "If you left a contact, we may get in touch with you. You can send another report at any time.",
}


@transaction.atomic
def build(home):
    policy = ensure_page(
        home,
        StandardPage,
        POLICY_TITLES,
        **translated("introduction", POLICY_INTRODUCTION),
        **translated("body", POLICY_BODY),
    )
    report_page = ensure_page(
        home,
        ConcernReportPage,
        REPORT_TITLES,
        **translated("introduction", REPORT_INTRODUCTION),
        **translated("body", REPORT_BODY),
        **translated("thank_you_text", THANK_YOU_TEXT),
    )
    org = OrganisationSettings.for_site(Site.objects.get(root_page=home))
    changed = []
    if org.report_concern_page_id is None:
        org.report_concern_page = report_page
        changed.append("report_concern_page")
    if org.safeguarding_policy_page_id is None:
        org.safeguarding_policy_page = policy
        changed.append("safeguarding_policy_page")
    if changed:
        org.save(update_fields=changed)
    return report_page
