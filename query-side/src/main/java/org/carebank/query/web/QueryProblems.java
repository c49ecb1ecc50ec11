package org.carebank.query.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.carebank.kernel.refusal.CommandRefusedException;
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
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Errors of the query API as {@code application/problem+json}, never a stack trace. */
@RestControllerAdvice(basePackages = "org.carebank.query")
class QueryProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(QueryProblems.class);

    private static ResponseEntity<ProblemDetail> invalid(String type, String detail, Map<String, Object> members) {
        return Problems.response(new Refusal(type, 400, "Invalid request", detail, members));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return Problems.response(Refusal.notFound(e.type(), e.getMessage()));
    }

    /** A rule the query side itself enforces (webhook subscriptions), with the kernel's refusal as its problem. */
    @ExceptionHandler(CommandRefusedException.class)
    ResponseEntity<ProblemDetail> refused(CommandRefusedException e) {
        return Problems.response(e.refusal());
    }

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<ProblemDetail> badRequest(BadRequestException e) {
        return invalid(e.type(), e.getMessage(), e.parameter() == null ? Map.of() : Map.of("parameter", e.parameter()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
        return invalid(
                "invalid-request",
                "Parameter '" + e.getName() + "' cannot take the value '" + e.getValue() + "'.",
                Map.of());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badQuery(IllegalArgumentException e) {
        return invalid("invalid-request", e.getMessage(), Map.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        String errorId = UUID.randomUUID().toString();
        log.error("Unexpected error {} while answering a query", errorId, e);
        return Problems.response(new Refusal(
                "internal-error",
                500,
                "Internal error",
                "The query could not be answered. Quote error " + errorId + ".",
                Map.of("errorId", errorId)));
    }

    /** A body that is not JSON of the expected shape (webhook subscriptions), as the command side answers it. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest()
                .body(Problems.of(new Refusal(
                        "malformed-request",
                        400,
                        "Malformed request",
                        "The body is not JSON of the expected shape.",
                        Map.of())));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        return ResponseEntity.badRequest()
                .body(Problems.of(new Refusal(
                        "invalid-request",
                        400,
                        "Invalid request",
                        "The request body breaks field rules.",
                        Map.of("errors", errors))));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> Map.of(
                                "field",
                                String.valueOf(result.getMethodParameter().getParameterName()),
                                "message",
                                String.valueOf(error.getDefaultMessage()))))
                .toList();
        return ResponseEntity.badRequest()
                .body(Problems.of(new Refusal(
                        "invalid-request",
                        400,
                        "Invalid request",
                        "The request breaks parameter rules.",
                        Map.of("errors", errors))));
    }
}
