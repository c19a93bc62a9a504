// Measures every visible tap target of the page; see test_tap_targets.py. Called with the minimum size in px.
(minimum) => {
    const TARGETS = "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex]:not([tabindex='-1'])";
    const BLOCK = new Set(["block", "list-item", "table-cell", "flex", "grid", "flow-root", "table-caption"]);
    const isTarget = (node) => node.nodeType === 1 && node.matches(TARGETS);
    function visible(element) {
        const style = getComputedStyle(element);
        if (style.display === "none" || style.visibility === "hidden") return false;
        const rect = element.getBoundingClientRect();
        return rect.width > 1 || rect.height > 1;  // the visually-hidden pattern is 1 by 1
    }
    function ownText(block, target) {
        // Text in the block that belongs to no target: the words of the sentence around the link.
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        let text = "";
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            let inside = false;
            for (let parent = node.parentElement; parent && parent !== block; parent = parent.parentElement) {
                if (isTarget(parent) || getComputedStyle(parent).display === "none") { inside = true; break; }
            }
            if (!inside) text += node.textContent;
        }
        return text.replace(/[\s\p{P}]+/gu, "");
    }
    function inSentence(element) {
        if (!element.matches("a[href]") || getComputedStyle(element).display !== "inline") return false;
        if (element.closest("svg")) return false;
        let block = element.parentElement;
        while (block && !BLOCK.has(getComputedStyle(block).display)) block = block.parentElement;
        return block !== null && ownText(block, element).length > 0;
    }
    function describe(element) {
        const text = (element.getAttribute("aria-label") || element.textContent || element.getAttribute("name") || "").trim().replace(/\s+/g, " ");
        const classes = element.getAttribute("class") ? "." + element.getAttribute("class").trim().split(/\s+/).join(".") : "";
        return element.tagName.toLowerCase() + classes + ' "' + text.slice(0, 40) + '"';
    }
    const offenders = [];
    let measured = 0;
    for (const element of document.querySelectorAll(TARGETS)) {
        if (!visible(element) || inSentence(element)) continue;
        measured += 1;
        const rect = element.getBoundingClientRect();
        if (rect.width < minimum - 0.01 || rect.height < minimum - 0.01) {
            offenders.push(describe(element) + " " + rect.width.toFixed(1) + "x" + rect.height.toFixed(1));
        }
    }
    return {measured, offenders};
}
