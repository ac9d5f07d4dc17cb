package dev.vss.bl.runtime;

import java.util.Locale;

/** When a function instance builds its runtime (the paper compares global and local scope). */
public enum InitStrategy {
    /** Once per instance, before the first request (static holder / constructor). The default. */
    GLOBAL,
    /** Inside every invocation, closed after it: the paper's baseline. */
    LOCAL,
    /** Once per instance, on the first request that needs it. */
    LAZY;

    /** From "global" / "local" / "lazy"; the message lists the choices. */
    public static InitStrategy parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("init strategy: '" + s + "' is not one of global, local, lazy");
        }
    }
}
