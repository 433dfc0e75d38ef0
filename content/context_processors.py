"""Navigation shared by every page template."""

from wagtail.models import Site

from content.models import AccessibilityStatementPage


def navigation(request):
    """The site's top-level menu pages and the accessibility statement for the footer."""
    site = Site.find_for_request(request)
    if site is None:
        return {"menu_pages": [], "accessibility_page": None}
    return {
        "menu_pages": list(site.root_page.get_children().live().in_menu()),
        "accessibility_page": AccessibilityStatementPage.objects.live()
        .descendant_of(site.root_page)
        .first(),
    }
