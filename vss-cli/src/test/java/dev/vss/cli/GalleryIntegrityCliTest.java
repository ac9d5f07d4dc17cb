// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import static dev.vss.cli.CliTest.images;
import static dev.vss.cli.CliTest.vss;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gallery's integrity from the command line, on real models: `vss gallery add` run by several processes at once
 * loses no enrolment, and an older gallery put back after a `remove` is refused.
 */
class GalleryIntegrityCliTest {
    static final int PROCESSES = 4;

    @Test
    void concurrentGalleryAddProcessesAllLand(@TempDir Path tmp) throws Exception {
        Path g = tmp.resolve("gallery");
        String k = tmp.resolve("gallery.key").toString();
        String face = images().resolve("faces/obama.jpg").toString();
        CliTest.Run first = vss("gallery", "add", "--gallery", g.toString(), "--key-file", k, "p0", face);
        assertThat(first.code()).as(first.err()).isZero();
        String javaExe = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> procs = new ArrayList<>();
        for (int i = 1; i <= PROCESSES; i++) {
            procs.add(new ProcessBuilder(javaExe, "-cp", System.getProperty("java.class.path"), VssCli.class.getName(),
                    "gallery", "add", "--gallery", g.toString(), "--key-file", k, "--threads", "1", "p" + i, face)
                    .redirectErrorStream(true).start());
        }
        TreeSet<Long> versions = new TreeSet<>();
        Pattern version = Pattern.compile("enrolled (p\\d) with 1 face\\(s\\); gallery .* version (\\d+),");
        for (Process p : procs) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(out).isZero();
            Matcher m = version.matcher(out);
            assertThat(m.find()).as(out).isTrue();
            versions.add(Long.parseLong(m.group(2)));
        }
        assertThat(versions).as("each process acknowledged a version of its own").hasSize(PROCESSES);
        CliTest.Run list = vss("gallery", "list", "--gallery", g.toString(), "--key-file", k);
        assertThat(list.code()).as(list.err()).isZero();
        for (int i = 0; i <= PROCESSES; i++) {
            assertThat(list.out()).as("every acknowledged enrolment is in the gallery").contains("p" + i + "\t1 embedding(s)");
        }
    }

    @Test
    void anOlderGalleryPutBackAfterARemoveIsRefused(@TempDir Path tmp) throws Exception {
        Path g = tmp.resolve("gallery");
        String k = tmp.resolve("keys/gallery.key").toString();
        assertThat(vss("gallery", "add", "--gallery", g.toString(), "--key-file", k, "obama",
                images().resolve("faces/obama.jpg").toString()).code()).isZero();
        assertThat(vss("gallery", "add", "--gallery", g.toString(), "--key-file", k, "biden",
                images().resolve("faces/biden.jpg").toString()).code()).isZero();
        byte[] withBiden = Files.readAllBytes(g.resolve("gallery.json.enc"));
        CliTest.Run rm = vss("gallery", "remove", "--gallery", g.toString(), "--key-file", k, "biden");
        assertThat(rm.code()).as(rm.err()).isZero();
        assertThat(rm.out()).contains("version 3");
        assertThat(tmp.resolve("keys/gallery.key.versions.json")).as("the ledger lives beside the key").exists();

        Files.write(g.resolve("gallery.json.enc"), withBiden); // someone puts the copy from before the erasure back
        CliTest.Run list = vss("gallery", "list", "--gallery", g.toString(), "--key-file", k);
        assertThat(list.code()).isNotZero();
        assertThat(list.out()).doesNotContain("biden");
        assertThat(list.err()).contains("ROLLED_BACK").contains("version 2").contains("version 3");
        CliTest.Run an = vss("analyze", "--gallery", g.toString(), "--key-file", k,
                images().resolve("faces/biden.jpg").toString());
        assertThat(an.code()).isNotZero();
        assertThat(an.out()).doesNotContain("\"identity\":\"biden\"");
        assertThat(an.err()).contains("ROLLED_BACK");

        // a deliberate restore is possible, but only when asked for
        CliTest.Run restore = vss("gallery", "list", "--gallery", g.toString(), "--key-file", k, "--allow-rollback");
        assertThat(restore.code()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("biden");
    }
}
