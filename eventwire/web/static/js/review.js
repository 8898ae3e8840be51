// Review on the event page, for signed-in users: the edit form (PATCH only the fields that
// changed), reject (two clicks, no browser dialog), merge with another event, and split
// the ticked mentions off into an event of their own.

import { ACLED_SUB_TYPES, ACLED_TYPES, PLOVER_TYPES, api, el, showMessage } from "./common.js";

const $ = (id) => document.getElementById(id);
const COUNTS = ["dead", "injured", "arrested"];

function options(values, { blank = null } = {}) {
  const out = blank === null ? [] : [el("option", { value: "" }, blank)];
  return out.concat(values.map((v) => el("option", { value: v }, v)));
}

function row(label, input, { wide = false } = {}) {
  input.id = `edit-${input.name}`;
  return [el("label", { for: input.id, class: wide ? "wide" : null }, label), input];
}

function buildForm() {
  const f = {
    event_type: el("select", { name: "event_type" }, options(PLOVER_TYPES)),
    mode: el("input", { name: "mode", placeholder: "e.g. riot, arrest" }),
    acled_event_type: el("select", { name: "acled_event_type" }, options(ACLED_TYPES, { blank: "(none)" })),
    acled_sub_event_type: el("select", { name: "acled_sub_event_type" }),
    date: el("input", { name: "date", type: "date" }),
    location_name: el("input", { name: "location_name" }),
    location_country: el("input", { name: "location_country", maxlength: "2", placeholder: "ISO code, e.g. KZ" }),
    location_lat: el("input", { name: "location_lat", inputmode: "decimal" }),
    location_lon: el("input", { name: "location_lon", inputmode: "decimal" }),
    actors: el("textarea", { name: "actors", rows: "2", placeholder: "one actor per line" }),
    dead: el("input", { name: "dead", inputmode: "numeric" }),
    injured: el("input", { name: "injured", inputmode: "numeric" }),
    arrested: el("input", { name: "arrested", inputmode: "numeric" }),
    notes: el("textarea", { name: "notes", rows: "2" }),
  };
  const form = el("form", { id: "edit-form" },
    row("Event type", f.event_type), row("Mode (sub-type)", f.mode),
    row("ACLED type", f.acled_event_type), row("ACLED sub-type", f.acled_sub_event_type),
    row("Date", f.date), row("Place", f.location_name), row("Country", f.location_country),
    row("Latitude", f.location_lat), row("Longitude", f.location_lon),
    row("Actors", f.actors), row("Dead", f.dead), row("Injured", f.injured),
    row("Arrested", f.arrested), row("Notes", f.notes),
    el("div", { class: "actions wide" }, el("button", { type: "submit", id: "save" }, "Save changes")));
  f.acled_event_type.addEventListener("change", () => {
    const subs = ACLED_SUB_TYPES[f.acled_event_type.value] || [];
    const current = f.acled_sub_event_type.value;
    subTypeOptions(f, subs.includes(current) ? current : "");
  });
  return { form, f };
}

/** The sub-type list holds the chosen ACLED type's sub-types (and keeps `keep` if given). */
function subTypeOptions(f, keep) {
  const select = f.acled_sub_event_type;
  while (select.firstChild) select.removeChild(select.firstChild);
  const subs = ACLED_SUB_TYPES[f.acled_event_type.value] || [];
  for (const node of options(subs, { blank: "(none)" })) select.appendChild(node);
  if (keep && !subs.includes(keep)) select.appendChild(el("option", { value: keep }, keep));
  select.value = keep || "";
}

const text = (v) => (v === null || v === undefined ? "" : String(v));

/** Fill the form from the event record. */
function fill(f, ev) {
  const loc = ev.location || {};
  // A value the lists do not know (a newer codebook) is kept, not silently blanked.
  for (const k of ["event_type", "acled_event_type"]) {
    const v = text(ev[k]);
    if (v && ![...f[k].options].some((o) => o.value === v)) f[k].appendChild(el("option", { value: v }, v));
  }
  f.event_type.value = ev.event_type || "";
  f.mode.value = text(ev.mode);
  f.acled_event_type.value = text(ev.acled_event_type);
  subTypeOptions(f, text(ev.acled_sub_event_type));
  f.date.value = text(ev.date);
  f.location_name.value = text(loc.name);
  f.location_country.value = text(loc.country_code || loc.country);
  f.location_lat.value = text(loc.lat);
  f.location_lon.value = text(loc.lon);
  f.actors.value = (ev.actors || []).map((a) => a.name || a.text || "").join("\n");
  for (const k of COUNTS) f[k].value = text(ev[k]);
  f.notes.value = text(ev.notes);
}

function parseCount(name, value) {
  if (value.trim() === "") return null;
  if (!/^\d+$/.test(value.trim())) throw new Error(`${name} must be a whole number (or empty).`);
  return parseInt(value.trim(), 10);
}

function parseCoord(name, value, limit) {
  if (value.trim() === "") return null;
  const n = Number(value.trim());
  if (!Number.isFinite(n) || Math.abs(n) > limit) throw new Error(`${name} must be a number between -${limit} and ${limit}.`);
  return n;
}

function changedLocation(f, ev) {
  const old = ev.location || null;
  const name = f.location_name.value.trim();
  const country = f.location_country.value.trim().toUpperCase();
  const lat = parseCoord("Latitude", f.location_lat.value, 90);
  const lon = parseCoord("Longitude", f.location_lon.value, 180);
  const before = old || {};
  const same = name === text(before.name) && country === text(before.country_code || before.country)
    && lat === (before.lat ?? null) && lon === (before.lon ?? null);
  if (same) return undefined;
  if (!name && !country && lat === null && lon === null) return null;
  if (!name || !country || lat === null || lon === null) {
    throw new Error("A place needs a name, a two-letter country code, a latitude and a longitude (or clear all four).");
  }
  const loc = { name, country_code: country, lat, lon };
  if (before.admin1 && name === text(before.name)) loc.admin1 = before.admin1;
  return loc;
}

function changedActors(f, ev) {
  const names = f.actors.value.split("\n").map((s) => s.trim()).filter(Boolean);
  const old = ev.actors || [];
  if (names.join("\n") === old.map((a) => a.name || a.text || "").join("\n")) return undefined;
  // Kept actors keep their details; empty strings (a coder's blank "text") are left out,
  // since the API refuses them.
  const clean = (a) => Object.fromEntries(["name", "text", "country", "sector"]
    .filter((k) => typeof a[k] === "string" && a[k].trim() !== "").map((k) => [k, a[k]]));
  return names.map((name) => {
    const known = old.find((a) => (a.name || a.text) === name);
    return known ? { ...clean(known), name } : { name, text: name };
  });
}

/** {field: value} for the fields the form changed. Throws Error on a bad value. */
function changes(f, ev) {
  const out = {};
  const str = (k, input, { upper = false } = {}) => {
    let v = input.value.trim();
    if (upper) v = v.toUpperCase();
    if (v !== text(ev[k])) out[k] = v === "" ? null : v;
  };
  str("event_type", f.event_type);
  str("mode", f.mode);
  str("acled_event_type", f.acled_event_type);
  str("acled_sub_event_type", f.acled_sub_event_type);
  // The API checks the sub-type against the type, so the two travel together.
  if ("acled_event_type" in out || "acled_sub_event_type" in out) {
    out.acled_event_type = f.acled_event_type.value || null;
    out.acled_sub_event_type = f.acled_sub_event_type.value || null;
  }
  str("date", f.date);
  str("notes", f.notes);
  for (const k of COUNTS) {
    const v = parseCount(k[0].toUpperCase() + k.slice(1), f[k].value);
    if (v !== (ev[k] ?? null)) out[k] = v;
  }
  const loc = changedLocation(f, ev);
  if (loc !== undefined) out.location = loc;
  const actors = changedActors(f, ev);
  if (actors !== undefined) out.actors = actors;
  return out;
}

/** The id of the event a merge or split response points to, if any. */
function resultId(res, fallback) {
  if (!res || typeof res !== "object") return fallback;
  const ev = res.event || res.merged || res.new_event || null;
  if (ev && ev.id) return String(ev.id);
  if (typeof res.id === "string") return res.id;
  if (Array.isArray(res.new_ids) && res.new_ids.length) return String(res.new_ids[0]);
  return fallback;
}

/** Wire the review panel. Returns {load(event)} to refill the form after each reload. */
export function mountEditor({ page, box, message, reload, onNavigate }) {
  const { form, f } = buildForm();
  box.appendChild(form);
  const ok = (m) => showMessage(message, m, "ok");
  const fail = (m) => showMessage(message, m, "error");

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const ev = page.data && page.data.event;
    if (!ev) return;
    let body;
    try {
      body = changes(f, ev);
    } catch (exc) {
      fail(exc.message);
      return;
    }
    const names = Object.keys(body);
    if (!names.length) {
      ok("Nothing changed.");
      return;
    }
    try {
      await api(`/api/events/${encodeURIComponent(page.id)}`, { method: "PATCH", body });
      await reload();
      ok(`Saved: ${names.join(", ")}.`);
    } catch (exc) {
      fail(exc.message);
    }
  });

  const reject = $("reject");
  const confirm = $("reject-confirm");
  const cancel = $("reject-cancel");
  const armed = (on) => {
    reject.hidden = on;
    confirm.hidden = !on;
    cancel.hidden = !on;
  };
  const restore = $("restore");
  restore.addEventListener("click", async () => {
    try {
      await api(`/api/events/${encodeURIComponent(page.id)}`, { method: "PATCH", body: { status: "active" } });
      await reload();
      ok("Restored: the event is active again.");
    } catch (exc) {
      fail(exc.message);
    }
  });
  reject.addEventListener("click", () => armed(true));
  cancel.addEventListener("click", () => armed(false));
  confirm.addEventListener("click", async () => {
    armed(false);
    try {
      await api(`/api/events/${encodeURIComponent(page.id)}/reject`, { method: "POST", body: {} });
      await reload();
      ok("Rejected: the event is left out of exports and the dashboard.");
    } catch (exc) {
      fail(exc.message);
    }
  });

  $("merge-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const other = $("merge-id").value.trim();
    if (!other || other === page.id) {
      fail("Give the id of another event to merge with.");
      return;
    }
    try {
      const res = await api("/api/events/merge", { method: "POST", body: { ids: [page.id, other] } });
      const target = resultId(res, page.id);
      if (target !== page.id) onNavigate(target);
      else {
        await reload();
        ok(`Merged ${other} into this event.`);
      }
    } catch (exc) {
      fail(exc.message);
    }
  });

  $("split").addEventListener("click", async () => {
    const ids = [...page.selected];
    if (!ids.length) {
      fail("Tick at least one mention to split off.");
      return;
    }
    const mentionIds = ids.map((id) => (/^\d+$/.test(id) ? Number(id) : id));
    try {
      const res = await api(`/api/events/${encodeURIComponent(page.id)}/split`,
        { method: "POST", body: { mention_ids: mentionIds } });
      page.selected.clear();
      await reload();
      const target = resultId(res, null);
      clearChildren(message);
      showMessage(message, `Split ${ids.length} mention${ids.length === 1 ? "" : "s"} off`
        + (target && target !== page.id ? ` into event ${target}.` : "."), "ok");
      if (target && target !== page.id) {
        message.appendChild(document.createTextNode(" "));
        message.appendChild(el("a", { href: `/events/${encodeURIComponent(target)}`, id: "split-result" }, "Open it"));
      }
    } catch (exc) {
      fail(exc.message);
    }
  });

  return {
    load: (ev) => {
      fill(f, ev);
      const rejected = ev.status === "rejected";
      armed(false);
      reject.hidden = rejected;
      restore.hidden = !rejected;
    },
  };
}

function clearChildren(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}
