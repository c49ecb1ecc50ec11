package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clone of the repository is all a newcomer or a council's operator has: every link of README.md and docs/**
 * resolves inside it, to a file that exists and, for an #anchor, to a heading of that file.
 */
class DocumentationLinksTest {

    private static final Path ROOT = repositoryRoot();

    @Test
    @DisplayName("every relative link and #anchor in README.md and docs/**/*.md resolves inside the repository")
    void everyLinkResolves() {
        var links = new DocumentationLinks(ROOT);

        assertThat(links.documents())
                .as("the documents checked")
                .contains(
                        ROOT.resolve("README.md"),
                        ROOT.resolve("docs/domain.md"),
                        ROOT.resolve("docs/api.md"),
                        ROOT.resolve("docs/operations.md"),
                        ROOT.resolve("docs/performance/README.md"));
        assertThat(links.brokenLinks())
                .as("broken links (file:line: target (why))")
                .isEmpty();
    }

    @Test
    @DisplayName("the README stays a map: at most 250 lines")
    void readmeIsShort() throws IOException {
        assertThat(Files.readAllLines(ROOT.resolve("README.md"))).hasSizeLessThanOrEqualTo(250);
    }

    @Test
    @DisplayName("the check names a missing file, a missing anchor and a link out of the repository, and nothing else")
    void namesEachBrokenLink(@TempDir Path repository) throws IOException {
        Path adr = Files.createDirectories(repository.resolve("docs/adr"));
        Files.writeString(adr.resolve("0001-x.md"), "# 0001 Event format: Jackson 2 JSON\n");
        Files.writeString(
                repository.resolve("docs/guide.md"),
                """
                # Guide
                ## Set up (a fresh machine with only a JDK 17+)
                ## Notes
                ## Notes
                Back to the [map](../README.md#design-map) and to [set up](#set-up-a-fresh-machine-with-only-a-jdk-17).
                The second [notes](#notes-1), the [decisions](adr/) and [one](adr/0001-x.md#0001-event-format-jackson-2-json).
                """);
        Files.writeString(
                repository.resolve("README.md"),
                """
                # Carebank
                ## Design map
                [guide](docs/guide.md) and [its notes](docs/guide.md#notes), [a site](https://example.org/x#y).
                [gone](docs/missing.md) and [no heading](docs/guide.md#nowhere) on one line.
                [shared](../shared/docs/domain.md)
                `[in a code span](docs/missing.md)` is an example, not a link.
                ```
                [in a fence](docs/missing.md)
                ```
                [ref]: docs/also-missing.md
                """);

        var broken = new DocumentationLinks(repository).brokenLinks();

        assertThat(broken)
                .extracting(link -> link.file() + ":" + link.line() + " " + link.target() + " " + link.reason())
                .containsExactly(
                        "README.md:4 docs/missing.md no such file",
                        "README.md:4 docs/guide.md#nowhere no heading gives #nowhere",
                        "README.md:5 ../shared/docs/domain.md outside the repository",
                        "README.md:10 docs/also-missing.md no such file");
    }

    @Test
    @DisplayName("anchors are the ids a Git host gives headings")
    void slugs() {
        assertThat(DocumentationLinks.slug("Set up (a fresh machine with only a JDK 17+)"))
                .isEqualTo("set-up-a-fresh-machine-with-only-a-jdk-17");
        assertThat(DocumentationLinks.slug("The path of one command: `POST /api/v1/visits/v-1/check-in`"))
                .isEqualTo("the-path-of-one-command-post-apiv1visitsv-1check-in");
        assertThat(DocumentationLinks.slug("Planned (wave 2, not built yet)"))
                .isEqualTo("planned-wave-2-not-built-yet");
        assertThat(DocumentationLinks.slug("See [ADR 0010](adr/0010-dead-letters.md)"))
                .isEqualTo("see-adr-0010");
    }

    /** The directory holding README.md and docs/adr, from wherever the test runs (the module or the root). */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs/adr"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "No README.md with docs/adr above " + Path.of("").toAbsolutePath());
    }
}
