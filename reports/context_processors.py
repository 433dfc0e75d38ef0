from django.utils.functional import SimpleLazyObject

from reports.scope import may_follow_up


def follow_up(request):
    """Whether to show "Uppföljning" in the menu; asked only when a template looks."""
    return {"can_follow_up": SimpleLazyObject(lambda: may_follow_up(request.user))}
