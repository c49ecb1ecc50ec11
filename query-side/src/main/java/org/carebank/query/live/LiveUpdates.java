package org.carebank.query.live;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events for the dashboard: one {@code changed} event, naming the view, each time a batch of events has
 * been committed to it. The page refetches what it shows; no figures travel this way, so nothing needs scoping.
 */
@RestController
@Tag(name = "Dashboards")
public class LiveUpdates {

    private final List<SseEmitter> listeners = new CopyOnWriteArrayList<>();

    @GetMapping(value = "/api/v1/live", produces = "text/event-stream")
    @Operation(summary = "Server-sent events: `changed` with the view's name whenever a dashboard view was updated")
    SseEmitter listen() throws IOException {
        var emitter = new SseEmitter(0L);
        listeners.add(emitter);
        emitter.onCompletion(() -> listeners.remove(emitter));
        emitter.onTimeout(() -> listeners.remove(emitter));
        emitter.onError(error -> listeners.remove(emitter));
        emitter.send(SseEmitter.event().name("hello").data("listening"));
        return emitter;
    }

    void changed(String view) {
        for (SseEmitter emitter : listeners) {
            try {
                emitter.send(SseEmitter.event().name("changed").data(view));
            } catch (IOException | IllegalStateException gone) {
                listeners.remove(emitter);
            }
        }
    }

    /** Ends every open stream, so that a stop does not wait on them (LiveStreamsOnShutdown). */
    void completeAll() {
        listeners.forEach(SseEmitter::complete);
        listeners.clear();
    }
}
