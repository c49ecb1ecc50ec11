// "Waiting for care" panel: packages commissioned and not yet placed, per zone, with the trend over the last weeks
// (GET /api/v1/unmet-need and /api/v1/unmet-need/weeks). Kept in its own file; it adds its own nav button and reuses
// dashboard.js's api(), esc() and drawChart(). Council, auditor and admin only: a provider user is told so.
"use strict";

(() => {
  const section = document.querySelector('section[data-page="unmet-need"]');
  const nav = document.querySelector("nav");
  if (!section || !nav) return;
  const button = document.createElement("button");
  button.dataset.page = "unmet-need";
  button.textContent = "Waiting for care";
  nav.insertBefore(button, nav.querySelector("label"));

  button.addEventListener("click", () => {
    state.page = "unmet-need";
    document.querySelectorAll("nav button").forEach((b) => b.classList.toggle("active", b === button));
    document.querySelectorAll("main > section").forEach((s) => (s.hidden = s.dataset.page !== state.page));
    show();
  });
  // The other pages' buttons hide this section through dashboard.js (it hides every section but the chosen one).

  async function show() {
    const note = section.querySelector(".unmet-note");
    try {
      const [now, weeks] = await Promise.all([api("/api/v1/unmet-need"), api("/api/v1/unmet-need/weeks?weeks=8")]);
      note.textContent = now.packagesWaiting === 0
        ? "No one is waiting for a care package."
        : `${now.packagesWaiting} package(s) waiting for a provider.`;
      section.querySelector("#unmet-zones tbody").innerHTML = now.zones.map((z) => `
        <tr><td>${esc(z.zone)}</td><td class="n ${z.packagesWaiting ? "amber" : "green"}">${z.packagesWaiting}</td>
        <td class="n">${z.unplacedMinutesPerWeek}</td><td class="n">${z.handedBackWaiting}</td>
        <td class="n">${z.placedInPeriod}</td><td class="n">${z.medianDaysToPlace ?? ""}</td>
        <td class="n">${z.p90DaysToPlace ?? ""}</td></tr>`).join("");
      section.querySelector("#unmet-packages tbody").innerHTML = now.packages.map((p) => `
        <tr><td>${esc(p.packageId)}</td><td>${esc(p.clientRef)}</td><td>${esc(p.zone)}</td>
        <td class="n">${p.weeklyMinutes}</td><td class="n">${p.waitingDays}</td><td class="n">${p.offers}</td>
        <td>${p.declines.map((d) => `${esc(d.providerId)}: ${esc(d.reason)}`).join(", ")}</td>
        <td>${p.handedBack ? "handed back" : ""}</td></tr>`).join("");
      const zones = [...new Set(weeks.flatMap((w) => w.zones.map((z) => z.zone)))];
      drawChart("unmet-chart", weeks.map((w) => w.week), zones.map((zone) => ({
        label: zone,
        data: weeks.map((w) => w.zones.find((z) => z.zone === zone)?.packagesWaiting ?? 0),
      })));
    } catch (e) {
      note.textContent = "Unmet need is shown to the council, auditors and admins.";
    }
  }
})();
