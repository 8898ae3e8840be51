// The dashboard (/): filters -> map, timeline, table and download links. The filters live in
// the page's query string, so a filtered view can be bookmarked and shared.

import {
  ACLED_TYPES, PLOVER_TYPES, actorNames, api, append, clear, countryName, el, eventLabel,
  formatNumber, loadSession, mountSignIn, showMessage,
} from "./common.js";
import { EventMap, legend } from "./map.js";
import { drawTimeline } from "./timeline.js";

const FILTERS = ["since", "until", "country", "type", "actor", "q", "bbox"];
const MAP_LIMIT = 500; // the API's largest page
const COLUMNS = [
  // [header, sort key or null, cell(ev)]
  ["Date", "date", (ev) => ev.date || "undated"],
  ["Event", "type", (ev) => eventLabel(ev)],
  ["ACLED", null, (ev) => [ev.acled_event_type, ev.acled_sub_event_type].filter(Boolean).join(" · ")],
  ["Place", null, (ev) => (ev.location && ev.location.name) || ""],
  ["Country", "country", (ev) => (ev.location && ev.location.country_code) || ""],
  ["Actors", null, (ev) => actorNames(ev.actors)],
  ["Dead", "dead", (ev) => formatNumber(ev.dead)],
  ["Mentions", "mentions", (ev) => formatNumber(ev.mentions)],
];

const $ = (id) => document.getElementById(id);

const state = {
  filters: {},
  sort: "-date",
  limit: 25,
  offset: 0,
  period: "day",
  mapView: false,
  countries: new Set(),
};

// ------------------------------------------------------------- query string -----------

function readUrl() {
  const params = new URLSearchParams(window.location.search);
  for (const key of FILTERS) {
    const value = params.get(key);
    if (value) state.filters[key] = value;
  }
  state.sort = params.get("sort") || state.sort;
  state.offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  state.limit = Math.min(200, Math.max(5, parseInt(params.get("limit") || "25", 10) || 25));
  state.period = params.get("period") === "week" ? "week" : "day";
  state.mapView = Boolean(state.filters.bbox);
}

function filterParams({ bbox = true } = {}) {
  const params = new URLSearchParams();
  for (const key of FILTERS) {
    if (key === "bbox" && !bbox) continue;
    if (state.filters[key]) params.set(key, state.filters[key]);
  }
  return params;
}

function writeUrl() {
  const params = filterParams();
  if (state.sort !== "-date") params.set("sort", state.sort);
  if (state.offset) params.set("offset", String(state.offset));
  if (state.limit !== 25) params.set("limit", String(state.limit));
  if (state.period !== "day") params.set("period", state.period);
  const query = params.toString();
  window.history.replaceState(null, "", query ? `/?${query}` : "/");
}

// ------------------------------------------------------------- filter panel -----------

function fillTypeSelect() {
  const select = $("f-type");
  append(select, [
    el("option", { value: "" }, "any type"),
    el("optgroup", { label: "ACLED" }, ACLED_TYPES.map((t) => el("option", { value: t }, t))),
    el("optgroup", { label: "PLOVER" }, PLOVER_TYPES.map((t) => el("option", { value: t }, t))),
  ]);
}

function fillCountrySelect(byCountry) {
  for (const row of byCountry || []) if (row.country) state.countries.add(String(row.country));
  if (state.filters.country) state.countries.add(state.filters.country);
  const select = $("f-country");
  const current = state.filters.country || "";
  clear(select);
  select.appendChild(el("option", { value: "" }, "any country"));
  const codes = [...state.countries].sort((a, b) => countryName(a).localeCompare(countryName(b)));
  for (const code of codes) select.appendChild(el("option", { value: code }, countryName(code)));
  select.value = current;
}

function formToState() {
  for (const key of ["since", "until", "country", "type", "actor", "q"]) {
    const value = $(`f-${key}`).value.trim();
    if (value) state.filters[key] = value;
    else delete state.filters[key];
  }
}

function stateToForm() {
  for (const key of ["since", "until", "country", "type", "actor", "q"]) {
    $(`f-${key}`).value = state.filters[key] || "";
  }
  $("f-mapview").checked = state.mapView;
  $("period").value = state.period;
}

// ------------------------------------------------------------- loading ----------------

let map = null;
let generation = 0;

async function refresh({ fitMap = false } = {}) {
  const mine = ++generation;
  writeUrl();
  updateDownloads();
  const message = $("message");
  showMessage(message, "");
  document.body.dataset.loading = "true";
  const params = filterParams();
  const mapParams = filterParams({ bbox: false });
  const tableParams = new URLSearchParams(params);
  tableParams.set("limit", String(state.limit));
  tableParams.set("offset", String(state.offset));
  tableParams.set("sort", state.sort);
  const statsParams = new URLSearchParams(params);
  statsParams.set("period", state.period);
  mapParams.set("limit", String(MAP_LIMIT));
  try {
    const [page, stats, mapped] = await Promise.all([
      api(`/api/events?${tableParams}`),
      api(`/api/stats?${statsParams}`),
      api(`/api/events?${mapParams}`),
    ]);
    if (mine !== generation) return;
    renderTable(page);
    renderStats(stats);
    const shown = map.show(mapped.events || []);
    const notes = [];
    if (mapped.total > (mapped.events || []).length) notes.push(`The map shows ${shown} of ${mapped.total} events.`);
    if (fitMap && !state.mapView) {
      const outside = map.fit(mapped.events || []);
      if (outside) notes.push(`${outside} event${outside === 1 ? " is" : "s are"} outside this view; zoom out to see ${outside === 1 ? "it" : "them"}.`);
    }
    $("map-note").textContent = notes.join(" ");
  } catch (exc) {
    if (mine !== generation) return;
    showMessage(message, exc.message);
  } finally {
    if (mine === generation) document.body.dataset.loading = "false";
  }
}

function renderStats(stats) {
  $("count").textContent = `${formatNumber(stats.total)} event${stats.total === 1 ? "" : "s"}`;
  $("count").dataset.total = String(stats.total);
  fillCountrySelect(stats.by_country);
  drawTimeline($("timeline"), stats, {
    onPick: (first, last) => {
      state.filters.since = first;
      state.filters.until = last;
      state.offset = 0;
      stateToForm();
      refresh();
    },
  });
  const types = $("by-type");
  clear(types);
  const sorted = [...(stats.by_type || [])].sort((a, b) => b.count - a.count);
  for (const row of sorted) {
    types.appendChild(el("li", {}, el("span", { class: "k" }, row.type || "?"), " ",
      el("span", { class: "v" }, formatNumber(row.count))));
  }
}

// ------------------------------------------------------------- table ------------------

function sortHeader(label, key) {
  if (!key) return el("th", { scope: "col" }, label);
  const active = state.sort.replace(/^-/, "") === key;
  const descending = state.sort.startsWith("-");
  const arrow = active ? (descending ? " ▼" : " ▲") : "";
  const button = el("button", { type: "button", class: "sort", dataset: { sort: key } },
    label, arrow);
  button.addEventListener("click", () => {
    const firstClick = ["date", "dead", "mentions"].includes(key) ? `-${key}` : key;
    state.sort = active ? (descending ? key : `-${key}`) : firstClick;
    state.offset = 0;
    refresh();
  });
  const ariaSort = active ? (descending ? "descending" : "ascending") : "none";
  return el("th", { scope: "col", "aria-sort": ariaSort }, button);
}

function renderTable(page) {
  const table = $("events");
  clear(table);
  table.appendChild(el("thead", {}, el("tr", {}, COLUMNS.map(([label, key]) => sortHeader(label, key)))));
  const body = el("tbody", {});
  for (const ev of page.events || []) {
    const href = `/events/${encodeURIComponent(ev.id)}`;
    const cells = COLUMNS.map(([label, , cell], i) => {
      const value = cell(ev);
      const content = i === 1 ? el("a", { href }, value) : value;
      return el("td", { "data-col": label.toLowerCase() }, content);
    });
    const row = el("tr", { class: `event-row${ev.status === "rejected" ? " rejected" : ""}`,
      dataset: { id: ev.id }, tabindex: "0" }, cells);
    row.addEventListener("click", (e) => {
      if (e.target.closest("a")) return;
      window.location.assign(href);
    });
    row.addEventListener("keydown", (e) => {
      if (e.key === "Enter") window.location.assign(href);
    });
    body.appendChild(row);
  }
  table.appendChild(body);
  table.dataset.rows = String((page.events || []).length);
  const total = Number(page.total || 0);
  const first = total ? page.offset + 1 : 0;
  const last = page.offset + (page.events || []).length;
  $("page-info").textContent = `${first}–${last} of ${formatNumber(total)}`;
  $("prev").disabled = page.offset <= 0;
  $("next").disabled = last >= total;
  if (!total) body.appendChild(el("tr", {}, el("td", { colspan: COLUMNS.length, class: "empty" },
    "No events match the filters.")));
}

function updateDownloads() {
  const params = filterParams();
  for (const format of ["csv", "geojson"]) {
    const p = new URLSearchParams(params);
    p.set("format", format);
    $(`download-${format}`).setAttribute("href", `/api/events?${p}`);
  }
}

// ------------------------------------------------------------- wiring -----------------

function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

function wire() {
  $("filters").addEventListener("submit", (e) => {
    e.preventDefault();
    formToState();
    state.offset = 0;
    refresh();
  });
  $("reset").addEventListener("click", () => {
    state.filters = {};
    state.mapView = false;
    state.offset = 0;
    stateToForm();
    refresh({ fitMap: true });
  });
  for (const id of ["f-country", "f-type"]) {
    $(id).addEventListener("change", () => {
      formToState();
      state.offset = 0;
      refresh();
    });
  }
  $("f-mapview").addEventListener("change", (e) => {
    state.mapView = e.target.checked;
    if (state.mapView) state.filters.bbox = map.bbox();
    else delete state.filters.bbox;
    state.offset = 0;
    refresh();
  });
  map.map.on("moveend", debounce(() => {
    if (!state.mapView) return;
    state.filters.bbox = map.bbox();
    state.offset = 0;
    refresh();
  }, 250));
  $("f-tiles").addEventListener("change", (e) => {
    map.setTiles(e.target.checked, () => {
      $("map-note").textContent = "Online tiles could not be loaded (offline, or blocked by "
        + "the server's content security policy); the country outlines still work.";
    });
  });
  $("period").addEventListener("change", (e) => {
    state.period = e.target.value;
    refresh();
  });
  $("prev").addEventListener("click", () => {
    state.offset = Math.max(0, state.offset - state.limit);
    refresh();
  });
  $("next").addEventListener("click", () => {
    state.offset += state.limit;
    refresh();
  });
  $("page-size").addEventListener("change", (e) => {
    state.limit = parseInt(e.target.value, 10) || 25;
    state.offset = 0;
    refresh();
  });
}

async function main() {
  readUrl();
  fillTypeSelect();
  fillCountrySelect([]);
  $("page-size").value = String(state.limit);
  stateToForm();
  mountSignIn($("account"));
  loadSession();
  map = new EventMap($("map"), {
    onSelect: (id) => window.location.assign(`/events/${encodeURIComponent(id)}`),
  });
  $("legend").appendChild(legend());
  if (state.mapView) {
    const [x0, y0, x1, y1] = state.filters.bbox.split(",").map(Number);
    if ([x0, y0, x1, y1].every(Number.isFinite)) map.map.fitBounds([[y0, x0], [y1, x1]], { animate: false });
  }
  wire();
  await map.ready;
  await refresh({ fitMap: !state.mapView });
  document.body.dataset.ready = "true";
}

main();
