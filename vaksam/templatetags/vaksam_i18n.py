"""`{% content_lang page %}`: the lang attribute of content written in another language than the
interface's (CMS content exists in Swedish only, the interface also in English)."""

from django import template
from django.utils.html import format_html

from vaksam.i18n import content_lang_attribute, interface_lang_attribute

register = template.Library()


@register.simple_tag
def content_lang(obj=None) -> str:
    """` lang="sv"` when the object's content (a page, else the site's) is not in the interface's
    language, else nothing (vaksam.i18n.content_language)."""
    return content_lang_attribute(obj)


@register.simple_tag
def interface_lang(obj=None) -> str:
    """` lang="en"` on a block's own interface text inside content marked as Swedish by
    `{% content_lang %}`, else nothing (vaksam.i18n.interface_lang_attribute)."""
    return interface_lang_attribute(obj)


@register.filter
def in_content_language(title, obj=None):
    """A content title inside a translated sentence ("The questions in Hot och våld"): wrapped
    in a span with the content's lang when it differs from the interface's, else as it is."""
    attribute = content_lang_attribute(obj)
    if not attribute:
        return title
    return format_html("<span{}>{}</span>", attribute, title)  # the attribute is already safe
