package org.carebank.command.web;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The value rules every command request obeys whatever its type, checked in one place rather than on each field: every
 * text is storable ({@link StorableText}; free text marked {@link FreeText}), every instant and date lies in the
 * {@link TimeWindow}. Walks request records, their nested records and lists; each problem names its field as the
 * client wrote it ({@code cqc.inspectedOn}, {@code zones[1]}). {@link CommandInputAdvice} applies it to every request
 * body of the command API; the roster applies it to each line, so a bad line is refused alone.
 */
@Component
public class CommandInputCheck {

    private final TimeWindow window;
    private final Clock clock;

    public CommandInputCheck(TimeWindow window, Clock clock) {
        this.window = window;
        this.clock = clock;
    }

    public List<FieldProblem> problemsOf(Object request) {
        var problems = new ArrayList<FieldProblem>();
        check("", request, false, clock.instant(), problems);
        return problems;
    }

    private void check(String field, Object value, boolean freeText, Instant now, List<FieldProblem> problems) {
        if (value instanceof String text) {
            StorableText.problem(text, freeText).ifPresent(why -> problems.add(problem(field, why)));
        } else if (value instanceof Instant instant) {
            window.problem(instant, now).ifPresent(why -> problems.add(problem(field, why)));
        } else if (value instanceof LocalDate date) {
            window.problem(date, now).ifPresent(why -> problems.add(problem(field, why)));
        } else if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                check(field + "[" + index++ + "]", item, freeText, now, problems);
            }
        } else if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                String name = field.isEmpty() ? component.getName() : field + "." + component.getName();
                check(name, valueOf(component, record), component.isAnnotationPresent(FreeText.class), now, problems);
            }
        }
        // Numbers, booleans and enums need no check here: Bean Validation bounds the numbers, Jackson the enums.
    }

    private static FieldProblem problem(String field, String why) {
        return new FieldProblem(field.isEmpty() ? "body" : field, why);
    }

    private static Object valueOf(RecordComponent component, Record record) {
        try {
            var accessor = component.getAccessor();
            accessor.setAccessible(true); // request records are package-private, next to their controller
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of a request", e);
        }
    }
}
