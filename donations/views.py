"""The pledge form and thank-you routes of ``DonatePage`` (see ``DonatePage.pledge_form`` / ``thank_you``).

The browser that made a pledge is remembered by one signed cookie (``PLEDGES_COOKIE``: the references of its
last pledges, HttpOnly, ``PLEDGES_COOKIE_AGE`` = 8 hours), not by a session in the database: a pledge then
costs no session row, and the donor's next pages still come from the page cache.
"""

from django.conf import settings
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from donations import payment_details, ratelimit, reminders
from donations.forms import SUBMISSION_KEY_SALT, PledgeForm, make_submission_key, read_submission_key
from donations.models import BankAccount, Pledge, PledgeSettings
from donations.models.pledges import normalise_reference
from donations.services import queue_confirmation_email
from pages import abuse, cached_forms, render_cache

PLEDGES_COOKIE = "pledges"
PLEDGES_COOKIE_SALT = "donations.pledges-cookie"
PLEDGES_COOKIE_AGE = 8 * 3600  # as the privacy policy says; not the staff session setting
PLEDGES_LIMIT = 20


class HttpResponseSeeOther(HttpResponseRedirect):
    status_code = 303


def pledge_form(request, page):
    if request.method == "POST":
        return _submit(request, page)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    # A placeholder when the page cache serves this page: it writes a new key into every copy it sends.
    initial = {"submission_key": cached_forms.token_for(request, SUBMISSION_KEY_SALT)}
    if request.GET.get("designation", "").isdigit():  # "Help this campaign" links preselect their page
        initial["designation"] = request.GET["designation"]
    form = _build_form(request, page, initial=initial)
    # The empty form is the same for everyone but for its key: its HTML is kept in the render cache and each
    # response writes its own key into it (donate_page.html). A preselected form is rendered every time.
    form_token = "" if "designation" in initial else initial["submission_key"]
    return _render_form(request, page, form, form_token=form_token)


def thank_you(request, page, reference):
    """Details only for the browser that made the pledge; anyone else gets a general thank-you."""
    reference = normalise_reference(reference)
    if not reference:
        raise Http404
    pledge = None
    if reference in _remembered(request):
        pledge = Pledge.objects.select_related("designation").filter(reference=reference).first()
    response = page.render(
        request,
        template="donations/thank_you.html",
        context_overrides={
            "pledge": pledge,
            "payment": payment_details.for_pledge(pledge) if pledge else None,
            "pledge_settings": PledgeSettings.for_request(request),
        },
    )
    add_never_cache_headers(response)
    return response


def stop_reminders(request, page, token):
    """A monthly donor's signed link, no login: GET shows one button, its POST stops the reminders.

    The link alone does not stop anything because mail security scanners open every link in an e-mail.
    """
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    pledge = reminders.read_stop_token(token)
    context = {"pledge": pledge, "token": token, "state": "confirm"}
    status = 200
    if pledge is None:
        context["state"] = "invalid"
        status = 400
    elif pledge.reminders_stopped_at is not None:
        context["state"] = "already_stopped"
    elif request.method == "POST":
        reminders.stop(pledge)
        context["state"] = "stopped"
    response = page.render(request, template="donations/stop_reminders.html", context_overrides=context)
    response.status_code = status
    add_never_cache_headers(response)
    return response


def _submit(request, page):
    retry_after = ratelimit.hit(request)
    if retry_after:
        response = page.render(request, template="donations/rate_limited.html", context_overrides={})
        response.status_code = 429
        response["Retry-After"] = str(retry_after)
        add_never_cache_headers(response)
        return response

    data = request.POST  # copied only to show the form again (_reshow)
    key_data = read_submission_key(data.get("submission_key", ""))
    if key_data is None:
        data = data.copy()
        data["submission_key"] = make_submission_key()
        return _reshow(
            request, page, data, _("This form was open for a long time. Please check your details and send it again.")
        )
    key, issued_at = key_data

    refusal, form = None, None
    if abuse.honeypot_filled(data):
        refusal = _("Sorry, we could not accept the form. Please check it and send it again.")
    elif abuse.filled_too_fast(issued_at, getattr(settings, "DONATIONS_MIN_FILL_SECONDS", 3)):
        refusal = _("That was very quick! Please check your details and send the form again.")
    else:
        form = _build_form(request, page, data=data)
    if form is None or not form.is_valid():
        # A form sent again (back button, double click) whose pledge exists leads to that pledge, whatever
        # was changed in it. A valid form is not looked up first: create_once finds its pledge by the key.
        existing = Pledge.objects.filter(submission_key=key).first()
        if existing is not None:
            return _thank(request, page, existing, data.get("email", ""))
        if refusal:
            return _reshow(request, page, data, refusal)
        return _render_form(request, page, form, status=400)

    cleaned = form.cleaned_data
    designation = cleaned["designation_page"]
    # create_once commits the pledge by itself (no outer transaction: fewer round trips per pledge); the
    # confirmation is queued after that commit.
    pledge, created = Pledge.objects.create_once(
        submission_key=key,
        amount=cleaned["amount"],
        currency=cleaned["currency"],
        frequency=cleaned["frequency"],
        designation=designation,
        designation_title=designation.title if designation else "",
        donor_name=cleaned["donor_name"],
        email=cleaned["email"],
        phone=cleaned["phone"],
        anonymous=cleaned["anonymous"],
        consent_given=True,
        consent_version=PledgeSettings.for_request(request).consent_version,
        consent_text=form.consent_text,
        consented_at=timezone.now(),
        news_opt_in=cleaned["news_opt_in"],
        language=_language(),
        source_page=page,
    )
    if created:
        queue_confirmation_email(pledge)
    return _thank(request, page, pledge, cleaned["email"], created=created)


def _thank(request, page, pledge, email, created=False):
    """The redirect to the thank-you page; the browser is remembered for the pledge's details only when it made
    the pledge, or sent its form again with the same address (not when someone re-sends it with another)."""
    response = _redirect_to_thank_you(request, page, pledge)
    if created or (pledge.email and pledge.email.lower() == email.strip().lower()):
        _remember(request, response, pledge)
    return response


def _language():
    """The language of the page the pledge was made on (LocaleMiddleware activated it from the URL)."""
    code = (translation.get_language() or "").split("-")[0]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _build_form(request, page, **kwargs):
    pledge_settings = PledgeSettings.for_request(request)
    # The form's choices, kept in the render cache until the next purge (a bank account's save, a publish);
    # a preview shows the draft's own designations.
    currencies = render_cache.get(request, ("pledge currencies",), lambda: tuple(BankAccount.objects.by_currency()))
    if getattr(request, "is_preview", False):
        designation_pages = page.get_designation_pages()
    else:
        designation_pages = render_cache.get(
            request, ("pledge designations", page.pk), lambda: tuple(page.get_designation_pages())
        )
    return PledgeForm(
        rules=pledge_settings.currency_rules(),
        currencies=currencies,
        designation_pages=designation_pages,
        consent_text=pledge_settings.get_consent_text(),
        **kwargs,
    )


def _reshow(request, page, data, message):
    """Show the form again with what the visitor typed (minus the honeypot) and one friendly message."""
    data = data.copy()
    data["website"] = ""
    form = _build_form(request, page, data=data)
    form.is_valid()
    form.add_error(None, message)
    return _render_form(request, page, form, status=400)


def _render_form(request, page, form, status=200, form_token=""):
    response = page.render(
        request,
        template="donations/donate_page.html",
        context_overrides={
            "form": form,
            "form_token": form_token,
            "pledge_settings": PledgeSettings.for_request(request),
        },
    )
    response.status_code = status
    # The form carries a one-time key: no browser or proxy may keep a copy (the page cache fills in a new key).
    add_never_cache_headers(response)
    return response


def _remembered(request):
    """References of the pledges this browser made in the last ``PLEDGES_COOKIE_AGE`` seconds (a forged,
    altered or expired cookie counts as none)."""
    value = request.get_signed_cookie(PLEDGES_COOKIE, default="", salt=PLEDGES_COOKIE_SALT, max_age=PLEDGES_COOKIE_AGE)
    return [reference for reference in value.split(",") if reference]


def _remember(request, response, pledge):
    references = [ref for ref in _remembered(request) if ref != pledge.reference]
    response.set_signed_cookie(
        PLEDGES_COOKIE,
        ",".join([*references, pledge.reference][-PLEDGES_LIMIT:]),
        salt=PLEDGES_COOKIE_SALT,
        max_age=PLEDGES_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite=settings.SESSION_COOKIE_SAMESITE,
    )


def _redirect_to_thank_you(request, page, pledge):
    url = page.get_url(request) + page.reverse_subpage("thank_you", args=[pledge.reference])
    return HttpResponseSeeOther(url)
