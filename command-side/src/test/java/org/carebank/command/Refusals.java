package org.carebank.command;

import java.util.Objects;
import org.carebank.kernel.refusal.CommandRefusedException;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Hamcrest matchers for {@code expectException(...)}: a command refused with a given problem type (and status). */
public final class Refusals {

    private Refusals() {}

    public static Matcher<Throwable> refusedWith(String type, int status) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable actual) {
                return actual instanceof CommandRefusedException refused
                        && refused.refusal().type().equals(type)
                        && refused.refusal().status() == status;
            }

            @Override
            public void describeTo(Description description) {
                description
                        .appendText("a CommandRefusedException of type ")
                        .appendValue(type)
                        .appendText(" with status ")
                        .appendValue(status);
            }

            @Override
            protected void describeMismatchSafely(Throwable actual, Description mismatch) {
                if (actual instanceof CommandRefusedException refused) {
                    mismatch.appendText("was refused with ")
                            .appendValue(refused.refusal().type())
                            .appendText(" / ")
                            .appendValue(refused.refusal().status());
                } else {
                    mismatch.appendText("was ").appendValue(actual);
                }
            }
        };
    }

    /** A refusal of the given type and status whose problem carries {@code property} with the given value. */
    public static Matcher<Throwable> refusedWith(String type, int status, String property, Object value) {
        Matcher<Throwable> typeAndStatus = refusedWith(type, status);
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable actual) {
                return typeAndStatus.matches(actual)
                        && Objects.equals(
                                ((CommandRefusedException) actual)
                                        .refusal()
                                        .properties()
                                        .get(property),
                                value);
            }

            @Override
            public void describeTo(Description description) {
                typeAndStatus.describeTo(description);
                description
                        .appendText(" and ")
                        .appendText(property)
                        .appendText(" = ")
                        .appendValue(value);
            }

            @Override
            protected void describeMismatchSafely(Throwable actual, Description mismatch) {
                if (actual instanceof CommandRefusedException refused) {
                    mismatch.appendText("was refused with ")
                            .appendValue(refused.refusal().type())
                            .appendText(" / ")
                            .appendValue(refused.refusal().status())
                            .appendText(" and properties ")
                            .appendValue(refused.refusal().properties());
                } else {
                    mismatch.appendText("was ").appendValue(actual);
                }
            }
        };
    }
}
