package org.carebank.query.provider;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.carebank.kernel.provider.CqcRatings;
import org.carebank.kernel.provider.CqcRatingsRecorded;
import org.carebank.kernel.provider.ListStatus;
import org.carebank.kernel.provider.ProviderAdmitted;
import org.carebank.kernel.provider.ProviderReinstated;
import org.carebank.kernel.provider.ProviderSuspended;
import org.carebank.query.provider.ProviderQueryController.Cqc;
import org.carebank.query.provider.ProviderQueryController.ProviderView;

/**
 * The provider view folded from the provider's own events, for answers as of a past instant. It follows {@link
 * ProviderProjection} rule for rule; a test compares the two over every provider in the store.
 */
final class ProviderFold {

    private ProviderFold() {}

    static Optional<ProviderView> fold(List<? extends EventMessage<?>> events) {
        State state = null;
        for (EventMessage<?> event : events) {
            Object payload = event.getPayload();
            if (payload instanceof ProviderAdmitted admitted) {
                state = new State(admitted, event.getTimestamp());
            } else if (state != null) {
                state.apply(payload, event.getTimestamp());
            }
        }
        return Optional.ofNullable(state).map(State::view);
    }

    private static final class State {
        final ProviderAdmitted admission;
        final Instant admittedAt;
        CqcRatings cqc;
        ListStatus status = ListStatus.ADMITTED;
        Instant statusChangedAt;

        State(ProviderAdmitted admission, Instant at) {
            this.admission = admission;
            this.admittedAt = at;
            this.cqc = admission.cqc();
            this.statusChangedAt = at;
        }

        void apply(Object payload, Instant at) {
            if (payload instanceof CqcRatingsRecorded event) {
                cqc = event.cqc();
            } else if (payload instanceof ProviderSuspended) {
                status = ListStatus.SUSPENDED;
                statusChangedAt = at;
            } else if (payload instanceof ProviderReinstated) {
                status = ListStatus.ADMITTED;
                statusChangedAt = at;
            }
        }

        ProviderView view() {
            return new ProviderView(
                    admission.providerId(),
                    admission.name(),
                    admission.zones().stream().distinct().sorted().toList(),
                    status,
                    new Cqc(
                            cqc.overall(),
                            cqc.safe(),
                            cqc.effective(),
                            cqc.caring(),
                            cqc.responsive(),
                            cqc.wellLed(),
                            cqc.inspectedOn()),
                    admittedAt,
                    statusChangedAt);
        }
    }
}
