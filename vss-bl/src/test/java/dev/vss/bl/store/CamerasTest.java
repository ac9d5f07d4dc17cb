// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vss.bl.image.ImageRef;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one camera rule: the folder below the input location, else what the event said ({@code mem:} stands in for a bucket). */
class CamerasTest {
    static String camera(String uri, String eventSaid, String... inputs) {
        InputGuard g = new InputGuard(r -> new byte[0], java.util.Arrays.stream(inputs).map(URI::create).toList(), 1);
        return Cameras.of(new ImageRef(uri, eventSaid, null), g);
    }

    @Test
    void belowAnInputLocation() {
        assertThat(camera("mem://cams/incoming/lobby/0001.jpg", "incoming", "mem://cams/incoming/")).isEqualTo("lobby");
        assertThat(camera("mem://cams/incoming/lobby/door/0001.jpg", null, "mem://cams/incoming")).isEqualTo("lobby");
        // directly in the input, or outside every input: the event's camera stands
        assertThat(camera("mem://cams/incoming/0001.jpg", "incoming", "mem://cams/incoming/")).isEqualTo("incoming");
        assertThat(camera("mem://other/cam9/0001.jpg", "cam9", "mem://cams/incoming/")).isEqualTo("cam9");
        // no inputs (the CLI): the event's camera
        assertThat(camera("mem://cams/incoming/lobby/0001.jpg", "incoming")).isEqualTo("incoming");
    }

    @Test
    void belowALocalInputFolder(@TempDir Path dir) throws Exception {
        Path img = Files.createDirectories(dir.resolve("in/street")).resolve("a.jpg");
        Files.write(img, new byte[1]);
        assertThat(camera(img.toString(), null, dir.resolve("in").toUri().toString())).isEqualTo("street");
        assertThat(camera(img.toUri().toString(), null, dir.resolve("in").toUri().toString())).isEqualTo("street");
        assertThat(camera(img.toString(), "given", dir.resolve("in/street").toUri().toString())).isEqualTo("given");
    }

    @Test
    void ofAKey() {
        assertThat(Cameras.ofKey("cam1/a.jpg")).isEqualTo("cam1");
        assertThat(Cameras.ofKey("cam1/door/a.jpg")).isEqualTo("cam1");
        assertThat(Cameras.ofKey("a.jpg")).isNull();
        assertThat(Cameras.ofKey("/a.jpg")).isNull();
        assertThat(List.of(Cameras.ofKey("x/"))).containsExactly("x");
    }
}
