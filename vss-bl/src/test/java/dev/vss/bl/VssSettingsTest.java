// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vss.bl.runtime.InitStrategy;
import dev.vss.hla.pipeline.FaceSource;
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
}
