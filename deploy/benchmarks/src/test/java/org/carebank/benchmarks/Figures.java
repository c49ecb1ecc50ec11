package org.carebank.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Measured figures: percentiles from sorted samples, a printed table, and the JSON file. */
final class Figures {

    private Figures() {}

    /** Percentile of latencies in nanoseconds, answered in milliseconds (nearest rank). */
    static double percentileMillis(long[] nanos, double percentile) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
    }

    static Map<String, Object> latency(List<Long> samples) {
        long[] nanos = samples.stream().mapToLong(Long::longValue).toArray();
        var figures = new LinkedHashMap<String, Object>();
        figures.put("samples", nanos.length);
        figures.put("p50Ms", round(percentileMillis(nanos, 50)));
        figures.put("p99Ms", round(percentileMillis(nanos, 99)));
        figures.put("maxMs", round(percentileMillis(nanos, 100)));
        return figures;
    }

    static double round(double value) {
        return Double.isNaN(value) ? value : Math.round(value * 100) / 100.0;
    }

    /** Resident set size of this process, from /proc (Linux), in MB. */
    static double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (Exception e) {
            // not Linux: no figure
        }
        return Double.NaN;
    }

    static double heapUsedMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    /** Samples heap and RSS every 200 ms while a phase runs; keeps the maxima and the means. */
    /**
     * CPU time used so far by this JVM (service and load generator) and by every PostgreSQL process, in milliseconds.
     * The difference over a run, divided by its commands, says how many commands per second the machine's cores could
     * give at most: the limit that is not fsync or locking.
     */
    record CpuTime(double jvmMs, double postgresMs, Map<String, Double> threadsMs) {

        static CpuTime now() {
            var os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            return new CpuTime(os.getProcessCpuTime() / 1e6, postgresNow(), byThreadGroup());
        }

        /** CPU of the JVM's live threads by what they do; JIT, GC and ended threads make up the rest. */
        private static Map<String, Double> byThreadGroup() {
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            var groups = new java.util.TreeMap<String, Double>();
            for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos > 0) {
                    groups.merge(group(info.getThreadName()), nanos / 1e6, Double::sum);
                }
            }
            // Not threads of the application: time the JIT compilers and the garbage collector's pauses took.
            groups.put("JIT compiling", (double) java.lang.management.ManagementFactory.getCompilationMXBean()
                    .getTotalCompilationTime());
            double gcPauses = 0;
            for (var collector : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
                gcPauses += collector.getCollectionTime();
            }
            groups.put("GC (pause time)", gcPauses);
            return groups;
        }

        private static String group(String thread) {
            if (thread.startsWith("WorkPackage[") || thread.startsWith("Coordinator[")) {
                return "projection " + thread.substring(thread.indexOf('[') + 1, thread.indexOf(']'));
            }
            if (thread.startsWith("http-nio")) {
                return "http requests";
            }
            if (thread.startsWith("bench-client")) {
                return "load generator and gateway commands";
            }
            if (thread.startsWith("HttpClient")) {
                return "load generator";
            }
            if (thread.startsWith("EmbeddedEventStore")) {
                return "event store reader";
            }
            return "other threads";
        }

        private static double postgresNow() {
            double ticks = 0;
            try (var processes = Files.list(Path.of("/proc"))) {
                for (Path process : processes.toList()) {
                    try {
                        String stat = Files.readString(process.resolve("stat"));
                        int close = stat.lastIndexOf(')');
                        if (!stat.substring(stat.indexOf('(') + 1, close).startsWith("postgres")) {
                            continue;
                        }
                        String[] fields = stat.substring(close + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                    } catch (java.io.IOException | RuntimeException gone) {
                        // not a process, or it ended while being read
                    }
                }
            } catch (java.io.IOException e) {
                return Double.NaN;
            }
            return ticks * 10; // USER_HZ is 100 on Linux
        }

        /**
         * Per unit of work since {@code start} (a command, a rostered visit, a replayed event), and the units per second
         * all cores could give at that cost.
         */
        Map<String, Object> perUnitSince(CpuTime start, long units) {
            double jvm = (jvmMs - start.jvmMs) / units;
            double postgres = (postgresMs - start.postgresMs) / units;
            int cores = Runtime.getRuntime().availableProcessors();
            var figures = new java.util.LinkedHashMap<String, Object>();
            figures.put("jvmMsEach", round(jvm));
            figures.put("postgresMsEach", round(postgres));
            figures.put("cpuBoundPerSecond", round(cores * 1000 / (jvm + postgres)));
            var threads = new java.util.LinkedHashMap<String, Object>();
            double named = 0;
            for (var group : threadsMs.entrySet()) {
                double spent = (group.getValue() - start.threadsMs.getOrDefault(group.getKey(), 0.0)) / units;
                threads.put(group.getKey(), round(spent));
                named += spent;
            }
            threads.put("rest (GC threads, ended threads)", round(jvm - named));
            figures.put("jvmMsEachByThreads", threads);
            return figures;
        }
    }

    static final class MemorySampler implements AutoCloseable {
        private final List<double[]> samples = new ArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;

        MemorySampler() {
            thread = new Thread(
                    () -> {
                        while (running) {
                            synchronized (samples) {
                                samples.add(new double[] {heapUsedMb(), rssMb()});
                            }
                            try {
                                Thread.sleep(200);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "memory-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        Map<String, Object> figures() {
            synchronized (samples) {
                var figures = new LinkedHashMap<String, Object>();
                figures.put(
                        "heapUsedMaxMb",
                        round(samples.stream().mapToDouble(s -> s[0]).max().orElse(Double.NaN)));
                figures.put(
                        "heapUsedMeanMb",
                        round(samples.stream().mapToDouble(s -> s[0]).average().orElse(Double.NaN)));
                figures.put(
                        "rssMaxMb",
                        round(samples.stream().mapToDouble(s -> s[1]).max().orElse(Double.NaN)));
                figures.put(
                        "heapMaxConfiguredMb",
                        round(ManagementFactory.getMemoryMXBean()
                                        .getHeapMemoryUsage()
                                        .getMax()
                                / (1024.0 * 1024.0)));
                return figures;
            }
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }

    static String table(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (var row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        var out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            var row = rows.get(r);
            out.append("| ");
            for (int c = 0; c < columns; c++) {
                out.append(String.format(Locale.ROOT, c == 0 ? "%-" + widths[c] + "s" : "%" + widths[c] + "s", row[c]))
                        .append(" | ");
            }
            out.setLength(out.length() - 1);
            out.append('\n');
            if (r == 0) {
                out.append('|');
                for (int c = 0; c < columns; c++) {
                    out.append("-".repeat(widths[c] + 2)).append('|');
                }
                out.append('\n');
            }
        }
        return out.toString();
    }
}
