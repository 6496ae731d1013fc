package org.marlbench.server.component;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One engine base manager for a test class, opened before its tests and closed after them:
 * {@code @RegisterExtension static final EngineRoot root = new EngineRoot();}, then {@code root.manager()}.
 */
final class EngineRoot implements BeforeAllCallback, AfterAllCallback {
    private NDManager manager;

    @Override
    public void beforeAll(ExtensionContext context) {
        manager = TorchScriptFixtures.engine().newBaseManager();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        manager.close();
    }

    NDManager manager() {
        return manager;
    }
}
