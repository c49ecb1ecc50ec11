package org.carebank.kernel.visit;

import java.util.List;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.refusal.Refusal;

/** The answer to a {@link ScheduleRoster}: one line per visit, in the roster's order. */
public record RosterOutcome(List<Line> lines) {

    public RosterOutcome {
        lines = List.copyOf(lines);
    }

    /** Either an outcome (stored now, or already stored) or the refusal that kept the visit out. */
    public record Line(CommandOutcome outcome, Refusal refusal) {

        public static Line of(CommandOutcome outcome) {
            return new Line(outcome, null);
        }

        public static Line refused(Refusal refusal) {
            return new Line(null, refusal);
        }
    }
}
