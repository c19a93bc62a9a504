"""schema.org JSON-LD of an office: a Place with its address, phones and coordinates."""

from pages.models.settings import json_for_html


def office_data(office, request):
    """The office as a schema.org Place, in the active language, without empty properties."""
    url = request.build_absolute_uri(office.get_url(request))
    data = {
        "@context": "https://schema.org",
        "@type": "Place",
        "@id": f"{url}#place",
        "name": office.title,
        "description": office.introduction,
        "url": url,
        "address": office.get_contact_details().postal_address_data(),
        "telephone": office.phone or office.mobile_phone,
        "faxNumber": office.fax,
        "hasMap": office.openstreetmap_url(),
        "containedInPlace": {"@type": "Country", "name": "Kyrgyzstan", "identifier": "KG"},
    }
    if office.has_location:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(office.latitude),
            "longitude": float(office.longitude),
        }
    image = office.get_social_image()
    if image is not None:
        data["photo"] = request.build_absolute_uri(image.get_rendition("width-1200").url)
    return {key: value for key, value in data.items() if value}


def office_json(office, request):
    """The office's JSON-LD, safe to place inside <script type="application/ld+json">."""
    return json_for_html(office_data(office, request))
