package org.carebank.command;

import java.lang.reflect.Field;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.test.aggregate.AggregateTestFixture;

/** Access to the deadline manager an {@code AggregateTestFixture} keeps to itself. */
public final class FixtureDeadlines {

    private FixtureDeadlines() {}

    /**
     * The fixture's own stub deadline manager. {@code AggregateTestFixture} injects it into handler parameters but
     * offers no getter; external command handlers (such as {@code VisitScheduling} or {@code TimeBankCommands}) take
     * their deadline manager in the constructor, so it is read from the fixture here. Using the fixture's instance
     * keeps {@code expectScheduledDeadline...} and {@code whenTimeElapses} working for deadlines they schedule.
     */
    public static DeadlineManager deadlineManagerOf(AggregateTestFixture<?> fixture) {
        try {
            Field field = AggregateTestFixture.class.getDeclaredField("deadlineManager");
            field.setAccessible(true);
            return (DeadlineManager) field.get(fixture);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("AggregateTestFixture no longer keeps its deadline manager there", e);
        }
    }
}
