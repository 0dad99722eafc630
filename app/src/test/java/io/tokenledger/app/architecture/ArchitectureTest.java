package io.tokenledger.app.architecture;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.tokenledger.app.token.GrantHandler;
import io.tokenledger.app.web.ErrorResponses;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of docs/architecture.md, held as tests so that they stay true as protocols are added; a change
 * that breaks one fails here, naming the dependency that does.
 */
class ArchitectureTest {

    private static final String APP = "io.tokenledger.app";
    /**
     * One package per protocol surface (the command line among them): each converts its requests and hands them to
     * the layers below.
     */
    private static final List<String> SURFACES = List.of("authorize", "token", "introspection", "revocation",
            "registration", "ledger", "admin", "metadata", "cli");

    private static final JavaClasses LEDGER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tokenledger");

    @Test
    void configurationImportsNoFeature() {
        noClasses().that().resideInAPackage(APP + ".config..")
                   .should().dependOnClassesThat(resideInAPackage(APP + "..")
                           .and(resideOutsideOfPackage(APP + ".config..")))
                   .check(LEDGER);
    }

    @ParameterizedTest
    @MethodSource("surfaces")
    void aProtocolSurfaceDoesNotReachIntoAnother(String surface) {
        noClasses().that().resideInAPackage(APP + "." + surface + "..")
                   .should().dependOnClassesThat().resideInAnyPackage(SURFACES.stream().filter(s -> !s.equals(surface))
                                                                              .map(s -> APP + "." + s + "..")
                                                                              .toArray(String[]::new))
                   .check(LEDGER);
    }

    static List<String> surfaces() {
        return SURFACES;
    }

    @Test
    void theHttpPipelineServesEverySurfaceAndKnowsNone() {
        noClasses().that().resideInAnyPackage(APP + ".web..", APP + ".oauth2..", APP + ".security..")
                   .should().dependOnClassesThat().resideInAnyPackage(
                           SURFACES.stream().map(s -> APP + "." + s + "..").toArray(String[]::new))
                   .check(LEDGER);
    }

    @Test
    void appPackagesHaveNoCycles() {
        slices().matching(APP + ".(*)..").should().beFreeOfCycles().check(LEDGER);
    }

    @Test
    void everyServletFilterIsInWebAndNamedSo() {
        classes().that().implement(Filter.class).and().resideInAPackage(APP + "..")
                 .should().resideInAPackage(APP + ".web").andShould().haveSimpleNameEndingWith("Filter")
                 .check(LEDGER);
    }

    @Test
    void everyGrantHasAHandlerInTokenGrantsNamedNotToClashWithNimbus() {
        classes().that().implement(GrantHandler.class)
                 .should().resideInAPackage(APP + ".token.grants").andShould().haveSimpleNameEndingWith("Handler")
                 .check(LEDGER);
    }

    @Test
    void onlyErrorResponsesWritesAnErrorBody() {
        noClasses().that().doNotHaveFullyQualifiedName(ErrorResponses.class.getName())
                   .should().callMethod(ErrorObject.class, "toJSONObject")
                   .check(LEDGER);
    }

    @Test
    void verificationReadsWhatSealingWroteAndSealingKnowsNothingOfIt() {
        noClasses().that().resideInAPackage("io.tokenledger.projections.integrity.sealing..")
                   .should().dependOnClassesThat().resideInAPackage("io.tokenledger.projections.integrity.verification..")
                   .check(LEDGER);
    }

    @Test
    void thePublishedLanguageHasNoSpringAndNoPersistence() {
        noClasses().that().resideInAPackage("io.tokenledger.events..")
                   .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..",
                           "java.sql..", "javax.sql..", "io.tokenledger.command..", "io.tokenledger.projections..",
                           "io.tokenledger.query..", APP + "..")
                   .check(LEDGER);
    }

    @Test
    void theLowerModulesKnowNothingOfTheApplication() {
        noClasses().that().resideInAnyPackage("io.tokenledger.command..", "io.tokenledger.projections..",
                           "io.tokenledger.query..")
                   .should().dependOnClassesThat().resideInAPackage(APP + "..")
                   .check(LEDGER);
    }
}
