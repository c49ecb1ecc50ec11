// Visit maintenance panel (issue 19): the amendment queue with before and after, the council's approve/reject, and
// each provider's ECM compliance rate with its amendments by reason code. Uses dashboard.js's `state`, `api`, `$`,
// `esc` and `period` (classic scripts share one global scope); shown whenever the signed-in app is.
"use strict";

const amendmentPanel = { timer: null };

function amendmentTimes(side) {
  if (!side) return "";
  if (side.notDelivered) return "not delivered";
  const time = (at) => (at ? at.slice(11, 16) : "–");
  return `${time(side.checkedInAt)}–${time(side.checkedOutAt)} (${side.deliveredMinutes} min)`;
}

async function decideAmendment(visitId, amendmentId, decision) {
  const body = decision === "approval" ? { note: "approved on the dashboard" } : { reason: prompt("Reason for rejecting") };
  if (decision === "rejection" && !body.reason) return;
  const response = await fetch(`/api/v1/visits/${encodeURIComponent(visitId)}/amendments/${encodeURIComponent(amendmentId)}/${decision}`,
    { method: "POST", headers: { Authorization: state.auth, "Content-Type": "application/json" }, body: JSON.stringify(body) });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    $("#amendments-error").textContent = problem.detail || `${response.status}`;
    $("#amendments-error").hidden = false;
  } else {
    $("#amendments-error").hidden = true;
  }
  setTimeout(showAmendments, 500);
}

async function showAmendments() {
  const section = $("#amendments-panel");
  section.hidden = $("#app").hidden;
  if (section.hidden) return;
  const status = $("#amendments-status").value;
  const queue = await api(`/api/v1/amendments${status ? `?status=${status}` : ""}`);
  $("#amendments-table tbody").innerHTML = queue.map((a) => `
    <tr data-amendment="${esc(a.visitId)}/${esc(a.amendmentId)}">
      <td>${esc(a.visitId)}</td><td>${esc(a.providerId)}</td><td>${esc(a.reasonCode)}</td>
      <td>${esc(amendmentTimes(a.before))}</td><td>${esc(amendmentTimes(a.after))}</td>
      <td>${esc(a.requestedBy)}</td><td>${esc((a.requestedAt || "").slice(0, 16).replace("T", " "))}</td>
      <td>${esc(a.status)}${a.decidedBy ? ` by ${esc(a.decidedBy)}` : ""}</td>
      <td>${a.status === "PENDING" ? `<button data-decide="approval">Approve</button> <button data-decide="rejection">Reject</button>` : ""}</td>
    </tr>`).join("");
  document.querySelectorAll("#amendments-table button[data-decide]").forEach((button) => button.addEventListener("click", () => {
    const [visitId, amendmentId] = button.closest("tr").dataset.amendment.split("/");
    decideAmendment(visitId, amendmentId, button.dataset.decide);
  }));
  const comparison = await api(`/api/v1/performance/providers?${period()}`);
  $("#compliance-table tbody").innerHTML = comparison.providers.map((p) => {
    const amendments = Object.entries(p.amendments || {}).filter(([, n]) => n > 0);
    const rate = p.ecmComplianceRate;
    const colour = rate === null || rate === undefined ? "" : rate >= 95 ? "green" : rate >= 90 ? "amber" : "red";
    return `<tr><td>${esc(p.providerId)}</td><td class="n">${p.visitsDelivered}</td>
      <td class="n ${colour}" data-field="ecmComplianceRate">${rate ?? ""}</td>
      <td>${amendments.map(([reason, n]) => `${esc(reason)} ${n}`).join(", ")}</td></tr>`;
  }).join("");
}

function watchAmendments() {
  // dashboard.js reveals #app after sign-in; refresh the panel then, on a period change and every 30 s.
  new MutationObserver(() => showAmendments().catch((e) => console.warn("amendments", e)))
    .observe($("#app"), { attributes: true, attributeFilter: ["hidden"] });
  ["#from", "#to", "#amendments-status"].forEach((id) => $(id).addEventListener("change", () => showAmendments().catch(() => {})));
  amendmentPanel.timer = setInterval(() => showAmendments().catch(() => {}), 30000);
}

watchAmendments();
