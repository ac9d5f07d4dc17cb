// SPDX-License-Identifier: Apache-2.0
/**
 * The model catalog and model files of vss.
 *
 * <p>{@link dev.vss.models.ModelCatalog} lists every model vss uses, one {@link dev.vss.models.CatalogEntry} per
 * (model, precision), with files, sizes, sha256, input/output specs, licence, official source URL and the default
 * model of each {@link dev.vss.models.Task}. {@link dev.vss.models.ModelRepository} finds the files under a models
 * directory ({@code VSS_MODELS_DIR}, here {@code ../shared/models}) and verifies them before use. No third-party
 * dependencies; the catalog is immutable and the repository thread-safe.
 */
package dev.vss.models;
