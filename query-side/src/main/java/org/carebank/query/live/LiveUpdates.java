package org.carebank.query.live;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.caller.CallerIdentity;
import org.carebank.kernel.caller.Role;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.web.Callers;
import org.carebank.web.Problems;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events for the dashboard: one {@code changed} event, naming the view, each time a batch of events has
 * been committed to it. The page refetches what it shows; no figures travel this way. A provider hears only of
 * batches that touched its own data (that another provider is busy is not its business); the council, auditors and
 * admins hear of every batch. Each caller may hold a few streams at once (a setting): one stuck client cannot hold
 * the server's connections.
 */
@RestController
@Tag(name = "Dashboards")
class LiveUpdates {

    @ConfigurationProperties("carebank.live")
    record Settings(@DefaultValue("5") int maxStreamsPerCaller) {}

    /** An open stream and whose it is. */
    private record Listener(SseEmitter emitter, String identity, Caller caller) {

        boolean hears(Set<String> providers) {
            return caller.role() != Role.PROVIDER || providers.contains(caller.providerId());
        }
    }

    private final Settings settings;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    LiveUpdates(Settings settings) {
        this.settings = settings;
    }

    @GetMapping(value = "/api/v1/live", produces = "text/event-stream")
    @Operation(
            summary = "Server-sent events: `changed` with the view's name whenever a dashboard view was updated with"
                    + " data the caller may read; 429 beyond the streams a caller may hold at once")
    SseEmitter listen(HttpServletRequest request) throws IOException {
        Caller caller = Callers.current();
        var listener = new Listener(new SseEmitter(0L), identityOf(request, caller), caller);
        synchronized (listeners) {
            if (openStreams(listener.identity()) >= settings.maxStreamsPerCaller()) {
                // A page that was closed or reloaded leaves its stream here until a write fails: try them first.
                listeners.stream()
                        .filter(other -> other.identity().equals(listener.identity()))
                        .forEach(other -> send(other, SseEmitter.event().comment("still there?")));
            }
            if (openStreams(listener.identity()) >= settings.maxStreamsPerCaller()) {
                throw new TooManyStreamsException(settings.maxStreamsPerCaller());
            }
            listeners.add(listener);
        }
        var emitter = listener.emitter();
        emitter.onCompletion(() -> listeners.remove(listener));
        emitter.onTimeout(() -> listeners.remove(listener));
        emitter.onError(error -> listeners.remove(listener));
        emitter.send(SseEmitter.event().name("hello").data("listening"));
        return emitter;
    }

    /** Streams are counted per caller identity (a token named like a Basic user is another caller). */
    private static String identityOf(HttpServletRequest request, Caller caller) {
        if (request.getAttribute(CallerIdentity.REQUEST_ATTRIBUTE) instanceof CallerIdentity identity) {
            return identity.key();
        }
        return new CallerIdentity("unknown", null, caller).key();
    }

    @ExceptionHandler(TooManyStreamsException.class)
    ResponseEntity<ProblemDetail> tooManyStreams(TooManyStreamsException e) {
        // The stream's own content type is text/event-stream: the problem's is set here, or it could not be written.
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(
                        new Refusal("too-many-live-streams", 429, "Too many live streams", e.getMessage(), Map.of())));
    }

    /** The view changed in a batch whose events concern these providers' data. */
    void changed(String view, Set<String> providers) {
        for (Listener listener : listeners) {
            if (!listener.hears(providers)) {
                continue;
            }
            send(listener, SseEmitter.event().name("changed").data(view));
        }
    }

    private long openStreams(String identity) {
        return listeners.stream()
                .filter(listener -> listener.identity().equals(identity))
                .count();
    }

    private void send(Listener listener, SseEmitter.SseEventBuilder event) {
        try {
            listener.emitter().send(event);
        } catch (IOException | IllegalStateException gone) {
            listeners.remove(listener);
        }
    }

    /** Ends every open stream, so that a stop does not wait on them (LiveStreamsOnShutdown). */
    void completeAll() {
        listeners.forEach(listener -> listener.emitter().complete());
        listeners.clear();
    }
}
