package org.carebank.command.web;

import java.net.URI;
import org.carebank.kernel.refusal.CommandOutcome;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The answer to a command: which record it touched and whether it recorded something new or was a repeat. */
public record CommandReceipt(String id, CommandOutcome outcome) {

    /** 201 with a Location for a new record, 200 for a repeat of a command already recorded. */
    public static ResponseEntity<CommandReceipt> created(String id, CommandOutcome outcome, String location) {
        var receipt = new CommandReceipt(id, outcome);
        if (outcome == CommandOutcome.RECORDED) {
            return ResponseEntity.created(URI.create(location)).body(receipt);
        }
        return ResponseEntity.ok(receipt);
    }

    public static ResponseEntity<CommandReceipt> done(String id, CommandOutcome outcome) {
        return ResponseEntity.status(HttpStatus.OK).body(new CommandReceipt(id, outcome));
    }
}
