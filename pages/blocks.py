"""StreamField blocks shared by every page type: one StructBlock per idea."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Ар бир балага сүйүктүү үй", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "link", "document-link", "ol", "ul", "h3"])
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "blocks/paragraph_block.html"
        preview_value = "<p>Каждый ребёнок имеет право расти в семье.</p>"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(
        label=pgettext_lazy("image", "Caption"),
        required=False,
        help_text=_("Leave empty to use the image's own caption."),
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        preview_value = {
            "text": "A loving home for every child.",
            "attribution": "SOS Children's Villages",
        }


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), required=False, help_text=_("Leave empty to use the document title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "blocks/document_link_block.html"


class MediaEmbedBlock(blocks.StructBlock):
    """A video or other embed, shown as a link until the visitor chooses to load the third-party player."""

    embed = EmbedBlock(label=_("Address of the video or post"), help_text=_("For example a YouTube link."))
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)

    class Meta:
        icon = "media"
        label = _("Video or embed")
        template = "blocks/embed_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()
    embed = MediaEmbedBlock()


class SectionLinkBlock(blocks.StructBlock):
    """A card on the home page leading to a main section of the site."""

    page = blocks.PageChooserBlock(label=_("Page"))
    heading = blocks.CharBlock(label=_("Heading"), required=False, help_text=_("Leave empty to use the page title."))
    text = blocks.TextBlock(label=_("Short text"), required=False, max_length=300)
    image = ImageChooserBlock(label=_("Image"), required=False)

    class Meta:
        icon = "link"
        label = _("Section link")
        template = "blocks/section_link_block.html"


class SectionLinksBlock(blocks.StreamBlock):
    section = SectionLinkBlock()
