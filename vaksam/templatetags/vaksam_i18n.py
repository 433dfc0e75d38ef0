"""`{% content_lang page %}`: the lang attribute of content written in another language than the
interface's (CMS content exists in Swedish only, the interface also in English)."""

from django import template

from vaksam.i18n import content_lang_attribute

register = template.Library()


@register.simple_tag
def content_lang(obj=None) -> str:
    """` lang="sv"` when the object's content (a page, else the site's) is not in the interface's
    language, else nothing (vaksam.i18n.content_language)."""
    return content_lang_attribute(obj)
