package org.carebank.kernel.visit;

import org.carebank.kernel.refusal.CommandOutcome;

/** What an amendment request answers: whether it recorded something, and where the amendment stands now. */
public record AmendmentReceipt(CommandOutcome outcome, String amendmentId, AmendmentStatus status) {}
