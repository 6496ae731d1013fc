package org.marlbench.server;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Package by feature, one way: component (the model), sidecar (resource sampling) and http (the
 * routes, which use both) must not depend on each other in a circle. The root package is the
 * composition root (ModelServer, the main) plus Settings, which every feature reads; it is not a slice.
 */
@AnalyzeClasses(packages = "org.marlbench.server", importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class PackageCyclesTest {

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles =
            slices().matching("org.marlbench.server.(*)..").should().beFreeOfCycles();
}
