"""The check that a Korean page or message holds no English word left untranslated."""

from __future__ import annotations

import re

#: Words that are the same in both languages: names, codes, units, formats and the paper's terms.
SAME_IN_BOTH = {
    "ITMO", "ITMOs", "NDC", "ETS", "CMA", "CO2e", "CO2", "Mt", "kt", "Gt", "LHS", "TOML", "CSV",
    "Excel", "JSON", "Park", "Oh", "English", "ISO", "GHA", "CHE", "KOR", "PNG", "PDF", "MB",
    "article6", "compare", "json", "KRW", "USD", "EUR", "OIMP", "OMGE", "Chromium", "Chrome", "PATH",
}
TEXTS_JS = """
const out = [];
// skipped: the paper's symbols, code, sources as published, the chosen value of a dropdown,
// and text from the user's own files (.from-file: Party names, file names, values), shown as written
const skip = el => el.closest(
  '.symbol, code, .sources, .dash-dropdown-value, option, script, style, .from-file');
const walker = document.createTreeWalker(arguments[0] || document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode, el = node.parentElement, text = node.textContent.trim();
  if (!text || !el || skip(el)) continue;
  if (el.checkVisibility && !el.checkVisibility({opacityProperty: true, visibilityProperty: true}))
    continue;
  out.push(text);
}
return out;
"""


def untranslated(texts: list[str]) -> list[str]:
    """Texts holding an English word that is not the same in both languages."""
    bad = []
    for text in texts:
        # [ndc], [path]: keys of the scenario file, named as in the file
        for word in re.findall(r"[A-Za-z][A-Za-z0-9_.^]*", re.sub(r"\[[^\]]*\]", "", text)):
            if len(word) < 2 or any(c in word for c in "._^") or word in SAME_IN_BOTH:
                continue
            if re.fullmatch(r"[ivx]+", word):  # paragraph numbers: 7(a)(ii)
                continue
            bad.append(text)
            break
    return bad
