// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.crypto;

import java.io.IOException;

/**
 * A {@link KeyWrapperProvider} of one scheme that refuses an empty key with a message saying what belongs after the
 * scheme; a cloud module only makes its wrapper.
 */
public abstract class NamedKeyWrapperProvider implements KeyWrapperProvider {
    private final String scheme;
    private final String missingKey;

    /**
     * @param what    what the key is, e.g. {@code key URL}
     * @param example its form, or null: shown in parentheses after the message
     */
    protected NamedKeyWrapperProvider(String scheme, String what, String example) {
        this.scheme = scheme;
        this.missingKey = scheme + ": no " + what + " after '" + scheme + ":'" + (example == null ? "" : " (" + example
                + ")");
    }

    @Override
    public final String scheme() {
        return scheme;
    }

    @Override
    public final KeyWrapper open(String key) throws IOException {
        if (key.isBlank()) {
            throw new IllegalArgumentException(missingKey);
        }
        return create(key);
    }

    /** The wrapper for a key that is not blank. */
    protected abstract KeyWrapper create(String key) throws IOException;
}
