// The event page (/events/{id}): the event's fields, its mentions with each article's text
// and the evidence highlighted, the change history, and (signed in) review: edit, reject,
// merge, split.

import {
  actorNames, api, append, clear, countryName, currentUser, el, eventLabel, formatNumber,
  loadSession, mountSignIn, onAuthChange, safeHref, showMessage,
} from "./common.js";
import { highlighted } from "./highlight.js";
import { EventMap } from "./map.js";
import { mountEditor } from "./review.js";

const $ = (id) => document.getElementById(id);
const PRECISION = { 1: "the day is known", 2: "only the week", 3: "only the month" };
const GEO_PRECISION = { 1: "a town", 2: "near a town, or part of a region", 3: "only the region or country" };

const page = { id: null, data: null, map: null, selected: new Set() };

function eventIdFromPath() {
  const parts = window.location.pathname.split("/").filter(Boolean);
  try {
    return decodeURIComponent(parts[parts.length - 1] || "");
  } catch {
    return "";
  }
}

// ------------------------------------------------------------- fields -----------------

function actorList(list) {
  if (!list || list.length === 0) return "—";
  return el("ul", { class: "plain" }, list.map((a) => el("li", {}, a.name || a.text || "?",
    a.text && a.name && a.text !== a.name ? el("span", { class: "note" }, ` (“${a.text}”)`) : null,
    a.sector ? el("span", { class: "tag" }, a.sector) : null,
    a.country ? el("span", { class: "tag" }, a.country) : null)));
}

function locationValue(loc) {
  if (!loc) return "—";
  const where = [loc.name, loc.admin1, countryName(loc.country_code || loc.country)]
    .filter(Boolean).join(", ");
  const coords = typeof loc.lat === "number" && typeof loc.lon === "number"
    ? ` (${loc.lat.toFixed(4)}, ${loc.lon.toFixed(4)})` : "";
  return [where + coords,
    loc.geo_precision ? el("div", { class: "note" },
      `precision ${loc.geo_precision}: ${GEO_PRECISION[loc.geo_precision] || ""}`) : null,
    loc.reason ? el("div", { class: "note" }, `why: ${loc.reason}`) : null];
}

function fieldRows(ev, detail) {
  const flags = ["negated", "hypothetical", "historical"].filter((f) => ev[f]);
  return [
    ["Event id", el("code", {}, ev.id)],
    ["PLOVER", eventLabel(ev), ["event_type", "mode"]],
    ["Context", (ev.context || []).join(", ") || "—"],
    ["ACLED type", ev.acled_event_type || "— (not coded by ACLED)", ["acled_event_type"]],
    ["ACLED sub-type", ev.acled_sub_event_type || "—", ["acled_sub_event_type"]],
    ["Disorder type", ev.disorder_type || "—"],
    ["Date", ev.date ? `${ev.date}${ev.time_precision ? ` (${PRECISION[ev.time_precision] || ev.time_precision})` : ""}` : "undated",
      ["date", "time_precision"]],
    ["Location", locationValue(ev.location), ["location"]],
    ["Actors", actorList(ev.actors), ["actors"]],
    ["Recipients", actorList(ev.recipients), ["recipients"]],
    ["Dead", formatNumber(ev.dead) || "—", ["dead"]],
    ["Injured", formatNumber(ev.injured) || "—", ["injured"]],
    ["Arrested", formatNumber(ev.arrested) || "—", ["arrested"]],
    ["Crowd size", formatNumber(ev.size) || "—"],
    ["Flags", flags.join(", ") || "none"],
    ["Confidence", typeof ev.confidence === "number" ? ev.confidence.toFixed(2) : "—"],
    ["Notes", ev.notes || "—"],
    ["Mentions", String((detail.mentions || []).length)],
  ];
}

function renderFields(ev, detail) {
  const dl = $("fields");
  clear(dl);
  const corrected = new Set(ev.corrected || []);
  for (const [label, value, keys = []] of fieldRows(ev, detail)) {
    const key = label.toLowerCase().replace(/[^a-z]+/g, "-");
    const mark = keys.some((k) => corrected.has(k))
      ? el("span", { class: "tag corrected", title: "corrected in review" }, "corrected") : null;
    append(dl, [el("dt", {}, label, mark ? " " : null, mark),
      el("dd", { dataset: { field: key } }, value)]);
  }
}

// ------------------------------------------------------------- mentions ---------------

function articleMeta(article) {
  const href = safeHref(article.url);
  const parts = [];
  if (article.published) parts.push(`published ${article.published}`);
  parts.push(`article ${article.id}`);
  return el("p", { class: "article-meta" }, parts.join(" · "), article.url ? " · " : null,
    href ? el("a", { href, rel: "noopener noreferrer nofollow", target: "_blank", class: "source-link" }, article.url)
      : (article.url ? el("span", { class: "unsafe-url", title: "not an http(s) link" }, article.url) : null));
}

function mentionCard(mention, article, index) {
  const evidence = mention.evidence || [];
  const matched = (mention.decision && mention.decision.matched) || [];
  const pick = el("input", { type: "checkbox", class: "split-pick", dataset: { mention: mention.id } });
  pick.checked = page.selected.has(String(mention.id));
  pick.addEventListener("change", () => {
    if (pick.checked) page.selected.add(String(mention.id));
    else page.selected.delete(String(mention.id));
  });
  const head = el("div", { class: "event-head" },
    el("h3", { class: "article-title" }, article ? (article.title || "(untitled article)") : `article ${mention.article_id}`),
    el("label", { class: "mention-pick review-only", hidden: !currentUser() }, pick, "select for split"));
  const spans = evidence.map((e) => ({ start: e.start, end: e.end, text: e.text,
    label: e.field && e.field !== "event" ? e.field : null }));
  return el("article", { class: "article mention", dataset: { mention: mention.id, article: mention.article_id } },
    head,
    article ? articleMeta(article) : null,
    el("p", { class: "note" }, `Mention ${index + 1} (id ${mention.id}): `,
      matched.length ? `merged into this event on ${matched.join(", ")}` : "the report that made this event"),
    el("ol", { class: "evidence-list" }, evidence.map((e) => el("li", {},
      e.field && e.field !== "event" ? el("span", { class: "tag" }, e.field) : null,
      el("q", { class: "evidence-text" }, e.text || "")))),
    article && typeof article.text === "string"
      ? el("div", { class: "article-text" }, highlighted(article.text, spans))
      : el("p", { class: "note" }, "The article's text is not available."));
}

function renderMentions(detail) {
  const box = $("mentions");
  clear(box);
  const articles = new Map((detail.articles || []).map((a) => [String(a.id), a]));
  const mentions = detail.mentions || [];
  $("mention-count").textContent = `(${mentions.length})`;
  mentions.forEach((m, i) => box.appendChild(mentionCard(m, articles.get(String(m.article_id)), i)));
  if (!mentions.length) box.appendChild(el("p", { class: "note" }, "No mentions."));
  // Scroll each article's text so that its first highlighted sentence is in view.
  for (const textBox of box.querySelectorAll(".article-text")) {
    const mark = textBox.querySelector("mark.evidence");
    if (mark) textBox.scrollTop = Math.max(0, mark.offsetTop - textBox.offsetTop - 24);
  }
}

// ------------------------------------------------------------- history ----------------

/** A changed value as short text: actors by name, a place by name and country. */
function show(value) {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((v) => v && typeof v === "object" && "name" in v)) {
    return actorNames(value) || "(none)";
  }
  if (typeof value === "object" && "name" in value && "lat" in value) {
    return `${value.name} (${value.country_code || value.country || "?"}; ${value.lat}, ${value.lon})`;
  }
  return JSON.stringify(value);
}

function when(value) {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(String(value || ""));
  return m ? `${m[1]} ${m[2]}` : String(value || "");
}

function renderChanges(changes) {
  const box = $("changes");
  clear(box);
  if (!changes || !changes.length) {
    box.appendChild(el("p", { class: "note", id: "no-changes" }, "No changes yet."));
    return;
  }
  box.appendChild(el("table", { class: "changes", id: "change-table" },
    el("thead", {}, el("tr", {}, ["When", "Who", "Field", "Old", "New"].map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, changes.map((c) => el("tr", { dataset: { field: c.field || "" } },
      el("td", { title: c.when || "" }, when(c.when)), el("td", {}, c.who || ""), el("td", {}, c.field || ""),
      el("td", { class: "v" }, show(c.old)), el("td", { class: "v new" }, show(c.new)))))));
}

// ------------------------------------------------------------- page -------------------

function renderEvent(detail) {
  const ev = detail.event;
  page.data = detail;
  const where = ev.location && ev.location.name ? ` · ${ev.location.name}` : "";
  $("event-title").textContent = `${eventLabel(ev)} · ${ev.date || "undated"}${where}`;
  document.title = `${eventLabel(ev)} ${ev.date || ""} · eventwire`;
  const status = ev.status || "active";
  const statusBox = $("event-status");
  clear(statusBox);
  statusBox.className = `status-${status}`;
  if (ev.merged_into) {
    append(statusBox, ["merged into ", el("a", { href: `/events/${encodeURIComponent(ev.merged_into)}`,
      id: "merged-into" }, ev.merged_into)]);
  } else if (status !== "active") statusBox.textContent = status;
  renderFields(ev, detail);
  renderMentions(detail);
  renderChanges(detail.changes);
  page.map.show([{ ...ev, mentions: (detail.mentions || []).length }]);
  page.map.fit([ev], { maxZoom: 4 });
  editor.load(ev);
}

async function reload() {
  const detail = await api(`/api/events/${encodeURIComponent(page.id)}`);
  renderEvent(detail);
  return detail;
}

let editor = null;

function showReview(user) {
  $("review").hidden = !user;
  for (const node of document.querySelectorAll(".review-only")) node.hidden = !user;
}

async function main() {
  page.id = eventIdFromPath();
  mountSignIn($("account"));
  page.map = new EventMap($("map"), { interactive: true });
  editor = mountEditor({
    page, box: $("edit"), message: $("review-message"), reload,
    onNavigate: (id) => window.location.assign(`/events/${encodeURIComponent(id)}`),
  });
  onAuthChange(showReview);
  await loadSession();
  await page.map.ready;
  try {
    await reload();
  } catch (exc) {
    $("event-title").textContent = "Event not found";
    showMessage($("message"), exc.message);
  }
  showReview(currentUser());
  document.body.dataset.ready = "true";
}

main();
