// Shared helpers for the dashboard and the event page: DOM building (text only, never
// HTML strings), the JSON API client with its CSRF header, the sign-in box, and labels.
//
// Security rule for every file in this folder: text that comes from the server (article
// text, titles, URLs, actor names, error messages) is put into the page with textContent or
// as an attribute value, never with innerHTML; a URL becomes an href only after safeHref().

export const PLOVER_TYPES = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];

export const ACLED_TYPES = [
  "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
  "Strategic developments",
];

// ACLED's sub-event types by event type (the ACLED codebook).
export const ACLED_SUB_TYPES = {
  Battles: ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
  "Explosions/Remote violence": ["Chemical weapon", "Air/drone strike", "Suicide bomb",
    "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"],
  "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
  Protests: ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
  Riots: ["Violent demonstration", "Mob violence"],
  "Strategic developments": ["Agreement", "Arrests", "Change to group/activity",
    "Disrupted weapons use", "Headquarters or base established", "Looting/property destruction",
    "Non-violent transfer of territory", "Other"],
};

// One colour per PLOVER family (the store's type families), used by map dots and legend.
const FAMILY = {
  AGREE: "coop", CONSULT: "coop", SUPPORT: "coop", CONCEDE: "coop",
  COOPERATE: "mcoop", AID: "mcoop", RETREAT: "mcoop",
  REQUEST: "verbal", ACCUSE: "verbal", REJECT: "verbal", THREATEN: "verbal",
  PROTEST: "protest", SANCTION: "posture", MOBILIZE: "posture",
  COERCE: "force", ASSAULT: "force",
};
export const FAMILY_COLOURS = {
  force: ["#c0392b", "Force (ASSAULT, COERCE)"],
  protest: ["#e67e22", "Protest"],
  posture: ["#8e44ad", "Posture (MOBILIZE, SANCTION)"],
  verbal: ["#2c7fb8", "Verbal conflict"],
  coop: ["#27ae60", "Verbal cooperation"],
  mcoop: ["#16a085", "Material cooperation"],
};

export function familyColour(eventType) {
  const entry = FAMILY_COLOURS[FAMILY[eventType] || "verbal"];
  return entry[0];
}

/** Build an element: attrs are set as properties/attributes, children are nodes or text. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "href") {
      const safe = safeHref(value);
      if (safe) node.setAttribute("href", safe);
    } else if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), value);
    } else if (key in node && typeof value !== "string") node[key] = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

/** Append nodes or strings (as text nodes); nested arrays are flattened; null is skipped. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** The URL as an absolute http(s) URL string, or null for any other scheme. */
export function safeHref(url) {
  if (typeof url !== "string" || url.trim() === "") return null;
  let parsed;
  try {
    parsed = new URL(url, window.location.origin);
  } catch {
    return null;
  }
  return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
}

const regionNames = typeof Intl.DisplayNames === "function"
  ? new Intl.DisplayNames(["en"], { type: "region" }) : null;

/** "Kazakhstan (KZ)" for an ISO code, the code itself when the browser does not know it. */
export function countryName(code) {
  if (!code) return "";
  try {
    const name = regionNames && /^[A-Za-z]{2}$/.test(code) ? regionNames.of(code.toUpperCase()) : null;
    return name && name !== code.toUpperCase() ? `${name} (${code.toUpperCase()})` : code;
  } catch {
    return code;
  }
}

export function eventLabel(ev) {
  return ev.mode ? `${ev.event_type}:${ev.mode}` : ev.event_type;
}

export function actorNames(list) {
  return (list || []).map((a) => a.name || a.text || "").filter(Boolean).join("; ");
}

export function formatNumber(n) {
  return n === null || n === undefined ? "" : Number(n).toLocaleString("en");
}

// ---------------------------------------------------------------- API client ----------

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const session = { user: null, csrf: null, listeners: [] };

export function currentUser() {
  return session.user;
}

export function onAuthChange(listener) {
  session.listeners.push(listener);
}

function setSession(user, csrf) {
  session.user = user || null;
  session.csrf = csrf || null;
  for (const listener of session.listeners) listener(session.user);
}

/** Call the JSON API; throws ApiError carrying the server's error message. */
export async function api(path, { method = "GET", body } = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && session.csrf) headers["X-CSRF-Token"] = session.csrf;
  let response;
  try {
    response = await fetch(path, {
      method, headers, credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (exc) {
    throw new ApiError(0, "network", `The server cannot be reached (${exc.message}).`);
  }
  let data = null;
  const text = await response.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const err = data && data.error;
    const message = err && err.message ? String(err.message)
      : `${method} ${path} failed: HTTP ${response.status}`;
    throw new ApiError(response.status, err && err.code ? String(err.code) : "http", message);
  }
  return data;
}

export async function loadSession() {
  try {
    const me = await api("/api/me");
    setSession(me && me.user, me && me.csrf_token);
  } catch {
    setSession(null, null);
  }
  return session.user;
}

/** Show a message in a status line (role=status / role=alert); kind: "error" | "ok". */
export function showMessage(node, message, kind = "error") {
  node.textContent = message || "";
  node.className = `message ${message ? kind : ""}`;
  node.hidden = !message;
}

// ---------------------------------------------------------------- sign-in box ---------

/** Render the sign-in box into `box`; it re-renders itself on sign-in and sign-out. */
export function mountSignIn(box) {
  const render = () => {
    clear(box);
    const message = el("p", { class: "message", role: "alert", hidden: true });
    if (session.user) {
      const out = el("button", { type: "button", id: "sign-out" }, "Sign out");
      out.addEventListener("click", async () => {
        try {
          await api("/api/logout", { method: "POST", body: {} });
          setSession(null, null);
        } catch (exc) {
          showMessage(message, exc.message);
        }
      });
      append(box, [el("span", { class: "who" }, "Signed in as ",
        el("strong", { id: "signed-in-user" }, session.user)), out, message]);
      return;
    }
    const user = el("input", { name: "username", id: "login-user", autocomplete: "username",
      placeholder: "user", required: true, "aria-label": "User name" });
    const pass = el("input", { name: "password", id: "login-password", type: "password",
      autocomplete: "current-password", placeholder: "password", required: true,
      "aria-label": "Password" });
    const form = el("form", { id: "sign-in", class: "sign-in" }, user, pass,
      el("button", { type: "submit" }, "Sign in"), message);
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      try {
        const res = await api("/api/login", { method: "POST",
          body: { username: user.value, password: pass.value } });
        setSession(res.user, res.csrf_token);
      } catch (exc) {
        showMessage(message, exc.message);
      }
    });
    box.appendChild(form);
  };
  onAuthChange(render);
  render();
}
