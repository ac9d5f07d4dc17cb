package dev.vss.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands end to end on real models and images. */
class CliTest {
    record Run(int code, String out, String err) {
    }

    static Run vss(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = VssCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void analyzeOfOneImageDoesNotPrimeTheModelsAndOfTwoDoes() throws Exception {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
        String one;
        String two;
        try {
            assertThat(vss("--verbose", "analyze", images().resolve("faces/obama.jpg").toString()).code()).isZero();
            one = log.toString(StandardCharsets.UTF_8);
            log.reset();
            assertThat(vss("--verbose", "analyze", images().resolve("faces/obama.jpg").toString(),
                    images().resolve("faces/biden.jpg").toString()).code()).isZero();
            two = log.toString(StandardCharsets.UTF_8);
        } finally {
            System.setErr(saved);
        }
        // the init log's warmup phase: the priming inferences (none for one image: its request is the first)
        assertThat(warmupMs(one)).isZero();
        assertThat(warmupMs(two)).isPositive();
    }

    private static double warmupMs(String log) throws Exception {
        for (String l : log.split("\n")) {
            if (l.contains("\"phase\":\"warmup\"")) {
                return new ObjectMapper().readTree(l).path("ms").asDouble(-1);
            }
        }
        throw new AssertionError("no warmup phase in " + log);
    }

    static Path images() {
        return Inputs.imagesDir();
    }

    static List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> list = new ArrayList<>();
        for (String l : out.split("\n")) {
            if (!l.isBlank()) {
                list.add(new ObjectMapper().readTree(l));
            }
        }
        return list;
    }

    @Test
    void galleryAddAnalyzeRemove(@TempDir Path tmp) throws Exception {
        Path g = tmp.resolve("gallery");
        // the key lives apart from the gallery, in the test's temp folder: tests never touch ~/.config
        Path key = tmp.resolve("keys/gallery.key");
        String k = key.toString();
        Run add = vss("gallery", "add", "--gallery", g.toString(), "--key-file", k, "obama",
                images().resolve("faces/obama.jpg").toString());
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.out()).contains("enrolled obama with 1 face(s)").contains("version 1");
        assertThat(add.err()).contains("created a new gallery key in " + key.toAbsolutePath());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        String keyText = Files.readString(key);
        Run add2 = vss("gallery", "add", "--gallery", g.toString(), "--key-file", k, "biden",
                images().resolve("faces/biden.jpg").toString());
        assertThat(add2.code()).as(add2.err()).isZero();
        assertThat(add2.err()).doesNotContain("created"); // the key is reused
        assertThat(Files.readString(key)).isEqualTo(keyText);
        try (var files = Files.list(g)) {
            // and the empty lock file of the conditional writes
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("gallery.json.enc",
                    "gallery.version", dev.vss.bl.store.LocalBlobStore.LOCK_FILE);
        }
        assertThat(new String(Files.readAllBytes(g.resolve("gallery.json.enc")), StandardCharsets.ISO_8859_1))
                .doesNotContain("obama").doesNotContain("biden"); // encrypted at rest
        Run list = vss("gallery", "list", "--gallery", g.toString(), "--key-file", k);
        assertThat(list.out()).contains("obama\t1 embedding(s)").contains("biden\t1 embedding(s)");
        assertThat(list.out()).doesNotContain("0.0"); // no embedding values are ever printed

        Path ann = tmp.resolve("ann");
        Run an = vss("analyze", "--gallery", g.toString(), "--key-file", k, "--annotate", ann.toString(),
                images().resolve("faces/two_people.jpg").toString(), images().resolve("faces/obama2.jpg").toString());
        assertThat(an.code()).as(an.err()).isZero();
        List<JsonNode> r = lines(an.out());
        assertThat(r).hasSize(2);
        List<String> ids = new ArrayList<>();
        r.get(0).path("faces").forEach(f -> ids.add(f.path("box").get(0).asDouble() < 563 ? "L:" + f.path("identity").asText()
                : "R:" + f.path("identity").asText()));
        assertThat(ids).containsExactlyInAnyOrder("L:obama", "R:biden");
        assertThat(r.get(1).path("faces").get(0).path("identity").asText()).isEqualTo("obama");
        assertThat(Files.size(ann.resolve("two_people.jpg"))).isGreaterThan(10_000);

        // another key cannot read it, and says so; a key that is not owner-only is refused
        Path other = tmp.resolve("other.key");
        Files.writeString(other, dev.vss.bl.crypto.LocalKeyWrapper.newKeyBase64(), StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-------"));
        Run wrong = vss("gallery", "list", "--gallery", g.toString(), "--key-file", other.toString());
        assertThat(wrong.code()).isNotZero();
        assertThat(wrong.err()).contains("WRONG_KEY").contains("gallery.json.enc");
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(vss("gallery", "list", "--gallery", g.toString(), "--key-file", other.toString()).err())
                .contains("chmod 600");

        Run rm = vss("gallery", "remove", "--gallery", g.toString(), "--key-file", k, "obama");
        assertThat(rm.code()).as(rm.err()).isZero();
        assertThat(rm.out()).contains("removed obama").contains("version 3");
        Run again = vss("analyze", "--gallery", g.toString(), "--key-file", k, images().resolve("faces/obama2.jpg").toString());
        assertThat(lines(again.out()).get(0).path("faces").get(0).path("identity").isNull()).isTrue();
        assertThat(vss("gallery", "remove", "--gallery", g.toString(), "--key-file", k, "obama").code()).isEqualTo(1);

        // rotation: the new key reads it, the old one no longer does
        Path next = tmp.resolve("keys/next.key");
        Run rot = vss("gallery", "rotate-key", "--gallery", g.toString(), "--key-file", k, "--new-key-file", next.toString());
        assertThat(rot.code()).as(rot.err()).isZero();
        assertThat(rot.out()).contains("version 4");
        assertThat(vss("gallery", "list", "--gallery", g.toString(), "--key-file", next.toString()).out())
                .contains("biden\t1 embedding(s)").doesNotContain("obama");
        assertThat(vss("gallery", "list", "--gallery", g.toString(), "--key-file", k).err()).contains("WRONG_KEY");

        // a flipped byte: analyze refuses the gallery instead of matching against nothing
        byte[] b = Files.readAllBytes(g.resolve("gallery.json.enc"));
        b[b.length - 20] ^= 1;
        Files.write(g.resolve("gallery.json.enc"), b);
        Run tampered = vss("analyze", "--gallery", g.toString(), "--key-file", next.toString(),
                images().resolve("faces/obama2.jpg").toString());
        assertThat(tampered.code()).isNotZero();
        assertThat(tampered.out()).isBlank();
        assertThat(tampered.err()).contains("TAMPERED").contains("gallery.json.enc");
    }

    @Test
    void analyzeAFolderWithABadFileReportsItAndGoesOn(@TempDir Path tmp) throws Exception {
        Files.copy(images().resolve("people/squat.bmp"), tmp.resolve("a.bmp"));
        Files.write(tmp.resolve("b.jpg"), new byte[0]);
        Files.copy(images().resolve("no_people/home.jpg"), tmp.resolve("c.jpg"));
        Run an = vss("analyze", tmp.toString());
        assertThat(an.code()).isEqualTo(3); // some images failed
        List<JsonNode> r = lines(an.out());
        assertThat(r).hasSize(3);
        assertThat(r.get(0).path("people")).hasSize(1);
        assertThat(r.get(0).path("faces").get(0).path("identity").isNull()).isTrue(); // no gallery: not matched
        assertThat(r.get(1).path("ok").asBoolean()).isFalse();
        assertThat(r.get(1).path("error").path("code").asText()).isEqualTo("DECODE_FAILED");
        assertThat(r.get(2).path("ok").asBoolean()).isTrue();
        assertThat(r.get(2).path("people")).isEmpty();
    }

    @Test
    void enrolmentNeedsAFace(@TempDir Path tmp) {
        Run add = vss("gallery", "add", "--gallery", tmp.toString(), "nobody", images().resolve("no_people/fruits.jpg").toString());
        assertThat(add.code()).isNotZero();
        assertThat(add.err()).contains("NO_USABLE_FACE");
        assertThat(vss("gallery", "add", "--gallery", tmp.toString(), "../x", images().resolve("faces/obama.jpg").toString())
                .err()).contains("not a valid person id");
    }

    @Test
    void runLocalSummarisesColdStartsAndBilling() throws Exception {
        Run r = vss("run-local", "--memory", "1024", "--batch", "3", "--init", "lazy", "--limit", "6", "--json",
                images().resolve("faces").toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(r.out());
        assertThat(s.path("images").asInt()).isEqualTo(6);
        assertThat(s.path("failed").asInt()).isZero();
        assertThat(s.path("invocations").asInt()).isEqualTo(2);
        assertThat(s.path("cold_starts").asInt()).isEqualTo(1);
        assertThat(s.path("init_ms_p50").asDouble()).isPositive();
        assertThat(s.path("init_ms_p99").asDouble()).isGreaterThanOrEqualTo(s.path("init_ms_p50").asDouble());
        assertThat(s.path("images_per_s").asDouble()).isPositive();
        assertThat(s.path("vcpu").asDouble()).isEqualTo(0.58);
        assertThat(s.path("threads").asInt()).isEqualTo(1);
        // billed GB-s = billed seconds x 1 GB: at least the handler time of 6 images
        assertThat(s.path("billed_gb_s").asDouble()).isPositive();
        assertThat(s.path("init_phases_ms_mean").path("read_compile").asDouble()).isPositive();
        assertThat(s.path("init_phases_ms_mean").path("model_fetch").asDouble()).isPositive();
    }

    @Test
    void modelsVerifyPasses() {
        Run v = vss("models", "verify");
        assertThat(v.code()).isZero();
        assertThat(v.out()).contains("22 of 22 models verified");
    }

    @Test
    void analyzeStoresResultsLikeAFunctionAndAnnotatesWithoutOverwriting(@TempDir Path tmp) throws Exception {
        // two images with one base name in different folders: two annotated files, two stored results
        Path a = Files.createDirectories(tmp.resolve("camA"));
        Path b = Files.createDirectories(tmp.resolve("camB"));
        Files.copy(images().resolve("faces/obama2.jpg"), a.resolve("frame.jpg"));
        Files.copy(images().resolve("no_people/fruits.jpg"), b.resolve("frame.jpg"));
        Path results = tmp.resolve("results");
        Path ann = tmp.resolve("ann");
        Run r = vss("analyze", "--results", results.toString(), "--annotate", ann.toString(), a.toString(), b.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<JsonNode> out = lines(r.out());
        assertThat(out).extracting(j -> j.path("image").asText())
                .containsExactly(a.resolve("frame.jpg").toUri().toString(), b.resolve("frame.jpg").toUri().toString());
        try (var files = Files.list(ann)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("frame.jpg", "frame-2.jpg");
        }
        try (var files = Files.walk(results)) {
            List<String> stored = files.filter(Files::isRegularFile).map(p -> results.relativize(p).toString()).toList();
            assertThat(stored).hasSize(2).anyMatch(p -> p.startsWith("camA/") && p.endsWith("/frame.jpg.json"))
                    .anyMatch(p -> p.startsWith("camB/") && p.endsWith("/frame.jpg.json"));
        }
    }

    @Test
    void errorsAreOneLineWithAnExitStatusAndSettingsAreHonoured(@TempDir Path tmp) throws Exception {
        Run missing = vss("analyze", "--gallery", tmp.resolve("none").toString(),
                images().resolve("faces/obama2.jpg").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).startsWith("vss analyze: no gallery in").doesNotContain("\tat ")
                .doesNotContain("Exception");
        assertThat(missing.err().strip().lines().count()).isEqualTo(1);
        // the engine comes from the settings (system property here, VSS_ENGINE in a function) when no flag is given
        System.setProperty("vss.engine", "nosuchengine");
        try {
            Run bad = vss("analyze", images().resolve("faces/obama2.jpg").toString());
            assertThat(bad.code()).isNotZero();
            assertThat(bad.err()).contains("unknown engine 'nosuchengine'").contains("openvino");
            Run flag = vss("analyze", "--engine", "openvino", images().resolve("faces/obama2.jpg").toString());
            assertThat(flag.code()).as("a flag wins over the setting: " + flag.err()).isZero();
        } finally {
            System.clearProperty("vss.engine");
        }
        Run verbose = vss("--verbose", "analyze", "--gallery", tmp.resolve("none").toString(),
                images().resolve("faces/obama2.jpg").toString());
        assertThat(verbose.err()).contains("at dev.vss.cli");
    }
}
