"""Navigation shared by every page template."""

from content.site_frame import frame_for


def navigation(request):
    """The site's top-level menu pages and the accessibility statement for the footer."""
    # From the cached site frame: the same pages every request, without a query.
    frame = frame_for(request)
    if frame is None:
        return {"menu_pages": [], "accessibility_page": None}
    return {"menu_pages": frame.menu_pages, "accessibility_page": frame.accessibility_page}
