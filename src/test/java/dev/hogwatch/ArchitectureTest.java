package dev.hogwatch;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The import rule of the README's "Development" section, checked on the compiled classes (tests
 * left out): model at the bottom; capture, history and desktop on it and never on each other;
 * alerts on history; ui, cli and serve above; the wiring on top, reached by nothing.
 */
@AnalyzeClasses(packages = "dev.hogwatch", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule layers =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("model")
          .definedBy("dev.hogwatch.model..")
          .layer("capture")
          .definedBy("dev.hogwatch.capture..")
          .layer("history")
          .definedBy("dev.hogwatch.history..")
          .layer("desktop")
          .definedBy("dev.hogwatch.desktop..")
          .layer("alerts")
          .definedBy("dev.hogwatch.alerts..")
          .layer("ui")
          .definedBy("dev.hogwatch.ui..")
          .layer("cli")
          .definedBy("dev.hogwatch.cli..")
          .layer("serve")
          .definedBy("dev.hogwatch.serve..")
          .layer("wiring")
          .definedBy("dev.hogwatch.wiring..")
          .whereLayer("wiring")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("ui")
          .mayOnlyBeAccessedByLayers("wiring")
          .whereLayer("cli")
          .mayOnlyBeAccessedByLayers("wiring")
          .whereLayer("serve")
          .mayOnlyBeAccessedByLayers("wiring")
          .whereLayer("alerts")
          .mayOnlyBeAccessedByLayers("ui", "cli", "wiring")
          .whereLayer("capture")
          .mayOnlyBeAccessedByLayers("wiring")
          .whereLayer("desktop")
          .mayOnlyBeAccessedByLayers("wiring")
          .whereLayer("history")
          .mayOnlyBeAccessedByLayers("alerts", "ui", "cli", "serve", "wiring");

  /** The ground floor imports nothing of ours. */
  @ArchTest
  static final ArchRule modelStandsAlone =
      com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
          .that()
          .resideInAPackage("dev.hogwatch.model..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.hogwatch.capture..",
              "dev.hogwatch.history..",
              "dev.hogwatch.desktop..",
              "dev.hogwatch.alerts..",
              "dev.hogwatch.ui..",
              "dev.hogwatch.cli..",
              "dev.hogwatch.serve..",
              "dev.hogwatch.wiring..");

  /** The tray and the window know each other only through the wiring. */
  @ArchTest
  static final ArchRule trayAndWindowApart =
      slices().matching("dev.hogwatch.ui.(*)..").should().notDependOnEachOther();

  /** No package cycles anywhere. */
  @ArchTest
  static final ArchRule noCycles =
      slices().matching("dev.hogwatch.(*)..").should().beFreeOfCycles();

  /** Nothing lives in the root package: every class says by its package which floor it is on. */
  @ArchTest
  static final ArchRule noRootPackage =
      com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
          .should()
          .resideInAPackage("dev.hogwatch");
}
