from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from pages import navigation, search
from pages.text import visible_text

RESULTS_PER_PAGE = 10


def search_view(request):
    """Site search in the visitor's language; the query comes from a plain GET form."""
    query = visible_text(request.GET.get("q", ""))[: search.MAX_QUERY_LENGTH]
    results = search.search(query, get_language(), navigation.restricted_paths(request)) if query else []
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page_obj = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:  # not a number, or past the last page: that URL does not exist
        raise Http404("No such page of results.") from error
    return render(
        request,
        "pages/search.html",
        {
            "query": query,
            "query_string": urlencode({"q": query}),
            "page_obj": page_obj,
            "result_count": paginator.count,
            "meta_description": _("Search the pages, programmes and reports of this website."),
        },
    )


def page_not_found(request, exception=None):
    """The 404 page; ``not_found`` sends the language switcher to each language's home page."""
    return render(request, "404.html", {"not_found": True}, status=404)


def csrf_failure(request, reason=""):
    """A translated page in the site's design (Django's own uses inline styles, which the CSP blocks)."""
    return render(request, "403_csrf.html", status=403)
