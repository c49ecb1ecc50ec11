package org.carebank.standalone.replay;

import java.io.PrintStream;

/** Progress lines on stderr (stdout is the figure's): events so far and their rate, every few seconds. */
final class Progress {

    private static final long EVERY_NANOS = 2_000_000_000L;

    private final PrintStream err;
    private final String verb;
    private final long started = System.nanoTime();
    private long last = started;
    private long count;

    Progress(PrintStream err, String verb) {
        this.err = err;
        this.verb = verb;
    }

    void tick() {
        count++;
        long now = System.nanoTime();
        if (now - last >= EVERY_NANOS) {
            last = now;
            err.println("replay: " + count + " events " + verb + " (" + rate(now) + " events/s)");
        }
    }

    void done() {
        err.println("replay: " + count + " events " + verb + " in " + (System.nanoTime() - started) / 1_000_000
                + " ms (" + rate(System.nanoTime()) + " events/s)");
    }

    long count() {
        return count;
    }

    private long rate(long now) {
        double seconds = (now - started) / 1e9;
        return seconds <= 0 ? count : Math.round(count / seconds);
    }
}
