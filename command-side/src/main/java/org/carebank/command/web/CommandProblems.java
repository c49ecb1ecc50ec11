package org.carebank.command.web;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.carebank.command.CommandFailures;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Every refusal of the command API as {@code application/problem+json}: a stable {@code type}, the rule that was
 * broken, and never a stack trace. Refused commands wrote no event.
 */
@RestControllerAdvice(basePackages = "org.carebank.command")
public class CommandProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(CommandProblems.class);

    private final MeterRegistry registry;

    CommandProblems(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * A refusal, whether the handler threw it on this node or on another one through Axon Server (which delivers it as
     * a {@link CommandExecutionException} with the refusal as its details): the same problem either way.
     */
    @ExceptionHandler({
        CommandExecutionException.class,
        AggregateNotFoundException.class,
        ConcurrencyException.class,
        AggregateStreamCreationException.class
    })
    ResponseEntity<ProblemDetail> refused(Exception e) {
        var refusal = CommandFailures.refusal(e).orElse(null);
        if (refusal == null) {
            return unexpected(e);
        }
        // Which rules providers' systems break most: a rising count points at a rostering system to talk to.
        registry.counter("carebank.commands.refused", "type", refusal.type()).increment();
        return Problems.response(refusal);
    }

    /** Text a store cannot hold or an instant outside the window ({@link CommandInputCheck}): the fields named. */
    @ExceptionHandler(InvalidCommandInput.class)
    ResponseEntity<Object> invalidInput(InvalidCommandInput e) {
        List<Map<String, String>> errors =
                e.problems().stream().map(FieldProblem::asError).toList();
        return invalid("The request breaks " + errors.size() + " field rule(s).", errors);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        String errorId = UUID.randomUUID().toString();
        log.error("Unexpected error {} while handling a command", errorId, e);
        return Problems.response(new Refusal(
                "internal-error",
                500,
                "Internal error",
                "The command could not be completed; nothing was recorded. Quote error " + errorId + ".",
                Map.of("errorId", errorId)));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        return invalid("The request breaks " + errors.size() + " field rule(s).", errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> Map.of(
                                "field",
                                result.getMethodParameter().getParameterName() == null
                                        ? "parameter"
                                        : result.getMethodParameter().getParameterName(),
                                "message",
                                String.valueOf(error.getDefaultMessage()))))
                .toList();
        return invalid("The request breaks " + errors.size() + " rule(s).", errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest()
                .body(Problems.of(
                        new Refusal("malformed-request", 400, "Malformed request", readableCause(ex), Map.of())));
    }

    private static ResponseEntity<Object> invalid(String detail, List<Map<String, String>> errors) {
        return ResponseEntity.badRequest()
                .body(Problems.of(
                        new Refusal("invalid-request", 400, "Invalid request", detail, Map.of("errors", errors))));
    }

    /** Names the field and the bad value, without the class names or parser internals a stack trace would show. */
    static String readableCause(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        while (cause != null && !(cause instanceof DatabindException)) {
            cause = cause.getCause();
        }
        if (cause instanceof InvalidFormatException invalid) {
            String allowed =
                    invalid.getTargetType() != null && invalid.getTargetType().isEnum()
                            ? " (allowed: " + List.of(invalid.getTargetType().getEnumConstants()) + ")"
                            : "";
            return "Field '" + path(invalid) + "' cannot take the value '" + invalid.getValue() + "'" + allowed + ".";
        }
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            return "Field '" + path(databind) + "' has a value of the wrong type or shape.";
        }
        return "The request body is missing or is not well-formed JSON.";
    }

    /** The same words for a roster line that Jackson could not read, so a bad line names its field too. */
    public static String readableCause(JacksonException e) {
        return readableCause(new HttpMessageNotReadableException("unreadable roster line", e, null));
    }

    private static String path(DatabindException e) {
        var path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
