package org.carebank.service;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.stream.Collectors;
import org.carebank.kernel.refusal.Refusal;
import org.carebank.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * A path no endpoint has is 404 {@code not-found}, a method the path does not take is 405
 * {@code method-not-allowed} with {@code Allow}, both as problem+json. The command and query advices are scoped to
 * their controllers, so these refusals, made before any controller is chosen, are answered here.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class UnknownEndpointProblems {

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ProblemDetail> notFound(HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(notFoundProblem(request));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> methodNotAllowed(
            HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        // A path that only the static files' handler took (it knows GET and HEAD) is not an endpoint at all.
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof ResourceHttpRequestHandler
                && request.getRequestURI().startsWith("/api/")) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(notFoundProblem(request));
        }
        String allowed = e.getSupportedHttpMethods() == null
                ? ""
                : e.getSupportedHttpMethods().stream().map(Object::toString).collect(Collectors.joining(", "));
        var problem = Problems.of(new Refusal(
                "method-not-allowed",
                405,
                "Method not allowed",
                request.getMethod() + " is not a method of " + request.getRequestURI()
                        + (allowed.isEmpty() ? "." : "; it takes " + allowed + "."),
                Map.of()));
        var answer = ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED);
        if (!allowed.isEmpty()) {
            answer.header(HttpHeaders.ALLOW, allowed);
        }
        return answer.body(problem);
    }

    private static ProblemDetail notFoundProblem(HttpServletRequest request) {
        return Problems.of(Refusal.notFound("not-found", "No endpoint answers " + request.getRequestURI() + "."));
    }
}
