"""Admin views: the second sign-in step, the two-factor settings page, the lockout list, a throttled password reset."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import TemplateView
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from wagtail.admin.views import account
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from staff import lockout, two_factor
from staff.forms import EnrolForm, PasswordResetForm, VerifyForm


def next_url(request):
    """Where to go after the second step: a safe ``next`` from the query or form, else the dashboard."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


class AdminPageMixin(WagtailAdminTemplateMixin):
    """Wagtail's admin page furniture with this page's title as the last breadcrumb."""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


def with_next(url, target):
    return f"{url}?{urlencode({'next': target})}"


@method_decorator([never_cache, sensitive_post_parameters("code")], name="dispatch")
class VerifyView(TemplateView):
    """After the password: a code from the app or a backup code opens the admin for this session."""

    template_name = "staff/verify.html"

    def dispatch(self, request, *args, **kwargs):
        two_factor.forget_state(request)
        if two_factor.is_verified(request.user):
            return redirect(next_url(request))
        if not two_factor.is_enrolled(request.user):
            return redirect(with_next(reverse("staff_two_factor"), next_url(request)))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        return super().get_context_data(form=form or VerifyForm(self.request.user), next=next_url(self.request))

    def post(self, request):
        form = VerifyForm(request.user, request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        request.session.cycle_key()
        otp_login(request, form.device)
        two_factor.forget_state(request)
        if isinstance(form.device, StaticDevice):
            messages.warning(
                request,
                _("You signed in with a backup code; %(count)d left. Make new ones on the two-factor page.")
                % {"count": two_factor.backup_codes_left(request.user)},
            )
        return redirect(next_url(request))


@method_decorator([never_cache, sensitive_post_parameters("code")], name="dispatch")
class TwoFactorView(AdminPageMixin, TemplateView):
    """Set up an authenticator app (QR code and key), make new backup codes, or turn two-factor off."""

    template_name = "staff/two_factor.html"
    page_title = gettext_lazy("Two-factor authentication")
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if two_factor.is_enrolled(user) and not two_factor.is_verified(user):
            return redirect(with_next(reverse("staff_two_factor_verify"), request.get_full_path()))
        return super().dispatch(request, *args, **kwargs)

    def setting_up(self):
        return not two_factor.is_enrolled(self.request.user) or "new" in self.request.GET

    def get_context_data(self, form=None, **kwargs):
        user = self.request.user
        context = super().get_context_data(
            required=two_factor.is_required(user),
            enrolled=two_factor.is_enrolled(user),
            backup_codes_left=two_factor.backup_codes_left(user),
            next=next_url(self.request),
            **kwargs,
        )
        if self.setting_up():
            device = two_factor.pending_app_device(user)
            context.update(
                setting_up=True,
                form=form or EnrolForm(device),
                qr_code=two_factor.qr_code_svg(device),
                secret=two_factor.secret_text(device),
            )
        return context

    def post(self, request):
        action = request.POST.get("action")
        user = request.user
        if action == "confirm":
            device = two_factor.pending_app_device(user)
            form = EnrolForm(device, request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(form=form), status=400)
            two_factor.confirm_app_device(device)
            request.session.cycle_key()
            otp_login(request, device)
            two_factor.forget_state(request)
            return self.show_backup_codes(two_factor.new_backup_codes(user))
        if action == "backup_codes" and two_factor.is_enrolled(user):
            return self.show_backup_codes(two_factor.new_backup_codes(user))
        if action == "disable" and two_factor.is_enrolled(user) and not two_factor.is_required(user):
            two_factor.remove_devices(user)
            two_factor.forget_state(request)
            messages.success(request, _("Two-factor authentication is off for your account."))
            return redirect("staff_two_factor")
        return self.render_to_response(self.get_context_data(), status=400)

    def show_backup_codes(self, codes):
        """The new codes, once: they are stored only for checking and never shown again."""
        return TemplateResponse(
            self.request,
            "staff/backup_codes.html",
            {
                **AdminPageMixin.get_context_data(self),
                "codes": codes,
                "next": next_url(self.request),
            },
        )


@method_decorator(never_cache, name="dispatch")
class LockoutListView(AdminPageMixin, TemplateView):
    """Superusers: the usernames and addresses locked out now, each with an unlock button."""

    template_name = "staff/lockouts.html"
    page_title = gettext_lazy("Locked sign-ins")
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            lockouts=lockout.current_lockouts(), failure_limit=settings.AXES_FAILURE_LIMIT, **kwargs
        )

    def post(self, request):
        kind, value = request.POST.get("kind", ""), request.POST.get("value", "")
        if kind not in lockout.LOCKOUT_KINDS or not value or not lockout.unlock(kind, value):
            messages.warning(request, _("This lockout has already ended."))
        elif kind == "username":
            messages.success(request, _("Signing in as %(username)s is unlocked.") % {"username": value})
        else:
            messages.success(request, _("Signing in from %(address)s is unlocked.") % {"address": value})
        return redirect("staff_lockouts")


@method_decorator(never_cache, name="dispatch")
class TwoFactorUsersView(AdminPageMixin, TemplateView):
    """Superusers: who uses two-factor, who must and has not yet, and a reset for a lost phone."""

    template_name = "staff/two_factor_users.html"
    page_title = gettext_lazy("Two-factor authentication of staff")
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(rows=two_factor.staff_overview(), **kwargs)

    def post(self, request):
        pk = request.POST.get("user", "")
        user = get_user_model().objects.filter(pk=int(pk)).first() if pk.isdigit() else None
        if user is not None and two_factor.remove_devices(user):
            messages.success(
                request,
                _("Two-factor authentication of %(username)s was reset: they set up a new app at their next sign-in.")
                % {"username": user.get_username()},
            )
        return redirect("staff_two_factor_users")


class PasswordResetView(account.PasswordResetView):
    """Wagtail's password reset, counted and locked like sign-ins (staff.forms.PasswordResetForm)."""

    def get_form_class(self):
        return PasswordResetForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}
