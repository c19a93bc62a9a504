"""The GET parameters of a listing filtered by year and topic (the research reports, the news).

A bad link gets a message that says how to fix it rather than what is wrong, and the listing still shows;
only a page number that is not a number leads to a 404 (the views decide).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

UNKNOWN_TOPIC = _("This topic does not exist. Choose one from the list.")


class YearAndTopicFilterForm(forms.Form):
    """Subclasses name the topic's model and parameter, and the year's messages in their own words."""

    topic_model = None
    topic_parameter = "topic"
    year_messages = {}  # "invalid", "min_value", "max_value"

    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2100)
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000)  # invalid: a 404

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].error_messages.update(self.year_messages)
        self.fields[self.topic_parameter] = forms.SlugField(
            label=_("Topic"), required=False, max_length=80, error_messages={"invalid": UNKNOWN_TOPIC}
        )

    def clean(self):
        cleaned_data = super().clean()
        slug = cleaned_data.get(self.topic_parameter)
        if slug:
            topic = self.topic_model.objects.filter(slug=slug).first()
            if topic is None:
                self.add_error(self.topic_parameter, UNKNOWN_TOPIC)
            else:
                cleaned_data[self.topic_parameter] = topic
        elif self.topic_parameter in cleaned_data:
            cleaned_data[self.topic_parameter] = None
        return cleaned_data
