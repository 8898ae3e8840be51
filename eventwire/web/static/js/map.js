// The event map: Leaflet (vendored) over Natural Earth 1:110m country outlines shipped with
// the app. An online tile layer can be switched on by the user; it is off by default, so
// the map works fully offline.
/* global L */

import { el, eventLabel, familyColour, FAMILY_COLOURS } from "./common.js";

const COUNTRIES_URL = "/static/vendor/world-atlas/countries-110m.geojson";
const TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
const TILE_ATTRIBUTION = "© OpenStreetMap contributors";

const COUNTRY_STYLE = { color: "#9aa7b4", weight: 0.8, fillColor: "#e8ecef", fillOpacity: 1 };

const MAX_LABELS = 12; // places named on the map; more would clutter it

let countriesPromise = null;

function loadCountries() {
  if (!countriesPromise) {
    countriesPromise = fetch(COUNTRIES_URL, { credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : null))
      .catch(() => null);
  }
  return countriesPromise;
}

export class EventMap {
  /** `node`: the map container; `onSelect(id)`: called when a dot is clicked. */
  constructor(node, { onSelect = null, interactive = true } = {}) {
    this.onSelect = onSelect;
    this.map = L.map(node, {
      worldCopyJump: false, minZoom: 1, maxZoom: 12, zoomSnap: 0.25,
      attributionControl: true, preferCanvas: false,
      dragging: interactive, scrollWheelZoom: interactive,
    }).setView([30, 20], 2);
    this.map.attributionControl.setPrefix("Natural Earth");
    this.dots = L.featureGroup().addTo(this.map);
    this.map.on("zoomend moveend", () => this.declutter());
    this.tiles = null;
    this.countries = null;
    this.ready = loadCountries().then((geojson) => {
      if (!geojson) return;
      this.countries = L.geoJSON(geojson, { interactive: false, style: COUNTRY_STYLE })
        .addTo(this.map).bringToBack();
      if (this.tiles) this.countries.setStyle({ fillOpacity: 0 });
      node.dataset.countries = String(geojson.features.length);
    });
  }

  /** Replace the dots by the given events (those without a place are skipped). Events at
   * the same place share one dot, sized by their number and coloured by the commonest
   * family; its popup lists them, each a link to its event page. */
  show(events) {
    this.dots.clearLayers();
    const places = new Map();
    for (const ev of events) {
      const loc = ev.location;
      if (!loc || typeof loc.lat !== "number" || typeof loc.lon !== "number") continue;
      const key = `${loc.lat.toFixed(3)},${loc.lon.toFixed(3)}`;
      if (!places.has(key)) places.set(key, { lat: loc.lat, lon: loc.lon, name: loc.name, events: [] });
      places.get(key).events.push(ev);
    }
    let count = 0;
    const labelled = places.size <= MAX_LABELS;
    for (const place of places.values()) {
      this.placeDot(place, labelled).addTo(this.dots);
      count += place.events.length;
    }
    this.declutter();
    const container = this.map.getContainer();
    container.dataset.dots = String(places.size);
    container.dataset.events = String(count);
    return count;
  }

  placeDot(place, labelled) {
    const n = place.events.length;
    const colours = new Map();
    for (const ev of place.events) {
      const c = familyColour(ev.event_type);
      colours.set(c, (colours.get(c) || 0) + 1);
    }
    const colour = [...colours.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const dot = L.circleMarker([place.lat, place.lon], {
      radius: 6 + Math.min(12, Math.sqrt(n) * 2.5), color: "#ffffff", weight: 1.5,
      fillColor: colour, fillOpacity: 0.85, className: "event-dot",
    });
    const title = `${place.name || "?"}: ${n} event${n === 1 ? "" : "s"}`;
    // Tooltip and popup contents are DOM nodes built with textContent, never HTML strings.
    if (labelled) {
      dot.bindTooltip(el("span", { title }, `${place.name || "?"}${n > 1 ? ` · ${n}` : ""}`),
        { permanent: true, direction: "right", className: "place-label", offset: [6, 0] });
    } else dot.bindTooltip(el("span", {}, title));
    if (n === 1 && this.onSelect) {
      dot.on("click", () => this.onSelect(place.events[0].id));
    } else {
      dot.bindPopup(el("div", { class: "place-popup" }, el("strong", {}, title),
        el("ul", {}, place.events.slice(0, 30).map((ev) => el("li", {},
          el("a", { href: `/events/${encodeURIComponent(ev.id)}` },
            `${ev.date || "undated"} ${eventLabel(ev)}`)))),
        n > 30 ? el("p", {}, `and ${n - 30} more`) : null), { maxHeight: 260 });
    }
    return dot;
  }

  /** Fit the view to the dots. When most of them (80 %+) lie together around their median
   * point, the view fits that group and a few far ones are left out; returns how many
   * events are outside the view. */
  fit(events, { maxZoom = 6 } = {}) {
    const pts = events.map((e) => e.location)
      .filter((l) => l && typeof l.lat === "number" && typeof l.lon === "number");
    if (pts.length === 0) return 0;
    const median = (values) => {
      const sorted = [...values].sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)];
    };
    const midLat = median(pts.map((p) => p.lat));
    const midLon = median(pts.map((p) => p.lon));
    const near = pts.filter((p) => Math.abs(p.lat - midLat) <= 25 && Math.abs(p.lon - midLon) <= 35);
    const focus = near.length >= 0.8 * pts.length ? near : pts;
    const bounds = L.latLngBounds(focus.map((p) => [p.lat, p.lon]));
    this.map.fitBounds(bounds.pad(0.5), { maxZoom, animate: false });
    this.declutter();
    const view = this.map.getBounds();
    return pts.filter((p) => !view.contains([p.lat, p.lon])).length;
  }

  /** Hide place labels that would overlap a label of a place with more events. */
  declutter() {
    const labels = [];
    this.dots.eachLayer((dot) => {
      const tip = dot.getTooltip();
      const node = tip && tip.options.permanent ? tip.getElement() : null;
      if (node) labels.push({ node, weight: dot.options.radius });
    });
    labels.sort((a, b) => b.weight - a.weight);
    const shown = [];
    for (const label of labels) {
      label.node.style.visibility = "";
      const box = label.node.getBoundingClientRect();
      const hit = shown.some((o) => box.left < o.right && box.right > o.left
        && box.top < o.bottom && box.bottom > o.top);
      if (hit) label.node.style.visibility = "hidden";
      else shown.push(box);
    }
  }

  /** "minlon,minlat,maxlon,maxlat" of the current view, clamped to the world. */
  bbox() {
    const b = this.map.getBounds();
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
    const r = (v) => Math.round(v * 1000) / 1000;
    return [r(clamp(b.getWest(), -180, 180)), r(clamp(b.getSouth(), -90, 90)),
      r(clamp(b.getEast(), -180, 180)), r(clamp(b.getNorth(), -90, 90))].join(",");
  }

  /** Switch the online tile layer on or off; `onError` hears about tiles that fail. */
  setTiles(on, onError) {
    if (on && !this.tiles) {
      this.tiles = L.tileLayer(TILE_URL, { attribution: TILE_ATTRIBUTION, maxZoom: 12 });
      let reported = false;
      this.tiles.on("tileerror", () => {
        if (!reported && onError) onError();
        reported = true;
      });
      this.tiles.addTo(this.map);
      if (this.countries) this.countries.setStyle({ fillOpacity: 0 });
    } else if (!on && this.tiles) {
      this.map.removeLayer(this.tiles);
      this.tiles = null;
      if (this.countries) this.countries.setStyle({ fillOpacity: 1 });
    }
  }
}

/** A legend of the dot colours, as DOM nodes. */
export function legend() {
  return el("ul", { class: "legend" }, Object.values(FAMILY_COLOURS).map(([colour, label]) => {
    const swatch = el("span", { class: "swatch" });
    swatch.style.backgroundColor = colour;
    return el("li", {}, swatch, label);
  }));
}
