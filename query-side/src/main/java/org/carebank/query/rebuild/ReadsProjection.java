package org.carebank.query.rebuild;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller whose answers come from the tables of the named projections (processing groups). While one of
 * them is rebuilt, {@link ProjectionGuard} answers 503 instead of half-built data; a request with {@code asOf=} is
 * answered from the events and passes.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ReadsProjection {

    /** The processing groups, e.g. {@code visit-views}. */
    String[] value();
}
