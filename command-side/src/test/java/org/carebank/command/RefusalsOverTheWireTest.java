package org.carebank.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.command.CommandSerializer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.carebank.kernel.provider.CqcRating;
import org.carebank.kernel.refusal.CommandOutcome;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.kernel.serialization.EventJson;
import org.carebank.kernel.visit.RosterOutcome;
import org.carebank.web.Problems;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a command's failure becomes on the node that sent it through Axon Server. The handling node's result goes
 * through the connector's own {@link CommandSerializer} with the services' serializer (Axon's Jackson serializer on
 * {@link EventJson}'s mapper, as the auto-configuration builds it for {@code axon.serializer.general: jackson}) and back,
 * as it does on the wire; the problem the sender then answers must be the one the handler's own exception gives.
 */
class RefusalsOverTheWireTest {

    private static final JsonMapper PROBLEM_JSON = JsonMapper.builder().build();

    private final CommandSerializer wire = new CommandSerializer(
            JacksonSerializer.builder().objectMapper(EventJson.objectMapper()).build(), new AxonServerConfiguration());

    @Test
    void aRefusalWithItsRuleSpecificFieldsArrivesAsTheSameProblem() {
        var refusal = Refusal.rule("provider-below-minimum-rating", "A provider is admitted only if rated GOOD.")
                .with("minimumRating", CqcRating.GOOD)
                .with("headroomMinutes", 15)
                .with("inspectedAt", Instant.parse("2026-03-01T09:00:00Z"))
                .with("errors", List.of(Map.of("field", "cqc.overall", "message", "below GOOD")));
        MessageHandler<CommandMessage<?>> handler = command -> {
            throw refusal.exception();
        };

        var remote = overTheWire(handler);

        assertThat(problemJson(remote))
                .contains(problemJson(refusal.exception()).orElseThrow());
        assertThat(CommandFailures.refusal(remote).orElseThrow().status()).isEqualTo(422);
    }

    @Test
    void anUnknownIdArrivesAs404NamingTheCallersId() {
        var notFound = new AggregateNotFoundException("visit:no-such-visit", "The aggregate was not found");

        var remote = overTheWire(command -> {
            throw notFound;
        });

        assertThat(problemJson(remote)).contains(problemJson(notFound).orElseThrow());
        assertThat(CommandFailures.refusal(remote).orElseThrow().detail()).contains("no-such-visit");
        // What arrived before the handling node answered refusals with their details: nothing to map, a 500.
        assertThat(CommandFailures.refusal(overTheBareWire(command -> {
                    throw notFound;
                })))
                .isEmpty();
    }

    @Test
    void anAppendThatLosesARaceAtCommitArrivesAsARetryableConflict() {
        var remote = overTheWire(command -> {
            // Axon Server refuses the append when the unit of work commits, after the handler has returned.
            CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> {
                throw new ConcurrencyException("sequence number 3 of visit:v-1 was taken");
            });
            return CommandOutcome.RECORDED;
        });

        assertThat(CommandFailures.refusal(remote).orElseThrow().status()).isEqualTo(409);
        assertThat(problemJson(remote))
                .contains(problemJson(new ConcurrencyException("local")).orElseThrow());
        assertThat(ConflictRetryScheduler.isConflict(remote))
                .as("the sender's gateway retries it")
                .isTrue();
    }

    @Test
    void aFaultStaysAFault() {
        var remote = overTheWire(command -> {
            throw new IllegalStateException("the database is gone");
        });

        assertThat(CommandFailures.refusal(remote)).as("answered 500").isEmpty();
        assertThat(ConflictRetryScheduler.isConflict(remote)).isFalse();
    }

    @Test
    void aRosterWithARefusedLineArrivesWholeAsAnAnswer() {
        var outcome = new RosterOutcome(List.of(
                RosterOutcome.Line.of(CommandOutcome.RECORDED),
                RosterOutcome.Line.refused(Refusal.rule("worker-double-booked", "Worker w-1 is already booked.")
                        .with("clashingVisitId", "v-0"))));

        var result = resultOverTheWire(
                new RefusalsOverTheWire(SimpleCommandBus.builder().build()), command -> outcome);

        assertThat(result.isExceptional()).isFalse();
        assertThat(result.getPayload()).isEqualTo(outcome);
    }

    /** The exception the sending node's gateway throws for the handler's failure. */
    private Throwable overTheWire(MessageHandler<CommandMessage<?>> handler) {
        return resultOverTheWire(
                        new RefusalsOverTheWire(SimpleCommandBus.builder().build()), handler)
                .exceptionResult();
    }

    private Throwable overTheBareWire(MessageHandler<CommandMessage<?>> handler) {
        return resultOverTheWire(SimpleCommandBus.builder().build(), handler).exceptionResult();
    }

    private CommandResultMessage<?> resultOverTheWire(
            CommandBus handlingNode, MessageHandler<CommandMessage<?>> handler) {
        handlingNode.subscribe("probe", handler);
        var handled = new AtomicReference<CommandResultMessage<?>>();
        handlingNode.dispatch(
                new GenericCommandMessage<>(new GenericMessage<>("payload"), "probe"),
                (command, result) -> handled.set(result));
        return wire.deserialize(wire.serialize(handled.get(), "request-1"));
    }

    /** As a tree: a problem's properties have no order, so two equal answers may be written in different orders. */
    private static Optional<JsonNode> problemJson(Throwable failure) {
        return CommandFailures.refusal(failure).map(Problems::of).map(problem ->
                (JsonNode) PROBLEM_JSON.valueToTree(problem));
    }
}
