package app.tether.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The rules of ARCHITECTURE.md, checked on the compiled classes. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("app.tether");

    @Test
    void onlyUiTrayAndMainTouchJavaFxOrAwt() {
        noClasses().that().resideOutsideOfPackages("app.tether.ui..", "app.tether.tray..")
                .and().doNotHaveFullyQualifiedName("app.tether.Main")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..")
                .check(CLASSES);
    }

    @Test
    void onlyTheCliWritesToStandardStreams() {
        noClasses().that().resideOutsideOfPackage("app.tether.cli..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .check(CLASSES);
    }

    @Test
    void backgroundThreadsAreMadeOnlyByBackgroundExecutors() {
        noClasses().that().doNotHaveFullyQualifiedName("app.tether.core.BackgroundExecutors")
                .should().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                                com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo(
                                        java.util.concurrent.Executors.class)))
                        .and(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                                com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching("new.*"))))
                .orShould().callConstructorWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                                com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo(Thread.class))))
                .orShould().callConstructorWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                                com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo(
                                        java.util.concurrent.ThreadPoolExecutor.class))))
                .check(CLASSES);
    }

    @Test
    void onlyRemoteShellStartsRemoteCommands() {
        noClasses().that().doNotHaveSimpleName("RemoteShell")
                .and().resideOutsideOfPackage("app.tether.ssh..")
                .should().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                                com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo(
                                        "org.apache.sshd.client.session.ClientSession")))
                        .and(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                                com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching(
                                        "createExecChannel|executeRemoteCommand|createShellChannel"))))
                .check(CLASSES);
    }
}
