// Article text with evidence spans highlighted, built as text nodes and <mark> elements.
// Offsets from the server are Python string offsets (Unicode code points); JavaScript
// strings index UTF-16 code units, so offsets are converted before slicing. The article
// text is never parsed as HTML.

/** A function mapping a code-point offset in `text` to a UTF-16 offset. */
export function codePointIndex(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return (i) => Math.max(0, Math.min(i, text.length));
  const units = [];
  let unit = 0;
  for (const ch of text) {
    units.push(unit);
    unit += ch.length;
  }
  units.push(unit);
  return (i) => units[Math.max(0, Math.min(i, units.length - 1))];
}

/** Spans as UTF-16 [start, end) ranges; a span whose offsets do not give its text is
 * looked up by its text instead, and dropped when the text is not in the article. */
export function resolveSpans(text, spans) {
  const toUnit = codePointIndex(text);
  const out = [];
  for (const span of spans) {
    let start = toUnit(Number(span.start));
    let end = toUnit(Number(span.end));
    const expected = typeof span.text === "string" ? span.text : null;
    if (expected !== null && text.slice(start, end) !== expected) {
      const found = expected ? text.indexOf(expected) : -1;
      if (found < 0) continue;
      start = found;
      end = found + expected.length;
    }
    if (!(end > start)) continue;
    out.push({ start, end, labels: [span.label].filter(Boolean) });
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  // Overlapping spans become one highlighted region carrying all their labels.
  const merged = [];
  for (const span of out) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) {
      last.end = Math.max(last.end, span.end);
      last.labels.push(...span.labels);
    } else merged.push({ ...span, labels: [...span.labels] });
  }
  return merged;
}

/** A DocumentFragment of `text` with each span inside a <mark class="evidence">. */
export function highlighted(text, spans) {
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (const region of resolveSpans(text, spans)) {
    if (region.start > at) fragment.appendChild(document.createTextNode(text.slice(at, region.start)));
    const mark = document.createElement("mark");
    mark.className = "evidence";
    mark.textContent = text.slice(region.start, region.end);
    const labels = [...new Set(region.labels)];
    if (labels.length) {
      mark.title = `evidence: ${labels.join(", ")}`;
      mark.dataset.fields = labels.join(" ");
    }
    fragment.appendChild(mark);
    at = region.end;
  }
  if (at < text.length) fragment.appendChild(document.createTextNode(text.slice(at)));
  return fragment;
}
