from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language

from pages import navigation, search
from pages.text import visible_text

RESULTS_PER_PAGE = 10


def search_view(request):
    """Site search in the visitor's language; the query comes from a plain GET form."""
    query = visible_text(request.GET.get("q", ""))[: search.MAX_QUERY_LENGTH]
    results = search.search(query, get_language(), navigation.restricted_paths(request)) if query else []
    paginator = Paginator(results, RESULTS_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "pages/search.html",
        {
            "query": query,
            "query_string": urlencode({"q": query}),
            "page_obj": page_obj,
            "result_count": paginator.count,
        },
    )


def csrf_failure(request, reason=""):
    """A translated page in the site's design (Django's own uses inline styles, which the CSP blocks)."""
    return render(request, "403_csrf.html", status=403)
