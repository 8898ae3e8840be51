// The timeline: events per day or week as SVG bars, from /api/stats's by_period. Days (or
// weeks) without events are drawn as gaps, so the x axis is true time. Clicking a bar calls
// onPick(first_day, last_day) to filter to that period.

const SVG = "http://www.w3.org/2000/svg";
const DAY_MS = 86400000;
const MAX_BARS = 400;

function svg(tag, attrs = {}, text = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== null) node.textContent = text;
  return node;
}

function parseDay(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso || ""));
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

function isoDay(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The periods from the first to the last one, zero-filled; null when they do not parse. */
function fillPeriods(byPeriod, period) {
  const step = period === "week" ? 7 * DAY_MS : DAY_MS;
  const counts = new Map();
  for (const row of byPeriod) {
    const day = parseDay(row.period);
    if (day === null) return null;
    counts.set(day, (counts.get(day) || 0) + Number(row.count || 0));
  }
  const days = [...counts.keys()].sort((a, b) => a - b);
  if (days.length === 0) return [];
  const span = (days[days.length - 1] - days[0]) / step;
  if (span > MAX_BARS) return days.map((d) => ({ start: d, end: d + step - DAY_MS, count: counts.get(d) }));
  const out = [];
  for (let d = days[0]; d <= days[days.length - 1]; d += step) {
    out.push({ start: d, end: d + step - DAY_MS, count: counts.get(d) || 0 });
  }
  return out;
}

/** Draw the timeline into `node` (an <svg>'s parent). */
export function drawTimeline(node, stats, { onPick = null } = {}) {
  while (node.firstChild) node.removeChild(node.firstChild);
  const period = stats.period === "week" ? "week" : "day";
  const bars = fillPeriods(stats.by_period || [], period) || [];
  node.dataset.bars = String(bars.filter((b) => b.count > 0).length);
  if (bars.length === 0) {
    const empty = document.createElement("p");
    empty.className = "empty";
    empty.textContent = "No dated events match the filters.";
    node.appendChild(empty);
    return;
  }
  const width = Math.max(320, node.clientWidth || 600);
  const height = 140;
  const pad = { left: 34, right: 8, top: 16, bottom: 24 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const max = Math.max(1, ...bars.map((b) => b.count));
  const slot = plotW / bars.length;
  const barW = Math.max(1, Math.min(40, slot * 0.8));
  const chart = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img",
    class: "timeline-chart", "aria-label": `Events per ${period}` });
  chart.appendChild(svg("title", {}, `Events per ${period}`));
  // y axis: 0 and max, with a light grid line at max
  chart.appendChild(svg("line", { x1: pad.left, x2: width - pad.right, y1: pad.top,
    y2: pad.top, class: "grid" }));
  chart.appendChild(svg("text", { x: pad.left - 6, y: pad.top + 4, class: "axis",
    "text-anchor": "end" }, String(max)));
  chart.appendChild(svg("text", { x: pad.left - 6, y: pad.top + plotH, class: "axis",
    "text-anchor": "end" }, "0"));
  chart.appendChild(svg("line", { x1: pad.left, x2: width - pad.right, y1: pad.top + plotH,
    y2: pad.top + plotH, class: "baseline" }));
  const labelEvery = Math.max(1, Math.ceil(bars.length / Math.max(1, Math.floor(plotW / 80))));
  bars.forEach((bar, i) => {
    const x = pad.left + i * slot + (slot - barW) / 2;
    const labelX = i === 0 ? pad.left : pad.left + i * slot + slot / 2;
    const h = (bar.count / max) * plotH;
    const label = period === "week" ? `week of ${isoDay(bar.start)}` : isoDay(bar.start);
    if (bar.count > 0) {
      const rect = svg("rect", { x, y: pad.top + plotH - h, width: barW, height: Math.max(h, 1),
        class: "bar", "data-period": isoDay(bar.start), "data-count": bar.count });
      rect.appendChild(svg("title", {}, `${label}: ${bar.count} event${bar.count === 1 ? "" : "s"}`));
      if (onPick) rect.addEventListener("click", () => onPick(isoDay(bar.start), isoDay(bar.end)));
      chart.appendChild(rect);
      if (slot >= 16) {
        chart.appendChild(svg("text", { x: x + barW / 2, y: pad.top + plotH - h - 3,
          class: "count", "text-anchor": "middle" }, String(bar.count)));
      }
    }
    if (i % labelEvery === 0 || i === bars.length - 1) {
      if (i === bars.length - 1 && i % labelEvery !== 0 && bars.length > 1 && slot * (i % labelEvery) < 70) return;
      chart.appendChild(svg("text", { x: labelX, y: height - 6,
        class: "axis", "text-anchor": i === 0 ? "start" : "middle" },
        i === 0 ? isoDay(bar.start) : isoDay(bar.start).slice(5)));
    }
  });
  node.appendChild(chart);
}
