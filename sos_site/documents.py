"""Wagtail's document download view, without the invalid ``Content-Encoding: None`` header.

Wagtail 7.4.4 ``wagtail/utils/sendfile.py`` ends with ``response["Content-Encoding"] = encoding or
guessed_encoding``; for a file with no transfer encoding (a PDF: ``mimetypes.guess_type`` gives ``None``)
Django writes the literal header ``Content-Encoding: None``, which clients may reject or try to decode.
The ``if encoding:`` guard was dropped upstream in wagtail/wagtail#3903 ("Simplified Content-Encoding in
response in utils/sendfile.py", 2017); no upstream fix exists in 7.4.x. Remove this wrapper (and its URL
in sos_site/urls.py) once Wagtail sets the header only when there is an encoding.
"""

from functools import wraps

from wagtail.documents.views.serve import serve as wagtail_serve


@wraps(wagtail_serve)
def serve(request, document_id, document_filename):
    response = wagtail_serve(request, document_id, document_filename)
    if response.get("Content-Encoding") in ("None", ""):
        del response["Content-Encoding"]
    return response
