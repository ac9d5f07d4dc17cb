// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl;

/** An {@link EngineProvider} of a fixed name and rank: a backend only says how to make its engine. */
public abstract class NamedEngineProvider implements EngineProvider {
    private final String name;
    private final int rank;

    protected NamedEngineProvider(String name, int rank) {
        this.name = name;
        this.rank = rank;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int rank() {
        return rank;
    }
}
