"""``{% cachedfragment key … %}…{% endcachedfragment %}``: a template fragment rendered once per process.

For the cards of long listings (programmes, reports, offices), which are most of those pages' render time
and change only when something is published or saved: the HTML is kept in the render cache
(pages/render_cache.py), so any publish, settings or image save drops it. The key must name everything
the fragment shows besides published content: the object's id, and any variable it reads (``heading``).
The language and the host are added to the key; previews always render. Never wrap anything per visitor
(forms, CSRF tokens, user names).
"""

from django import template
from django.utils import translation
from django.utils.safestring import mark_safe

from pages import render_cache

register = template.Library()

# Fragments kept per process and generation; beyond this the oldest half is dropped (bounded memory).
MAX_FRAGMENTS = 20000


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        key = (
            "fragment",
            translation.get_language(),
            request.get_host(),
            *(str(part.resolve(context)) for part in self.parts),
        )
        kept = render_cache.values(request)
        html = kept.get(key)
        if html is None:
            html = mark_safe(self.nodelist.render(context))  # noqa: S308 -- the template's own output
            if len(kept) >= MAX_FRAGMENTS:
                for name in [name for name in kept if name[0] == "fragment"][: MAX_FRAGMENTS // 2]:
                    kept.pop(name, None)
            kept[key] = html
        return html


@register.tag
def cachedfragment(parser, token):
    parts = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    if not parts:
        raise template.TemplateSyntaxError("cachedfragment needs a key, e.g. {% cachedfragment 'card' page.pk %}")
    nodelist = parser.parse(("endcachedfragment",))
    parser.delete_first_token()
    return CachedFragmentNode(nodelist, parts)
