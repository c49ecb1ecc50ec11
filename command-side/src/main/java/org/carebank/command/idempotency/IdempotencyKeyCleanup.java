package org.carebank.command.idempotency;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Forgets expired idempotency keys every 15 minutes, on one node at a time (db-scheduler). */
@Configuration(proxyBeanMethods = false)
class IdempotencyKeyCleanup {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyCleanup.class);

    @Bean
    RecurringTask<Void> idempotencyKeyCleanupTask(IdempotencyKeys keys, Clock clock) {
        return Tasks.recurring("idempotency-key-cleanup", FixedDelay.ofMinutes(15))
                .execute((instance, context) -> {
                    int forgotten = keys.forgetOlderThan(clock.instant());
                    if (forgotten > 0) {
                        log.info("Forgot {} expired idempotency keys", forgotten);
                    }
                });
    }
}
