package org.carebank.query.live;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Completes the open {@code /api/v1/live} streams first thing when the service stops. Spring's graceful shutdown
 * waits for every active request, and a live stream never ends by itself: without this a SIGTERM waited the full
 * shutdown timeout (30 s) on an open dashboard. The browser's EventSource reconnects to whichever instance is up.
 */
@Component
class LiveStreamsOnShutdown implements SmartLifecycle {

    /** Stopped before the web server's graceful shutdown (phase DEFAULT_PHASE - 1024) begins waiting. */
    private static final int BEFORE_GRACEFUL_SHUTDOWN = SmartLifecycle.DEFAULT_PHASE;

    private final LiveUpdates live;
    private volatile boolean running;

    LiveStreamsOnShutdown(LiveUpdates live) {
        this.live = live;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        live.completeAll();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return BEFORE_GRACEFUL_SHUTDOWN;
    }
}
