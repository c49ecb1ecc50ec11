// "Waiting for care" panel (issue 21): packages commissioned and not yet placed, per zone, with the trend over the
// last weeks (GET /api/v1/unmet-need and /api/v1/unmet-need/weeks). Hooks into dashboard.js through
// Dashboard.register (docs/dashboards.md, "Adding a panel") and draws its trend with dashboard.js's drawChart, which
// gives the chart its text alternative and data table. Council, auditor and admin only: a provider user is told so.
"use strict";

(() => {
  const esc = (value) => String(value ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const sort = { zones: { key: "zone", up: true }, packages: { key: "waitingDays", up: false } };

  async function refresh(ctx) {
    const note = document.querySelector("#unmet-note");
    if (ctx.caller.role === "PROVIDER") {
      note.textContent = "Unmet need is shown to the council, auditors and admins.";
      return;
    }
    const [now, weeks] = await Promise.all([
      ctx.api("/api/v1/unmet-need"), ctx.api("/api/v1/unmet-need/weeks?weeks=8")]);
    note.textContent = now.packagesWaiting === 0
      ? "No one is waiting for a care package."
      : `${now.packagesWaiting} package(s) waiting for a provider.`;
    ctx.table("unmet-zones", now.zones, (z) => `
      <tr><td>${esc(z.zone)}</td><td class="n ${z.packagesWaiting ? "amber" : "green"}">${z.packagesWaiting}</td>
      <td class="n">${z.unplacedMinutesPerWeek}</td><td class="n">${z.handedBackWaiting}</td>
      <td class="n">${z.placedInPeriod}</td><td class="n">${z.medianDaysToPlace ?? ""}</td>
      <td class="n">${z.p90DaysToPlace ?? ""}</td></tr>`, sort.zones);
    ctx.table("unmet-packages", now.packages, (p) => `
      <tr><td>${esc(p.packageId)}</td><td>${esc(p.clientRef)}</td><td>${esc(p.zone)}</td>
      <td class="n">${p.weeklyMinutes}</td><td class="n">${p.waitingDays}</td><td class="n">${p.offers}</td>
      <td>${p.declines.map((d) => `${esc(ctx.providerName(d.providerId))}: ${esc(ctx.label(d.reason))}`).join(", ")}</td>
      <td>${p.handedBack ? "handed back" : ""}</td></tr>`, sort.packages);
    const zones = [...new Set(weeks.flatMap((w) => w.zones.map((z) => z.zone)))];
    drawChart("unmet-chart", "line", weeks.map((w) => w.week), zones.map((zone) => ({
      label: zone,
      data: weeks.map((w) => w.zones.find((z) => z.zone === zone)?.packagesWaiting ?? 0),
    })));
  }

  Dashboard.register({ page: "unmet-need", refresh });
})();
