package org.carebank.kernel.payment;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A delivered visit was checked for payment, right after its {@code VisitDelivered}: VERIFIED with no exceptions, or
 * EXCEPTION with the exceptions that hold it from payment. Deliveries recorded before this event existed have none and
 * count as verified.
 */
@Revision("1")
public record DeliveryVerified(
        String visitId, String providerId, Verification verification, List<VisitException> exceptions) {}
