package org.marlbench.server.component;

import java.util.Locale;

/** Where the networks come from (model.source): initialised from a seed, or exported TorchScript files. */
public enum ModelSource {
    /** SPEC section 1's networks, Xavier-initialised from model.seed or read from model.parametersFile. */
    SEEDED,
    /** mlmi.pt, nwrqk.pt, regime.pt and gating.pt from model.torchscript.dir (SPEC "Trained weights"). */
    TORCHSCRIPT;

    /** The value as written in the settings and in /health: "seeded" or "torchscript". */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the key and the values it takes */
    static ModelSource parse(String key, String value) {
        for (ModelSource s : values()) {
            if (s.key().equals(value.toLowerCase(Locale.ROOT))) return s;
        }
        throw new IllegalArgumentException(key + " must be seeded or torchscript, got '" + value + "'");
    }
}
