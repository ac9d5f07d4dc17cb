// SPDX-License-Identifier: Apache-2.0
package dev.vss.models;

/** Why a model could not be provided; carried by {@link ModelException}. */
public enum ModelErrorCode {
    /** A file of the model does not exist (or cannot be read) under the models directory. */
    MODEL_MISSING,
    /** A file exists but its size or sha256 differs from the catalog. */
    MODEL_CORRUPT,
    /** The requested name/precision is not in the catalog. */
    UNKNOWN_MODEL
}
