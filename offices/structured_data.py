"""schema.org JSON-LD of the offices: each one a department of the organisation, a place with coordinates."""

from django.conf import settings
from django.utils import translation

from pages.models.settings import organisation_id
from pages.structured_data import absolute_page_url


def office_id(office, request):
    """The office's IRI, from its default-language URL so that it is the same in every language."""
    with translation.override(settings.LANGUAGE_CODE):
        return f"{absolute_page_url(office, request)}#office"


def office_data(office, request, photo=True):
    """The office as an organisation's department that is also a Place, in the active language, without empty
    properties. ``photo=False`` leaves out the photo (a rendition query per office in listings)."""
    url = absolute_page_url(office, request)
    language = translation.get_language()
    data = {
        "@type": ["NGO", "Place"],
        "@id": f"{url}#office" if language == settings.LANGUAGE_CODE else office_id(office, request),
        "name": office.title,
        "description": office.introduction,
        "url": url,
        "address": office.get_contact_details().postal_address_data(),
        "telephone": office.phone or office.mobile_phone,
        "faxNumber": office.fax,
        "email": office.email,
        "hasMap": office.openstreetmap_url(),
        "containedInPlace": {"@type": "Country", "name": "Kyrgyzstan", "identifier": "KG"},
        "parentOrganization": {"@id": organisation_id(request)},
    }
    if office.has_location:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(office.latitude),
            "longitude": float(office.longitude),
        }
    image = office.get_social_image() if photo else None
    if image is not None:
        data["photo"] = request.build_absolute_uri(image.get_rendition("width-1200").url)
    return {key: value for key, value in data.items() if value}


def office_page_data(office, request):
    """An office page's nodes: the office, and the organisation naming it as a department."""
    node = office_data(office, request)
    return [node, {"@id": organisation_id(request), "department": [{"@id": node["@id"]}]}]


def office_list_data(offices, request):
    """The office list's node: the organisation with every office as a department."""
    departments = [office_data(office, request, photo=False) for office in offices]
    return [{"@id": organisation_id(request), "department": departments}] if departments else []
