"""Reflow (WCAG 1.4.10), which neither axe nor Lighthouse checks: at 320 CSS px nothing makes
the page scroll sideways, and whatever scrolls on its own is a named, focusable region."""

REFLOW_WIDTH = 320
REFLOW_HEIGHT = 640

# Runs in the page. What lies past the right edge of the viewport: either it makes the page
# scroll sideways ("out"), or a box that does not scroll cuts it off, and no one can reach it
# ("cut": the Wagtail admin hides whatever overflows its main area). What a scrolling box that
# fits holds is fine, if that box is a region a keyboard user can find and scroll: every box that
# scrolls sideways is listed with what it lacks. Offenders are listed outermost first (a child
# sticking out with its parent is the parent's doing).
MEASURE = """() => {
    const viewport = window.innerWidth;
    const describe = el => {
        const classes = typeof el.className === "string" ? el.className.trim() : "";
        return el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
            + (classes ? "." + classes.split(/\\s+/).join(".") : "");
    };
    const fits = el => el.getBoundingClientRect().right <= viewport + 0.5;
    // Where an element's own text ends: a long word or address overflows a box that fits.
    const right = el => {
        let edge = el.getBoundingClientRect().right;
        if (getComputedStyle(el).overflowX !== "visible") return edge;
        for (const node of el.childNodes) {
            if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) continue;
            const range = document.createRange();
            range.selectNodeContents(node);
            edge = Math.max(edge, range.getBoundingClientRect().right);
        }
        return edge;
    };
    const fate = el => {
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        if (style.display === "none" || style.visibility === "hidden") return null;
        if (style.position === "fixed") return null;
        if (box.width === 0 || right(el) <= viewport + 0.5) return null;
        // Only the containing block and what holds it clip an absolutely positioned box.
        let absolute = style.position === "absolute";
        const top = document.documentElement;
        for (let up = el.parentElement; up && up !== top; up = up.parentElement) {
            const upStyle = getComputedStyle(up);
            if (absolute) {
                if (upStyle.position === "static" && upStyle.transform === "none") continue;
                absolute = upStyle.position === "absolute";
            }
            if (upStyle.overflowX !== "visible" && fits(up)) {
                if (upStyle.overflowX === "auto" || upStyle.overflowX === "scroll") return null;
                // A one-pixel box is text for screen readers only, visually hidden on purpose.
                const clip = up.getBoundingClientRect();
                return box.width <= 1 || clip.width <= 1 || clip.height <= 1 ? null : "cut";
            }
        }
        return "out";
    };
    const all = Array.from(document.body.querySelectorAll("*"));
    const fates = new Map(all.map(el => [el, fate(el)]));
    const outermost = el => fates.get(el) && fates.get(el) !== fates.get(el.parentElement);
    const offenders = all.filter(outermost)
        .map(el => ({
            element: describe(el),
            fate: fates.get(el),
            width: Math.round(el.getBoundingClientRect().width),
            right: Math.round(right(el)),
            text: (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 60),
        }))
        .sort((a, b) => b.width - a.width);
    const scrollsSideways = el => {
        const overflow = getComputedStyle(el).overflowX;
        const scrolls = overflow === "auto" || overflow === "scroll";
        return scrolls && el.scrollWidth > el.clientWidth + 1;
    };
    // Wagtail's breadcrumbs scroll sideways when the page's title is long; every crumb is a
    // link, so Tab scrolls each into view. The admin's chrome is Wagtail's, and left as it is.
    const wagtailChrome = el => el.matches(".w-breadcrumbs");
    const regions = all
        .filter(el => el.getClientRects().length && scrollsSideways(el) && !wagtailChrome(el))
        .map(el => {
            const lacks = [];
            if (el.getAttribute("role") !== "region") lacks.push('role="region"');
            const named = (el.getAttribute("aria-labelledby") || "").split(/\\s+/)
                .some(id => id && document.getElementById(id)
                    && document.getElementById(id).textContent.trim())
                || (el.getAttribute("aria-label") || "").trim();
            if (!named) lacks.push("a name (aria-labelledby or aria-label)");
            if (el.getAttribute("tabindex") !== "0") lacks.push('tabindex="0"');
            return {element: describe(el), lacks};
        })
        .filter(region => region.lacks.length);
    return {
        scrollWidth: document.documentElement.scrollWidth,
        viewport,
        offenders,
        regions,
    };
}"""


def reflow_faults(page) -> str:
    """What keeps the page as it is now from reflowing at its width, or "" if nothing does."""
    found = page.evaluate(MEASURE)
    lines = []
    if found["scrollWidth"] > found["viewport"] or found["offenders"]:
        lines.append(
            f"{page.url} is {found['scrollWidth']} px wide in a {found['viewport']} px viewport"
            + (" and scrolls sideways" if found["scrollWidth"] > found["viewport"] else "")
            + "; what lies past its right edge, widest first:"
        )
        for offender in found["offenders"][:8]:
            how = "cut off, out of reach" if offender["fate"] == "cut" else "sticks out"
            lines.append(
                f"    {offender['element']} ({how}): {offender['width']} px wide, right edge at "
                f"{offender['right']} px ({offender['text']!r})"
            )
    for region in found["regions"]:
        lines.append(
            f"{page.url}: {region['element']} scrolls sideways but lacks "
            + ", ".join(region["lacks"])
        )
    return "\n".join(lines)


def assert_reflows(page) -> None:
    faults = reflow_faults(page)
    assert not faults, faults
