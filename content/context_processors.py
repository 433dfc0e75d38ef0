"""Navigation shared by every page template."""

from django.utils.functional import SimpleLazyObject

from content.site_frame import frame_for
from content.user_flags import cached_flag


def _may_edit(user) -> bool:
    return user.is_staff or user.has_perm("wagtailadmin.access_admin")


def navigation(request):
    """The site's top-level menu pages, the accessibility statement for the footer, and
    whether to link the admin (a link only: the admin checks access itself)."""
    # From the cached site frame: the same pages every request, without a query.
    frame = frame_for(request)
    can_edit = SimpleLazyObject(lambda: cached_flag(request.user, "edit-content", _may_edit))
    if frame is None:
        return {"menu_pages": [], "accessibility_page": None, "can_edit_content": can_edit}
    return {
        "menu_pages": frame.menu_pages,
        "accessibility_page": frame.accessibility_page,
        "can_edit_content": can_edit,
    }
