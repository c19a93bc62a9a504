"""Code that only builds the demonstration site (``manage.py load_demo_content``), never imported by the
running site: a production install can leave this package out. The demo *content* of each section stays
in that section's ``<app>/demo.py``, loaded by the same command."""
