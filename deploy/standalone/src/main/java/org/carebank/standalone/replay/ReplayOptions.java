package org.carebank.standalone.replay;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The replay command's options, checked before any file is read (docs/offline-replay.md lists them). */
record ReplayOptions(
        boolean list,
        Path export,
        Path publicKey,
        List<Path> checkpoints,
        boolean unsigned,
        boolean verifyOnly,
        Instant asOf,
        List<Figure> figures,
        Map<String, String> figureOptions,
        String format,
        Path out,
        List<String> settings) {

    /** What the figures' paths and queries are filled from. */
    static final Set<String> FIGURE_OPTIONS = Set.of(
            "provider",
            "worker",
            "client",
            "visit",
            "package",
            "zone",
            "statement",
            "month",
            "from",
            "to",
            "date",
            "week");

    static final class Usage extends IllegalArgumentException {
        Usage(String message) {
            super(message);
        }
    }

    static final String USAGE =
            """
            usage: java -jar standalone-<version>.jar replay --export <history.ndjson>
                       (--public-key <key.pem|signing-keys.json> --checkpoints <verify.json> ... | --unsigned)
                       [--as-of <instant>] (--figure <name> [--figure <name> ... --out <directory>] | --verify-only)
                       [--provider <id>] [--month <yyyy-mm> | --from <date> --to <date>] [--worker <id>] [--date <date>]
                       [--week <yyyy-Www>] [--client <ref>] [--visit <id>] [--package <id>] [--zone <zone>]
                       [--statement <id>] [--format json|csv] [--out <file>]
                   java -jar standalone-<version>.jar replay --list
            Exit status: 0 done, 2 usage, 3 export refused (chain or checkpoint), 4 figure not answered, 1 failure.""";

    static ReplayOptions parse(String[] args) {
        boolean list = false;
        boolean unsigned = false;
        boolean verifyOnly = false;
        Path export = null;
        Path publicKey = null;
        Path out = null;
        Instant asOf = null;
        String format = "json";
        var checkpoints = new ArrayList<Path>();
        var figures = new ArrayList<Figure>();
        var figureOptions = new LinkedHashMap<String, String>();
        var settings = new ArrayList<String>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--spring.") || arg.startsWith("--logging.")) {
                settings.add(arg); // for the private service's context, e.g. --logging.level.root=INFO
                continue;
            }
            switch (arg) {
                case "--list" -> list = true;
                case "--unsigned" -> unsigned = true;
                case "--verify-only" -> verifyOnly = true;
                case "--export" -> export = Path.of(value(args, ++i, arg));
                case "--public-key" -> publicKey = Path.of(value(args, ++i, arg));
                case "--checkpoints" -> checkpoints.add(Path.of(value(args, ++i, arg)));
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--figure" -> figures.add(figure(value(args, ++i, arg)));
                case "--format" -> format = value(args, ++i, arg);
                case "--as-of" -> asOf = instant(value(args, ++i, arg));
                default -> {
                    String name = arg.startsWith("--") ? arg.substring(2) : arg;
                    if (!FIGURE_OPTIONS.contains(name)) {
                        throw new Usage("unknown option " + arg);
                    }
                    figureOptions.put(name, value(args, ++i, arg));
                }
            }
        }
        if (list) {
            return new ReplayOptions(
                    true, null, null, List.of(), false, false, null, List.of(), Map.of(), format, null, settings);
        }
        if (export == null) {
            throw new Usage("--export <history.ndjson> is needed");
        }
        if (!unsigned && (publicKey == null || checkpoints.isEmpty())) {
            throw new Usage("--public-key and at least one --checkpoints file are needed to trust the export"
                    + " (or --unsigned to check the chain's consistency only)");
        }
        if (!format.equals("json") && !format.equals("csv")) {
            throw new Usage("--format is json or csv");
        }
        if (!verifyOnly && figures.isEmpty()) {
            throw new Usage("--figure <name> (see --list) or --verify-only");
        }
        if (figures.size() > 1 && out == null) {
            throw new Usage("several figures are written into a directory: --out <directory>");
        }
        if (asOf != null) {
            figureOptions.put("as-of", asOf.toString());
        }
        for (Figure figure : figures) {
            try {
                figure.request(
                        figureOptions); // a missing or malformed option is a usage error now, not after the replay
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new Usage(e.getMessage());
            }
        }
        return new ReplayOptions(
                false,
                export,
                publicKey,
                List.copyOf(checkpoints),
                unsigned,
                verifyOnly,
                asOf,
                List.copyOf(figures),
                Map.copyOf(figureOptions),
                format,
                out,
                List.copyOf(settings));
    }

    private static Figure figure(String name) {
        try {
            return Figure.named(name);
        } catch (IllegalArgumentException e) {
            throw new Usage(e.getMessage());
        }
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new Usage("--as-of is an instant such as 2026-11-03T00:00:00Z");
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new Usage(option + " needs a value");
        }
        return args[i];
    }
}
