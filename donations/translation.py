from modeltranslation.decorators import register
from modeltranslation.translator import TranslationOptions

from donations.models import BankAccount, Campaign, DonatePage, PledgeSettings


@register(DonatePage)
class DonatePageTranslation(TranslationOptions):
    fields = ("introduction", "why_give", "impact_examples", "next_steps", "other_ways")


@register(PledgeSettings)
class PledgeSettingsTranslation(TranslationOptions):
    fields = ("bank_transfer_details", "fundraising_contact_name", "consent_text")


@register(BankAccount)
class BankAccountTranslation(TranslationOptions):
    fields = ("recipient", "bank_name", "correspondent_bank", "payment_purpose", "notes")


@register(Campaign)
class CampaignTranslation(TranslationOptions):
    fields = ("title",)
