"""The public "report a concern" form and the admin's status form. Every value is checked here, on the server."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pages.text import PlainTextField
from safeguarding.models import ConcernReport


class ConcernReportForm(forms.Form):
    name = PlainTextField(label=_("Your name"), max_length=200, required=False)
    contact = PlainTextField(
        label=_("How can we contact you?"),
        max_length=200,
        required=False,
        help_text=_("A phone number or e-mail, if you want us to get back to you. You may stay anonymous."),
    )
    what_happened = PlainTextField(
        label=_("What happened?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_("Describe what you saw or heard, in your own words."),
        error_messages={"required": _("Please tell us what happened.")},
    )
    where = PlainTextField(
        label=_("Where did it happen?"),
        max_length=300,
        required=False,
        help_text=_("A village, town, place or programme, if you know it."),
    )
    when = PlainTextField(
        label=_("When did it happen?"), max_length=200, required=False, help_text=_("A date or “last week”.")
    )
    child_at_risk = forms.ChoiceField(
        label=_("Is a child in danger right now?"),
        choices=ConcernReport.AtRisk.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please answer whether a child is in danger right now."),
            "invalid_choice": _("Please choose one of the answers."),
        },
    )
    form_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)
    # Honeypot: hidden from people (CSS and aria-hidden); robots fill it in.
    website = forms.CharField(required=False, max_length=200, label=_("Leave this field empty"))

    def clean(self):
        cleaned = super().clean()
        # PlainTextField has removed invisible characters already: the minimum counts what a person can read.
        if "what_happened" in cleaned and len(cleaned["what_happened"]) < 10:
            self.add_error("what_happened", ValidationError(_("Please write a little more about what happened.")))
        return cleaned


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was done or decided; seen only by the safeguarding team."),
    )

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(status.value, status.label) for status in report.allowed_statuses()]
