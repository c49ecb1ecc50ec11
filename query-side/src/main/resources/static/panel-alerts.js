// The live exceptions panel (issue 20): open and escalated alerts, oldest first, time-critical marked, with an
// Acknowledge button. It hooks into dashboard.js through Dashboard.register (docs/dashboards.md, "Adding a panel"),
// so it follows the period, the signed-in user and the server-sent events (the alerts view announces "alerts").
"use strict";

(() => {
  const esc = (value) => String(value ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const sort = { key: "raisedAt", up: true };
  let latest = null;

  function authorization() {
    try {
      return JSON.parse(sessionStorage.getItem("carebank.session") || "{}").auth;
    } catch (e) {
      return null;
    }
  }

  async function acknowledge(alertId) {
    const response = await fetch(`/api/v1/alerts/${encodeURIComponent(alertId)}/acknowledgement`, {
      method: "POST", headers: { Authorization: authorization(), "Content-Type": "application/json" },
      body: JSON.stringify({ note: "acknowledged on the dashboard" }) });
    const error = document.querySelector("#alerts-error");
    error.hidden = response.ok;
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      error.textContent = problem.detail || `The acknowledgement was refused (${response.status}).`;
    }
    if (latest) setTimeout(() => refresh(latest).catch(() => {}), 500);
  }

  async function refresh(ctx) {
    latest = ctx;
    const alerts = await ctx.api("/api/v1/alerts?open=true&limit=200");
    const now = Date.now();
    const rows = alerts.map((a) => ({ ...a, name: ctx.providerName(a.providerId),
      ageMinutes: Math.max(0, Math.floor((now - Date.parse(a.raisedAt)) / 60000)) }));
    ctx.table("alerts-table", rows, (a) => {
      const urgent = a.kind === "ESCALATED" || a.escalatedAs;
      const marker = urgent ? "red" : a.timeCritical ? "amber" : "";
      return `<tr class="${marker}"><td>${esc(ctx.format.dateTime(a.raisedAt))}</td><td class="n">${a.ageMinutes}</td>
        <td>${a.timeCritical ? "Time-critical: " : ""}${esc(ctx.label(a.kind))}${a.escalatedAs ? " (escalated)" : ""}</td>
        <td>${esc(ctx.label(a.status))}</td><td>${esc(a.name)}</td><td>${esc(a.visitId)}</td><td>${esc(a.clientRef)}</td>
        <td>${a.status === "OPEN" && ctx.caller.role !== "AUDITOR"
          ? `<button type="button" data-alert="${esc(a.alertId)}">Acknowledge</button>` : ""}</td></tr>`;
    }, sort);
    document.querySelectorAll("#alerts-table button[data-alert]")
      .forEach((button) => button.addEventListener("click", () => acknowledge(button.dataset.alert)));
  }

  Dashboard.register({ page: "alerts", refresh });
})();
