// Carebank council dashboard: reads the same API as everyone else, with the signed-in user's role, so a provider
// user sees only its own provider. Refreshes itself when the query side says a view changed (server-sent events).
//
// Panels of other features hook in without touching this file: a page section in index.html
// (<section data-page="alerts" data-title="Alerts">) and a script (panel-alerts.js) that calls
//   Dashboard.register({ page: "alerts", refresh: async (ctx) => { ... } });
// refresh(ctx) runs when the panel's page is shown, when the period changes and when new events arrive (ctx.reason
// says which: "shown", "period", "live"). ctx.api(path, accept) fetches with the signed-in user's credentials;
// ctx.period is {from, to} (local dates, both included); ctx.caller is {user, role, providerId}; ctx.format.dateTime(iso),
// ctx.format.date(iso) write dates in the council's time zone; ctx.label(value) gives an enum's plain-English label;
// ctx.providerName(id) the provider's name; ctx.table(...) renders an accessible sortable table (see renderTable).
"use strict";

const SESSION_KEY = "carebank.session";
const state = {
  auth: null, user: null, providerId: null, page: "providers", providers: [], names: {}, thresholds: null,
  timeZone: "Europe/London", charts: {}, client: null, visitList: null, panels: [],
  sort: { providers: { key: "name", up: true } },
};

const $ = (selector) => document.querySelector(selector);
const esc = (value) => String(value ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// ---- plain English for the API's enum values ----
const LABELS = {
  ADMITTED: "Admitted", SUSPENDED: "Suspended",
  OUTSTANDING: "Outstanding", GOOD: "Good", REQUIRES_IMPROVEMENT: "Requires improvement", INADEQUATE: "Inadequate",
  SCHEDULED: "Scheduled", IN_PROGRESS: "In progress", DELIVERED: "Delivered", CANCELLED: "Cancelled", MISSED: "Missed",
  MEETS: "Meets", FALLS_SHORT: "Falls short", NO_DATA: "No data", AT_MOST: "at most", AT_LEAST: "at least",
  VISITS_PLANNED_UNDER_15_MINUTES: "Visits planned under 15 minutes",
  VISITS_PLANNED_UNDER_30_MINUTES: "Visits planned under 30 minutes",
  VISITS_DELIVERED_SHORT: "Visits delivered short",
  RUSHED_TRANSITIONS_PER_100_VISITS: "Rushed transitions per 100 visits",
  LEGS_WITH_TRAVEL_RECORDED: "Journeys with travel time in the roster",
  MAIN_WORKER_SHARE: "Visits by the client's main worker",
  ZERO_HOURS_WORKERS: "Workers on zero-hours contracts",
  PERCENT: "%", PER_100_VISITS: "per 100 visits",
  BANKED: "Banked", DRAWN: "Drawn down", EXPIRED: "Expired", ADJUSTED: "Adjusted by the council",
  CLIENT: "client", PROVIDER: "provider", COUNCIL: "council", AUDITOR: "auditor", ADMIN: "admin", SYSTEM: "the service",
  ROSTER: "Roster", ESTIMATE: "Estimated", UNKNOWN: "Unknown",
  APP_GPS: "app (GPS)", TELEPHONY: "telephone", MANUAL: "entered by hand", ECM: "call monitoring", IMPORT: "import",
  true: "yes", false: "no",
  VisitScheduled: "Scheduled", VisitRescheduled: "Rescheduled", VisitReassigned: "Reassigned to another worker",
  VisitCheckedIn: "Checked in", VisitCheckedOut: "Checked out", VisitDelivered: "Delivered",
  VisitCancelled: "Cancelled", VisitMissed: "Flagged missed", UnusedTimeBanked: "Unused time banked",
  VisitAmendmentRequested: "Amendment requested", VisitAmendmentApproved: "Amendment approved",
  VisitAmendmentRejected: "Amendment rejected",
  PENDING: "Pending", APPROVED: "Approved", REJECTED: "Rejected",
  WORKER_DID_NOT_CHECK_IN: "Worker did not check in", WORKER_DID_NOT_CHECK_OUT: "Worker did not check out",
  DEVICE_OR_SIGNAL_FAILURE: "Device or signal failure", CLIENT_PHONE_UNAVAILABLE: "Client's phone unavailable",
  WRONG_TIME_RECORDED: "Wrong time recorded", VISIT_NOT_DELIVERED: "Visit not delivered", OTHER: "Other",
  VERIFIED: "Verified", EXCEPTION: "Exception", AMENDED: "Amended",
  OVERDUE: "Overdue", ESCALATED: "Escalated", OPEN: "Open", ACKNOWLEDGED: "Acknowledged", RESOLVED: "Resolved",
  WORKER_ARRIVED: "Worker arrived", VISIT_REARRANGED: "Visit rearranged", CLIENT_SAFE_NOT_VISITED: "Client safe, not visited",
  CLIENT_NOT_AT_HOME: "Client not at home",
  AlertRaised: "Alert raised", AlertAcknowledged: "Alert acknowledged", AlertResolved: "Alert resolved",
  AlertEscalated: "Alert escalated",
};
const label = (value) => (value === null || value === undefined ? "" : LABELS[value] ?? String(value));

// ---- dates and times in the council's time zone ----
const format = {
  dateTime(iso) {
    if (!iso) return "";
    return new Intl.DateTimeFormat("en-GB", { timeZone: state.timeZone, dateStyle: "medium", timeStyle: "short" })
      .format(new Date(iso));
  },
  date(iso) {
    if (!iso) return "";
    // A local date (2026-11-24) is a calendar day, not an instant: format it as is.
    const [y, m, d] = String(iso).slice(0, 10).split("-").map(Number);
    return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", dateStyle: "medium" }).format(new Date(Date.UTC(y, m - 1, d)));
  },
};

// ---- the API ----
async function api(path, accept = "application/json") {
  const response = await fetch(path, { headers: { Authorization: state.auth, Accept: accept } });
  if (response.status === 401) { signOut(); throw new Error("signed out"); }
  if (!response.ok) throw new Error(`${response.status} ${path}`);
  return accept === "application/json" ? response.json() : response.text();
}

async function download(path, fileName) {
  const csv = await api(path, "text/csv");
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}

const period = () => ({ from: $("#from").value, to: $("#to").value });
const periodQuery = () => `from=${period().from}&to=${period().to}`;
const providerName = (id) => state.names[id] || id;

// ---- sign in; kept in this tab's session storage so that a reload keeps the user signed in ----
$("#login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const auth = "Basic " + btoa(`${$("#username").value}:${$("#password").value}`);
  $("#password").value = "";
  if (!(await start(auth, $("#username").value))) {
    $("#login-error").hidden = false;
    $("#username").focus();
  }
});

$("#sign-out").addEventListener("click", signOut);

function signOut() {
  sessionStorage.removeItem(SESSION_KEY);
  location.reload();
}

async function start(auth, user) {
  state.auth = auth;
  let defaults;
  try {
    [state.thresholds, defaults] = await Promise.all([
      api("/api/v1/dashboard/thresholds"), api("/api/v1/dashboard/defaults")]);
  } catch (e) {
    state.auth = null;
    sessionStorage.removeItem(SESSION_KEY);
    return false;
  }
  sessionStorage.setItem(SESSION_KEY, JSON.stringify({ auth, user }));
  state.user = user;
  state.timeZone = defaults.timeZone;
  state.role = defaults.role;
  state.providerId = defaults.providerId ?? null;
  $("#who").textContent = `Signed in as ${user} (${label(defaults.role)})`;
  $("#sign-out").hidden = false;
  $("#login").hidden = true;
  $("#app").hidden = false;
  $("#from").value = defaults.from;
  $("#to").value = defaults.to;
  $("#period-note").textContent = `Dates and times in ${defaults.timeZone}. Today is ${format.date(defaults.today)}.`;
  const providers = await api("/api/v1/providers");
  state.providers = providers;
  providers.forEach((p) => (state.names[p.providerId] = p.name));
  fillProviderSelect();
  fillZones();
  buildNav();
  listen();
  await refresh("shown");
  return true;
}

// ---- pages: one nav button per <section data-page data-title>, panels' sections included ----
function buildNav() {
  const sections = [...document.querySelectorAll("#app > section[data-page]")];
  $("#pages").innerHTML = sections.map((s) =>
    `<li><button type="button" data-page="${esc(s.dataset.page)}">${esc(s.dataset.title || s.dataset.page)}</button></li>`).join("");
  document.querySelectorAll("#pages button").forEach((button) =>
    button.addEventListener("click", () => show(button.dataset.page)));
  show(state.page, false);
}

function show(page, load = true) {
  state.page = page;
  document.querySelectorAll("#pages button").forEach((b) =>
    b.dataset.page === page ? b.setAttribute("aria-current", "page") : b.removeAttribute("aria-current"));
  document.querySelectorAll("#app > section[data-page]").forEach((s) => (s.hidden = s.dataset.page !== page));
  if (load) refresh("shown");
}

$("#from").addEventListener("change", () => periodChanged());
$("#to").addEventListener("change", () => periodChanged());
$("#provider-select").addEventListener("change", () => { state.visitList = null; refresh("shown"); });
$("#visit-issue").addEventListener("change", () => showVisits());
$("#visit-worker").addEventListener("change", () => showVisits());
$("#zone").addEventListener("change", () => showTravel());
$("#week").addEventListener("change", () => showTravel());

function periodChanged() {
  const { from, to } = period();
  if (!from || !to || to < from) {
    $("#status").textContent = "Choose a period whose end is not before its start.";
    return;
  }
  fillWeeks();
  refresh("period");
}

const pages = {
  providers: showProviders,
  provider: showProvider,
  travel: showTravel,
  timebanks: showTimeBanks,
};

async function refresh(reason) {
  $("#status").textContent = "Loading…";
  try {
    if (pages[state.page]) await pages[state.page]();
    for (const panel of state.panels.filter((p) => p.page === state.page)) await panel.refresh(context(reason));
    $("#status").textContent = `Figures for ${format.date(period().from)} to ${format.date(period().to)}.`;
  } catch (e) {
    console.warn("refresh failed", e);
    $("#status").textContent = "Some figures could not be loaded; they will be retried when new events arrive.";
  }
}

function context(reason) {
  return { reason, api, period: period(), caller: { user: state.user, role: state.role, providerId: state.providerId }, format, label,
    providerName, table: renderTable, timeZone: state.timeZone };
}

window.Dashboard = {
  /** A panel: {page, refresh(ctx)}. Its page is the data-page of its section in index.html. */
  register(panel) {
    state.panels.push(panel);
    if (!state.auth) return; // registered before sign-in, as a deferred panel script is: picked up by start()
    buildNav(); // a section added after sign-in gets its nav button now
    if (panel.page === state.page) panel.refresh(context("shown"));
  },
};

// ---- accessible sortable tables: headings are buttons, the sorted one carries aria-sort ----
function renderTable(tableId, rows, rowHtml, sort) {
  const table = document.getElementById(tableId);
  table.latest = { rows, rowHtml };
  if (sort) {
    table.querySelectorAll("th[data-key]").forEach((th) => {
      if (!th.querySelector("button")) {
        th.innerHTML = `<button type="button" class="sort">${th.innerHTML}</button>`;
        th.querySelector("button").addEventListener("click", () => {
          sort.up = sort.key === th.dataset.key ? !sort.up : true;
          sort.key = th.dataset.key;
          renderTable(tableId, table.latest.rows, table.latest.rowHtml, sort);
          th.querySelector("button").focus();
        });
      }
      if (th.dataset.key === sort.key) th.setAttribute("aria-sort", sort.up ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
    rows = [...rows].sort((a, b) => {
      const x = a[sort.key], y = b[sort.key];
      const order = typeof x === "number" && typeof y === "number" ? x - y
        : String(x ?? "").localeCompare(String(y ?? ""));
      return sort.up ? order : -order;
    });
  }
  table.querySelector("tbody").innerHTML = rows.length
    ? rows.map(rowHtml).join("")
    : `<tr><td colspan="${table.querySelectorAll("thead th").length}">Nothing in this period.</td></tr>`;
}

// ---- providers side by side ----
function rag(value, greenOk, amberOk) {
  if (value === null || value === undefined || Number.isNaN(value)) return { css: "", text: "" };
  if (greenOk(value)) return { css: "green", text: "green" };
  return amberOk(value) ? { css: "amber", text: "amber" } : { css: "red", text: "red" };
}

const ragCell = (field, value, mark) =>
  `<td class="n ${mark.css}" data-field="${field}">${value ?? "—"}${mark.text ? `<span class="mark"> ${mark.text}</span>` : ""}</td>`;

async function showProviders() {
  const comparison = await api(`/api/v1/performance/providers?${periodQuery()}`);
  const t = state.thresholds;
  const rows = comparison.providers.map((p) => ({
    ...p, name: p.name || providerName(p.providerId),
    missedRate: p.visitsScheduled ? Math.round((1000 * p.visitsMissed) / p.visitsScheduled) / 10 : null,
    billedPounds: p.cost ? p.cost.billedPence / 100 : null,
    costPerHour: p.cost?.costPerContactHourPence ?? null,
  }));
  const pounds = (pence) => (pence === null || pence === undefined ? "" : `£${(Number(pence) / 100).toFixed(2)}`);
  renderTable("providers-table", rows, (p) => `
    <tr id="row-${esc(p.providerId)}">
      <td data-field="providerId" data-id="${esc(p.providerId)}"><button type="button" class="link"
        data-open="${esc(p.providerId)}">${esc(p.name)}</button></td>
      <td data-field="listStatus">${esc(label(p.listStatus))}</td>
      <td>${esc(label(p.cqcOverall))}</td><td>${esc(label(p.cqcWellLed))}</td>
      <td class="n" data-field="visitsScheduled">${p.visitsScheduled}</td>
      <td class="n" data-field="visitsDelivered">${p.visitsDelivered}</td>
      <td class="n" data-field="visitsMissed">${p.visitsMissed}</td>
      ${ragCell("missedRate", p.missedRate, rag(p.missedRate, (v) => v <= t.missedGreenMaxPercent, (v) => v <= t.missedAmberMaxPercent))}
      <td class="n" data-field="visitsLate">${p.visitsLate}</td>
      <td class="n" data-field="visitsShort">${p.visitsShort}</td>
      ${ragCell("onTimeRatePercent", p.onTimeRatePercent, rag(p.onTimeRatePercent, (v) => v >= t.onTimeGreenMinPercent, (v) => v >= t.onTimeAmberMinPercent))}
      <td class="n" data-field="deliveredMinutes">${p.deliveredMinutes}</td>
      <td class="n">${p.plannedMinutes}</td><td class="n">${p.commissionedMinutes}</td>
      <td class="n" data-field="billedPence">${pounds(p.cost?.billedPence)}</td>
      <td class="n" data-field="costPerContactHourPence">${pounds(p.cost?.costPerContactHourPence)}${
        p.cost?.commissionedRatePence ? ` <span class="hint">(rate ${pounds(p.cost.commissionedRatePence)})</span>` : ""}</td>
    </tr>`, state.sort.providers);
}

$("#providers-table").addEventListener("click", (event) => {
  const button = event.target.closest("button[data-open]");
  if (!button) return;
  $("#provider-select").value = button.dataset.open;
  state.visitList = null;
  show("provider");
});

$("#providers-csv").addEventListener("click", () =>
  download(`/api/v1/performance/providers?${periodQuery()}`, `provider-performance-${period().from}-${period().to}.csv`));

function fillProviderSelect() {
  const select = $("#provider-select");
  select.innerHTML = state.providers
    .map((p) => `<option value="${esc(p.providerId)}">${esc(p.name || p.providerId)}</option>`).join("");
}

// ---- weeks of the period: each ISO week it touches, clipped to the period ----
const DAY = 86400000;
const utcDate = (iso) => new Date(`${iso}T00:00:00Z`);
const isoOf = (date) => date.toISOString().slice(0, 10);

function isoWeek(date) {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((d - yearStart) / DAY + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** At most 26 weeks (the last ones of a longer period), so that a chart stays readable and quick. */
function weeksOfPeriod() {
  const from = utcDate(period().from), to = utcDate(period().to);
  let monday = new Date(from.getTime() - ((from.getUTCDay() + 6) % 7) * DAY);
  const weeks = [];
  for (; monday <= to; monday = new Date(monday.getTime() + 7 * DAY)) {
    const sunday = new Date(monday.getTime() + 6 * DAY);
    weeks.push({ week: isoWeek(monday), from: isoOf(monday < from ? from : monday), to: isoOf(sunday > to ? to : sunday) });
  }
  return weeks.slice(-26);
}

function fillWeeks() {
  const select = $("#week");
  const chosen = select.value;
  const weeks = weeksOfPeriod();
  select.innerHTML = weeks.map((w) => `<option value="${w.week}">${w.week} (${format.date(w.from)} to ${format.date(w.to)})</option>`).join("");
  select.value = weeks.some((w) => w.week === chosen) ? chosen : weeks[weeks.length - 1]?.week ?? "";
}

// ---- charts with a text alternative and a data table each; colours from the Okabe-Ito palette ----
const COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7"];

function drawChart(id, type, labels, datasets, stacked = false) {
  state.charts[id]?.destroy();
  const canvas = document.getElementById(id);
  state.charts[id] = new Chart(canvas, {
    type,
    data: {
      labels,
      datasets: datasets.map((d, i) => ({
        ...d, borderColor: COLOURS[i], backgroundColor: COLOURS[i], borderWidth: 2,
        borderDash: type === "line" && i % 2 ? [6, 4] : [], pointStyle: ["circle", "rect", "triangle"][i % 3],
      })),
    },
    options: {
      animation: false, responsive: true, maintainAspectRatio: true,
      scales: { x: { stacked }, y: { stacked, beginAtZero: true } },
      plugins: { legend: { labels: { usePointStyle: true } } },
    },
  });
  const caption = canvas.parentElement.querySelector("figcaption").textContent;
  const totals = datasets.map((d) => `${d.label}: ${d.data.reduce((a, b) => a + (b || 0), 0)} in total`).join("; ");
  canvas.setAttribute("aria-label", `${caption}. ${totals}. The table below the chart lists each week.`);
  const figure = canvas.parentElement;
  figure.querySelector("details")?.remove();
  figure.insertAdjacentHTML("beforeend", `
    <details open><summary>The figures of this chart</summary>
    <div class="scroll" role="region" aria-label="${esc(caption)}, as a table" tabindex="0"><table>
      <caption>${esc(caption)}</caption>
      <thead><tr><th scope="col">Week</th>${datasets.map((d) => `<th scope="col" class="n">${esc(d.label)}</th>`).join("")}</tr></thead>
      <tbody>${labels.map((l, i) => `<tr><th scope="row">${esc(l)}</th>${datasets
        .map((d) => `<td class="n">${d.data[i] ?? "—"}</td>`).join("")}</tr>`).join("")}</tbody>
    </table></div></details>`);
}

// ---- one provider: charts over the period, charter, repeated issues, visits and their history ----
async function showProvider() {
  const providerId = $("#provider-select").value;
  if (!providerId) return;
  const id = encodeURIComponent(providerId);
  $("#provider-title").textContent = providerName(providerId);
  const weeks = weeksOfPeriod();
  const [perf, travel, charter, performance, workers] = await Promise.all([
    Promise.all(weeks.map((w) => api(`/api/v1/providers/${id}/performance?from=${w.from}&to=${w.to}`))),
    Promise.all(weeks.map((w) => api(`/api/v1/travel/providers/${id}?week=${w.week}`))),
    api(`/api/v1/providers/${id}/charter?${periodQuery()}`),
    api(`/api/v1/providers/${id}/performance?${periodQuery()}`),
    api(`/api/v1/providers/${id}/workers`).catch(() => []),
  ]);
  const labels = weeks.map((w) => w.week);
  drawChart("minutes-chart", "line", labels, [
    { label: "Delivered minutes", data: perf.map((w) => w.deliveredMinutes) },
    { label: "Planned minutes", data: perf.map((w) => w.plannedMinutes) },
  ]);
  drawChart("issues-chart", "bar", labels, [
    { label: "Missed", data: perf.map((w) => w.visitsMissed) },
    { label: "Late", data: perf.map((w) => w.visitsLate) },
    { label: "Short", data: perf.map((w) => w.visitsShort) },
  ]);
  drawChart("travel-chart", "bar", labels, [
    { label: "Travel minutes", data: travel.map((t) => t.travelMinutes ?? 0) },
    { label: "Waiting minutes", data: travel.map((t) => t.waitingMinutes ?? 0) },
  ], true);
  renderTable("charter-table", charter.measures, (m) => `
    <tr><th scope="row">${esc(label(m.measure))}</th><td class="n">${esc(m.value ?? "—")} ${esc(label(m.unit))}</td>
    <td>${esc(label(m.comparison))} ${esc(m.expected)} ${esc(label(m.unit))}</td>
    <td class="${m.flag === "MEETS" ? "green" : m.flag === "FALLS_SHORT" ? "red" : ""}">${esc(label(m.flag))}</td></tr>`);
  renderTable("issues-table", performance.workersWithRepeatedIssues || [], (w) => `
    <tr><td>${esc(w.workerId)}</td><td class="n">${w.missed}</td><td class="n">${w.late}</td></tr>`);
  const worker = $("#visit-worker");
  const chosen = worker.value;
  worker.innerHTML = `<option value="">Any worker</option>` + (workers || [])
    .map((w) => `<option value="${esc(w.workerId)}">${esc(w.workerId)}</option>`).join("");
  worker.value = [...worker.options].some((o) => o.value === chosen) ? chosen : "";
  await showVisits();
}

function visitsPath() {
  const id = encodeURIComponent($("#provider-select").value);
  const issue = $("#visit-issue").value, worker = $("#visit-worker").value;
  return `/api/v1/providers/${id}/visits?${periodQuery()}${issue ? `&issue=${issue}` : ""}${worker ? `&workerId=${encodeURIComponent(worker)}` : ""}`;
}

function outcome(v) {
  const parts = [label(v.status)];
  if (v.late) parts.push("late");
  if (v.short) parts.push("short");
  if (v.missedAlerted && v.status !== "MISSED") parts.push("after a missed alert");
  if (v.timeCritical) parts.push("time-critical");
  return parts.join(", ");
}

async function showVisits() {
  if (!$("#provider-select").value) return;
  const list = await api(visitsPath());
  const chosen = $("#visit-issue").selectedOptions[0].textContent.toLowerCase();
  $("#visits-caption").textContent = `${providerName(list.providerId)}: ${chosen}, ${list.count} visit${list.count === 1 ? "" : "s"}`
    + (list.truncated ? " (the first 5,000; choose a shorter period)" : "");
  renderTable("visits-table", list.visits, (v) => `
    <tr id="visit-${esc(v.visitId)}"><td>${esc(format.dateTime(v.plannedStart))}</td><td>${esc(v.workerId)}</td>
      <td>${esc(v.clientRef)}</td><td class="n">${v.plannedMinutes}</td><td>${esc(outcome(v))}</td>
      <td>${esc(format.dateTime(v.checkedInAt))}</td><td>${esc(format.dateTime(v.checkedOutAt))}</td>
      <td class="n">${v.deliveredMinutes ?? ""}</td>
      <td><button type="button" data-history="${esc(v.visitId)}" aria-label="History of visit ${esc(v.visitId)}">History</button></td></tr>`);
}

$("#visits-table").addEventListener("click", (event) => {
  const button = event.target.closest("button[data-history]");
  if (button) showHistory(button.dataset.history);
});

$("#visits-csv").addEventListener("click", () =>
  download(visitsPath(), `visits-${$("#provider-select").value}-${period().from}-${period().to}.csv`));

/** An event's facts as "name: value" pairs, nested records (a visit's plan) flattened one level. */
function details(facts) {
  const flat = Object.entries(facts || {}).flatMap(([key, value]) =>
    value && typeof value === "object" && !Array.isArray(value) ? Object.entries(value) : [[key, value]]);
  return flat
    .filter(([key, value]) => value !== null && typeof value !== "object" && !/^(visitId|providerId)$/.test(key))
    .map(([key, value]) => `${key.replace(/([A-Z])/g, " $1").toLowerCase()}: ${/^\d{4}-\d{2}-\d{2}T/.test(String(value)) ? format.dateTime(value) : label(value)}`)
    .join("; ");
}

async function showHistory(visitId) {
  const history = await api(`/api/v1/visits/${encodeURIComponent(visitId)}/history`);
  $("#history").hidden = false;
  $("#history-title").textContent = `History of visit ${visitId}`;
  renderTable("history-table", history.events, (e) => `
    <tr><td>${esc(format.dateTime(e.at))}</td><td>${esc(label(e.event))}</td><td>${esc(details(e.facts))}</td>
      <td>${esc(e.principal)} (${esc(label(e.role))})</td></tr>`);
  $("#history-title").focus();
}

// ---- travel and waiting by zone and ISO week ----
function fillZones() {
  const zones = [...new Set(state.providers.flatMap((p) => p.zones || []))].sort();
  $("#zone").innerHTML = zones.map((z) => `<option>${esc(z)}</option>`).join("");
  fillWeeks();
}

const travelPath = () => `/api/v1/travel/zones/${encodeURIComponent($("#zone").value)}?week=${encodeURIComponent($("#week").value)}`;

async function showTravel() {
  if (!$("#zone").value || !$("#week").value) return;
  const travel = await api(travelPath());
  renderTable("travel-table", travel.providers, (p) => `
    <tr id="travel-${esc(p.providerId)}"><th scope="row">${esc(providerName(p.providerId))}</th>
    <td class="n">${p.visits}</td><td class="n">${p.contactMinutes}</td>
    <td class="n">${p.plannedTravelMinutes}</td><td class="n" data-field="travelMinutes">${p.travelMinutes}</td>
    <td class="n" data-field="waitingMinutes">${p.waitingMinutes}</td><td class="n">${p.actualTravelMinutes}</td>
    <td class="n">${esc(p.travelMinutesPerContactHour ?? "—")}</td>
    <td class="n ${p.rushedTransitions ? "amber" : ""}">${p.rushedTransitions}</td></tr>`);
}

$("#travel-csv").addEventListener("click", () =>
  download(travelPath(), `travel-${$("#zone").value}-${$("#week").value}.csv`));

// ---- time banks ----
async function showTimeBanks() {
  const banks = await api("/api/v1/time-banks");
  renderTable("banks-table", banks, (b) => `
    <tr id="bank-${esc(b.clientRef)}">
      <td><button type="button" class="link" data-client="${esc(b.clientRef)}">${esc(b.clientRef)}</button></td>
      <td class="n" data-field="balanceMinutes">${b.balanceMinutes}</td>
      <td class="n">${b.bankedMinutes}</td><td class="n">${b.drawnMinutes}</td><td class="n">${b.expiredMinutes}</td>
      <td>${esc(format.date(b.nextExpiry?.on))}</td><td class="n">${b.nextExpiry?.minutes ?? ""}</td></tr>`);
  if (state.client) await showLedger(false);
}

$("#banks-table").addEventListener("click", (event) => {
  const button = event.target.closest("button[data-client]");
  if (button) { state.client = button.dataset.client; showLedger(true); }
});

async function showLedger(focus) {
  const lines = await api(`/api/v1/clients/${encodeURIComponent(state.client)}/time-bank/ledger`);
  $("#ledger-title").hidden = false;
  $("#ledger-title").textContent = `Ledger of ${state.client}`;
  $("#ledger-region").hidden = false;
  renderTable("ledger-table", lines, (l) => `
    <tr><td>${esc(format.dateTime(l.at))}</td><td>${esc(label(l.kind))}</td><td class="n">${l.minutes}</td>
    <td class="n">${l.balanceAfter}</td><td>${esc(l.visitId)}</td><td>${esc(l.reason)}</td><td>${esc(l.recordedBy)}</td></tr>`);
  if (focus) $("#ledger-title").focus();
}

// ---- live updates: fetch-based server-sent events, since EventSource cannot send credentials ----
let pending = null;
async function listen() {
  try {
    const response = await fetch("/api/v1/live", { headers: { Authorization: state.auth, Accept: "text/event-stream" } });
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    $("#live").textContent = "live";
    $("#live").classList.add("on");
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      if (buffer.includes("event:changed")) {
        buffer = "";
        clearTimeout(pending);
        pending = setTimeout(() => refresh("live"), 250);
      }
      if (buffer.length > 10000) buffer = "";
    }
  } catch (e) {
    console.warn("live updates interrupted", e);
  }
  $("#live").textContent = "reconnecting";
  $("#live").classList.remove("on");
  if (state.auth) setTimeout(listen, 2000);
}

// ---- a reload keeps the sign-in of this tab ----
(async () => {
  const saved = JSON.parse(sessionStorage.getItem(SESSION_KEY) || "null");
  if (saved && !(await start(saved.auth, saved.user))) $("#login").hidden = false;
})();
