package org.carebank.simulator;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** A text progress bar: redrawn in place on a terminal, a line every few seconds when the output is a file or pipe. */
final class Progress implements AutoCloseable {

    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean terminal;
    private final long startedNanos = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final Thread painter;
    private volatile boolean closed;

    Progress(String label, long total, PrintStream out) {
        this.label = label;
        this.total = Math.max(1, total);
        this.out = out;
        this.terminal = System.console() != null;
        this.painter = new Thread(this::paintLoop, "progress");
        painter.setDaemon(true);
        painter.start();
    }

    void tick() {
        done.incrementAndGet();
    }

    void add(long n) {
        done.addAndGet(n);
    }

    double seconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    long done() {
        return done.get();
    }

    private void paintLoop() {
        long lastLine = System.nanoTime();
        while (!closed) {
            try {
                Thread.sleep(terminal ? 200 : 500);
            } catch (InterruptedException e) {
                return;
            }
            if (terminal) {
                out.print("\r" + line());
                out.flush();
            } else if (System.nanoTime() - lastLine > 5_000_000_000L) {
                out.println(line());
                lastLine = System.nanoTime();
            }
        }
    }

    private String line() {
        long n = done.get();
        int width = 30;
        int filled = (int) Math.min(width, n * width / total);
        double seconds = Math.max(0.001, seconds());
        return String.format(
                Locale.ROOT,
                "%-22s [%s%s] %7d/%-7d %3d%%  %7.1f/s  %5.1fs",
                label,
                "#".repeat(filled),
                "-".repeat(width - filled),
                n,
                total,
                n * 100 / total,
                n / seconds,
                seconds);
    }

    @Override
    public void close() {
        closed = true;
        painter.interrupt();
        try {
            painter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.println((terminal ? "\r" : "") + line());
    }
}
