package org.carebank.standalone.replay;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar carebank-standalone.jar replay ...}: an auditor's figure from an export alone, without trusting the
 * running service (issue 23, ADR 0024). It verifies the export's hash chain and signed checkpoints first, streaming,
 * and prints nothing but the refusal when they do not hold; then it runs the service's own projections over the
 * events recorded up to {@code --as-of} in memory and asks the service's own endpoints for the figures.
 */
public final class ReplayCommand {

    static final int DONE = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int REFUSED = 3;
    static final int NOT_ANSWERED = 4;

    private ReplayCommand() {}

    /**
     * Runs the command over the service {@code application} (the standalone's application class). The figure goes to
     * {@code out}; everything else (progress, refusals) to {@code err}.
     */
    public static int run(Class<?> application, String[] args, PrintStream out, PrintStream err) {
        ReplayOptions options;
        try {
            options = ReplayOptions.parse(args);
        } catch (ReplayOptions.Usage e) {
            err.println("replay: " + e.getMessage());
            err.println(ReplayOptions.USAGE);
            return USAGE;
        }
        if (options.list()) {
            for (Figure figure : Figure.ALL) {
                out.println(
                        figure.name() + "  " + String.join(" ", figure.options()) + "\n    " + figure.description());
            }
            return DONE;
        }
        // The service's own logging writes to the console (stdout); stdout is the figure's, so the console is stderr.
        PrintStream console = System.out;
        System.setOut(err);
        try {
            return replay(application, options, out, err);
        } catch (ExportVerification.Refused e) {
            err.println("replay: " + e.getMessage());
            return REFUSED;
        } catch (Exception e) {
            err.println("replay: failed: " + e);
            return FAILED;
        } finally {
            System.setOut(console);
        }
    }

    private static int replay(Class<?> application, ReplayOptions options, PrintStream out, PrintStream err)
            throws Exception {
        var export = new ExportFile(options.export());
        var trusted = options.unsigned()
                ? TrustedCheckpoints.none()
                : TrustedCheckpoints.load(options.publicKey(), options.checkpoints());
        var verified = new ExportVerification(trusted, err).verify(export);
        err.println("replay: chain verified: " + verified.events() + " events, head " + verified.headPosition() + ":"
                + verified.headLink());
        if (verified.newestCheckpoint() == null) {
            err.println("replay: WARNING no signed checkpoint covers this export: the chain proves it consistent,"
                    + " not who wrote it (ADR 0005)");
        } else {
            err.println("replay: signed by key " + trusted.keyId() + " up to position "
                    + verified.newestCheckpoint().position() + " (" + verified.unsignedEvents()
                    + " later events not yet signed)");
        }
        if (options.verifyOnly()) {
            return DONE;
        }
        try (var service = OfflineService.start(application, options.settings(), err)) {
            service.load(export, options.asOf());
            service.awaitProjections(Duration.ofHours(6));
            for (Figure figure : options.figures()) {
                int status = answer(service, figure, options, out, err);
                if (status != DONE) {
                    return status;
                }
            }
        }
        return DONE;
    }

    private static int answer(
            OfflineService service, Figure figure, ReplayOptions options, PrintStream out, PrintStream err)
            throws Exception {
        boolean csv = options.format().equals("csv");
        String request = figure.request(options.figureOptions());
        var answer = service.get(request, csv ? "text/csv" : "application/json");
        byte[] body;
        if (csv && answer.status() == 406) {
            // The endpoint has no CSV of its own: its JSON, flattened.
            answer = service.get(request, "application/json");
            body = answer.ok()
                    ? CsvOfJson.of(JsonMapper.builder().build().readTree(answer.body()))
                            .getBytes(StandardCharsets.UTF_8)
                    : answer.body();
        } else {
            body = answer.body();
        }
        if (!answer.ok()) {
            err.println("replay: " + figure.name() + " (" + request + ") not answered: " + answer.status() + " "
                    + new String(answer.body(), StandardCharsets.UTF_8));
            return NOT_ANSWERED;
        }
        err.println("replay: " + figure.name() + " answered by GET " + request);
        write(body, target(figure, options), out);
        return DONE;
    }

    private static Path target(Figure figure, ReplayOptions options) throws java.io.IOException {
        if (options.out() == null) {
            return null;
        }
        if (options.figures().size() == 1 && !Files.isDirectory(options.out())) {
            return options.out();
        }
        Files.createDirectories(options.out());
        return options.out().resolve(figure.name() + "." + options.format());
    }

    private static void write(byte[] body, Path target, PrintStream out) throws java.io.IOException {
        if (target == null) {
            out.write(body);
            if (body.length > 0 && body[body.length - 1] != '\n') {
                out.println();
            }
            out.flush();
            return;
        }
        try (OutputStream file = Files.newOutputStream(target)) {
            file.write(body);
        }
    }
}
