"""Each person's language: saved in Wagtail's user profile, used on the site, the admin and mails.

One preference for the public site and Wagtail's admin: `UserProfile.preferred_language`, which
Wagtail's own admin already follows and lets people change on its account page. A visitor who is
not signed in has Django's language cookie (then Accept-Language, then Swedish).
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.html import format_html
from wagtail.users.models import UserProfile

# A bound on staleness should a change ever bypass the signals (a raw SQL update).
TIMEOUT = 60 * 60


def supported(language: str | None) -> str | None:
    """The site language for a code (`en-gb` → `en`), or None if the site has no such language."""
    if not language:
        return None
    try:
        return translation.get_supported_language_variant(language)
    except LookupError:
        return None


def language_for(user) -> str:
    """The language to write to this person in: their saved choice, else the site's language.

    Reads `user.wagtail_userprofile`, so a batch that select_related or prefetched it asks
    nothing more per person; a person without a profile (or a pseudonymised employee, user None)
    gets the site's language.
    """
    if user is None:
        return settings.LANGUAGE_CODE
    try:
        profile = user.wagtail_userprofile
    except UserProfile.DoesNotExist:
        return settings.LANGUAGE_CODE
    return supported(profile.preferred_language) or settings.LANGUAGE_CODE


def content_language(obj=None) -> str:
    """The language an object's content is written in: a page's locale, else the site's.

    Without Wagtail's i18n every page is in the default locale, the site's language, so no
    query is made for the locale row; a course or quiz title (not a page) is the site's too.
    """
    if getattr(obj, "locale_id", None) is not None and settings.WAGTAIL_I18N_ENABLED:
        return obj.locale.language_code
    return settings.LANGUAGE_CODE


def _primary(language: str | None) -> str:
    return (language or "").split("-")[0].lower()


def content_lang_attribute(obj=None) -> str:
    """` lang="sv"` when the content's language is not the interface's, else nothing."""
    language = content_language(obj)
    if _primary(language) == _primary(translation.get_language()):
        return ""
    return format_html(' lang="{}"', language)


def interface_lang_attribute(obj=None) -> str:
    """` lang="en"` for interface text inside content marked with its own language (a block's
    "Show reflection" in a Swedish StreamField on an English page), else nothing."""
    if not content_lang_attribute(obj):
        return ""
    return format_html(' lang="{}"', translation.get_language())


def _cache_key(user_id) -> str:
    return f"vaksam:language:{user_id}"


def saved_language(user_id) -> str | None:
    """A signed-in person's saved choice, from the cache (one query on a miss); None if none."""
    key = _cache_key(user_id)
    language = cache.get(key)
    if language is None:
        language = (
            UserProfile.objects.filter(user_id=user_id)
            .values_list("preferred_language", flat=True)
            .first()
        ) or ""
        # add, not set: a choice saved meanwhile (remember() sets the key after the profile's
        # save deleted it) must not be overwritten by the value read before it.
        cache.add(key, language, TIMEOUT)
    return supported(language)


def remember(user, language: str) -> None:
    """Save the person's choice in their profile, where the admin reads it too."""
    profile = UserProfile.get_for_user(user)
    if profile.preferred_language != language:
        profile.preferred_language = language
        profile.save(update_fields=["preferred_language"])
    cache.set(_cache_key(user.pk), language, TIMEOUT)


@receiver(user_logged_in)
def _keep_the_visitors_choice(sender, request, user, **kwargs):
    # A language chosen before signing in (the cookie) becomes the person's own, unless they
    # have saved one: an earlier choice, made while signed in, is theirs on every device.
    chosen = supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)) if request else None
    if chosen and not UserProfile.get_for_user(user).preferred_language:
        remember(user, chosen)


@receiver(post_save, sender=UserProfile)
@receiver(post_delete, sender=UserProfile)
def _profile_changed(sender, instance, **kwargs):
    # Also a change made on Wagtail's own account page.
    cache.delete(_cache_key(instance.user_id))


class PreferredLanguageMiddleware:
    """A signed-in person's saved language wins over the cookie and the browser's languages.

    Placed after AuthenticationMiddleware and inside LocaleMiddleware, which has chosen from
    the cookie, Accept-Language or the default, and which sets Content-Language from the
    language active when the response leaves. Nothing is looked up for anonymous visitors.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and (language := saved_language(request.user.pk)):
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        # The language also follows the language cookie and the session, not only the URL.
        patch_vary_headers(response, ("Cookie",))
        return response
