// Visit maintenance panel (issue 19): the amendment queue with before and after, the council's approve/reject, and
// each provider's ECM compliance rate with its amendments by reason code. Hooks into dashboard.js through
// Dashboard.register (see "Adding a panel" in docs/dashboards.md); the API decides who may approve or reject.
"use strict";

(() => {
  const $ = (selector) => document.querySelector(selector);
  const esc = (value) => String(value ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const sort = { queue: { key: "requestedAt", up: true }, compliance: { key: "name", up: true } };
  let latest = null;

  function times(side, ctx) {
    if (!side) return "";
    if (side.notDelivered) return "not delivered";
    const time = (at) => (at ? ctx.format.dateTime(at) : "–");
    return `${time(side.checkedInAt)} to ${time(side.checkedOutAt)} (${side.deliveredMinutes} min)`;
  }

  async function decide(visitId, amendmentId, decision) {
    const body = decision === "approval" ? { note: "approved on the dashboard" } : { reason: prompt("Reason for rejecting") };
    if (decision === "rejection" && !body.reason) return;
    const response = await fetch(`/api/v1/visits/${encodeURIComponent(visitId)}/amendments/${encodeURIComponent(amendmentId)}/${decision}`,
      { method: "POST", headers: { Authorization: sessionAuthorization(), "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const error = $("#amendments-error");
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      error.textContent = problem.detail || `The decision was refused (${response.status}).`;
      error.hidden = false;
    } else {
      error.hidden = true;
    }
    if (latest) setTimeout(() => refresh(latest).catch(() => {}), 500);
  }

  function sessionAuthorization() {
    try {
      return JSON.parse(sessionStorage.getItem("carebank.session") || "{}").auth;
    } catch (e) {
      return null;
    }
  }

  async function refresh(ctx) {
    latest = ctx;
    const status = $("#amendments-status").value;
    const queue = await ctx.api(`/api/v1/amendments${status ? `?status=${status}` : ""}`);
    const rows = queue.map((a) => ({ ...a, name: ctx.providerName(a.providerId) }));
    ctx.table("amendments-table", rows, (a) => `
      <tr data-amendment="${esc(a.visitId)}/${esc(a.amendmentId)}">
        <td>${esc(a.visitId)}</td><td>${esc(a.name)}</td><td>${esc(ctx.label(a.reasonCode))}</td>
        <td>${esc(times(a.before, ctx))}</td><td>${esc(times(a.after, ctx))}</td>
        <td>${esc(a.requestedBy)}</td><td>${esc(a.requestedAt ? ctx.format.dateTime(a.requestedAt) : "")}</td>
        <td>${esc(ctx.label(a.status))}${a.decidedBy ? ` by ${esc(a.decidedBy)}` : ""}</td>
        <td>${a.status === "PENDING" && ctx.caller.role === "COUNCIL"
          ? `<button type="button" data-decide="approval">Approve</button> <button type="button" data-decide="rejection">Reject</button>` : ""}</td>
      </tr>`, sort.queue);
    document.querySelectorAll("#amendments-table button[data-decide]").forEach((button) => button.addEventListener("click", () => {
      const [visitId, amendmentId] = button.closest("tr").dataset.amendment.split("/");
      decide(visitId, amendmentId, button.dataset.decide);
    }));
    const comparison = await ctx.api(`/api/v1/performance/providers?from=${ctx.period.from}&to=${ctx.period.to}`);
    const providers = comparison.providers.map((p) => ({ ...p, name: ctx.providerName(p.providerId) }));
    ctx.table("compliance-table", providers, (p) => {
      const amendments = Object.entries(p.amendments || {}).filter(([, n]) => n > 0);
      const rate = p.ecmComplianceRate;
      const rag = rate === null || rate === undefined ? "" : rate >= 95 ? "green" : rate >= 90 ? "amber" : "red";
      return `<tr><td>${esc(p.name)}</td><td class="n">${p.visitsDelivered}</td>
        <td class="n ${rag}" data-field="ecmComplianceRate">${rate ?? ""}${rag ? ` <span class="rag">${rag}</span>` : ""}</td>
        <td>${amendments.map(([reason, n]) => `${esc(ctx.label(reason))} ${n}`).join(", ")}</td></tr>`;
    }, sort.compliance);
  }

  $("#amendments-status").addEventListener("change", () => latest && refresh(latest).catch(() => {}));
  Dashboard.register({ page: "amendments", refresh });
})();
