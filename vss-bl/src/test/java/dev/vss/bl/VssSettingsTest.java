// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vss.bl.store.StorageSettings;
import dev.vss.bl.runtime.InitStrategy;
import dev.vss.hla.pipeline.FaceSource;
import dev.vss.models.BaseSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Settings from environment and properties: precedence, parsing, messages naming the variable, the README table. */
class VssSettingsTest {
    @Test
    void defaultsWithNothingSet() {
        VssSettings s = VssSettings.load(Map.of(), new Properties());
        assertThat(s.engine()).isEqualTo("openvino");
        assertThat(s.precision()).isNull();
        assertThat(s.init()).isEqualTo(InitStrategy.GLOBAL);
        assertThat(s.prime()).isTrue();
        assertThat(s.inputs()).isEmpty();
        assertThat(s.maxImageBytes()).isEqualTo(20L << 20);
        assertThat(s.maxPixels()).isEqualTo(50_000_000L);
        assertThat(s.galleryKeyService()).isEqualTo("local");
    }

    @Test
    void everyVariableIsReadAndPropertiesWin() {
        Map<String, String> env = Map.ofEntries(Map.entry("VSS_ENGINE", "OpenCV"), Map.entry("VSS_PRECISION", "fp16"),
                Map.entry("VSS_THREADS", "3"), Map.entry("VSS_FACE_SOURCE", "pose"),
                Map.entry("VSS_ANALYZE_COVERED", "yes"), Map.entry("VSS_GALLERY", "s3://b/gallery/"),
                Map.entry("VSS_GALLERY_KEY_SERVICE", "aws-kms:alias/vss"), Map.entry("VSS_RESULTS", "s3://b/results/"),
                Map.entry("VSS_INPUTS", "s3://b/incoming/, gs://c/"), Map.entry("VSS_INIT", "lazy"),
                Map.entry("VSS_PRIME", "false"), Map.entry("VSS_CACHE_DIR", "/tmp/vss-cache"),
                Map.entry("VSS_MAX_IMAGE_BYTES", "1000"), Map.entry("VSS_MAX_PIXELS", "2000"),
                Map.entry("VSS_GALLERY_REFRESH_S", "5"), Map.entry("VSS_MODELS_URI", "s3://b/models/"));
        Properties p = new Properties();
        p.setProperty("vss.threads", "1");
        p.setProperty("vss.init", "local");
        VssSettings s = VssSettings.load(env, p);
        assertThat(s.engine()).isEqualTo("opencv");
        assertThat(s.precision()).isEqualTo("FP16");
        assertThat(s.threads()).as("property over environment").isEqualTo(1);
        assertThat(s.init()).isEqualTo(InitStrategy.LOCAL);
        assertThat(s.faceSource()).isEqualTo(FaceSource.POSE);
        assertThat(s.analyzeCovered()).isTrue();
        assertThat(s.gallery()).isEqualTo(URI.create("s3://b/gallery/"));
        assertThat(s.galleryKeyService()).isEqualTo("aws-kms:alias/vss");
        assertThat(s.inputs()).containsExactly(URI.create("s3://b/incoming/"), URI.create("gs://c/"));
        assertThat(s.prime()).isFalse();
        assertThat(s.cacheDir()).isEqualTo(Path.of("/tmp/vss-cache"));
        assertThat(s.maxImageBytes()).isEqualTo(1000);
        assertThat(s.maxPixels()).isEqualTo(2000);
        assertThat(s.galleryRefresh()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.modelsUri()).isEqualTo(URI.create("s3://b/models/"));
        // a CLI flag overrides both
        assertThat(s.toBuilder().optThreads(2).build().threads()).isEqualTo(2);
    }

    @Test
    void plainPathsBecomeFileUris() {
        VssSettings s = VssSettings.load(Map.of("VSS_GALLERY", "rel/gallery"), new Properties());
        assertThat(s.gallery().getScheme()).isEqualTo("file");
        assertThat(Path.of(s.gallery())).isEqualTo(Path.of("rel/gallery").toAbsolutePath());
    }

    @Test
    void badValuesNameTheVariableAndKeysAreNeverShown() {
        assertThatThrownBy(() -> VssSettings.load(Map.of("VSS_THREADS", "many"), new Properties()))
                .hasMessageContaining("VSS_THREADS").hasMessageContaining("'many'");
        assertThatThrownBy(() -> VssSettings.load(Map.of("VSS_INIT", "eager"), new Properties()))
                .hasMessageContaining("VSS_INIT").hasMessageContaining("global, local, lazy");
        assertThatThrownBy(() -> VssSettings.load(Map.of("VSS_PRECISION", "FP8"), new Properties()))
                .hasMessageContaining("FP16-INT8");
        assertThatThrownBy(() -> VssSettings.load(Map.of("VSS_GALLERY_KEY_SERVICE", "vault"), new Properties()))
                .hasMessageContaining("aws-kms");
        assertThatThrownBy(() -> VssSettings.load(Map.of("VSS_PRIME", "maybe"), new Properties()))
                .hasMessageContaining("VSS_PRIME");
        VssSettings s = VssSettings.load(Map.of("VSS_GALLERY_KEY", "c2VjcmV0LWtleS1tYXRlcmlhbA=="), new Properties());
        assertThat(s.toString()).doesNotContain("c2VjcmV0").contains("galleryKey=(set)");
        assertThatThrownBy(() -> VssSettings.load(Map.of("VSS_GALLERY_REFRESH_S", "x"), new Properties()))
                .hasMessageContaining("VSS_GALLERY_REFRESH_S");
    }

    @Test
    void theReadmeCarriesTheSettingsTable() throws Exception {
        Path readme = Path.of(System.getProperty("vss.root", "..")).resolve("README.md");
        String text = Files.readString(readme);
        for (Setting s : Setting.values()) {
            assertThat(text).as("README lists " + s.env()).contains("`" + s.env() + "`");
        }
        assertThat(text).as("README's table is Setting.markdownTable(); regenerate it").contains(Setting.markdownTable());
        assertThat(List.of(Setting.values())).hasSizeGreaterThan(15);
    }

    @Test
    void peopleSettingsPerCamera() {
        VssSettings s = VssSettings.load(Map.of("VSS_MIN_PERSON_PX", "lobby=80, street=30, 40",
                "VSS_PEOPLE_METHOD", "pose_scaled"), new Properties());
        assertThat(s.minPersonPx().forCamera("lobby")).isEqualTo(80);
        assertThat(s.minPersonPx().forCamera("street")).isEqualTo(30);
        assertThat(s.minPersonPx().forCamera("other")).isEqualTo(40);
        assertThat(s.minPersonPx().forCamera(null)).isEqualTo(40);
        assertThat(s.analyzerOptions().minPersonPx()).isEqualTo(40);
        assertThat(s.analyzerOptions().peopleMethod()).isEqualTo(dev.vss.hla.people.PeopleMethod.POSE_SCALED);
        assertThat(VssSettings.load(Map.of(), new Properties()).minPersonPx().forCamera("x")).as("from the frame").isZero();
        assertThatThrownBy(() -> VssSettings.load(Map.of("VSS_MIN_PERSON_PX", "lobby=tall"), new Properties()))
                .hasMessageContaining("VSS_MIN_PERSON_PX").hasMessageContaining("camera=px");
        assertThatThrownBy(() -> VssSettings.load(Map.of("VSS_MIN_PERSON_PX", "-3"), new Properties()))
                .hasMessageContaining("VSS_MIN_PERSON_PX");
        assertThatThrownBy(() -> VssSettings.load(Map.of("VSS_PEOPLE_METHOD", "magic"), new Properties()))
                .hasMessageContaining("VSS_PEOPLE_METHOD");
    }

    @Test
    void propertiesCarryEverySettingToAChildProcess() {
        VssSettings s = VssSettings.load(Map.ofEntries(Map.entry("VSS_ENGINE", "opencv"), Map.entry("VSS_PRECISION", "FP16"),
                Map.entry("VSS_THREADS", "3"), Map.entry("VSS_MIN_PERSON_PX", "lobby=80,40"),
                Map.entry("VSS_PEOPLE_METHOD", "pose"), Map.entry("VSS_GALLERY", "s3://b/gallery/"),
                Map.entry("VSS_GALLERY_KEY", "c2VjcmV0"), Map.entry("VSS_RESULTS", "s3://b/results/"),
                Map.entry("VSS_INPUTS", "s3://b/in/,gs://c/"), Map.entry("VSS_INIT", "lazy"), Map.entry("VSS_PRIME", "no"),
                Map.entry("VSS_CACHE_DIR", "/tmp/c"), Map.entry("VSS_MAX_IMAGE_BYTES", "77"),
                Map.entry("VSS_MODELS_URI", "s3://b/models/"), Map.entry("VSS_GALLERY_REFRESH_S", "9")), new Properties());
        Properties p = new Properties();
        p.putAll(s.toProperties());
        assertThat(p.values().toString()).as("the inline key never becomes a property").doesNotContain("c2VjcmV0");
        VssSettings back = VssSettings.load(Map.of("VSS_GALLERY_KEY", "c2VjcmV0"), p);
        assertThat(back).isEqualTo(s);
    }

    @Test
    void theLowerLayersSettingsAreReadHereAndInstalledForThem() {
        Map<String, String> env = env("VSS_ROOT=/r", "VSS_IMAGES_DIR=/img", "VSS_MAX_JPEG_SCANS=9",
                "VSS_OPENVINO_HOME=/ov", "VSS_OPENCV_LIB=/cv/lib.so", "VSS_OPENCV_CACHE=/cv/cache",
                "XDG_CACHE_HOME=/xc", "VSS_TURBOJPEG_LIB=none", "VSS_COMPILE_THREADS=3", "VSS_VTEST_VIDEO=/v.avi",
                "VSS_FFMPEG=/bin/ff", "VSS_MAX_PIXELS=1234", "VSS_MODELS_DIR=/m", "XDG_CONFIG_HOME=/xg");
        Properties p = new Properties();
        p.setProperty("vss.engine", "OpenCV");
        p.setProperty("vss.warm-up.rounds", "4");
        VssSettings s = VssSettings.load(env, p);
        BaseSettings b = s.base();
        assertThat(b).isEqualTo(new BaseSettings(Path.of("/r"), Path.of("/m"), Path.of("/img"), "opencv", 1234, 9,
                Path.of("/ov"), Path.of("/cv/lib.so"), Path.of("/cv/cache"), Path.of("/xc"), "none", 3,
                Path.of("/v.avi"), "/bin/ff"));
        assertThat(s.warmUpRounds()).isEqualTo(4);
        assertThat(s.keyFile()).as("XDG_CONFIG_HOME places the default key").isEqualTo(Path.of("/xg/vss/gallery.key"));
        assertThat(VssSettings.load(Map.of(), new Properties()).base()).as("nothing set: no engine named, defaults")
                .isEqualTo(BaseSettings.defaults());
        // a flag over the environment reaches the layers below too
        VssSettings flagged = s.toBuilder().optEngine("openvino").optMaxPixels(99).optModelsDir(Path.of("/m2")).build();
        assertThat(flagged.base().engine()).isEqualTo("openvino");
        assertThat(flagged.base().maxPixels()).isEqualTo(99);
        assertThat(flagged.base().modelsDir()).isEqualTo(Path.of("/m2"));
        // a child process gets them back as properties
        Properties child = new Properties();
        child.putAll(flagged.toProperties());
        assertThat(VssSettings.load(Map.of("XDG_CACHE_HOME", "/xc", "XDG_CONFIG_HOME", "/xg"), child)).isEqualTo(flagged);
        BaseSettings before = BaseSettings.current();
        try {
            assertThat(flagged.install()).isSameAs(flagged);
            assertThat(BaseSettings.current()).isEqualTo(flagged.base());
        } finally {
            BaseSettings.install(before);
        }
        assertThatThrownBy(() -> VssSettings.load(Map.of("VSS_MAX_JPEG_SCANS", "0"), new Properties()))
                .hasMessageContaining("maxJpegScans");
    }

    @Test
    void storageSettingsAreReadHereAndTheSecretsStayOutOfTextAndProperties() {
        Map<String, String> env = env("VSS_S3_REGION=eu-west-1", "VSS_S3_ENDPOINT=http://127.0.0.1:9000",
                "VSS_S3_PATH_STYLE=true", "VSS_S3_SSE_KMS_KEY_ID=alias/k",
                "AZURE_STORAGE_CONNECTION_STRING=cs-secret", "AZURE_STORAGE_KEY=key-secret",
                "AZURE_STORAGE_SAS_TOKEN=sas-secret", "VSS_AZURE_BLOB_ENDPOINT=http://127.0.0.1:10000/a",
                "VSS_AZURE_CREDENTIAL=default", "STORAGE_EMULATOR_HOST=http://127.0.0.1:4443",
                "GOOGLE_CLOUD_PROJECT=p");
        Properties p = new Properties();
        p.setProperty("vss.s3.region", "us-east-2");
        VssSettings s = VssSettings.load(env, p);
        assertThat(s.storage()).isEqualTo(new StorageSettings("us-east-2", "http://127.0.0.1:9000", true, "alias/k",
                "cs-secret", "key-secret", "sas-secret", "http://127.0.0.1:10000/a", "default", "http://127.0.0.1:4443",
                "p"));
        assertThat(s.toString()).doesNotContain("secret");
        assertThat(s.toProperties().values().toString()).doesNotContain("secret");
        assertThat(VssSettings.load(Map.of(), new Properties()).storage()).isEqualTo(StorageSettings.none());
    }

    /** An environment from {@code NAME=value} pairs. */
    private static Map<String, String> env(String... pairs) {
        Map<String, String> m = new java.util.HashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            m.put(p.substring(0, eq), p.substring(eq + 1));
        }
        return m;
    }
}
