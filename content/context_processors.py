"""Navigation shared by every page template."""

from wagtail.models import Site


def navigation(request):
    """The site's top-level menu pages, read once per request."""
    site = Site.find_for_request(request)
    if site is None:
        return {"menu_pages": []}
    return {"menu_pages": list(site.root_page.get_children().live().in_menu())}
