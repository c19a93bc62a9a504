"""The routes of ``ConcernReportPage``: the report form and the page shown after sending it.

Abuse protection as on the pledge form (``pages.abuse``): a per-address limit (429 page), a signed form token
with a minimum time to fill the form, and a honeypot. The token makes a double click harmless; a form sent
again with different text (the reporter went back and added something) is kept as an addition to the first
report, never thrown away. Bad input never gives a 5xx: the form comes back (400)
with a translated message and what the person typed.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from pages import abuse, audit, cached_forms
from safeguarding.forms import ConcernReportForm
from safeguarding.models import ConcernReport, SafeguardingSettings
from safeguarding.services import queue_new_report_notice

TOKEN_SALT = "safeguarding.concern-form"


class HttpResponseSeeOther(HttpResponseRedirect):
    status_code = 303


def rate_limit():
    return (
        getattr(settings, "SAFEGUARDING_REPORT_RATE_LIMIT", 10),
        getattr(settings, "SAFEGUARDING_REPORT_RATE_WINDOW", 3600),
    )


def min_fill_seconds():
    return getattr(settings, "SAFEGUARDING_MIN_FILL_SECONDS", 3)


def form_max_age():
    return getattr(settings, "SAFEGUARDING_FORM_MAX_AGE", 24 * 3600)


def report_form(request, page):
    if request.method == "POST":
        return _submit(request, page)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    form = ConcernReportForm(initial={"form_token": cached_forms.token_for(request, TOKEN_SALT)})
    return _render(request, page, "safeguarding/concern_report_page.html", {"form": form})


def sent(request, page):
    at_risk = request.GET.get("risk") == ConcernReport.AtRisk.YES
    return _render(request, page, "safeguarding/sent.html", {"at_risk": at_risk})


def _submit(request, page):
    limit, window = rate_limit()
    retry_after = abuse.hit(request, "concern-report", limit=limit, window=window)
    if retry_after:
        response = _render(request, page, "safeguarding/rate_limited.html", {}, status=429)
        response["Retry-After"] = str(retry_after)
        return response

    data = request.POST.copy()
    token = abuse.read_form_token(data.get("form_token", ""), TOKEN_SALT, form_max_age())
    if token is None:
        return _reshow(request, page, data, _("This form was open for a long time. Please check it and send it again."))
    key, issued_at = token
    report = ConcernReport.objects.filter(submission_key=key).first()
    if abuse.honeypot_filled(data):
        return _reshow(
            request, page, data, _("Sorry, we could not accept the form. Please check it and send it again.")
        )
    if report is None and abuse.filled_too_fast(issued_at, min_fill_seconds()):
        return _reshow(request, page, data, _("That was very quick! Please check the form and send it again."))

    form = ConcernReportForm(data=data)
    if not form.is_valid():
        return _render(request, page, "safeguarding/concern_report_page.html", {"form": form}, status=400)
    cleaned = form.cleaned_data
    if report is None:
        try:
            with transaction.atomic():
                report = ConcernReport.objects.create(
                    submission_key=key,
                    name=cleaned["name"],
                    contact=cleaned["contact"],
                    what_happened=cleaned["what_happened"],
                    where=cleaned["where"],
                    when=cleaned["when"],
                    child_at_risk=cleaned["child_at_risk"],
                    language=_language(),
                )
                queue_new_report_notice(report)
            return _redirect_to_sent(request, page, cleaned["child_at_risk"])
        except IntegrityError:  # the same form sent twice at the same moment: the first one is stored
            report = ConcernReport.objects.get(submission_key=key)
    # Sent again from the same form (back button, edited text): nothing the reporter wrote is dropped.
    addition = report.add_resent_text(cleaned, _language())
    if addition is not None:
        audit.record(report, audit.ADDED_BY_REPORTER, None, data={"addition": addition.pk})
    return _redirect_to_sent(request, page, cleaned["child_at_risk"])


def _language():
    code = (translation.get_language() or "").split("-")[0]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _reshow(request, page, data, message):
    """The form again with what the person typed (minus the honeypot), a fresh token and one message."""
    data["website"] = ""
    data["form_token"] = abuse.make_form_token(TOKEN_SALT)
    form = ConcernReportForm(data=data)
    form.is_valid()
    form.add_error(None, message)
    return _render(request, page, "safeguarding/concern_report_page.html", {"form": form}, status=400)


def _redirect_to_sent(request, page, at_risk):
    url = page.get_url(request) + page.reverse_subpage("sent")
    if at_risk == ConcernReport.AtRisk.YES:
        url += "?risk=yes"
    return HttpResponseSeeOther(url)


def _render(request, page, template, context, status=200):
    response = page.render(
        request,
        template=template,
        context_overrides={**context, "safeguarding": SafeguardingSettings.for_request(request)},
    )
    response.status_code = status
    # A form with a one-time token: no browser or proxy keeps a copy (the page cache fills in a new token).
    add_never_cache_headers(response)
    return response
