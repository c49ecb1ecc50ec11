package org.carebank.query.rebuild;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

/** Which projections an endpoint answers from, as its controller's {@link ReadsProjection} names them. */
final class ProjectionReads {

    private ProjectionReads() {}

    /** The projections named, or empty when the controller does not say (it may read any of them). */
    static Optional<List<String>> declaredBy(HandlerMethod method) {
        ReadsProjection reads = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), ReadsProjection.class);
        return reads == null ? Optional.empty() : Optional.of(List.of(reads.value()));
    }

    /** A question with asOf=, to an endpoint that takes it, is answered from the events, not the tables. */
    static boolean answeredFromEvents(HandlerMethod method, String asOf) {
        return asOf != null
                && Arrays.stream(method.getMethodParameters())
                        .anyMatch(parameter -> "asOf".equals(parameter.getParameterName()));
    }
}
