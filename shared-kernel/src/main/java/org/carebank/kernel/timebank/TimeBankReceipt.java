package org.carebank.kernel.timebank;

import org.carebank.kernel.refusal.CommandOutcome;

/** What a time bank command answers: whether it recorded something, and the balance after it. */
public record TimeBankReceipt(CommandOutcome outcome, int balanceMinutes) {}
