package org.carebank.kernel.refusal;

/** What a command handler did: recorded new events, or recognised a repeat of a command it already recorded. */
public enum CommandOutcome {
    RECORDED,
    ALREADY_RECORDED
}
