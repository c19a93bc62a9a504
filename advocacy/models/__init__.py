"""Models of the advocacy section: snippets, the landing and programme pages, research reports."""

from .pages import AdvocacyIndexPage, AdvocacyProgrammePage
from .reports import ResearchReportIndexPage, ResearchReportPage
from .snippets import FocusArea, KeyDocument

__all__ = [
    "AdvocacyIndexPage",
    "AdvocacyProgrammePage",
    "FocusArea",
    "KeyDocument",
    "ResearchReportIndexPage",
    "ResearchReportPage",
]
