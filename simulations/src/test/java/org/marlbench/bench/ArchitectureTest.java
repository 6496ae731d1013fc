package org.marlbench.bench;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's packages form a straight line: no cycles, and no package imports one above it.
 * Bottom to top: files, config, stats | results | measure | server | load | resources |
 * ab, baseline, history, diagnostics | report | run (the pipeline after the load, and the simulations' entry).
 */
class ArchitectureTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.marlbench.bench");

    @Test
    void noPackageCycles() {
        slices().matching("org.marlbench.bench.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void noPackageImportsUpward() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("files").definedBy("..bench.files..")
                .layer("config").definedBy("..bench.config..")
                .layer("stats").definedBy("..bench.stats..")
                .layer("results").definedBy("..bench.results..")
                .layer("measure").definedBy("..bench.measure..")
                .layer("server").definedBy("..bench.server..")
                .layer("load").definedBy("..bench.load..")
                .layer("resources").definedBy("..bench.resources..")
                .layer("judges").definedBy("..bench.ab..", "..bench.baseline..", "..bench.history..", "..bench.diagnostics..")
                .layer("report").definedBy("..bench.report..")
                .layer("run").definedBy("..bench.run..")
                .whereLayer("run").mayNotBeAccessedByAnyLayer()
                .whereLayer("report").mayOnlyBeAccessedByLayers("run")
                .whereLayer("judges").mayOnlyBeAccessedByLayers("report", "run")
                .whereLayer("resources").mayOnlyBeAccessedByLayers("judges", "report", "run")
                .whereLayer("load").mayOnlyBeAccessedByLayers("resources", "judges", "report", "run")
                .whereLayer("server").mayOnlyBeAccessedByLayers("load", "resources", "judges", "report", "run")
                .whereLayer("measure").mayOnlyBeAccessedByLayers("server", "load", "resources", "judges", "report", "run")
                .whereLayer("results").mayOnlyBeAccessedByLayers("measure", "server", "load", "resources", "judges", "report", "run")
                .whereLayer("stats").mayOnlyBeAccessedByLayers("results", "measure", "server", "load", "resources", "judges", "report", "run")
                .whereLayer("config").mayOnlyBeAccessedByLayers("results", "measure", "server", "load", "resources", "judges", "report", "run")
                .whereLayer("files").mayOnlyBeAccessedByLayers("config", "results", "measure", "server", "load", "resources", "judges", "report", "run")
                .check(CLASSES);
    }
}
