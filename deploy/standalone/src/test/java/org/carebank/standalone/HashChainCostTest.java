package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.caller.Role;
import org.carebank.kernel.carepackage.CommissionPackage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the hash chain costs a command: the time to link each event (lock wait on the chain's head included), from
 * one thread and from eight at once. Logged for ADR 0005; asserted only loosely, the machine is shared.
 */
class HashChainCostTest extends AuditTestSupport {

    private static final Logger log = LoggerFactory.getLogger(HashChainCostTest.class);
    private static final int COMMANDS = 100;
    private static final int CLIENTS = 8;

    @Autowired
    MeterRegistry meters;

    @Autowired
    CommandGateway commands;

    @Test
    @DisplayName("linking costs each stored event a fraction of the command, alone and with eight clients at once")
    void measured() throws Exception {
        commission(); // warm up

        var sequential = measure(1);
        var concurrent = measure(CLIENTS);

        log.info(
                "Hash chain, 1 client: {} commands/s, {} ms per command, {} ms of it linking",
                sequential.perSecond(),
                sequential.commandMillis(),
                sequential.linkMillis());
        log.info(
                "Hash chain, {} clients: {} commands/s, {} ms per command, {} ms of it linking (lock wait included)",
                CLIENTS,
                concurrent.perSecond(),
                concurrent.commandMillis(),
                concurrent.linkMillis());
        assertThat(sequential.links()).isEqualTo(COMMANDS);
        assertThat(concurrent.links()).isEqualTo(COMMANDS);
        assertThat(sequential.linkMillis()).isLessThan(sequential.commandMillis());
        assertThat(verification().path("valid").asBoolean()).isTrue();
    }

    record Measurement(long links, double linkMillis, double commandMillis, long perSecond) {}

    private Measurement measure(int clients) throws Exception {
        Timer timer = meters.get("carebank.audit.chain.link").timer();
        long linksBefore = timer.count();
        double linkNanosBefore = timer.totalTime(TimeUnit.NANOSECONDS);
        var pool = Executors.newFixedThreadPool(clients);
        var tasks = new ArrayList<Callable<Long>>();
        for (int i = 0; i < COMMANDS; i++) {
            tasks.add(() -> {
                long start = System.nanoTime();
                commission();
                return System.nanoTime() - start;
            });
        }
        long start = System.nanoTime();
        long commandNanos = 0;
        for (var result : pool.invokeAll(tasks)) {
            commandNanos += result.get();
        }
        long elapsed = System.nanoTime() - start;
        pool.shutdown();
        long links = timer.count() - linksBefore;
        double linkNanos = timer.totalTime(TimeUnit.NANOSECONDS) - linkNanosBefore;
        return new Measurement(
                links,
                round(linkNanos / links / 1e6),
                round(commandNanos / (double) COMMANDS / 1e6),
                COMMANDS * 1_000_000_000L / elapsed);
    }

    /**
     * One command, one event, on a stream of its own: a package commissioned, sent through the command gateway as the
     * API would (caller as metadata), so the figure is the command path's (append, lookups, chain, commit) and not the
     * HTTP client's. A command on a long stream, such as a worker registered on a provider with hundreds of workers,
     * would be dominated by sourcing the aggregate instead.
     */
    private void commission() {
        var command = new CommissionPackage(
                unique("pkg"), unique("C"), "north", 300, 2200, false, LocalDate.parse("2026-01-01"), null);
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(new Caller("council", Role.COUNCIL, null).toMetaData()));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
