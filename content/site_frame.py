"""What every page's frame needs (the site, its settings, the menu), kept in the cache.

Every request asked the database for the same rows: the Site for the host (Wagtail looks it up
on each request), its root page, the site settings with the escalation page, the menu pages
and the accessibility statement: six to eight queries before the view did anything. They
change only when someone edits a site, the settings or a page, so all sites' frames are kept
under one cache key (shared by every app server through Redis in production) that any such
change deletes. `SiteFrameMiddleware` hands the cached Site and settings to Wagtail through
the attributes it caches them in on the request, so Wagtail's own lookups find them too.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http.request import split_domain_port
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from content.models import AccessibilityStatementPage, SiteSettings

CACHE_KEY = "vaksam:site-frames:v1"
# A bound on staleness should an edit ever bypass the signals (a raw SQL update).
TIMEOUT = 10 * 60
# Wagtail's ranking in `wagtail.models.sites.get_site_for_hostname`.
MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT, MATCH_DEFAULT, MATCH_HOSTNAME = 0, 1, 2, 3


@dataclass
class SiteFrame:
    site: Site  # its root_page is the specific page, as Wagtail's routing asks for it
    settings: SiteSettings  # escalation_page loaded
    menu_pages: list[Page]
    accessibility_page: AccessibilityStatementPage | None


def _build() -> list[SiteFrame]:
    frames = []
    # In SiteManager's order, which is the order Wagtail's query sees them in.
    for site in Site.objects.select_related("root_page"):
        root = site.root_page.specific
        site.root_page = root
        site_settings, _ = (
            SiteSettings.base_queryset().select_related("escalation_page").get_or_create(site=site)
        )
        site_settings.site = site
        frames.append(
            SiteFrame(
                site=site,
                settings=site_settings,
                menu_pages=list(root.get_children().live().in_menu()),
                accessibility_page=AccessibilityStatementPage.objects.live()
                .descendant_of(root)
                .first(),
            )
        )
    return frames


def all_frames() -> list[SiteFrame]:
    frames = cache.get(CACHE_KEY)
    if frames is None:
        frames = _build()
        cache.set(CACHE_KEY, frames, TIMEOUT)
    return frames


def _rank(site: Site, hostname: str, port: int) -> int | None:
    if site.hostname == hostname and site.port == port:
        return MATCH_HOSTNAME_PORT
    if site.hostname == hostname and site.is_default_site:
        return MATCH_HOSTNAME_DEFAULT
    if site.is_default_site:
        return MATCH_DEFAULT
    if site.hostname == hostname:
        return MATCH_HOSTNAME
    return None


def _match(frames: list[SiteFrame], hostname: str, port: int) -> SiteFrame | None:
    """Wagtail's choice of site for a host and port, made on the cached sites."""
    ranked = [(_rank(frame.site, hostname, port), frame) for frame in frames]
    candidates = sorted((pair for pair in ranked if pair[0] is not None), key=lambda pair: pair[0])
    if not candidates:
        return None
    best_rank, best = candidates[0]
    if len(candidates) == 1 or best_rank in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
        return best
    if best_rank == MATCH_DEFAULT:
        # One other site by this hostname wins over the default; several leave the default.
        return candidates[len(candidates) == 2][1]
    return None


def frame_for(request) -> SiteFrame | None:
    """The request's site frame; also gives Wagtail the site and the settings it would query."""
    if hasattr(request, "_vaksam_site_frame"):
        return request._vaksam_site_frame
    hostname = split_domain_port(request._get_raw_host())[0]
    frame = _match(all_frames(), hostname, request.get_port())
    request._vaksam_site_frame = frame
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = frame.site if frame else None
    if frame is not None and request._wagtail_site is frame.site:
        frame.settings._request = request  # as SiteSettings.for_request does
        setattr(request, SiteSettings.get_cache_attr_name(), frame.settings)
    return frame


class SiteFrameMiddleware:
    """Resolves the site from the cache before Wagtail or a template asks the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        frame_for(request)
        return self.get_response(request)


def forget() -> None:
    """Drop the cached frames; again at commit, so a rebuild that read the rows before the
    change was committed does not stay."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


@receiver(post_save)
@receiver(post_delete)
def _model_changed(sender, instance, **kwargs):
    if isinstance(instance, Page | Site | SiteSettings):
        forget()


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _page_changed(sender, instance, **kwargs):
    forget()
