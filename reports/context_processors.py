from django.utils.functional import SimpleLazyObject

from content.user_flags import cached_flag
from reports.scope import may_follow_up


def follow_up(request):
    """Whether to show "Uppföljning" in the menu; asked only when a template looks, and kept
    briefly in the cache (the follow-up views check the scope themselves)."""
    return {
        "can_follow_up": SimpleLazyObject(
            lambda: cached_flag(request.user, "follow-up", may_follow_up)
        )
    }
