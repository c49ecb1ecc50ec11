package org.carebank.standalone;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * The service's log as a test sees it: every line logged in the test JVM while it is open. Hostile tests use it to
 * show that bad input leaves no ERROR and no stack trace behind (issue 16: "no stack trace in the log").
 */
final class CapturedLog implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            events.add(event);
        }
    };

    private CapturedLog() {}

    /** Every line captured so far. */
    List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    /** Starts capturing; close it to stop. */
    static CapturedLog open() {
        var log = new CapturedLog();
        log.appender.setName("captured-" + System.identityHashCode(log));
        log.appender.setContext(log.root.getLoggerContext());
        log.appender.start();
        log.root.addAppender(log.appender);
        return log;
    }

    /**
     * The lines logged at ERROR, or at any level with a stack trace, as "LEVEL logger: message". An exception made
     * without a stack trace (one that only names what failed) prints no trace, so it is not counted.
     */
    List<String> errorsAndStackTraces() {
        return events.stream()
                .filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR) || hasStackTrace(event))
                .map(event -> event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage()
                        + (event.getThrowableProxy() == null
                                ? ""
                                : " (" + event.getThrowableProxy().getClassName() + ")"))
                .toList();
    }

    private static boolean hasStackTrace(ILoggingEvent event) {
        for (var thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
            if (thrown.getStackTraceElementProxyArray().length > 0) {
                return true;
            }
        }
        return false;
    }

    /** Every captured line's formatted message, for checks such as "a refused login is logged, its password not". */
    List<String> messages() {
        return events.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
