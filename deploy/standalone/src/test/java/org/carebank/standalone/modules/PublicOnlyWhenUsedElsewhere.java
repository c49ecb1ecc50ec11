package org.carebank.standalone.modules;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Package by feature keeps a class package-private unless another package needs it: a public
 * class that no class of another package uses (among the classes imported: every module's main and test code) is a
 * violation. A use of a nested type counts as a use of its top-level class; an annotation on a record component (which
 * ArchUnit does not see as a dependency) counts as a use of the annotation. A service provider (META-INF/services) is
 * public by necessity; a class publishing compile-time constants is not judged (their uses are inlined).
 */
final class PublicOnlyWhenUsedElsewhere {

    private PublicOnlyWhenUsedElsewhere() {}

    static ArchCondition<JavaClass> in(JavaClasses users) {
        return new ArchCondition<>("be public only if a class of another package uses them") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                if (!javaClass.getModifiers().contains(JavaModifier.PUBLIC)
                        || isServiceProvider(javaClass)
                        || publishesConstants(javaClass)) {
                    return;
                }
                String home = javaClass.getPackageName();
                boolean usedElsewhere = Stream.concat(Stream.of(javaClass), nestedIn(javaClass, users))
                                .flatMap(type -> type.getDirectDependenciesToSelf().stream())
                                .map(Dependency::getOriginClass)
                                .anyMatch(origin -> !origin.getPackageName().equals(home))
                        || (javaClass.isAnnotation() && onRecordComponentsElsewhere(javaClass, users));
                if (!usedElsewhere) {
                    events.add(SimpleConditionEvent.violated(
                            javaClass,
                            javaClass.getName() + " is public, but no class outside " + home
                                    + " uses it: make it package-private"));
                }
            }
        };
    }

    /**
     * javac copies a compile-time constant (a public static final String or primitive with a constant value) into the
     * classes that use it, so their bytecode names no dependency: a class that publishes one is not judged.
     */
    private static boolean publishesConstants(JavaClass javaClass) {
        return javaClass.getFields().stream()
                .anyMatch(field -> field.getModifiers()
                                .containsAll(Set.of(JavaModifier.PUBLIC, JavaModifier.STATIC, JavaModifier.FINAL))
                        && (field.getRawType().isPrimitive()
                                || field.getRawType().isEquivalentTo(String.class)));
    }

    /** A provider named in META-INF/services must be public: the JDK's ServiceLoader instantiates it. */
    private static boolean isServiceProvider(JavaClass javaClass) {
        try {
            var loader = PublicOnlyWhenUsedElsewhere.class.getClassLoader();
            for (JavaClass contract : javaClass.getAllRawInterfaces()) {
                var files = loader.getResources("META-INF/services/" + contract.getName());
                while (files.hasMoreElements()) {
                    try (var in = files.nextElement().openStream()) {
                        String providers = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        if (providers.lines().map(String::strip).anyMatch(javaClass.getName()::equals)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<JavaClass> nestedIn(JavaClass javaClass, JavaClasses users) {
        return users.stream().filter(other -> other.getName().startsWith(javaClass.getName() + "$"));
    }

    private static boolean onRecordComponentsElsewhere(JavaClass annotation, JavaClasses users) {
        return users.stream()
                .filter(JavaClass::isRecord)
                .filter(record -> !record.getPackageName().equals(annotation.getPackageName()))
                .anyMatch(record -> componentsOf(record)
                        .flatMap(component -> Arrays.stream(component.getAnnotations()))
                        .anyMatch(used -> used.annotationType().getName().equals(annotation.getName())));
    }

    /**
     * The record's components, through reflection (ArchUnit reads no record attribute). The main classes, whose
     * annotations this is about, are on the test class path; another module's test records are not, and are skipped.
     */
    private static Stream<RecordComponent> componentsOf(JavaClass record) {
        try {
            return Arrays.stream(
                    Class.forName(record.getName(), false, PublicOnlyWhenUsedElsewhere.class.getClassLoader())
                            .getRecordComponents());
        } catch (ClassNotFoundException | LinkageError notOnClassPath) {
            return Stream.empty();
        }
    }
}
