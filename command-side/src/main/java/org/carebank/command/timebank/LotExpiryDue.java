package org.carebank.command.timebank;

import java.time.Instant;

/** The payload of a lot's persistent expiry deadline. Stored by db-scheduler: keep its shape stable. */
record LotExpiryDue(String lotId, Instant expiresAt) {}
