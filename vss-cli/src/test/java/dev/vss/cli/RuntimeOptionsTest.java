// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vss.bl.Setting;
import dev.vss.bl.VssSettings;
import dev.vss.hla.pipeline.FaceSource;
import dev.vss.models.BaseSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The pipeline flags are derived from {@link Setting}: name, help, parsing; a flag wins over the environment. */
class RuntimeOptionsTest {
    @Test
    void everyFlagIsItsSettingsFlagWithItsHelp() {
        CliTest.Run help = CliTest.vss("analyze", "--help");
        assertThat(help.code()).isZero();
        String text = help.out().replaceAll("\\s+", " ");
        for (Setting s : RuntimeOptions.FLAGS) {
            assertThat(s.flag()).as(s + " has a flag").isNotNull();
            assertThat(text).contains(s.flag()).contains(s.env());
        }
        assertThat(RuntimeOptions.help(Setting.MAX_PIXELS)).isEqualTo("Largest image decoded (width × height, from the "
                + "header before decoding). (VSS_MAX_PIXELS; default: 50000000)");
    }

    @Test
    void flagsAreParsedAsTheirSettingsAndWin() {
        RuntimeOptions o = new RuntimeOptions();
        new CommandLine(new Holder(o)).parseArgs("--threads", "3", "--face-source", "POSE", "--analyze-covered",
                "--max-pixels", "1234", "--models-dir", "m", "--engine", "OpenCV");
        BaseSettings before = BaseSettings.current();
        try {
            VssSettings s = o.settings().build();
            assertThat(s.threads()).isEqualTo(3);
            assertThat(s.faceSource()).isEqualTo(FaceSource.POSE);
            assertThat(s.analyzeCovered()).isTrue();
            assertThat(s.maxPixels()).isEqualTo(1234);
            assertThat(s.modelsDir()).isEqualTo(Path.of("m"));
            assertThat(BaseSettings.current().engine()).as("installed for the layers below").isEqualTo("opencv");
            assertThat(BaseSettings.current().maxPixels()).isEqualTo(1234);
            assertThat(o.threads()).isEqualTo(3);
            assertThat(o.precision()).isNull();
        } finally {
            BaseSettings.install(before);
        }
    }

    @Test
    void aBadValueIsRefusedNamingTheFlag() {
        CliTest.Run bad = CliTest.vss("analyze", "--threads", "many", "x.jpg");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--threads").contains("'many' is not valid");
    }

    @CommandLine.Command(name = "holder")
    static final class Holder {
        @CommandLine.Mixin
        RuntimeOptions runtime;

        Holder(RuntimeOptions r) {
            runtime = r;
        }
    }
}
