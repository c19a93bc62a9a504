"""Responsive images: <picture> with WebP and fallback srcsets; renditions made ahead of time."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.template import Context, Template, TemplateSyntaxError
from wagtail.images.tests.utils import get_test_image_file

from pages.models import SiteImage
from pages.templatetags.image_tags import PRESETS, all_specs

pytestmark = pytest.mark.django_db


@pytest.fixture
def image():
    # Wagtail caches renditions by image id; ids come back after each test's rollback.
    cache.clear()
    return SiteImage.objects.create(
        title="Village", file=get_test_image_file(size=(1600, 1000)), description_ru="Дети во дворе"
    )


def render(source, **context):
    return Template("{% load image_tags %}" + source).render(Context(context))


def test_responsive_image_offers_webp_and_a_fallback(image):
    html = render('{% responsive_image image "figure" %}', image=image)
    assert html.startswith("<picture>")
    assert '<source type="image/webp" srcset="' in html
    assert ".webp 400w" in html and ".webp 1200w" in html
    assert ".png 800w" in html
    assert 'sizes="(min-width: 52rem) 48rem, 100vw"' in html
    assert 'width="800"' in html and 'height="500"' in html
    assert 'alt="Дети во дворе"' in html
    assert 'loading="lazy"' in html


def test_responsive_image_takes_sizes_alt_class_and_loading(image):
    html = render(
        '{% responsive_image image "hero" sizes="50vw" alt="" class="hero__image" loading="eager" %}', image=image
    )
    assert 'sizes="50vw"' in html
    assert 'alt=""' in html
    assert 'class="hero__image"' in html
    assert 'loading="eager"' in html
    assert "style=" not in html


def test_responsive_image_without_an_image_writes_nothing():
    assert render('{% responsive_image image "card" %}', image=None) == ""


def test_responsive_image_rejects_an_unknown_preset(image):
    with pytest.raises(TemplateSyntaxError):
        render('{% responsive_image image "poster" %}', image=image)


def test_small_image_does_not_repeat_a_width(image):
    small = SiteImage.objects.create(title="Small", file=get_test_image_file(size=(500, 300)))
    html = render('{% responsive_image image "figure" %}', image=small)
    assert html.count(" 500w") == 2  # once in the WebP srcset, once in the fallback one


def test_pregenerate_renditions_makes_every_preset_in_both_formats(image):
    call_command("pregenerate_renditions", image_ids=[image.pk], verbosity=0)
    made = set(image.renditions.values_list("filter_spec", flat=True))
    for preset in PRESETS.values():
        for spec in preset["specs"]:
            assert spec in made
            assert f"{spec}|format-webp" in made
    assert set(all_specs()) <= made


def test_pregenerated_renditions_are_not_made_twice(image, django_assert_max_num_queries):
    call_command("pregenerate_renditions", image_ids=[image.pk], verbosity=0)
    count = image.renditions.count()
    call_command("pregenerate_renditions", image_ids=[image.pk], verbosity=0)
    assert image.renditions.count() == count
