package org.carebank.query.web;

/** Nothing to show: unknown, or belonging to another provider (the same answer, so nothing leaks). */
public class NotFoundException extends RuntimeException {

    private final String type;

    public NotFoundException(String type, String detail) {
        super(detail);
        this.type = type;
    }

    public String type() {
        return type;
    }
}
