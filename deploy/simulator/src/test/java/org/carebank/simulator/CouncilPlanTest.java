package org.carebank.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Collectors;
import org.carebank.simulator.CouncilPlan.Outcome;
import org.carebank.simulator.CouncilPlan.Settings;
import org.carebank.simulator.CouncilPlan.Visit;
import org.junit.jupiter.api.Test;

class CouncilPlanTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Test
    void theSameSeedGivesTheSamePlan() {
        var settings = Settings.standard(7, "sim7", TODAY);

        assertThat(PlanGenerator.generate(settings)).isEqualTo(PlanGenerator.generate(settings));
        assertThat(PlanGenerator.generate(Settings.demo(TODAY)))
                .isEqualTo(PlanGenerator.generate(Settings.demo(TODAY)));
    }

    @Test
    void historyLiesInThePastAndImportsAsTheContractNamesIt() {
        var settings = Settings.history(Settings.demo(TODAY), 3);
        var plan = PlanGenerator.generate(settings);
        var startOfToday = TODAY.atStartOfDay(PlanGenerator.LONDON).toInstant();

        assertThat(settings.firstDay()).isEqualTo(TODAY.minusDays(22));
        assertThat(plan.visits()).isNotEmpty().allSatisfy(v -> {
            assertThat(v.plannedStart()).isBefore(startOfToday);
            if (v.checkOutAt() != null) {
                assertThat(v.checkOutAt()).isBefore(startOfToday);
            }
        });
        var delivered = plan.visits().stream()
                .filter(v -> v.outcome() == CouncilPlan.Outcome.DELIVERED)
                .findFirst()
                .orElseThrow();
        assertThat(Simulator.importLine(delivered))
                .containsKeys(
                        "visitId",
                        "packageId",
                        "workerId",
                        "plannedStart",
                        "plannedMinutes",
                        "checkedInAt",
                        "checkedOutAt",
                        "method")
                .doesNotContainKey("cancelled");
        var missed = plan.visits().stream()
                .filter(v -> v.outcome() == CouncilPlan.Outcome.MISSED)
                .findFirst()
                .orElseThrow();
        assertThat(Simulator.importLine(missed)).doesNotContainKeys("checkedInAt", "cancelled");
    }

    @Test
    void anotherSeedGivesAnotherPlan() {
        var one = PlanGenerator.generate(Settings.standard(7, "sim", TODAY));
        var other = PlanGenerator.generate(Settings.standard(8, "sim", TODAY));

        assertThat(one.visits()).isNotEqualTo(other.visits());
    }

    @Test
    void thePlanKeepsTheRulesTheServiceEnforces() {
        var plan = PlanGenerator.generate(Settings.standard(3, "sim3", TODAY));

        // nobody is booked into two overlapping visits
        var byWorker = plan.visits().stream().collect(Collectors.groupingBy(Visit::workerId));
        for (List<Visit> visits : byWorker.values()) {
            var ends = new HashMap<Instant, Instant>();
            var sorted = visits.stream()
                    .sorted(java.util.Comparator.comparing(Visit::plannedStart))
                    .toList();
            for (int i = 1; i < sorted.size(); i++) {
                var previousEnd = sorted.get(i - 1)
                        .plannedStart()
                        .plusSeconds(sorted.get(i - 1).plannedMinutes() * 60L);
                assertThat(sorted.get(i).plannedStart()).isAfterOrEqualTo(previousEnd);
            }
            ends.clear();
        }
        // short visits are justified; missed ones lie in the past, everything else ahead
        Instant startOfToday = TODAY.atStartOfDay(PlanGenerator.LONDON).toInstant();
        assertThat(plan.visits()).allSatisfy(v -> {
            assertThat(v.plannedMinutes() >= 30 || v.shortVisitJustification() != null)
                    .isTrue();
            assertThat(v.plannedStart().isBefore(startOfToday)).isEqualTo(v.outcome() == Outcome.MISSED);
        });
        // every distribution is represented
        assertThat(plan.count(Outcome.MISSED)).isPositive();
        assertThat(plan.count(Outcome.CANCELLED)).isPositive();
        assertThat(plan.visits().stream().filter(Visit::late)).isNotEmpty();
        assertThat(plan.visits().stream().filter(Visit::endedEarlyAtClientRequest))
                .isNotEmpty();
        assertThat(plan.timeBankOps()).isNotEmpty();
        assertThat(plan.providers().stream().filter(p -> !p.admitted())).hasSize(2);
        // the time bank plan never passes the cap nor goes below zero
        var balances = new HashMap<String, Integer>();
        for (var op : plan.timeBankOps()) {
            int delta = op.kind() == CouncilPlan.TimeBankKind.DEPOSIT ? op.minutes() : -op.minutes();
            int balance = balances.merge(op.clientRef(), delta, Integer::sum);
            assertThat(balance).isBetween(0, 600);
        }
    }
}
