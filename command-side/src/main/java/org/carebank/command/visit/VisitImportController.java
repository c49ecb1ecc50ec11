package org.carebank.command.visit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carebank.command.visit.ImportRequests.ImportLine;
import org.carebank.command.visit.RosterRequests.LineStatus;
import org.carebank.command.web.CommandSender;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.kernel.visit.ImportVisits;
import org.carebank.kernel.visit.RosterOutcome;
import org.carebank.web.Problems;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;

/**
 * A council's history, brought across from its previous ECM system. The body streams in (CSV or JSON lines) and the
 * answer streams out, one result per line, chunk by chunk: a 100,000-line file is never held in memory, only one chunk
 * of it. Each chunk is one command ({@link ImportVisits}); a line refused by a rule leaves nothing, the others are stored.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Unmet need, import, workforce")
class VisitImportController {

    static final String CSV = "text/csv";
    static final String NDJSON = "application/x-ndjson";
    static final String JSONL = "application/jsonl";

    private final CommandSender commands;
    private final RosterLineParser parser;
    private final ObjectMapper json;
    private final ImportSettings settings;

    VisitImportController(CommandSender commands, RosterLineParser parser, ObjectMapper json, ImportSettings settings) {
        this.commands = commands;
        this.parser = parser;
        this.json = json;
        this.settings = settings;
    }

    /** A line of the body: its request when it could be read, or why it was refused. */
    private record Entry(int index, int line, String visitId, ImportLine request, Refusal refusal) {}

    /** One line's answer, in the roster's shape plus the line of the file it came from. */
    private record Result(int index, int line, String visitId, LineStatus status, Refusal refusal) {}

    @PostMapping(
            path = "/imports/visits",
            consumes = {CSV, NDJSON, JSONL},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Council: import past visits (CSV with a header, or JSON lines); one result per line,"
                    + " idempotent by visitId",
            description =
                    """
                    Columns (CSV header names or JSON members): visitId, packageId, workerId, plannedStart, \
                    plannedMinutes (required); timeCritical, shortVisitJustification, plannedTravelMinutes, \
                    checkedInAt, checkedOutAt, method (APP_GPS|TELEPHONY|MANUAL, default MANUAL), \
                    endedEarlyAtClientRequest, cancelled, cancelledBy (CLIENT|PROVIDER|COUNCIL, default COUNCIL), \
                    cancelledAt (default plannedStart), cancellationReason. UTF-8; RFC 4180 quoting; an empty CSV \
                    field is an absent value. Each line is recorded by the live rules (package active, worker of \
                    the provider and not left, not double-booked, ECM window, short visits) with source: IMPORT in \
                    its events' metadata; a visit whose missed moment has passed gets no missed deadline. A line \
                    already imported answers UNCHANGED; the same visitId with another plan or outcome is REFUSED \
                    (visit-id-reused). Bodies up to carebank.max-import-size (64MB by default).""",
            requestBody =
                    @RequestBody(
                            content = {
                                @Content(mediaType = CSV, schema = @Schema(type = "string")),
                                @Content(mediaType = NDJSON, schema = @Schema(implementation = ImportLine.class))
                            }))
    @ApiResponse(
            responseCode = "200",
            description = "{visits:[{index, line, visitId, status: CREATED|UNCHANGED|REFUSED, problem?}], created,"
                    + " unchanged, refused}")
    @ApiResponse(
            responseCode = "400",
            description = "invalid-import-header: the CSV header lacks a required column or names an unknown one",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(
            responseCode = "413",
            description = "request-too-large",
            content = @Content(mediaType = "application/problem+json"))
    void importVisits(@Parameter(hidden = true) HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Instant requestedAt = commands.now();
        boolean csv =
                MediaType.parseMediaType(request.getContentType()).isCompatibleWith(MediaType.parseMediaType(CSV));
        ImportSource source;
        try {
            source = csv
                    ? ImportSource.csv(request.getInputStream(), json)
                    : ImportSource.jsonLines(request.getInputStream(), json);
        } catch (ImportSource.UnreadableImport unreadable) {
            throw Problems.exception(unreadable.refusal);
        }
        response.setStatus(200);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        int[] counts = new int[LineStatus.values().length];
        try (JsonGenerator out = json.createGenerator(response.getOutputStream())) {
            out.writeStartObject();
            out.writeName("visits");
            out.writeStartArray();
            int index = 0;
            var chunk = new ArrayList<Entry>();
            ImportSource.RawLine raw;
            while ((raw = source.next()) != null) {
                chunk.add(parse(index++, raw));
                if (chunk.size() == settings.chunkSize()) {
                    write(out, record(chunk, requestedAt), counts);
                    chunk.clear();
                }
            }
            write(out, record(chunk, requestedAt), counts);
            out.writeEndArray();
            out.writeNumberProperty("created", counts[LineStatus.CREATED.ordinal()]);
            out.writeNumberProperty("unchanged", counts[LineStatus.UNCHANGED.ordinal()]);
            out.writeNumberProperty("refused", counts[LineStatus.REFUSED.ordinal()]);
            out.writeEndObject();
        }
    }

    private Entry parse(int index, ImportSource.RawLine raw) {
        String visitId = RosterLineParser.visitIdOf(raw.node());
        if (raw.refusal() != null) {
            return new Entry(index, raw.line(), visitId, null, raw.refusal());
        }
        var parsed = parser.read(raw.node(), ImportLine.class, "import line", "past visit");
        return new Entry(index, raw.line(), visitId, parsed.value(), parsed.refusal());
    }

    /** Sends the chunk's readable lines as one command and answers every line of it, in the body's order. */
    private List<Result> record(List<Entry> chunk, Instant requestedAt) {
        var readable = chunk.stream().filter(entry -> entry.request() != null).toList();
        List<RosterOutcome.Line> outcomes = readable.isEmpty()
                ? List.of()
                : commands.send(
                                new ImportVisits(readable.stream()
                                        .map(entry -> entry.request().command(requestedAt))
                                        .toList()),
                                RosterOutcome.class)
                        .lines();
        var results = new ArrayList<Result>(chunk.size());
        int k = 0;
        for (Entry entry : chunk) {
            if (entry.request() == null) {
                results.add(
                        new Result(entry.index(), entry.line(), entry.visitId(), LineStatus.REFUSED, entry.refusal()));
            } else {
                var outcome = outcomes.get(k++);
                results.add(
                        new Result(entry.index(), entry.line(), entry.visitId(), statusOf(outcome), outcome.refusal()));
            }
        }
        return results;
    }

    private void write(JsonGenerator out, List<Result> results, int[] counts) {
        for (Result result : results) {
            counts[result.status().ordinal()]++;
            var line = new LinkedHashMap<String, Object>();
            line.put("index", result.index());
            line.put("line", result.line());
            line.put("visitId", result.visitId());
            line.put("status", result.status());
            if (result.refusal() != null) {
                line.put("problem", problem(result.refusal()));
            }
            out.writePOJO(line);
        }
        out.flush();
    }

    private static Map<String, Object> problem(Refusal refusal) {
        var problem = new LinkedHashMap<String, Object>();
        problem.put("type", Problems.TYPE_PREFIX + refusal.type());
        problem.put("title", refusal.title());
        problem.put("status", refusal.status());
        problem.put("detail", refusal.detail());
        problem.putAll(refusal.properties());
        return problem;
    }

    static LineStatus statusOf(RosterOutcome.Line line) {
        return line.refusal() != null
                ? LineStatus.REFUSED
                : line.outcome() == CommandOutcome.RECORDED ? LineStatus.CREATED : LineStatus.UNCHANGED;
    }
}
