// SPDX-License-Identifier: Apache-2.0
package dev.vss.models;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The checked exception of the models layer: a model could not be provided. The message names the model, the
 * offending file with its full path and how to fix it; {@link #code()} says which kind of failure it was.
 */
public class ModelException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ModelErrorCode code;
    private final transient Path file;

    public ModelException(ModelErrorCode code, String message) {
        this(code, message, null, null);
    }

    public ModelException(ModelErrorCode code, String message, Path file, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.file = file;
    }

    public ModelErrorCode code() {
        return code;
    }

    /** The first missing or corrupt file, when the failure concerns a file. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }
}
