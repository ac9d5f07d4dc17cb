// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Odd input names on the command line: leading dashes, `--`, folders named like images, hostile names. */
class CliInputsTest {
    @Test
    void oddNamesEachGetOneLine(@TempDir Path tmp) throws Exception {
        Path dash = tmp.resolve("-x.jpg");
        Files.copy(CliTest.images().resolve("faces/obama.jpg"), dash);
        Path dirLikeImage = Files.createDirectories(tmp.resolve("folder.jpg"));
        Path nl = tmp.resolve("line\nbreak.jpg");
        Files.write(nl, new byte[] {1, 2, 3});
        CliTest.Run r = CliTest.vss("analyze", "--", dash.toString(), dirLikeImage.toString(), nl.toString(),
                tmp.resolve("missing.jpg").toString());
        List<JsonNode> lines = CliTest.lines(r.out());
        assertThat(lines).as(r.out()).hasSize(4); // one line for each input, the folder included
        assertThat(lines.get(0).path("ok").asBoolean()).isTrue();
        assertThat(lines.get(0).path("image").asText()).endsWith("/-x.jpg");
        assertThat(lines.get(1).path("image").asText()).contains("/folder.jpg");
        assertThat(lines.get(1).path("ok").asBoolean()).as(lines.get(1).toString()).isFalse();
        assertThat(lines.get(2).path("error").path("code").asText()).isEqualTo("DECODE_FAILED");
        assertThat(lines.get(2).path("error").path("message").asText()).doesNotContain("\n");
        assertThat(lines.get(3).path("error").path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(r.code()).isEqualTo(3);
    }

    @Test
    void aDashNameWithoutDoubleDashIsExplained(@TempDir Path tmp) throws Exception {
        Path dash = Path.of("-x-" + System.nanoTime() + ".jpg"); // relative: as a user would type it
        Files.write(dash, new byte[] {1});
        try {
            CliTest.Run r = CliTest.vss("analyze", dash.toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("is a file; to analyse a file whose name starts with '-', put -- before it");
        } finally {
            Files.deleteIfExists(dash);
        }
    }
}
