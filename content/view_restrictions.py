"""Wagtail's privacy check on every served page, answered from the cache when nothing applies.

Wagtail asks, for each page it serves, for the page's ancestors (to resolve aliases) and the
view restrictions on any of them: two queries per page, although a restriction is rare and
changes seldom. The cache keeps the tree paths of the pages that have a restriction and of
the pages that are aliases (all sites, one key). A page with neither on its path has no
restriction, which is answered without a query; any other page takes Wagtail's own lookup,
so what a restriction allows or refuses is decided exactly as before. Any save, move or
deletion of a page or a restriction drops the key.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import post_page_move

CACHE_KEY = "vaksam:view-restriction-paths:v1"
# A bound on staleness should an edit bypass the signals (a raw SQL update) or a delete fail
# (Redis briefly away): short, since a stale entry could serve a page made private.
TIMEOUT = 60


@dataclass(frozen=True)
class RestrictionPaths:
    restricted: frozenset[str]  # paths of pages with a view restriction
    aliases: frozenset[str]  # paths of alias pages (Wagtail checks their source instead)


def _build() -> RestrictionPaths:
    return RestrictionPaths(
        restricted=frozenset(PageViewRestriction.objects.values_list("page__path", flat=True)),
        aliases=frozenset(
            Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)
        ),
    )


def restriction_paths() -> RestrictionPaths:
    paths = cache.get(CACHE_KEY)
    if paths is None:
        paths = _build()
        cache.set(CACHE_KEY, paths, TIMEOUT)
    return paths


def may_be_restricted(page: Page) -> bool:
    """False when neither the page nor an ancestor has a restriction or is an alias."""
    paths = restriction_paths()
    step = page.steplen
    chain = {page.path[:end] for end in range(step, len(page.path) + 1, step)}
    return bool(chain & paths.restricted or chain & paths.aliases)


class CachedViewRestrictionsMixin:
    """For every page class: no restriction lookup where the cache shows none can apply."""

    def get_view_restrictions(self):
        if not may_be_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def forget() -> None:
    """Drop the cached paths; again at commit, so a rebuild that read the rows before the
    change was committed does not stay."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


@receiver(post_save)
@receiver(post_delete)
def _model_changed(sender, instance, **kwargs):
    if isinstance(instance, Page | PageViewRestriction):
        forget()


@receiver(post_page_move)  # a move rewrites the paths with a queryset update
def _page_moved(sender, instance, **kwargs):
    forget()
