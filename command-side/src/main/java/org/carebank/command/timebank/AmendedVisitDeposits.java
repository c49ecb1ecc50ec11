package org.carebank.command.timebank;

import java.time.Instant;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.timebank.ReverseDepositOfAmendedVisit;
import org.carebank.kernel.visit.VisitAmendmentApproved;
import org.springframework.stereotype.Component;

/**
 * After an approved amendment, asks the client's time bank to take back what was banked from the visit above its new
 * unused minutes. The bank decides (it alone knows the deposits) and records the reversing line itself. A streaming
 * processor of its own, so the approval never waits for the bank; the command is keyed by amendment, so handling an
 * event twice (a replay, a restart) records one line.
 */
@Component
@ProcessingGroup(AmendedVisitDeposits.PROCESSING_GROUP)
class AmendedVisitDeposits {

    static final String PROCESSING_GROUP = "time-bank-amendments";
    static final Caller SERVICE = Caller.system("carebank:amended-visit-deposits");

    private final CommandGateway commands;

    AmendedVisitDeposits(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    @DisallowReplay // a rebuild of the processors must not send the commands again
    void on(VisitAmendmentApproved event, @Timestamp Instant approvedAt) {
        var command = new ReverseDepositOfAmendedVisit(
                event.clientRef(), event.visitId(), event.amendmentId(), event.unusedMinutes(), approvedAt);
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(SERVICE.toMetaData()));
    }
}
