"""``{% cachedfragment key … %}…{% endcachedfragment %}``: a template fragment rendered once per process.

For HTML that is most of a page's render time and changes only when something is published or saved (the
cards of long listings, the header and footer, the home page's and the advocacy section's content): it is
kept in the render cache (pages/render_cache.py), so any publish, settings or image save drops it. The key
must name everything the fragment shows besides published content: the object's id, and any variable it
reads (``heading``, the header's current menu item).
The language and the host are added to the key; previews always render. Never wrap anything per visitor
(bound forms, CSRF tokens, user names).

``fill=value`` is for an unbound form whose HTML is the same for everyone but for one token per response
(the donate page's submission key): the kept HTML holds a mark where the first rendering had ``value``, and
each rendering writes its own ``value`` there. Without a value (e.g. a form showing errors) the fragment is
rendered every time and not kept.
"""

from django import template
from django.utils import translation
from django.utils.safestring import mark_safe

from pages import render_cache
from sos_site.db_router import reads_from_primary

register = template.Library()

# Fragments kept per process and generation; beyond this the oldest half is dropped (bounded memory).
MAX_FRAGMENTS = 20000


# Where a ``fill`` value goes in kept HTML: a control character no template writes.
FILL_MARK = "\x00fill\x00"


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, parts, fill=None):
        self.nodelist = nodelist
        self.parts = parts
        self.fill = fill

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        fill = ""
        if self.fill is not None:
            fill = str(self.fill.resolve(context) or "")
            if not fill:
                return self.nodelist.render(context)
        key = (
            "fragment",
            translation.get_language(),
            request.get_host(),
            *(str(part.resolve(context)) for part in self.parts),
            bool(fill),
        )
        kept = render_cache.values(request)
        html = kept.get(key)
        if html is None:
            with reads_from_primary():  # kept until the next purge: never built from a lagging replica
                html = self.nodelist.render(context)
            if fill and fill not in html:  # written escaped, or not at all: nothing to fill in, so never kept
                return html
            if len(kept) >= MAX_FRAGMENTS:
                for name in [name for name in list(kept) if name[0] == "fragment"][: MAX_FRAGMENTS // 2]:
                    kept.pop(name, None)
            kept[key] = html.replace(fill, FILL_MARK) if fill else html
        elif fill:
            html = html.replace(FILL_MARK, fill)
        return mark_safe(html)  # noqa: S308 -- the template's own output


@register.tag
def cachedfragment(parser, token):
    bits = token.split_contents()[1:]
    fill = None
    if bits and bits[-1].startswith("fill="):
        fill = parser.compile_filter(bits.pop()[len("fill=") :])
    parts = [parser.compile_filter(bit) for bit in bits]
    if not parts:
        raise template.TemplateSyntaxError("cachedfragment needs a key, e.g. {% cachedfragment 'card' page.pk %}")
    nodelist = parser.parse(("endcachedfragment",))
    parser.delete_first_token()
    return CachedFragmentNode(nodelist, parts, fill)
