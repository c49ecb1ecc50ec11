package org.carebank.standalone.modules;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The classes every module of this checkout has built, main and test, read from the modules' target folders. */
final class BuiltClasses {

    /** Classes of a module's main code (target/classes), not of its tests. */
    static final DescribedPredicate<JavaClass> MAIN_CODE = DescribedPredicate.describe(
            "are main code",
            javaClass -> javaClass.getSource().isPresent()
                    && javaClass.getSource().get().getUri().toString().contains("/target/classes/"));

    private BuiltClasses() {}

    static JavaClasses ofEveryModule() {
        Path root = repositoryRoot();
        List<Path> folders;
        try (Stream<Path> paths = Files.walk(root, 4)) {
            folders = paths.filter(Files::isDirectory)
                    .filter(path -> path.endsWith(Path.of("target", "classes"))
                            || path.endsWith(Path.of("target", "test-classes")))
                    .filter(path -> !path.toString().contains("/.git/"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (folders.stream().noneMatch(path -> path.toString().contains("command-side"))
                || folders.stream().noneMatch(path -> path.toString().contains("query-side"))) {
            throw new IllegalStateException("build the command and query sides first (-am): found only " + folders);
        }
        return new ClassFileImporter()
                .withImportOption(location -> !location.contains("/modules/fixture/"))
                .importPaths(folders);
    }

    /** The folder with the root pom: this test runs in deploy/standalone. */
    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        while (here != null && !Files.exists(here.resolve("shared-kernel"))) {
            here = here.getParent();
        }
        if (here == null) {
            throw new IllegalStateException(
                    "no repository root above " + Path.of("").toAbsolutePath());
        }
        return here;
    }
}
