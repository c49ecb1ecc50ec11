package org.carebank.web;

import java.net.URI;
import org.carebank.kernel.refusal.Refusal;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;

/**
 * The one writer from a {@link Refusal} to an RFC 9457 problem: {@code type} {@code /problems/<type>}, the refusal's
 * status, title and detail, and its properties as extra members. Every refusal of the API, from a controller, a
 * filter or the servlet container, is built here (filters write it with {@link ServletProblems}), so an answer's shape
 * is decided in one place.
 */
public final class Problems {

    /** Where each problem type is described: {@code /problems/<type>} (docs/api.md lists them). */
    public static final String TYPE_PREFIX = "/problems/";

    private Problems() {}

    public static ProblemDetail of(Refusal refusal) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(refusal.status()), refusal.detail());
        problem.setType(URI.create(TYPE_PREFIX + refusal.type()));
        problem.setTitle(refusal.title());
        refusal.properties().forEach(problem::setProperty);
        return problem;
    }

    /** The refusal as a controller's answer: its status and the problem as the body. */
    public static ResponseEntity<ProblemDetail> response(Refusal refusal) {
        return ResponseEntity.status(refusal.status()).body(of(refusal));
    }

    /** For code below a controller that must stop the request with a problem (Spring MVC answers it as is). */
    public static ErrorResponseException exception(Refusal refusal) {
        return new ErrorResponseException(HttpStatusCode.valueOf(refusal.status()), of(refusal), null);
    }
}
