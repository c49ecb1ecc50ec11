package org.carebank.query.provider;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.carebank.kernel.provider.CqcRatingsRecorded;
import org.carebank.kernel.provider.ListStatus;
import org.carebank.kernel.provider.ProviderAdmitted;
import org.carebank.kernel.provider.ProviderReinstated;
import org.carebank.kernel.provider.ProviderSuspended;
import org.carebank.query.provider.ProviderView.Cqc;
import org.carebank.query.web.Sql;

/**
 * The provider view's rules, once: what each event of a provider makes of its view. The live projection applies them
 * to the rows a batch touches, an answer as of a past instant folds the provider's history with them.
 */
final class ProviderFold {

    private ProviderFold() {}

    /** The provider a payload is about, or null when it is not a provider event this view follows. */
    static String providerIdOf(Object payload) {
        if (payload instanceof ProviderAdmitted event) {
            return event.providerId();
        } else if (payload instanceof CqcRatingsRecorded event) {
            return event.providerId();
        } else if (payload instanceof ProviderSuspended event) {
            return event.providerId();
        } else if (payload instanceof ProviderReinstated event) {
            return event.providerId();
        }
        return null;
    }

    /** The provider as its events up to now leave it, or empty before it was admitted. */
    static Optional<ProviderView> fold(List<? extends EventMessage<?>> events) {
        ProviderView view = null;
        for (EventMessage<?> event : events) {
            view = apply(view, event.getPayload(), event.getTimestamp());
        }
        return Optional.ofNullable(view);
    }

    /**
     * What {@code event}, recorded {@code at}, makes of {@code view} (null before the admission); the same view when
     * the event changes nothing. A provider is admitted once: a repeated admission changes nothing.
     */
    static ProviderView apply(ProviderView view, Object event, Instant at) {
        if (event instanceof ProviderAdmitted admitted) {
            return view == null ? admitted(admitted, Sql.stored(at)) : view;
        }
        if (view == null) {
            return view;
        }
        if (event instanceof CqcRatingsRecorded recorded) {
            // New ratings alone do not move the provider on the list: a suspension that follows them does.
            return new ProviderView(
                    view.providerId(),
                    view.name(),
                    view.zones(),
                    view.status(),
                    Cqc.of(recorded.cqc()),
                    view.admittedAt(),
                    view.statusChangedAt());
        } else if (event instanceof ProviderSuspended) {
            return status(view, ListStatus.SUSPENDED, at);
        } else if (event instanceof ProviderReinstated) {
            return status(view, ListStatus.ADMITTED, at);
        }
        return view;
    }

    private static ProviderView admitted(ProviderAdmitted event, Instant at) {
        return new ProviderView(
                event.providerId(),
                event.name(),
                event.zones().stream().distinct().sorted().toList(),
                ListStatus.ADMITTED,
                Cqc.of(event.cqc()),
                at,
                at);
    }

    private static ProviderView status(ProviderView view, ListStatus status, Instant at) {
        return new ProviderView(
                view.providerId(), view.name(), view.zones(), status, view.cqc(), view.admittedAt(), Sql.stored(at));
    }
}
