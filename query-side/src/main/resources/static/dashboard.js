// Carebank council dashboard: reads the same API as everyone else, with the signed-in user's role, so a provider
// user sees only its own provider. Refreshes itself when the query side says a view changed (server-sent events).
"use strict";

const state = { auth: null, page: "providers", providers: [], sortKey: "providerId", sortUp: true, thresholds: null,
  charts: {}, client: null };

const $ = (selector) => document.querySelector(selector);
const esc = (value) => String(value ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const isoDate = (date) => date.toISOString().slice(0, 10);

async function api(path, accept = "application/json") {
  const response = await fetch(path, { headers: { Authorization: state.auth, Accept: accept } });
  if (!response.ok) throw new Error(`${response.status} ${path}`);
  return accept === "application/json" ? response.json() : response.text();
}

function period() {
  return `from=${$("#from").value}&to=${$("#to").value}`;
}

// ---- sign in ----
$("#login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  state.auth = "Basic " + btoa(`${$("#username").value}:${$("#password").value}`);
  try {
    state.thresholds = await api("/api/v1/dashboard/thresholds");
  } catch (e) {
    $("#login-error").hidden = false;
    return;
  }
  $("#who").textContent = $("#username").value;
  $("#login").hidden = true;
  $("#app").hidden = false;
  const today = new Date();
  $("#to").value = isoDate(today);
  $("#from").value = isoDate(new Date(today.getTime() - 27 * 86400000));
  $("#week").value = isoWeek(today);
  listen();
  refresh();
});

// ---- pages ----
document.querySelectorAll("nav button").forEach((button) => button.addEventListener("click", () => {
  state.page = button.dataset.page;
  document.querySelectorAll("nav button").forEach((b) => b.classList.toggle("active", b === button));
  document.querySelectorAll("main > section").forEach((s) => (s.hidden = s.dataset.page !== state.page));
  refresh();
}));
["#from", "#to", "#zone", "#week", "#provider-select"].forEach((id) => $(id).addEventListener("change", refresh));

async function refresh() {
  try {
    if (state.page === "providers") await showProviders();
    if (state.page === "provider") await showProvider();
    if (state.page === "travel") await showTravel();
    if (state.page === "timebanks") await showTimeBanks();
  } catch (e) {
    console.warn("refresh failed", e);
  }
}

// ---- providers side by side ----
function rag(value, greenOk, amberOk) {
  if (value === null || value === undefined || Number.isNaN(value)) return "";
  return greenOk(value) ? "green" : amberOk(value) ? "amber" : "red";
}

async function showProviders() {
  const comparison = await api(`/api/v1/performance/providers?${period()}`);
  state.providers = comparison.providers.map((p) => ({
    ...p,
    missedRate: p.visitsScheduled ? Math.round((1000 * p.visitsMissed) / p.visitsScheduled) / 10 : null,
  }));
  renderProviders();
}

function renderProviders() {
  const t = state.thresholds;
  const rows = [...state.providers].sort((a, b) => {
    const x = a[state.sortKey], y = b[state.sortKey];
    const order = typeof x === "number" && typeof y === "number" ? x - y : String(x ?? "").localeCompare(String(y ?? ""));
    return state.sortUp ? order : -order;
  });
  $("#providers-table tbody").innerHTML = rows.map((p) => `
    <tr id="row-${esc(p.providerId)}">
      <td data-field="providerId">${esc(p.providerId)}</td><td data-field="listStatus">${esc(p.listStatus)}</td>
      <td>${esc(p.cqcOverall)}</td><td>${esc(p.cqcWellLed)}</td>
      <td class="n" data-field="visitsScheduled">${p.visitsScheduled}</td>
      <td class="n" data-field="visitsDelivered">${p.visitsDelivered}</td>
      <td class="n" data-field="visitsMissed">${p.visitsMissed}</td>
      <td class="n ${rag(p.missedRate, (v) => v <= t.missedGreenMaxPercent, (v) => v <= t.missedAmberMaxPercent)}"
          data-field="missedRate">${p.missedRate ?? ""}</td>
      <td class="n">${p.visitsLate}</td>
      <td class="n ${rag(p.onTimeRatePercent, (v) => v >= t.onTimeGreenMinPercent, (v) => v >= t.onTimeAmberMinPercent)}"
          data-field="onTimeRatePercent">${p.onTimeRatePercent ?? ""}</td>
      <td class="n" data-field="deliveredMinutes">${p.deliveredMinutes}</td>
      <td class="n">${p.plannedMinutes}</td><td class="n">${p.commissionedMinutes}</td>
    </tr>`).join("");
  const select = $("#provider-select");
  const chosen = select.value;
  select.innerHTML = state.providers.map((p) => `<option>${esc(p.providerId)}</option>`).join("");
  if (chosen) select.value = chosen;
}

document.querySelectorAll("#providers-table th[data-key]").forEach((th) => th.addEventListener("click", () => {
  state.sortUp = state.sortKey === th.dataset.key ? !state.sortUp : true;
  state.sortKey = th.dataset.key;
  renderProviders();
}));

$("#csv").addEventListener("click", async () => {
  const csv = await api(`/api/v1/performance/providers?${period()}`, "text/csv");
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
  link.download = `provider-performance-${$("#from").value}-${$("#to").value}.csv`;
  link.click();
});

// ---- one provider: weekly trend, charter, repeated issues ----
function isoWeek(date) {
  const d = new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((d - yearStart) / 86400000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

function lastMondays(count) {
  const today = new Date();
  const monday = new Date(today.getTime() - ((today.getDay() + 6) % 7) * 86400000);
  return Array.from({ length: count }, (_, i) => new Date(monday.getTime() - (count - 1 - i) * 7 * 86400000));
}

function drawChart(id, labels, datasets) {
  state.charts[id]?.destroy();
  state.charts[id] = new Chart($(`#${id}`), { type: "line", data: { labels, datasets }, options: { animation: false } });
}

async function showProvider() {
  if (!state.providers.length) await showProviders();
  const providerId = $("#provider-select").value;
  if (!providerId) return;
  const mondays = lastMondays(8);
  const weeks = await Promise.all(mondays.map((monday) => api(
    `/api/v1/providers/${encodeURIComponent(providerId)}/performance?from=${isoDate(monday)}&to=${isoDate(new Date(monday.getTime() + 6 * 86400000))}`)));
  const labels = mondays.map(isoWeek);
  drawChart("minutes-chart", labels, [
    { label: "Delivered minutes", data: weeks.map((w) => w.deliveredMinutes) },
    { label: "Planned minutes", data: weeks.map((w) => w.plannedMinutes) },
  ]);
  drawChart("issues-chart", labels, [
    { label: "Missed", data: weeks.map((w) => w.visitsMissed) },
    { label: "Late", data: weeks.map((w) => w.visitsLate) },
  ]);
  const travel = await Promise.all(labels.map((week) =>
    api(`/api/v1/travel/providers/${encodeURIComponent(providerId)}?week=${week}`)));
  drawChart("travel-chart", labels, [
    { label: "Travel minutes per contact hour", data: travel.map((t) => t.travelMinutesPerContactHour ?? 0) },
  ]);
  const charter = await api(`/api/v1/providers/${encodeURIComponent(providerId)}/charter?${period()}`);
  $("#charter-table tbody").innerHTML = charter.measures.map((m) => `
    <tr><td>${esc(m.measure)}</td><td class="n">${esc(m.value)}</td><td>${esc(m.comparison)} ${esc(m.expected)}</td>
    <td class="${m.flag === "MEETS" ? "green" : m.flag === "FALLS_SHORT" ? "red" : ""}">${esc(m.flag)}</td></tr>`).join("");
  const performance = await api(`/api/v1/providers/${encodeURIComponent(providerId)}/performance?${period()}`);
  $("#issues-table tbody").innerHTML = (performance.workersWithRepeatedIssues || []).map((w) => `
    <tr><td>${esc(w.workerId)}</td><td class="n">${w.missed}</td><td class="n">${w.late}</td></tr>`).join("");
}

// ---- travel by zone ----
async function showTravel() {
  const zone = encodeURIComponent($("#zone").value);
  const week = encodeURIComponent($("#week").value);
  const travel = await api(`/api/v1/travel/zones/${zone}?week=${week}`);
  $("#travel-table tbody").innerHTML = travel.providers.map((p) => `
    <tr><td>${esc(p.providerId)}</td><td class="n">${p.visits}</td><td class="n">${p.contactMinutes}</td>
    <td class="n">${p.plannedTravelMinutes}</td><td class="n">${p.actualTravelMinutes}</td>
    <td class="n">${esc(p.travelMinutesPerContactHour)}</td>
    <td class="n ${p.rushedTransitions ? "amber" : ""}">${p.rushedTransitions}</td></tr>`).join("");
}

// ---- time banks ----
async function showTimeBanks() {
  const banks = await api("/api/v1/time-banks");
  $("#banks-table tbody").innerHTML = banks.map((b) => `
    <tr class="clickable" data-client="${esc(b.clientRef)}" id="bank-${esc(b.clientRef)}">
      <td>${esc(b.clientRef)}</td><td class="n" data-field="balanceMinutes">${b.balanceMinutes}</td>
      <td class="n">${b.bankedMinutes}</td><td class="n">${b.drawnMinutes}</td><td class="n">${b.expiredMinutes}</td>
      <td>${esc(b.nextExpiry?.on)}</td><td class="n">${b.nextExpiry?.minutes ?? ""}</td></tr>`).join("");
  document.querySelectorAll("#banks-table tr[data-client]").forEach((row) =>
    row.addEventListener("click", () => { state.client = row.dataset.client; showLedger(); }));
  if (state.client) await showLedger();
}

async function showLedger() {
  const lines = await api(`/api/v1/clients/${encodeURIComponent(state.client)}/time-bank/ledger`);
  $("#ledger-title").hidden = false;
  $("#ledger-title").textContent = `Ledger of ${state.client}`;
  $("#ledger-table").hidden = false;
  $("#ledger-table tbody").innerHTML = lines.map((l) => `
    <tr><td>${esc(l.at)}</td><td>${esc(l.kind)}</td><td class="n">${l.minutes}</td><td class="n">${l.balanceAfter}</td>
    <td>${esc(l.visitId)}</td><td>${esc(l.reason)}</td><td>${esc(l.recordedBy)}</td></tr>`).join("");
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
        pending = setTimeout(refresh, 250);
      }
      if (buffer.length > 10000) buffer = "";
    }
  } catch (e) {
    console.warn("live updates interrupted", e);
  }
  $("#live").textContent = "reconnecting";
  $("#live").classList.remove("on");
  setTimeout(listen, 2000);
}
