"""Demo content for the shared pages, and the helpers every section's ``demo`` module uses.

``manage.py load_demo_content`` calls ``build(home)`` of every installed app that has a ``demo``
module, in INSTALLED_APPS order. Texts come from the organisation's own site (Kyrgyz) with our
Russian and English versions; no figure appears here that the organisation has not published.
"""

from django.db import transaction
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from pages.models import HomePage, OrganisationSettings, StandardPage

LANGUAGE_CODES = ("ru", "ky", "en")


def translated(field, values):
    """{"ru": a, "ky": b, "en": c} → {"field_ru": a, "field_ky": b, "field_en": c}."""
    return {f"{field}_{code}": values[code] for code in LANGUAGE_CODES if code in values}


def paragraphs(*texts):
    return RichText("".join(f"<p>{text}</p>" for text in texts))


def ensure_page(parent, model, titles, **fields):
    """Return the child of ``parent`` with the Russian slug made from ``titles["ru"]``, creating it once.

    An existing page is returned untouched, so running the demo loader twice changes nothing.
    """
    page = model(**translated("title", titles), **fields)
    page.fill_missing_slugs()
    existing = parent.get_children().filter(slug_ru=page.slug_ru).first()
    if existing is not None:
        return existing.specific
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def prepare_root(root):
    """Give the tree's root the per-language title and URL path that a fresh database lacks.

    (``make run`` also runs modeltranslation's update_translation_fields and set_translation_url_paths;
    this keeps the loader correct on a database where they were not run, such as the test database.)
    """
    updates = {}
    for code in LANGUAGE_CODES:
        if not getattr(root, f"url_path_{code}"):
            updates[f"url_path_{code}"] = "/"
        if not getattr(root, f"title_{code}"):
            updates[f"title_{code}"] = root.title_ru or "Root"
    if updates:
        Page.objects.filter(pk=root.pk).update(**updates)
        for field, value in updates.items():
            setattr(root, field, value)


def ensure_home_page():
    """Replace Wagtail's placeholder "Welcome" page with the home page and point the site at it."""
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    prepare_root(root)
    home = HomePage(
        **translated("title", {"ru": "Главная", "ky": "Башкы бет", "en": "Home"}),
        **translated(
            "hero_heading",
            {
                "ru": "Любящий дом для каждого ребёнка",
                "ky": "Ар бир балага сүйүктүү үй",
                "en": "A loving home for every child",
            },
        ),
        **translated(
            "hero_text",
            {
                "ru": "Мы даём детям, оставшимся без попечения родителей, семейный дом и защищаем их права.",
                "ky": "Биз ата-энесинин камкордугусуз калган балдарга үй-бүлөлүк үй беребиз жана алардын укуктарын коргойбуз.",
                "en": "We give children without parental care a family home, and we stand up for their rights.",
            },
        ),
        **translated(
            "introduction",
            {
                "ru": paragraphs(
                    "Общественный фонд «SOS Детские Деревни Кыргызстана» — часть международной федерации "
                    "SOS Children's Villages. Мы заботимся о детях, оставшихся без попечения родителей, и о "
                    "детях, которые рискуют его потерять, и добиваемся, чтобы их права соблюдались."
                ).source,
                "ky": paragraphs(
                    "«Кыргызстандын SOS Балдар Айылдары» Коомдук фонду SOS Children's Villages эл аралык "
                    "федерациясынын бир бөлүгү. Биз ата-энесинин камкордугусуз калган жана аны жоготуу "
                    "коркунучунда турган балдарга кам көрөбүз жана алардын укуктарынын сакталышына жетишебиз."
                ).source,
                "en": paragraphs(
                    "The Public Foundation “SOS Children's Villages Kyrgyzstan” is part of the international "
                    "SOS Children's Villages federation. We care for children without parental care and for "
                    "children at risk of losing it, and we work to have their rights respected."
                ).source,
            },
        ),
        slug="home",
    )
    home.fill_missing_slugs()
    placeholder = root.get_children().filter(slug="home").exclude(content_type__model="homepage").first()
    if placeholder is not None:
        placeholder.slug = "welcome-placeholder"
        placeholder.save()
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", port=80, is_default_site=True
    )
    site.root_page = home
    site.site_name = "SOS Children's Villages Kyrgyzstan"
    site.save()
    if placeholder is not None:
        placeholder.delete()
    return home


ABOUT_BODY = {
    "ru": [
        ("heading", {"text": "Кто мы", "level": "h2"}),
        (
            "paragraph",
            paragraphs(
                "Общественный фонд «SOS Детские Деревни Кыргызстана» помогает детям, оставшимся без попечения "
                "родителей, расти в семье: в заботе, с близким взрослым рядом и с уверенностью в завтрашнем дне.",
                "Мы работаем с детьми, находящимися в трудной жизненной ситуации, и с их семьями, а наш опыт "
                "семейного ухода служит основой для правозащитной деятельности на местном и национальном уровнях.",
            ),
        ),
        ("heading", {"text": "Часть всемирной федерации", "level": "h2"}),
        (
            "paragraph",
            paragraphs(
                "Фонд входит в федерацию SOS Children's Villages (SOS Kinderdorf International), которая "
                "ведёт более 2100 программ в 133 странах и территориях мира."
            ),
        ),
        ("quote", {"text": "Любящий дом для каждого ребёнка.", "attribution": "SOS Детские Деревни"}),
    ],
    "ky": [
        ("heading", {"text": "Биз кимбиз", "level": "h2"}),
        (
            "paragraph",
            paragraphs(
                "«Кыргызстандын SOS Балдар Айылдары» Коомдук фонду ата-энесинин камкордугусуз калган балдардын "
                "үй-бүлөдө, камкордукта, жанында жакын чоң киши менен жана эртеңки күнгө ишеним менен өсүшүнө жардам берет.",
                "Биз оор жашоо кырдаалында турган балдар жана алардын үй-бүлөлөрү менен иштейбиз, ал эми үй-бүлөлүк "
                "кам көрүү боюнча тажрыйбабыз жергиликтүү жана улуттук деңгээлдеги коомдук-укуктук иштин негизи болот.",
            ),
        ),
        ("heading", {"text": "Дүйнөлүк федерациянын бир бөлүгү", "level": "h2"}),
        (
            "paragraph",
            paragraphs(
                "Фонд SOS Children's Villages (SOS Kinderdorf International) федерациясына кирет. Федерация "
                "дүйнөдөгү 133 өлкө менен аймакта 2100дөн ашуун программаларды жүргүзөт."
            ),
        ),
        ("quote", {"text": "Ар бир балага сүйүктүү үй.", "attribution": "SOS Балдар Айылдары"}),
    ],
    "en": [
        ("heading", {"text": "Who we are", "level": "h2"}),
        (
            "paragraph",
            paragraphs(
                "The Public Foundation “SOS Children's Villages Kyrgyzstan” helps children without parental care "
                "grow up in a family: cared for, with a trusted adult beside them and confident in their future.",
                "We work with children in difficult life situations and with their families, and our experience "
                "of family-based care is the basis of our advocacy at local and national level.",
            ),
        ),
        ("heading", {"text": "Part of a worldwide federation", "level": "h2"}),
        (
            "paragraph",
            paragraphs(
                "The Foundation is a member of the SOS Children's Villages federation (SOS Kinderdorf "
                "International), which runs more than 2,100 programmes in 133 countries and territories."
            ),
        ),
        ("quote", {"text": "A loving home for every child.", "attribution": "SOS Children's Villages"}),
    ],
}

HELP_NOW_BODY = {
    "ru": [
        (
            "paragraph",
            paragraphs(
                "Скоро здесь можно будет оформить пожертвование онлайн. Пока страница готовится, свяжитесь с "
                "нашим головным офисом: мы расскажем, как поддержать детей и семьи, с которыми мы работаем."
            ),
        )
    ],
    "ky": [
        (
            "paragraph",
            paragraphs(
                "Жакында бул жерден онлайн кайрымдуулук кылууга мүмкүн болот. Барак даярдалып жатканда башкы "
                "кеңсебизге кайрылыңыз: биз иштеген балдарды жана үй-бүлөлөрдү кантип колдоого болорун айтып беребиз."
            ),
        )
    ],
    "en": [
        (
            "paragraph",
            paragraphs(
                "Soon you will be able to make a pledge online here. While this page is being prepared, please "
                "contact our head office: we will tell you how to support the children and families we work with."
            ),
        )
    ],
}


def privacy_section(heading, *texts):
    return [("heading", {"text": heading, "level": "h2"}), ("paragraph", paragraphs(*texts))]


# The privacy policy describes what the site really stores and the commands that really delete it
# (README "Personal data"): pledges anonymised after three years (``anonymise_pledges --older-than 1095``),
# a donor erased on request (``erase_donor``), no cookies for visitors. The contact e-mail is a setting shown
# under the policy only when it is filled in (``OrganisationSettings.privacy_email``).
PRIVACY_BODY = {
    "ru": [
        *privacy_section(
            "Кратко",
            "Мы обрабатываем только те персональные данные, которые вы сами нам передаёте, и только для той "
            "цели, ради которой вы их передали: чтобы оформить вашу заявку на пожертвование, отметить поступивший "
            "платёж или разобрать ваше сообщение о нарушении прав ребёнка.",
            "Данные хранятся на серверах фонда. Мы не продаём их и не передаём третьим лицам для рекламы.",
        ),
        *privacy_section(
            "Заявки на пожертвование и платежи",
            "В заявке вы указываете сумму, валюту и периодичность, а также имя, e-mail и, по желанию, телефон. "
            "Мы сохраняем также язык сайта, время заявки и текст согласия, который вы видели. E-mail нужен, "
            "чтобы отправить вам реквизиты и квитанцию, а при ежемесячном пожертвовании — напоминание раз в "
            "месяц, которое можно отключить по ссылке в письме.",
            "Когда деньги приходят на наш счёт, в банковской выписке есть имя плательщика и назначение платежа. "
            "Эти записи мы храним как бухгалтерские документы.",
            "Заявки видят только сотрудники отдела по привлечению средств; каждый просмотр и каждая выгрузка "
            "записываются в журнал.",
        ),
        *privacy_section(
            "Сообщения о нарушениях",
            "Сообщить о нарушении можно без имени. Если вы указали имя и способ связи, их видит только команда "
            "по защите детей, и только она читает само сообщение. Такие сообщения не удаляются с сайта: они "
            "нужны, чтобы защитить ребёнка и проверить, что по сообщению приняты меры.",
        ),
        *privacy_section(
            "Cookie и счётчики",
            "Пока вы читаете сайт, мы не ставим cookie. Только после отправки заявки на пожертвование сайт ставит "
            "один технический cookie с номером заявки, чтобы показать вам страницу с реквизитами; он действует не "
            "дольше 8 часов. Сайт не использует сторонние счётчики, рекламные сети и "
            "шрифты с чужих серверов, поэтому при посещении сайта сведения о вас не передаются третьим лицам.",
            "Чтобы защитить формы от злоупотреблений, мы временно считаем отправки форм с одного сетевого адреса; "
            "адрес при этом хранится только в зашифрованном (хешированном) виде и не дольше, чем около часа.",
        ),
        *privacy_section(
            "Сколько мы храним данные",
            "Через три года после заявки мы удаляем из неё имя, e-mail и телефон; суммы и даты остаются для "
            "отчётности. Ежемесячные пожертвования, которые продолжаются, мы храним, пока они не закончатся.",
            "По вашей просьбе мы удалим имя, e-mail и телефон из всех ваших заявок сразу, не дожидаясь этого срока.",
        ),
        *privacy_section(
            "Ваши права",
            "Вы можете узнать, какие данные о вас у нас есть, исправить их, отказаться от писем-напоминаний и "
            "попросить удалить ваши данные. Для этого свяжитесь с нами; мы ответим и выполним просьбу без оплаты. "
            "Контакты головного офиса — внизу каждой страницы.",
        ),
    ],
    "ky": [
        *privacy_section(
            "Кыскача",
            "Биз өзүңүз берген жеке маалыматтарды гана жана аларды эмне үчүн бергениңиз үчүн гана иштетебиз: "
            "кайрымдуулук убадаңызды каттоо, келген төлөмдү белгилөө же баланын укугун бузуу тууралуу "
            "билдирүүңүздү кароо үчүн.",
            "Маалыматтар фонддун серверлеринде сакталат. Биз аларды сатпайбыз жана жарнама үчүн үчүнчү "
            "жактарга бербейбиз.",
        ),
        *privacy_section(
            "Кайрымдуулук убадалары жана төлөмдөр",
            "Убадада сиз сумманы, валютаны жана мезгилдүүлүктү, ошондой эле атыңызды, e-mail дарегиңизди жана "
            "каалаган учурда телефонуңузду көрсөтөсүз. Биз ошондой эле сайттын тилин, убаданын убактысын жана "
            "сиз көргөн макулдук текстин сактайбыз. E-mail сизге реквизиттерди жана квитанцияны жөнөтүү үчүн, "
            "ай сайын жардам берсеңиз — айына бир жолу эскертүү жөнөтүү үчүн керек; эскертүүнү каттагы шилтеме "
            "аркылуу өчүрсөңүз болот.",
            "Акча эсебибизге келгенде, банк көчүрмөсүндө төлөөчүнүн аты жана төлөмдүн максаты болот. Бул "
            "жазууларды бухгалтердик документ катары сактайбыз.",
            "Убадаларды каражат чогултуу бөлүмүнүн кызматкерлери гана көрөт; ар бир көрүү жана ар бир жүктөп "
            "алуу журналга жазылат.",
        ),
        *privacy_section(
            "Тынчсыздануу тууралуу билдирүүлөр",
            "Билдирүүнү атыңызды айтпай эле жөнөтсөңүз болот. Эгер атыңызды жана байланыш жолун көрсөтсөңүз, "
            "аларды балдарды коргоо тобу гана көрөт, билдирүүнүн өзүн да ошол топ гана окуйт. Мындай "
            "билдирүүлөр сайттан өчүрүлбөйт: алар баланы коргоо жана билдирүү боюнча чара көрүлгөнүн текшерүү "
            "үчүн керек.",
        ),
        *privacy_section(
            "Cookie жана эсептегичтер",
            "Сайтты окуп жатканыңызда биз cookie койбойбуз. Кайрымдуулук убадасын жөнөткөндөн кийин гана сайт "
            "реквизиттер барагын көрсөтүү үчүн убаданын номери жазылган бир техникалык cookie коёт; ал 8 сааттан ашык "
            "иштебейт. "
            "Сайт бөтөн эсептегичтерди, жарнама тармактарын жана "
            "башка серверлердеги шрифттерди колдонбойт, ошондуктан сайтка киргениңизде сиз тууралуу маалымат "
            "үчүнчү жактарга берилбейт.",
            "Формаларды кыянаттыктан коргоо үчүн бир тармак дарегинен жөнөтүлгөн формаларды убактылуу "
            "эсептейбиз; дарек шифрленген (хэштелген) түрдө гана жана болжол менен бир сааттан ашык эмес сакталат.",
        ),
        *privacy_section(
            "Маалыматтарды канча убакыт сактайбыз",
            "Убададан үч жыл өткөндөн кийин андан атыңызды, e-mail дарегиңизди жана телефонуңузду өчүрөбүз; "
            "суммалар жана даталар отчеттуулук үчүн калат. Уланып жаткан ай сайынкы жардамды ал бүткөнгө чейин "
            "сактайбыз.",
            "Суранычыңыз боюнча бардык убадаларыңыздан атыңызды, e-mail дарегиңизди жана телефонуңузду ошол "
            "мөөнөттү күтпөй дароо өчүрөбүз.",
        ),
        *privacy_section(
            "Сиздин укуктарыңыз",
            "Сиз тууралуу кандай маалымат бар экенин билүүгө, аны оңдоого, эскертүү каттардан баш тартууга жана "
            "маалыматтарыңызды өчүрүүнү сурануга укуктуусуз. Ал үчүн биз менен байланышыңыз; биз жооп берип, "
            "суранычыңызды акысыз аткарабыз. Башкы кеңсенин байланыштары ар бир барактын төмөн жагында.",
        ),
    ],
    "en": [
        *privacy_section(
            "In short",
            "We process only the personal data you give us, and only for the purpose you gave it for: to record "
            "your pledge, to match the payment that follows, or to act on your report of a concern about a child.",
            "The data is kept on the foundation's servers. We do not sell it or pass it to anyone for advertising.",
        ),
        *privacy_section(
            "Pledges and payments",
            "A pledge holds the amount, currency and frequency, your name, e-mail address and, if you wish, a "
            "phone number. We also keep the language of the site, the time of the pledge and the consent text "
            "you saw. Your e-mail address is used to send you our bank details and a receipt and, for a monthly "
            "gift, one reminder a month, which you can stop with the link in the e-mail.",
            "When the money reaches our account, the bank statement shows the payer's name and the payment "
            "purpose. We keep these lines as accounting records.",
            "Only the fundraising team can see pledges; every view and every export is logged.",
        ),
        *privacy_section(
            "Concern reports",
            "You can report a concern without giving your name. If you give a name and a way to contact you, only "
            "the safeguarding team sees them, and only that team reads the report itself. Reports are not deleted "
            "from the site: they are needed to protect the child and to check that the report was acted on.",
        ),
        *privacy_section(
            "Cookies and analytics",
            "We set no cookies while you read the site. Only after you send a pledge does the site set one "
            "technical cookie holding your pledge's reference, to show you the page with our bank details; it lasts "
            "at most 8 hours. "
            "The site uses no third-party analytics, advertising networks or "
            "fonts from other servers, so visiting it shares nothing about you with third parties.",
            "To protect the forms from abuse, we briefly count the forms sent from one network address; the "
            "address is stored only in hashed form and for about an hour at most.",
        ),
        *privacy_section(
            "How long we keep data",
            "Three years after a pledge we remove the name, e-mail address and phone number from it; amounts and "
            "dates stay for our accounts. Monthly gifts that are still running are kept until they end.",
            "If you ask, we remove your name, e-mail address and phone number from all your pledges at once, "
            "without waiting for that time.",
        ),
        *privacy_section(
            "Your rights",
            "You may ask what data we hold about you, have it corrected, stop the reminder e-mails and ask us to "
            "delete your data. Contact us to do so; we answer and act on your request free of charge. The head "
            "office's contacts are at the bottom of every page.",
        ),
    ],
}


def configure_settings(home, donate_page, privacy_page):
    site = Site.objects.get(root_page=home)
    org = OrganisationSettings.for_site(site)
    if org.legal_name_ru:
        return org
    for field, values in {
        "name": {
            "ru": "SOS Детские Деревни Кыргызстан",
            "ky": "SOS Балдар Айылдары Кыргызстан",
            "en": "SOS Children's Villages Kyrgyzstan",
        },
        "legal_name": {
            "ru": "Общественный фонд «SOS Детские Деревни Кыргызстана»",
            "ky": "«Кыргызстандын SOS Балдар Айылдары» Коомдук фонду",
            "en": "Public Foundation “SOS Children's Villages Kyrgyzstan”",
        },
        "tagline": {
            "ru": "Любящий дом для каждого ребёнка",
            "ky": "Ар бир балага сүйүктүү үй",
            "en": "A loving home for every child",
        },
    }.items():
        for code, value in values.items():
            setattr(org, f"{field}_{code}", value)
    org.worldwide_programmes = 2100
    org.worldwide_countries = 133
    org.donate_page = donate_page
    org.privacy_page = privacy_page
    org.save()
    return org


# Only facts of the seed and the demo offices: the villages in Bishkek and Cholpon-Ata, the family strengthening
# programme, the care leavers' work since 2009 and the child-rights research every four years.
NATIONAL_WORK = {
    "ru": [
        "Семейная забота о детях, оставшихся без попечения родителей, в SOS Детских деревнях Бишкека и Чолпон-Аты.",
        "Поддержка семей в трудной жизненной ситуации, чтобы дети не теряли родительской заботы.",
        "С 2009 года — защита прав выпускников системы ухода.",
        "Каждые четыре года — исследование соблюдения прав детей, оставшихся без попечения родителей.",
    ],
    "ky": [
        "Бишкек жана Чолпон-Атадагы SOS Балдар айылдарында ата-энесинин камкордугусуз калган балдарга "
        "үй-бүлөлүк кам көрүү.",
        "Балдар ата-энесинин камкордугун жоготпошу үчүн оор жашоо кырдаалындагы үй-бүлөлөрдү колдоо.",
        "2009-жылдан бери кам көрүү системасынын бүтүрүүчүлөрүнүн укуктарын коргоо.",
        "Ар бир төрт жылда ата-энесинин камкордугусуз калган балдардын укуктарынын сакталышын изилдөө.",
    ],
    "en": [
        "Family care for children without parental care in the SOS Children's Villages of Bishkek and Cholpon-Ata.",
        "Support for families in difficult circumstances, so that children do not lose parental care.",
        "Since 2009, standing up for the rights of care leavers.",
        "Every four years, a study of the rights of children without parental care.",
    ],
}
PARTNERSHIP_TEXT = {
    "ru": "Помочь можно не только деньгами. Если вы хотите стать волонтёром или партнёром фонда, позвоните в наш "
    "головной офис: мы расскажем, чем вы можете помочь.",
    "ky": "Акча менен гана эмес, башка жол менен да жардам берсеңиз болот. Ыктыярчы же фонддун өнөктөшү болгуңуз "
    "келсе, башкы кеңсебизге чалыңыз: кантип жардам бере аларыңызды айтып беребиз.",
    "en": "Money is not the only way to help. If you would like to volunteer or to partner with the Foundation, "
    "call our head office and we will tell you how you can help.",
}


def fill_home_work(home):
    """The home page's "Our work in Kyrgyzstan" and the settings' second way to help, where still empty."""
    home = HomePage.objects.get(pk=home.pk)
    if not home.national_work_ru:
        for code, items in NATIONAL_WORK.items():
            setattr(home, f"national_work_{code}", "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")
        home.save_revision().publish()
    org = OrganisationSettings.for_site(Site.objects.get(root_page=home))
    if not org.partnership_text_ru:
        for code, text in PARTNERSHIP_TEXT.items():
            setattr(org, f"partnership_text_{code}", text)
        org.save()


def add_home_section(home, page, texts):
    """Add a card for ``page`` to the home page's main sections in every language, once."""
    home = HomePage.objects.get(pk=home.pk)
    if any(block.value["page"] and block.value["page"].pk == page.pk for block in home.sections_ru or []):
        return
    for code in LANGUAGE_CODES:
        stream = getattr(home, f"sections_{code}")
        stream.append(("section", {"page": page, "heading": "", "text": texts[code], "image": None}))
    home.save_revision().publish()


@transaction.atomic
def build(home=None):
    home = home or ensure_home_page()
    about = ensure_page(
        home,
        StandardPage,
        {"ru": "О нас", "ky": "Биз жөнүндө", "en": "About us"},
        show_in_menus=True,
        **translated(
            "introduction",
            {
                "ru": "Мы помогаем детям, оставшимся без попечения родителей, расти в любящей семье.",
                "ky": "Биз ата-энесинин камкордугусуз калган балдардын сүйүктүү үй-бүлөдө өсүшүнө жардам беребиз.",
                "en": "We help children without parental care grow up in a loving family.",
            },
        ),
        **translated("body", ABOUT_BODY),
    )
    donate = ensure_page(
        home,
        StandardPage,
        {"ru": "Помочь сейчас", "ky": "Азыр жардам көрсөтүү", "en": "Help now"},
        **translated(
            "introduction",
            {
                "ru": "Ваша поддержка помогает детям расти в семье.",
                "ky": "Сиздин колдооңуз балдардын үй-бүлөдө өсүшүнө жардам берет.",
                "en": "Your support helps children grow up in a family.",
            },
        ),
        **translated("body", HELP_NOW_BODY),
    )
    privacy = ensure_page(
        home,
        StandardPage,
        {"ru": "Политика конфиденциальности", "ky": "Купуялык саясаты", "en": "Privacy policy"},
        **translated("body", PRIVACY_BODY),
    )
    configure_settings(home, donate, privacy)
    fill_home_work(home)
    add_home_section(
        home,
        about,
        {
            "ru": "Кто мы и как помогаем детям расти в семье.",
            "ky": "Биз кимбиз жана балдардын үй-бүлөдө өсүшүнө кантип жардам беребиз.",
            "en": "Who we are and how we help children grow up in a family.",
        },
    )
    return home
