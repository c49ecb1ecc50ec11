package org.carebank.standalone.modules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.messaging.annotation.MessageHandler;
import org.axonframework.modelling.command.AggregateRoot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The module rules of the layout (the README's design map): checked on the compiled main classes of every module this
 * one runs, so a dependency, a handler or a public class in the wrong place fails the build. Each rule was seen to fail
 * on a deliberate violation; the home-made public-class condition is also checked on a fixture below.
 */
class ModuleRulesTest {

    private static final String COMMAND = "org.carebank.command..";
    private static final String QUERY = "org.carebank.query..";
    private static final String KERNEL = "org.carebank.kernel..";
    private static final String[] DEPLOY = {"org.carebank.standalone..", "org.carebank.service.."};

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.carebank");
    }

    @Test
    @DisplayName("the command side never depends on the query side")
    void commandSideWithoutQuerySide() {
        noClasses()
                .that()
                .resideInAPackage(COMMAND)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(QUERY)
                .check(main);
    }

    @Test
    @DisplayName("the query side never depends on the command side")
    void querySideWithoutCommandSide() {
        noClasses()
                .that()
                .resideInAPackage(QUERY)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(COMMAND)
                .check(main);
    }

    @Test
    @DisplayName("the shared kernel depends on neither Spring, the sides nor the deploy modules")
    void kernelStandsAlone() {
        noClasses()
                .that()
                .resideInAPackage(KERNEL)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", COMMAND, QUERY, DEPLOY[0], DEPLOY[1])
                .check(main);
    }

    @Test
    @DisplayName("the deploy modules hold no message handler (command, event, event sourcing, query, saga, deadline)")
    void noHandlersInDeployModules() {
        // Every Axon handler annotation (@CommandHandler, @EventHandler, @EventSourcingHandler, @QueryHandler...) is
        // meta-annotated with @MessageHandler, so one rule covers them all, constructors included.
        noCodeUnits()
                .that()
                .areDeclaredInClassesThat()
                .resideInAnyPackage(DEPLOY)
                .should()
                .beMetaAnnotatedWith(MessageHandler.class)
                .check(main);
    }

    @Test
    @DisplayName("the deploy modules hold no aggregate")
    void noAggregatesInDeployModules() {
        noClasses()
                .that()
                .resideInAnyPackage(DEPLOY)
                .should()
                .beMetaAnnotatedWith(AggregateRoot.class)
                .check(main);
    }

    @Test
    @DisplayName("the feature packages of each module form no cycle")
    void noCyclesBetweenFeatures() {
        slices().matching("org.carebank.(*).(*)..")
                .namingSlices("$1.$2")
                .should()
                .beFreeOfCycles()
                .check(main);
    }

    @Test
    @DisplayName("a class of the command or query side is public only if a class of another package uses it")
    void publicOnlyWhenUsedElsewhere() {
        // The users are every module's main and test classes as built in this checkout: a test of another package is
        // a user too. A module missing from the build can only add violations, never hide one.
        JavaClasses users = BuiltClasses.ofEveryModule();
        classes()
                .that()
                .resideInAnyPackage(COMMAND, QUERY)
                .and()
                .areTopLevelClasses()
                .and(BuiltClasses.MAIN_CODE)
                .should(PublicOnlyWhenUsedElsewhere.in(users))
                .check(users);
    }

    @Test
    @DisplayName("the public-class rule fails for a public class used only in its own package, and only for it")
    void publicClassRuleCatchesALocalPublicClass() {
        JavaClasses fixture = new ClassFileImporter().importPackages("org.carebank.standalone.modules.fixture");

        var result = classes()
                .that()
                .resideInAPackage("..fixture.local..")
                .should(PublicOnlyWhenUsedElsewhere.in(fixture))
                .evaluate(fixture);

        assertThat(result.getFailureReport().getDetails())
                .singleElement()
                .asString()
                .contains("UsedOnlyHere");
    }
}
