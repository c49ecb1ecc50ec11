package org.carebank.command.web;

import java.util.List;

/** A command request with fields that break {@link CommandInputCheck}'s rules; answered 400 invalid-request. */
class InvalidCommandInput extends RuntimeException {

    private final List<FieldProblem> problems;

    InvalidCommandInput(List<FieldProblem> problems) {
        // No stack trace: this is a refusal of the client's input, never logged as an error.
        super("request fields break value rules: " + problems, null, false, false);
        this.problems = List.copyOf(problems);
    }

    List<FieldProblem> problems() {
        return problems;
    }
}
