"""StreamField blocks of the advocacy section: one StructBlock per idea."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from pages.blocks import HeadingBlock, ImageBlock, ParagraphBlock, QuoteBlock


class GoalBlock(blocks.StructBlock):
    """One aim of the foundation's advocacy, shown as an item of the goals list."""

    title = blocks.CharBlock(label=_("Goal"), max_length=300)
    text = blocks.TextBlock(label=_("Explanation"), required=False, max_length=600)

    class Meta:
        icon = "tick"
        label = _("Advocacy goal")
        template = "blocks/advocacy_goal_block.html"
        preview_value = {
            "title": "Балдардын укуктарын алдыга жылдыруу",
            "text": "",
        }


class KeyFindingBlock(blocks.StructBlock):
    """A finding of a study, highlighted with a short statement and its explanation."""

    statement = blocks.CharBlock(label=_("Finding"), max_length=300)
    text = blocks.TextBlock(label=_("Details"), required=False)

    class Meta:
        icon = "pick"
        label = _("Key finding")
        template = "blocks/advocacy_key_finding_block.html"
        preview_value = {
            "statement": "The study describes the situation of children without parental care.",
            "text": "",
        }


class GoalsBlock(blocks.StreamBlock):
    goal = GoalBlock()


class FindingsBlock(blocks.StreamBlock):
    """What a report found: headings, text, highlighted findings, quotes and charts as images."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    key_finding = KeyFindingBlock()
    quote = QuoteBlock()
    image = ImageBlock()
