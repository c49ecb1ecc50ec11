package org.carebank.query.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.carebank.kernel.StreamIds;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.query.audit.ChainVerifier.Verification;
import org.carebank.query.rebuild.ReadsProjection;
import org.carebank.query.web.NotFoundException;
import org.carebank.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The auditor's read-only view of the raw history: one stream, the global feed (or a full NDJSON export), and the
 * verification of the hash chain. Nothing here reads a projection.
 */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit")
// The events themselves, read from the store: never behind a command's position.
@ReadsProjection({})
class AuditController {

    private static final Logger log = LoggerFactory.getLogger(AuditController.class);

    static final String NDJSON = "application/x-ndjson";

    /** A stream id as stored: {@code <kind>:<id>} (see StreamIds), the caller's id being 1 to 64 characters. */
    static final String STREAM_ID = "[A-Za-z0-9._:-]{1,80}";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record HistoryEvent(
            long sequence,
            String eventId,
            Long position,
            Long globalIndex,
            String type,
            String revision,
            String storedRevision,
            java.time.Instant timestamp,
            JsonNode payload,
            JsonNode metadata) {}

    record StreamHistory(String streamId, String aggregateType, List<HistoryEvent> events) {}

    record FeedPage(long after, int limit, long nextAfter, List<JsonNode> events) {}

    private final AuditTrail source;
    private final AuditEventJson json;

    AuditController(AuditTrail source, AuditEventJson json) {
        this.source = source;
        this.json = json;
    }

    @GetMapping("/streams/{aggregateId}")
    @Operation(
            summary = "Every event of one aggregate, in order, with payload and metadata",
            description = "The aggregate is named by the caller's own id (`v-1`), with `kind` (provider, package,"
                    + " visit or timebank) when more than one kind of record has that id: without it such an id is"
                    + " answered 400 `ambiguous-aggregate-id` listing the kinds. The stored stream id (`visit:v-1`,"
                    + " ADR 0003) is accepted too. Payloads are shown as the service reads them today (after"
                    + " upcasting); `storedRevision` says when that differs from what is stored. Metadata carries who"
                    + " sent the command (principal, role, providerId), correlationId, traceId and causationId.")
    StreamHistory stream(
            @PathVariable @Pattern(regexp = STREAM_ID) @Parameter(example = "v-1") String aggregateId,
            @RequestParam(required = false)
                    @Pattern(regexp = "provider|package|visit|timebank")
                    @Parameter(description = "provider, package, visit or timebank")
                    String kind) {
        if (kind != null) {
            return streamOrNotFound(StreamIds.of(kind, aggregateId));
        }
        var found = new java.util.LinkedHashMap<String, StreamHistory>();
        for (String candidate : candidates(aggregateId)) {
            source.stream(candidate).ifPresent(history -> found.put(candidate, history));
        }
        if (found.isEmpty()) {
            throw new NotFoundException("unknown-stream", "No events for " + aggregateId + " of any kind.");
        }
        if (found.size() > 1) {
            var kinds = found.keySet().stream()
                    .map(stream -> stream.substring(0, stream.indexOf(':')))
                    .distinct()
                    .toList();
            throw Problems.exception(new Refusal(
                    "ambiguous-aggregate-id",
                    400,
                    "Ambiguous aggregate id",
                    "More than one kind of record has the id " + aggregateId + ": ask again with kind= one of "
                            + String.join(", ", kinds) + ".",
                    java.util.Map.of("kinds", kinds, "streams", List.copyOf(found.keySet()))));
        }
        return found.values().iterator().next();
    }

    /** The caller's id under every kind, and the id itself when it already names a stream ({@code visit:v-1}). */
    private static List<String> candidates(String aggregateId) {
        var candidates = new ArrayList<String>();
        for (String kind : StreamIds.KINDS) {
            if (aggregateId.startsWith(kind + ":")) {
                candidates.add(aggregateId);
            }
        }
        for (String kind : StreamIds.KINDS) {
            candidates.add(StreamIds.of(kind, aggregateId));
        }
        return candidates;
    }

    private StreamHistory streamOrNotFound(String streamId) {
        return source.stream(streamId)
                .orElseThrow(() -> new NotFoundException("unknown-stream", "No events in stream " + streamId + "."));
    }

    @GetMapping(
            value = "/events",
            produces = {MediaType.APPLICATION_JSON_VALUE, NDJSON})
    @Operation(
            summary = "The global feed in commit order, resumable; with Accept: application/x-ndjson a full export",
            description = "`position` is the event's place in the hash chain: 1, 2, 3... in commit order without"
                    + " gaps. Resume with `after` = the last position read (JSON pages give it as `nextAfter`). With"
                    + " `Accept: application/x-ndjson` every event after `after` is streamed, one JSON object a line"
                    + " (`limit` is then optional).")
    ResponseEntity<FeedPage> events(
            @RequestParam(defaultValue = "0") @Min(0) long after,
            @RequestParam(required = false) @Min(1) @Max(1000) Integer limit,
            @RequestHeader(value = "Accept", required = false) String accept,
            HttpServletResponse response)
            throws IOException {
        if (wantsNdjson(accept)) {
            export(after, limit, response);
            return null;
        }
        int pageSize = limit == null ? 100 : limit;
        var events = new ArrayList<JsonNode>();
        long[] last = {after};
        source.feed(after, pageSize, (position, event) -> {
            events.add(event);
            last[0] = position;
        });
        return ResponseEntity.ok(new FeedPage(after, pageSize, last[0], events));
    }

    @GetMapping("/verify")
    @Operation(
            summary = "Recompute the hash chain over every stored event and check its signed checkpoints",
            description = "`valid: false` names the first event where the store and the chain disagree and why"
                    + " (`LINK_MISMATCH`, `EVENT_MISSING`, `POSITION_GAP`, `HEAD_MISMATCH`, `UNCHAINED_EVENT`), or"
                    + " the first signed checkpoint that does not hold: `CHECKPOINT_SIGNATURE_INVALID` (not signed by"
                    + " the service's key, see `/signing-keys`), `REWRITTEN_BEFORE_CHECKPOINT` (the history up to that"
                    + " position was rewritten, every later link recomputed or not), `CHECKPOINT_MISSING` (a"
                    + " checkpoint deleted between two others). `checkpoints.newest` is signed: keep it (or"
                    + " `headPosition:headLink`) as an anchor and pass it back as `anchor=<position>:<link>` (repeat"
                    + " for several); `anchors[].found` says whether the history still contains it, and a missing"
                    + " one makes the answer `ANCHOR_NOT_FOUND`.")
    Verification verify(
            @RequestParam(required = false) @Parameter(example = "1000:<64 hex digits>") List<String> anchor) {
        List<ChainAnchor> anchors = anchor == null
                ? List.of()
                : anchor.stream().map(ChainAnchor::parse).toList();
        return source.verify(anchors);
    }

    @GetMapping("/signing-keys")
    @Operation(
            summary = "The public keys that verify the hash chain's signed checkpoints (Ed25519)",
            description = "A checkpoint's signature is Ed25519 over the UTF-8 text"
                    + " `carebank-chain-checkpoint/1\\n{position}\\n{link}\\n{keyId}\\n{signedAt}`; `publicKey`"
                    + " is the X.509 encoding in base64, as the JDK's `X509EncodedKeySpec` reads it (ADR 0005).")
    SigningKeys signingKeys() {
        return new SigningKeys(source.signingKeys());
    }

    /** Streams straight to the response: one batch of rows in memory, whatever the size of the history. */
    private void export(long after, Integer limit, HttpServletResponse response) throws IOException {
        response.setContentType(NDJSON);
        response.setCharacterEncoding("UTF-8");
        long[] written = {0};
        OutputStream out = new BufferedOutputStream(response.getOutputStream(), 64 * 1024);
        try {
            source.feed(after, limit, (position, event) -> {
                out.write(json.line(event));
                out.write('\n');
                written[0]++;
            });
            out.flush();
        } catch (IOException clientGone) {
            // The auditor's client went away mid-export; nothing to answer, it can resume with after=<last position>.
            log.info("Export after position {} stopped by the client after {} events", after, written[0]);
        }
    }

    private static boolean wantsNdjson(String accept) {
        if (accept == null) {
            return false;
        }
        return MediaType.parseMediaTypes(accept).stream()
                .anyMatch(type -> type.getType().equals("application")
                        && type.getSubtype().equals("x-ndjson"));
    }
}
