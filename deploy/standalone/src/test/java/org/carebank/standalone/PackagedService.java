package org.carebank.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar (failsafe's {@code carebank.jar}) in a child JVM, as an operator runs it: started in its own
 * working directory (so the default H2 store lands in its {@code ./data}), killed with SIGKILL or stopped with SIGTERM,
 * its console appended to one log file across restarts.
 */
final class PackagedService {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path workingDirectory;
    private final Path log;
    private final int port;
    private final List<String> arguments;
    private Process process;

    PackagedService(Path workingDirectory, int port, List<String> arguments) {
        this.workingDirectory = workingDirectory.toAbsolutePath();
        this.log = this.workingDirectory.resolve("service.log");
        this.port = port;
        this.arguments = List.copyOf(arguments);
    }

    /** A fresh, empty working directory under target/ (the H2 file store of an earlier run is removed). */
    static Path freshDirectory(String name) {
        var directory = Path.of("target", name).toAbsolutePath();
        try {
            if (Files.exists(directory)) {
                try (var paths = Files.walk(directory)) {
                    paths.sorted(java.util.Comparator.reverseOrder())
                            .forEach(path -> path.toFile().delete());
                }
            }
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the jar and waits until its health endpoint answers 200. */
    void start() throws InterruptedException {
        var command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m",
                "-Daxoniq.update-checker.disabled=true",
                "-jar",
                System.getProperty("carebank.jar"),
                "--server.port=" + port,
                "--db-scheduler.polling-interval=500ms",
                "--logging.structured.format.console="));
        command.addAll(arguments);
        try {
            process = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline && process.isAlive()) {
            try {
                var health = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service did not start; see " + log);
    }

    /** SIGKILL: no shutdown hook, no flush; returns once the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, as systemd, Docker or Kubernetes stop a service; the time it took to exit, or null past the bound. */
    Duration terminate(Duration bound) throws InterruptedException {
        long started = System.nanoTime();
        process.destroy();
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            return null;
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Leaves nothing running, whatever state a failed test left it in. */
    void stopForGood() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
        }
    }
}
