// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl;

import java.util.Map;
import java.util.Properties;

/**
 * Every setting of vss, with its environment variable, system property, CLI flag and default — the one table the
 * README shows (a test keeps them in step). {@link VssSettings#load} reads them; nothing else in vss reads an
 * environment variable or a {@code vss.*} system property (a test scans every module for it). The layers below
 * vss-bl get theirs from {@link VssSettings#base()}, installed as {@link dev.vss.models.BaseSettings}. Precedence:
 * CLI flag, then system property, then environment variable, then default.
 */
public enum Setting {
    ENGINE("VSS_ENGINE", "vss.engine", "--engine", "openvino",
            "Inference engine: `openvino` or `opencv`."),
    PRECISION("VSS_PRECISION", "vss.precision", "--precision", "catalog default per model",
            "Model precision where a model has it: `FP32`, `FP16`, `FP16-INT8`."),
    THREADS("VSS_THREADS", "vss.threads", "--threads", "0 (engine's choice)",
            "Inference threads per model."),
    FACE_SOURCE("VSS_FACE_SOURCE", "vss.face-source", "--face-source", "detector",
            "Where face boxes come from: `detector` or `pose` (the paper's way)."),
    ANALYZE_COVERED("VSS_ANALYZE_COVERED", "vss.analyze-covered", "--analyze-covered", "false",
            "Run pose and faces even when the camera is covered."),
    MIN_PERSON_PX("VSS_MIN_PERSON_PX", "vss.min-person-px", "--min-person-px", "0: 1/16 of the frame height, at least 24",
            "Smallest person to find, px of height: `40`, or per camera `cam1=60,cam2=30,40` (the bare number for "
                    + "the other cameras)."),
    PEOPLE_METHOD("VSS_PEOPLE_METHOD", "vss.people-method", "--people-method", "hybrid",
            "How people are found: `hybrid` (pose on the frame + person detector with pose on its crops), `pose`, "
                    + "`pose_scaled`, `detector_pose` (docs/accuracy.md compares them)."),
    MODELS_DIR("VSS_MODELS_DIR", "vss.models.dir", "--models-dir", "`../shared/models` of the checkout",
            "Folder holding the model files (catalog layout)."),
    MODELS_URI("VSS_MODELS_URI", "vss.models.uri", "--model-source", "none",
            "Storage location the models are fetched from at init (`s3://bucket/models/`, `file:`), "
                    + "checksummed, into the temp dir."),
    MODELS_TMP("VSS_MODELS_TMP", "vss.models.tmp", null, "`<java.io.tmpdir>/vss-models`",
            "Where fetched models are kept for the instance's life."),
    GALLERY("VSS_GALLERY", "vss.gallery", "--gallery", "none (faces not matched)",
            "Gallery location: a folder, `file:`, `s3://`, `az://` or `gs://` prefix holding `gallery.json.enc`."),
    GALLERY_KEY_SERVICE("VSS_GALLERY_KEY_SERVICE", "vss.gallery.key-service", null, "local",
            "What wraps the gallery's data keys: `local` (the key below), `aws-kms:<key id or ARN>`, "
                    + "`azure-keyvault:<key URL>` or `gcp-kms:<key resource name>`."),
    GALLERY_KEY("VSS_GALLERY_KEY", null, null, "none",
            "Local gallery key, base64 (256 bits); for `local` only."),
    GALLERY_KEY_FILE("VSS_GALLERY_KEY_FILE", "vss.gallery.key-file", "--key-file", "`~/.config/vss/gallery.key`",
            "File holding the local gallery key; for `local` only."),
    GALLERY_REFRESH("VSS_GALLERY_REFRESH_S", "vss.gallery.refresh-s", null, "30",
            "Seconds between checks of the gallery's version marker in a warm instance."),
    RESULTS("VSS_RESULTS", "vss.results", "--results", "none (results only returned)",
            "Where results are written, one JSON object per image under `<camera>/<date>/` (a folder or prefix "
                    + "outside every input location)."),
    INPUTS("VSS_INPUTS", "vss.inputs", null, "none: any (CLI); required in functions",
            "Comma-separated storage locations images may be read from (`s3://cams/incoming/,gs://b/`); an event "
                    + "naming anything else fails that record with NOT_ALLOWED, and no credential is sent to it."),
    INIT("VSS_INIT", "vss.init", "--init", "global",
            "When an instance builds its pipeline: `global` (at init), `lazy` (first request), `local` (every request)."),
    PRIME("VSS_PRIME", "vss.prime", "--no-prime", "true (`vss analyze` of one image: false)",
            "Run one inference per model at init (and in SnapStart's beforeCheckpoint). `vss analyze` of a single image "
                    + "skips it unless set: its one request is the first inference, and priming would run every model "
                    + "twice."),
    CACHE_DIR("VSS_CACHE_DIR", "vss.cache-dir", "--cache-dir", "none",
            "Compiled-model cache folder (e.g. `/tmp/vss-cache` in functions)."),
    MAX_IMAGE_BYTES("VSS_MAX_IMAGE_BYTES", "vss.max-image-bytes", "--max-image-bytes", "20971520 (20 MiB)",
            "Largest image object read; larger ones fail with IMAGE_TOO_LARGE."),
    MAX_PIXELS("VSS_MAX_PIXELS", "vss.image.max-pixels", "--max-pixels", "50000000",
            "Largest image decoded (width × height, from the header before decoding)."),
    OPENVINO_HOME("VSS_OPENVINO_HOME", "vss.openvino.home", null, "`.vss/openvino` of the checkout, `/opt` in Lambda",
            "Folder of the OpenVINO runtime (read by the native loader)."),
    OPENCV_LIB("VSS_OPENCV_LIB", "vss.opencv.lib", null, "extracted from the OpenCV jar",
            "Path of an already extracted OpenCV native library (read by the native loader; skips a 65 MB extraction)."),
    TURBOJPEG_LIB("VSS_TURBOJPEG_LIB", "vss.turbojpeg.lib", null,
            "`/opt/opencv/libturbojpeg.so.0` in Lambda, else the system's",
            "libjpeg-turbo's TurboJPEG library (SIMD) that decodes JPEGs ~2× faster than OpenCV's bundled build, same "
                    + "pixels; a path, or `none` for OpenCV's decoder (read by the image decoder; "
                    + "`scripts/install/turbojpeg.sh`)."),
    OPENCV_CACHE("VSS_OPENCV_CACHE", "vss.opencv.cache", null, "`.vss/opencv` of the checkout, else `~/.cache/vss/opencv`",
            "Folder the bundled OpenCV library is extracted into once and loaded from by later processes (read by the "
                    + "native loader; an unwritable folder falls back to extracting at every start)."),
    ROOT("VSS_ROOT", "vss.root", null, "the working directory",
            "The vss checkout (or a folder in it) that `.vss/`, `../shared/models` and `../shared/images` are found from."),
    IMAGES_DIR("VSS_IMAGES_DIR", "vss.images.dir", null, "`../shared/images` of the checkout",
            "Folder of the shared sample images (demo, coverage trainer, tests)."),
    MAX_JPEG_SCANS("VSS_MAX_JPEG_SCANS", "vss.image.max-jpeg-scans", null, "64",
            "Most scans a progressive JPEG may have; more fail the decode (a decode-time bomb guard)."),
    COMPILE_THREADS("VSS_COMPILE_THREADS", "vss.compile.threads", null, "the processors, at least 2",
            "Models compiled at once at init."),
    WARM_UP_ROUNDS("VSS_WARM_UP_ROUNDS", "vss.warm-up.rounds", null, "1",
            "Rounds of the Java code warm-up at init (decode, JSON, post-processing)."),
    VTEST_VIDEO("VSS_VTEST_VIDEO", "vss.vtest.video", null, "`/usr/share/doc/opencv-doc/examples/data/vtest.avi`",
            "OpenCV's `vtest.avi`, the people evaluation's video (`vss eval`, `vss bench`)."),
    FFMPEG("VSS_FFMPEG", "vss.ffmpeg", null, "`.vss/ffmpeg` of the checkout, else `ffmpeg` on the PATH",
            "ffmpeg executable that cuts the evaluation frames."),
    XDG_CONFIG_HOME("XDG_CONFIG_HOME", null, null, "`~/.config`",
            "Standard base folder of the default gallery key file (`vss/gallery.key`); used only if absolute."),
    XDG_CACHE_HOME("XDG_CACHE_HOME", null, null, "`~/.cache`",
            "Standard base folder of the OpenCV library cache (`vss/opencv`) outside a checkout."),
    S3_REGION("VSS_S3_REGION", "vss.s3.region", null, "the SDK's (`AWS_REGION`)",
            "Region of the S3 client."),
    S3_ENDPOINT("VSS_S3_ENDPOINT", "vss.s3.endpoint", null, "AWS's",
            "S3-compatible endpoint URL (a local server in tests)."),
    S3_PATH_STYLE("VSS_S3_PATH_STYLE", "vss.s3.pathStyle", null, "false",
            "Path-style S3 addressing (`true` for most S3-compatible servers)."),
    S3_SSE_KMS_KEY_ID("VSS_S3_SSE_KMS_KEY_ID", "vss.s3.sseKmsKeyId", null, "none (the bucket's default encryption)",
            "KMS key for server-side encryption of objects vss writes to S3."),
    AZURE_CONNECTION_STRING("AZURE_STORAGE_CONNECTION_STRING", "vss.azure.connectionString", null, "none",
            "Azure Storage connection string (Azurite in tests)."),
    AZURE_ACCOUNT_KEY("AZURE_STORAGE_KEY", "vss.azure.accountKey", null, "none", "Azure Storage account key."),
    AZURE_SAS_TOKEN("AZURE_STORAGE_SAS_TOKEN", "vss.azure.sasToken", null, "none", "Azure Storage SAS token."),
    AZURE_BLOB_ENDPOINT("VSS_AZURE_BLOB_ENDPOINT", "vss.azure.blobEndpoint", null,
            "`https://<account>.blob.core.windows.net`", "Azure blob service endpoint."),
    AZURE_CREDENTIAL("VSS_AZURE_CREDENTIAL", "vss.azure.credential", null, "none",
            "`default`: Entra ID tokens from DefaultAzureCredential (managed identity, Azure CLI login)."),
    GCS_HOST("STORAGE_EMULATOR_HOST", "vss.gcs.host", null, "Google's", "Cloud Storage emulator host (tests)."),
    GCS_PROJECT("GOOGLE_CLOUD_PROJECT", "vss.gcs.projectId", null, "the SDK's", "Google Cloud project of the client.");

    private final String env;
    private final String property;
    private final String flag;
    private final String defaultText;
    private final String description;

    Setting(String env, String property, String flag, String defaultText, String description) {
        this.env = env;
        this.property = property;
        this.flag = flag;
        this.defaultText = defaultText;
        this.description = description;
    }

    public String env() {
        return env;
    }

    /** The system property, or null if there is none. */
    public String property() {
        return property;
    }

    /** The CLI flag, or null if there is none. */
    public String flag() {
        return flag;
    }

    public String defaultText() {
        return defaultText;
    }

    public String description() {
        return description;
    }

    /** Whether this process's environment or system properties set it (to a non-blank value). */
    public boolean isGiven() {
        return value() != null;
    }

    /**
     * This process's raw value: system property first, then environment; null if neither (blank counts as unset).
     * The one place besides {@link VssSettings#fromEnvironment()} that reads the process's settings.
     */
    public String value() {
        return raw(System.getenv(), System.getProperties());
    }

    /** The raw value: system property first, then environment; null (blank counts as unset) if neither. */
    String raw(Map<String, String> env, Properties props) {
        String v = property == null ? null : props.getProperty(property);
        if (v == null || v.isBlank()) {
            v = env.get(this.env);
        }
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** Names for messages: {@code VSS_X (-Dvss.x)}. */
    String names() {
        return env + (property == null ? "" : " (-D" + property + ")");
    }

    /** The settings table in Markdown (the README carries it). */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder("| environment | system property | CLI | default | meaning |\n"
                + "|---|---|---|---|---|\n");
        for (Setting s : values()) {
            sb.append("| `").append(s.env).append("` | ").append(s.property == null ? "" : "`" + s.property + "`")
                    .append(" | ").append(s.flag == null ? "" : "`" + s.flag + "`").append(" | ").append(s.defaultText)
                    .append(" | ").append(s.description).append(" |\n");
        }
        return sb.toString();
    }
}
