"""StreamField blocks shared by every content page and course module."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    """A section heading that keeps the page's heading order intact."""

    text = blocks.CharBlock(label=_("Rubrik"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Nivå"),
        choices=[("h2", _("Rubrik 2")), ("h3", _("Rubrik 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Rubrik")
        preview_value = {"text": "Vad är otillåten påverkan?", "level": "h2"}
        description = _("En rubrik som delar in texten i avsnitt.")


class CalloutBlock(blocks.StructBlock):
    """A highlighted "Tänk på" box for what the reader must not miss."""

    title = blocks.CharBlock(label=_("Rubrik"), default="Tänk på", max_length=100)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)
    tone = blocks.ChoiceBlock(
        label=_("Typ"),
        choices=[("info", _("Information")), ("warning", _("Varning"))],
        default="info",
    )

    class Meta:
        icon = "warning"
        template = "blocks/callout_block.html"
        label = _("Tänk på-ruta")
        preview_value = {
            "title": "Tänk på",
            "text": "<p>Vid akut fara: ring 112.</p>",
            "tone": "warning",
        }
        description = _("En framhävd ruta med det viktigaste att komma ihåg.")


class DilemmaBlock(blocks.StructBlock):
    """A scenario or dilemma case: a situation, a question, and a reflection to open."""

    title = blocks.CharBlock(label=_("Rubrik"), max_length=200)
    situation = blocks.RichTextBlock(label=_("Situation"), features=RICH_TEXT_FEATURES)
    question = blocks.CharBlock(label=_("Fråga att fundera på"), max_length=300)
    reflection = blocks.RichTextBlock(label=_("Reflektion"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        template = "blocks/dilemma_block.html"
        label = _("Dilemmafall")
        preview_value = {
            "title": "Presentkortet",
            "situation": "<p>En anhörig ger dig ett presentkort som tack efter ett beslut.</p>",
            "question": "Får du ta emot det?",
            "reflection": "<p>Nej. Det finns ingen beloppsgräns för mutor.</p>",
        }
        description = _("Ett fall att diskutera, med en reflektion som läsaren kan fälla ut.")


class RoutineStepBlock(blocks.StructBlock):
    """One step of a routine."""

    title = blocks.CharBlock(label=_("Steg"), max_length=200)
    text = blocks.RichTextBlock(label=_("Beskrivning"), features=RICH_TEXT_FEATURES, required=False)

    class Meta:
        icon = "list-ol"
        label = _("Steg")


class RoutineBlock(blocks.StructBlock):
    """A numbered routine of steps, such as the escalation routine."""

    title = blocks.CharBlock(label=_("Rubrik"), max_length=200)
    intro = blocks.RichTextBlock(label=_("Inledning"), features=RICH_TEXT_FEATURES, required=False)
    steps = blocks.ListBlock(RoutineStepBlock(), label=_("Steg"), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "blocks/routine_block.html"
        label = _("Rutin i steg")
        preview_value = {
            "title": "Om du blir hotad",
            "intro": "",
            "steps": [
                {"title": "Sätt dig i säkerhet", "text": "<p>Ring 112 vid akut fara.</p>"},
                {"title": "Berätta för din chef", "text": ""},
            ],
        }
        description = _("En numrerad rutin, steg för steg.")


class VideoBlock(blocks.StructBlock):
    """An embedded video with the transcript that keeps it accessible."""

    title = blocks.CharBlock(label=_("Rubrik"), max_length=200)
    video = EmbedBlock(label=_("Länk till videon"))
    transcript = blocks.RichTextBlock(
        label=_("Textversion"),
        features=RICH_TEXT_FEATURES,
        help_text=_("Krävs för tillgänglighet: allt som sägs och visas i videon."),
    )

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        label = _("Video")
        description = _("En inbäddad video med textversion.")


class DocumentBlock(blocks.StructBlock):
    """A document to download, such as a policy or a checklist."""

    document = DocumentChooserBlock(label=_("Dokument"))
    title = blocks.CharBlock(label=_("Länktext"), max_length=200, required=False)
    description = blocks.TextBlock(label=_("Beskrivning"), required=False)

    class Meta:
        icon = "doc-full"
        template = "blocks/document_block.html"
        label = _("Dokument att ladda ner")
        description = _("Ett dokument som läsaren kan ladda ner.")


class FAQItemBlock(blocks.StructBlock):
    """One question and its answer."""

    question = blocks.CharBlock(label=_("Fråga"), max_length=300)
    answer = blocks.RichTextBlock(label=_("Svar"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Fråga och svar")


class FAQBlock(blocks.StructBlock):
    """Frequently asked questions, shown as an accordion."""

    title = blocks.CharBlock(label=_("Rubrik"), default="Vanliga frågor", max_length=200)
    items = blocks.ListBlock(FAQItemBlock(), label=_("Frågor"), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/faq_block.html"
        label = _("Vanliga frågor")
        preview_value = {
            "title": "Vanliga frågor",
            "items": [{"question": "Måste jag anmäla?", "answer": "<p>Ja, till din chef.</p>"}],
        }
        description = _("Frågor och svar som läsaren kan fälla ut.")


class BodyBlock(blocks.StreamBlock):
    """The body of every content page and module."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="blocks/paragraph_block.html",
    )
    callout = CalloutBlock()
    dilemma = DilemmaBlock()
    routine = RoutineBlock()
    video = VideoBlock()
    document = DocumentBlock()
    faq = FAQBlock()
