package io.millrace.server.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module rules of STYLE.md §1, stated so that a violation fails the build. */
class ModuleRulesTest {
    private static JavaClasses millrace;

    @BeforeAll
    static void importClasses() {
        millrace = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.millrace");
    }

    @Test
    void engineNeverImportsNetty() {
        noClasses().that().resideInAPackage("io.millrace.streams..")
                .should().dependOnClassesThat().resideInAPackage("io.netty..")
                .check(millrace);
    }

    @Test
    void firehoseNeverImportsNettyTheKinesisEngineOrTheServer() {
        noClasses().that().resideInAPackage("io.millrace.firehose..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.netty..", "io.millrace.streams..", "io.millrace.server..")
                .check(millrace);
    }

    @Test
    void storageNeverImportsTheEngineTheProtocolOrNetty() {
        noClasses().that().resideInAPackage("io.millrace.log..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.millrace.streams..", "io.millrace.firehose..", "io.millrace.protocol..",
                        "io.millrace.server..", "io.netty..")
                .check(millrace);
    }

    @Test
    void onlyFirehoseKnowsTheS3ClientTheEngineAndStorageSeeTheObjectStoreSpi() {
        noClasses().that().resideInAnyPackage("io.millrace.streams..", "io.millrace.log..")
                .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
                .check(millrace);
    }

    @Test
    void theKafkaBackendNeverImportsTheEngineTheProtocolOrNetty() {
        noClasses().that().resideInAPackage("io.millrace.kafka..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.millrace.streams..", "io.millrace.firehose..", "io.millrace.protocol..",
                        "io.millrace.server..", "io.netty..")
                .check(millrace);
    }

    @Test
    void protocolDependsOnNothingAboveIt() {
        noClasses().that().resideInAPackage("io.millrace.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.millrace.streams..", "io.millrace.firehose..", "io.millrace.log..",
                        "io.millrace.server..", "io.netty..")
                .check(millrace);
    }

    @Test
    void onlyTheServerKnowsHttp() {
        noClasses().that().resideOutsideOfPackage("io.millrace.server..")
                .should().dependOnClassesThat().resideInAPackage("io.millrace.server..")
                .check(millrace);
    }

    @Test
    void operationClassesHaveAtMostOnePublicMethod() {
        classes().that().resideInAPackage("io.millrace.streams.op")
                .and().implement(io.millrace.streams.op.Operation.class)
                .should(new com.tngtech.archunit.lang.ArchCondition<>("have at most one public instance method") {
                    @Override
                    public void check(com.tngtech.archunit.core.domain.JavaClass item,
                                      com.tngtech.archunit.lang.ConditionEvents events) {
                        long publicMethods = item.getMethods().stream()
                                .filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC))
                                .filter(m -> !m.getModifiers().contains(JavaModifier.STATIC))
                                .filter(m -> !m.getModifiers().contains(JavaModifier.BRIDGE)
                                        && !m.getModifiers().contains(JavaModifier.SYNTHETIC))
                                .count();
                        if (publicMethods > 1) {
                            events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(item,
                                    item.getName() + " has " + publicMethods + " public methods"));
                        }
                    }
                })
                .allowEmptyShould(true)
                .check(millrace);
    }
}
