from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from staff import lockout, two_factor


class LoginForm(WagtailLoginForm):
    """Wagtail's sign-in form; a locked-out attempt says when to try again instead of "wrong password"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")  # Wagtail's field has no label: "Password" untranslated

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            if getattr(self.request, "axes_locked_out", False):
                raise ValidationError(lockout.lockout_message(self.request), code="locked_out") from None
            raise


class PasswordResetForm(WagtailPasswordResetForm):
    """Wagtail's password-reset form, counted and locked like sign-ins (per address and per e-mail)."""

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned_data = super().clean()
        email = cleaned_data.get("email")
        if self.request is not None and email:
            locked = lockout.is_locked_out(self.request, email)
            lockout.count_attempt(self.request, email)  # during a lockout this starts the wait again, as sign-ins do
            if locked:
                self.request.axes_locked_out = True  # AxesMiddleware answers 429 with this form
                raise ValidationError(lockout.lockout_message(self.request), code="locked_out")
        return cleaned_data


class CodeField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": "", "spellcheck": "false"}),
        )
        super().__init__(**kwargs)


class VerifyForm(forms.Form):
    """The second step of signing in: a code from the app, or one backup code."""

    code = CodeField(
        label=_("Code"),
        help_text=_("The 6-digit code from your authenticator app, or one of your backup codes."),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        self.device = None
        super().__init__(*args, **kwargs)

    def clean_code(self):
        self.device = two_factor.verify(self.user, self.cleaned_data["code"])
        if self.device is None:
            raise ValidationError(
                _(
                    "This code is not right or was already used. Check the time on your phone, wait a few "
                    "seconds and try the new code."
                ),
                code="invalid_code",
            )
        return self.cleaned_data["code"]


class EnrolForm(forms.Form):
    """Confirms that the app was set up: the code it shows now must match the new secret."""

    code = CodeField(label=_("Code from the app"), help_text=_("The 6 digits your app shows for this account."))

    def __init__(self, device, *args, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit() or not self.device.verify_token(code):
            raise ValidationError(
                _("This code does not match. Scan the QR code again or type the key, then enter the new code."),
                code="invalid_code",
            )
        return code
