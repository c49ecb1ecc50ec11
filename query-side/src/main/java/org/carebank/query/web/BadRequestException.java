package org.carebank.query.web;

/** A request the query API cannot read, with a stable problem type naming the rule and the parameter at fault. */
public class BadRequestException extends RuntimeException {

    private final String type;
    private final String parameter;

    public BadRequestException(String type, String parameter, String detail) {
        super(detail);
        this.type = type;
        this.parameter = parameter;
    }

    public String type() {
        return type;
    }

    public String parameter() {
        return parameter;
    }
}
