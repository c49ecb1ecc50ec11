// The live exceptions panel: open and escalated alerts, oldest first, time-critical marked. It refreshes with the rest
// of the dashboard, which the server-sent events of dashboard.js drive (the alerts view announces itself as "alerts").
// Kept in its own file so that panels built in parallel merge cleanly; it wraps dashboard.js's refresh().
"use strict";

(() => {
  const previousRefresh = refresh;

  async function showAlerts() {
    const panel = document.querySelector("#alerts-panel");
    if (!state.auth) return;
    panel.hidden = false;
    const alerts = await api("/api/v1/alerts?open=true&limit=200");
    const now = Date.now();
    document.querySelector("#alerts-table tbody").innerHTML = alerts.map((a) => {
      const age = Math.max(0, Math.floor((now - Date.parse(a.raisedAt)) / 60000));
      const cls = a.kind === "ESCALATED" || a.escalatedAs ? "red" : a.timeCritical ? "amber" : "";
      return `<tr class="${cls}"><td>${esc(a.raisedAt)}</td><td class="n">${age}</td>
        <td>${a.timeCritical ? "⚠ " : ""}${esc(a.kind)}${a.escalatedAs ? " (escalated)" : ""}</td>
        <td>${esc(a.status)}</td><td>${esc(a.providerId)}</td><td>${esc(a.visitId)}</td><td>${esc(a.clientRef)}</td></tr>`;
    }).join("") || `<tr><td colspan="7">No open alerts.</td></tr>`;
  }

  refresh = async function () {
    await previousRefresh();
    try {
      await showAlerts();
    } catch (e) {
      console.warn("alerts panel refresh failed", e);
    }
  };
})();
