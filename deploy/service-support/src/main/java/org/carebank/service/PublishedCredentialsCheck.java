package org.carebank.service;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs before any bean is made (so before a database or Axon Server is contacted): with the REFUSE policy (the
 * axonserver profile, so the command and query services, compose and Kubernetes) a published credential stops the
 * start with a message naming each setting (PublishedCredentialsFailureAnalyzer); with WARN (the standalone's first
 * run) the service starts, says so loudly in the log, and shows it in /actuator/health (SecurityHealth).
 */
public class PublishedCredentialsCheck implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Logger log = LoggerFactory.getLogger(PublishedCredentialsCheck.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Binder binder = Binder.get(context.getEnvironment());
        List<String> inUse = PublishedCredentials.inUse(binder);
        if (inUse.isEmpty()) {
            return;
        }
        if (PublishedCredentials.policy(binder) == PublishedCredentials.Policy.REFUSE) {
            throw new PublishedCredentialsException(inUse);
        }
        log.warn(
                "\n*** PUBLISHED CREDENTIALS IN USE: anyone who has read the README can sign in to this service. ***\n"
                        + "*** Fine for a first run on your own machine, never for real data. Replace: ***\n    {}",
                String.join("\n    ", inUse));
    }

    /** The start refused: the settings to change, for the failure analyzer to print. */
    static final class PublishedCredentialsException extends IllegalStateException {

        private final List<String> inUse;

        PublishedCredentialsException(List<String> inUse) {
            super("Published credentials are refused here (" + PublishedCredentials.POLICY + "=REFUSE): "
                    + String.join("; ", inUse));
            this.inUse = List.copyOf(inUse);
        }

        List<String> inUse() {
            return inUse;
        }
    }
}
