"""An office as a vCard 3.0 (RFC 2426), the version every phone's address book imports."""

from pages.models import OrganisationSettings

LINE_LENGTH = 75


def escape(value):
    """Text values escape backslash, comma, semicolon and line breaks (RFC 2426, 4)."""
    return (
        str(value or "")
        .replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line):
    """Fold a content line at 75 octets without splitting a UTF-8 character (RFC 2425, 5.8.1)."""
    chunks, current, size = [], "", 0
    for character in line:
        width = len(character.encode())
        limit = LINE_LENGTH if not chunks else LINE_LENGTH - 1
        if size + width > limit:
            chunks.append(current)
            current, size = "", 0
        current += character
        size += width
    chunks.append(current)
    return "\r\n ".join(chunks)


def office_vcard(office, request):
    """The vCard text of an office in the active language, with the organisation as ORG."""
    organisation = OrganisationSettings.for_request(request)
    contacts = office.get_contact_details()
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"FN:{escape(office.title)}",
        f"N:{escape(office.title)};;;;",
        f"ORG:{escape(organisation.name)};{escape(office.title)}",
    ]
    if office.kind:
        lines.append(f"TITLE:{escape(office.get_kind_display())}")
    if contacts.postal_address:
        parts = ["", "", contacts.street_address, contacts.locality, contacts.region, contacts.postcode, "Kyrgyzstan"]
        lines.append(f"ADR;TYPE=WORK:{';'.join(escape(part) for part in parts)}")
    if office.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{office.phone}")
    if office.mobile_phone:
        lines.append(f"TEL;TYPE=CELL,VOICE:{office.mobile_phone}")
    if office.fax:
        lines.append(f"TEL;TYPE=WORK,FAX:{office.fax}")
    if office.email:
        lines.append(f"EMAIL;TYPE=INTERNET,WORK:{office.email}")
    if office.has_location:
        lines.append(f"GEO:{office.latitude};{office.longitude}")
    notes = [office.opening_hours, ", ".join(part for part in (office.contact_person, office.contact_role) if part)]
    if any(notes):
        lines.append(f"NOTE:{escape(chr(10).join(note for note in notes if note))}")
    lines.append(f"URL:{request.build_absolute_uri(office.get_url(request))}")
    lines.append("END:VCARD")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
