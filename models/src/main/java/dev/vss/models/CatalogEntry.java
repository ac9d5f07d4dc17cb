// SPDX-License-Identifier: Apache-2.0
package dev.vss.models;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One model at one precision: what it does, which files it consists of (with sizes and sha256), how to feed it,
 * what it returns, its licence and where to download it. Immutable and thread-safe.
 *
 * @param name      model name, e.g. {@code face-detection-retail-0004}
 * @param precision {@code FP32}, {@code FP16} or {@code FP16-INT8} for IR; {@code FP32}, {@code INT8} or
 *                  {@code UINT8} (etc., see {@link Format#precisions()}) for ONNX and TFLite
 * @param task      what the model does
 * @param format    file format
 * @param files     the model's files; IR: the {@code .xml} then the {@code .bin} (same directory, same stem);
 *                  ONNX/TFLite: one file
 * @param input     how to build the input tensor
 * @param outputs   outputs in model order (at least one)
 * @param licence   licence of the weights, e.g. {@code Apache-2.0}; starts with {@code unknown} when not known
 * @param sourceUrl official https download URL of {@code files.get(0)}; other files sit beside it
 * @param isDefault whether this is the default model of its task (one per task in the bundled catalog)
 * @param note      provenance and usage remarks, possibly empty
 */
public record CatalogEntry(String name, String precision, Task task, Format format, List<ModelFile> files,
        InputSpec input, List<OutputSpec> outputs, String licence, URI sourceUrl, boolean isDefault, String note) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public CatalogEntry {
        InputSpec.requireText(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: letters, digits, '.', '_' and '-' only, got '" + name + "'");
        }
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(sourceUrl, "sourceUrl");
        Objects.requireNonNull(note, "note");
        InputSpec.requireText(licence, "licence");
        if (!format.precisions().contains(precision)) {
            throw new IllegalArgumentException("precision: " + format + " model " + name + " expects one of "
                    + format.sortedPrecisions() + ", got '" + precision + "'");
        }
        files = List.copyOf(Objects.requireNonNull(files, "files"));
        outputs = List.copyOf(Objects.requireNonNull(outputs, "outputs"));
        if (files.size() != format.fileCount()) {
            throw new IllegalArgumentException("files: " + format + " model " + name + " needs " + format.fileCount()
                    + " file(s), got " + files.size());
        }
        ModelFile main = files.get(0);
        if (!main.path().endsWith(format.mainExtension())) {
            throw new IllegalArgumentException("files: first file of " + format + " model " + name + " must end with "
                    + format.mainExtension() + ", got " + main.path());
        }
        if (format.weightsExtension() != null) {
            // OpenVINO finds the .bin next to the .xml by name, and sourceUrl(file) relies on the same layout.
            String expected = main.path().substring(0, main.path().length() - format.mainExtension().length())
                    + format.weightsExtension();
            if (!files.get(1).path().equals(expected)) {
                throw new IllegalArgumentException("files: weights of " + name + " must be " + expected + ", got "
                        + files.get(1).path());
            }
        }
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("outputs: " + name + " needs at least one output");
        }
        if (!"https".equals(sourceUrl.getScheme()) || sourceUrl.getRawPath() == null
                || !sourceUrl.getRawPath().endsWith("/" + main.fileName())) {
            throw new IllegalArgumentException("sourceUrl: must be an https URL ending in /" + main.fileName()
                    + ", got " + sourceUrl);
        }
    }

    /** {@code name/precision}, the form used in results and logs, e.g. {@code human-pose-estimation-0001/FP16-INT8}. */
    public String id() {
        return name + "/" + precision;
    }

    /** The file a runtime is pointed at: the {@code .xml}, {@code .onnx} or {@code .tflite}. */
    public ModelFile mainFile() {
        return files.get(0);
    }

    /** The IR {@code .bin}; empty for single-file formats. */
    public Optional<ModelFile> weightsFile() {
        return files.size() > 1 ? Optional.of(files.get(1)) : Optional.empty();
    }

    /** Total size of all files in bytes. */
    public long totalBytes() {
        return files.stream().mapToLong(ModelFile::bytes).sum();
    }

    /** Whether the licence of the weights is known; unknown ones are for tests only, never shipped. */
    public boolean licenceKnown() {
        return !licence.startsWith("unknown");
    }

    /**
     * Download URL of one of this entry's files: {@link #sourceUrl()} for the main file, its sibling in the same
     * remote directory for the others.
     *
     * @throws IllegalArgumentException if {@code file} is not one of {@link #files()}
     */
    public URI sourceUrl(ModelFile file) {
        if (!files.contains(file)) {
            throw new IllegalArgumentException("file: not a file of " + id() + ": " + file);
        }
        return file.equals(mainFile()) ? sourceUrl : sourceUrl.resolve(file.fileName());
    }
}
