package org.carebank.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the relative links of a repository's Markdown (README.md and docs/**) that do not resolve inside the
 * repository: a missing file or directory, an anchor no heading of the target gives, or a path that leaves the
 * repository (a clone has nothing outside it). Links to other sites are not followed; a link is looked for on one
 * line. Anchors are the ids a Git host gives headings: lower case, punctuation dropped, spaces as hyphens, a repeated
 * heading numbered -1, -2...
 */
final class DocumentationLinks {

    /** {@code [text](target)} and {@code ![alt](target)}, with an optional "title" after the target. */
    private static final Pattern INLINE_LINK =
            Pattern.compile("!?\\[[^\\]]*]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

    /** {@code [label]: target} on a line of its own. */
    private static final Pattern REFERENCE_LINK = Pattern.compile("^\\s{0,3}\\[[^\\]]+]:\\s*<?(\\S+?)>?(?:\\s+.*)?$");

    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?:(?!\\1).)+?\\1");
    private static final Pattern EXTERNAL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

    /** One link that does not resolve: where it is and why. */
    record BrokenLink(Path file, int line, String target, String reason) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + target + " (" + reason + ")";
        }
    }

    private final Path root;
    private final Map<Path, Set<String>> anchors = new HashMap<>();

    DocumentationLinks(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The repository's documents: README.md at the root and every .md file under docs/. */
    List<Path> documents() {
        var files = new ArrayList<Path>();
        if (Files.isRegularFile(root.resolve("README.md"))) {
            files.add(root.resolve("README.md"));
        }
        Path docs = root.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> walk = Files.walk(docs)) {
                walk.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    List<BrokenLink> brokenLinks() {
        var broken = new ArrayList<BrokenLink>();
        for (Path file : documents()) {
            broken.addAll(brokenLinks(file));
        }
        return broken;
    }

    List<BrokenLink> brokenLinks(Path file) {
        var broken = new ArrayList<BrokenLink>();
        List<String> lines = proseLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line == null) {
                continue;
            }
            for (String target : targets(line)) {
                String reason = check(file, target);
                if (reason != null) {
                    broken.add(new BrokenLink(root.relativize(file), i + 1, target, reason));
                }
            }
        }
        return broken;
    }

    private static List<String> targets(String line) {
        var targets = new ArrayList<String>();
        String prose = CODE_SPAN.matcher(line).replaceAll("");
        Matcher inline = INLINE_LINK.matcher(prose);
        while (inline.find()) {
            targets.add(inline.group(1));
        }
        Matcher reference = REFERENCE_LINK.matcher(prose);
        if (reference.matches()) {
            targets.add(reference.group(1));
        }
        return targets;
    }

    /** Why the link does not resolve, or null when it does. */
    private String check(Path from, String target) {
        if (EXTERNAL.matcher(target).matches()) {
            return null;
        }
        int hash = target.indexOf('#');
        String pathPart = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : URLDecoder.decode(target.substring(hash + 1), StandardCharsets.UTF_8);
        Path resolved = pathPart.isEmpty()
                ? from
                : from.getParent()
                        .resolve(URLDecoder.decode(pathPart, StandardCharsets.UTF_8))
                        .normalize();
        if (!resolved.startsWith(root)) {
            return "outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (anchor == null || anchor.isEmpty()) {
            return null;
        }
        if (!resolved.toString().endsWith(".md")) {
            return "an anchor into a file that is not Markdown";
        }
        return anchorsOf(resolved).contains(anchor) ? null : "no heading gives #" + anchor;
    }

    Set<String> anchorsOf(Path file) {
        return anchors.computeIfAbsent(file, f -> {
            var ids = new HashSet<String>();
            var seen = new HashMap<String, Integer>();
            for (String line : proseLines(f)) {
                if (line == null) {
                    continue;
                }
                Matcher html = HTML_ANCHOR.matcher(line);
                while (html.find()) {
                    ids.add(html.group(1));
                }
                Matcher heading = HEADING.matcher(line);
                if (heading.matches()) {
                    String slug = slug(heading.group(1));
                    int count = seen.merge(slug, 1, Integer::sum);
                    ids.add(count == 1 ? slug : slug + "-" + (count - 1));
                }
            }
            return ids;
        });
    }

    /** The id a Git host gives a heading: its text without markup, lower case, punctuation dropped, spaces as '-'. */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1") // a link counts by its text
                .replace("`", "")
                .replaceAll("<[^>]+>", "")
                .replaceAll("(\\*\\*|__|\\*)", "")
                .toLowerCase(Locale.ROOT);
        return text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    /**
     * The file's lines with fenced code blocks blanked (null), so that an example inside code is not taken for a link
     * or a heading (code spans are dropped when links are looked for).
     */
    private static List<String> proseLines(Path file) {
        List<String> raw;
        try {
            raw = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var lines = new ArrayList<String>(raw.size());
        String fence = null;
        for (String line : raw) {
            String trimmed = line.stripLeading();
            if (fence == null && (trimmed.startsWith("```") || trimmed.startsWith("~~~"))) {
                fence = trimmed.substring(0, 3);
                lines.add(null);
            } else if (fence != null) {
                if (trimmed.startsWith(fence)) {
                    fence = null;
                }
                lines.add(null);
            } else {
                lines.add(line);
            }
        }
        return lines;
    }
}
