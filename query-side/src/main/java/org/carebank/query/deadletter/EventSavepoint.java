package org.carebank.query.deadletter;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A savepoint before each event of a projection that writes in its handlers (not through {@code BatchedWrites}), so
 * that a handler's failed statement can be undone before Axon parks the event in the same transaction: PostgreSQL
 * refuses every statement of a transaction after a failed one, the letter's insert too (ADR 0010). It costs a
 * savepoint per event, which is why the batched projections, which handle most events, do not use it.
 */
final class EventSavepoint implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String KEY = EventSavepoint.class.getName();

    private final JdbcTemplate jdbc;

    EventSavepoint(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Savepoint savepoint = Savepoint.set(jdbc);
        var resources = unitOfWork.root().resources();
        resources.put(KEY, savepoint);
        try {
            Object result = interceptorChain.proceed();
            if (resources.remove(KEY) == savepoint) {
                savepoint.release();
            }
            return result;
        } catch (Exception | Error failed) {
            if (resources.remove(KEY) == savepoint) {
                savepoint.rollback();
            }
            throw failed;
        }
    }

    /** Undoes what the event being handled wrote, if it runs under a savepoint: before its letter is stored. */
    static void undoCurrentEvent() {
        if (CurrentUnitOfWork.isStarted()) {
            Savepoint savepoint =
                    (Savepoint) CurrentUnitOfWork.get().root().resources().remove(KEY);
            if (savepoint != null) {
                savepoint.rollback();
            }
        }
    }
}
