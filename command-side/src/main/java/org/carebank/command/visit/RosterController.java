package org.carebank.command.visit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.carebank.command.visit.RosterRequests.LineResult;
import org.carebank.command.visit.RosterRequests.LineStatus;
import org.carebank.command.visit.RosterRequests.Roster;
import org.carebank.command.visit.RosterRequests.RosterResult;
import org.carebank.command.web.CommandSender;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.kernel.visit.RosterOutcome;
import org.carebank.kernel.visit.ScheduleRoster;
import org.carebank.kernel.visit.ScheduleVisit;
import org.carebank.web.Problems;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A rostering system's bulk schedule: many visits in one request, one answer per line. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Visits")
class RosterController {

    private final CommandSender commands;
    private final RosterLineParser lines;

    RosterController(CommandSender commands, RosterLineParser lines) {
        this.commands = commands;
        this.lines = lines;
    }

    @PostMapping("/rosters")
    @Operation(summary = "Schedule many visits: one result per line; valid lines are stored even if others fail")
    RosterResult roster(@Valid @RequestBody Roster body) {
        var results = new LineResult[body.visits().size()];
        var accepted = new ArrayList<Integer>();
        var schedules = new ArrayList<ScheduleVisit>();
        Instant requestedAt = commands.now();
        for (int i = 0; i < body.visits().size(); i++) {
            var node = body.visits().get(i);
            var line = lines.parse(node);
            if (line.refusal() != null) {
                results[i] = refused(i, RosterLineParser.visitIdOf(node), line.refusal());
            } else {
                accepted.add(i);
                schedules.add(new ScheduleVisit(
                        line.line().visitId(), line.line().schedule().plan(), requestedAt));
            }
        }
        if (!schedules.isEmpty()) {
            // The lines that pass the field rules are scheduled together, in one unit of work (ADR 0008).
            var outcome = commands.send(new ScheduleRoster(schedules), RosterOutcome.class);
            for (int k = 0; k < accepted.size(); k++) {
                int index = accepted.get(k);
                var line = outcome.lines().get(k);
                String visitId = schedules.get(k).visitId();
                results[index] = line.refusal() != null
                        ? refused(index, visitId, line.refusal())
                        : new LineResult(
                                index,
                                visitId,
                                line.outcome() == CommandOutcome.RECORDED ? LineStatus.CREATED : LineStatus.UNCHANGED,
                                null);
            }
        }
        var all = List.of(results);
        return new RosterResult(
                count(all, LineStatus.CREATED), count(all, LineStatus.UNCHANGED), count(all, LineStatus.REFUSED), all);
    }

    private static LineResult refused(int index, String visitId, Refusal refusal) {
        return new LineResult(index, visitId, LineStatus.REFUSED, Problems.of(refusal));
    }

    private static int count(List<LineResult> results, LineStatus status) {
        return (int) results.stream().filter(r -> r.status() == status).count();
    }
}
