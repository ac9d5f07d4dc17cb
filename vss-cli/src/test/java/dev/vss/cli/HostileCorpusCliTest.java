// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.dl.testing.HostileCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input corpus ({@link HostileCorpus}, generated here, nothing committed) through {@code vss analyze} in
 * one process: every case gets exactly one line with its expected outcome, valid odd images are analysed with the
 * people in them, and control images placed between the hostile ones give the same result every time (one bad item
 * never disturbs the others). A JVM crash would end this test's JVM and fail the build.
 */
class HostileCorpusCliTest {
    private static final int CONTROL_EVERY = 20;

    @Test
    void everyCaseGetsItsExpectedOutcomeAndTheValidItemsAreUnaffected(@TempDir Path tmp) throws Exception {
        Path images = CliTest.images();
        List<HostileCorpus.Case> cases = HostileCorpus.cases(images);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(250);
        List<Path> files = HostileCorpus.writeAll(cases, tmp.resolve("corpus"));
        Path controlSrc = images.resolve("faces/two_people.jpg");
        List<String> args = new ArrayList<>(List.of("analyze"));
        Map<String, HostileCorpus.Case> byFile = new LinkedHashMap<>();
        List<String> controls = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (i % CONTROL_EVERY == 0) {
                Path c = tmp.resolve("control-" + i + ".jpg");
                Files.copy(controlSrc, c);
                controls.add(c.toString());
                args.add(c.toString());
            }
            args.add(files.get(i).toString());
            byFile.put(files.get(i).toString(), cases.get(i));
        }
        CliTest.Run run = CliTest.vss(args.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isEqualTo(3); // some items failed, as they must; the run completed
        List<JsonNode> lines = CliTest.lines(run.out());
        assertThat(lines).as("one line per input").hasSize(args.size() - 1);

        Map<String, int[]> families = new TreeMap<>(); // family -> {cases, as expected}
        Map<String, Integer> outcomes = new TreeMap<>(); // what the open-ended cases actually gave
        List<String> wrong = new ArrayList<>();
        JsonNode firstControl = null;
        for (JsonNode l : lines) {
            String image = l.path("image").asText();
            if (image.startsWith("file:")) { // the CLI reports local files as file: URIs
                image = Path.of(java.net.URI.create(image)).toString();
            }
            boolean ok = l.path("ok").asBoolean();
            String code = ok ? null : l.path("error").path("code").asText();
            if (controls.contains(image)) {
                assertThat(ok).as(image + ": " + l).isTrue();
                if (firstControl == null) {
                    firstControl = l;
                } else { // the same analysis every time: nothing leaks from the hostile items in between
                    assertThat(l.path("people")).as(image).isEqualTo(firstControl.path("people"));
                    assertThat(l.path("faces")).as(image).isEqualTo(firstControl.path("faces"));
                    assertThat(l.path("coverage")).as(image).isEqualTo(firstControl.path("coverage"));
                }
                continue;
            }
            HostileCorpus.Case c = byFile.get(image);
            assertThat(c).as("a line for an input that was given: " + image).isNotNull();
            int[] f = families.computeIfAbsent(c.family() + " / " + c.expected(), k -> new int[2]);
            f[0]++;
            boolean good = c.expected().matches(ok, code);
            if (good && ok && c.minPeople() > 0) {
                good = l.path("people").size() >= c.minPeople() && !l.path("coverage").path("covered").asBoolean();
            }
            if (good && !ok) {
                String m = l.path("error").path("message").asText();
                good = !m.isBlank() && m.length() < 400;
            }
            if (c.expected() == HostileCorpus.Expect.ANALYSED_OR_DECODE_FAILED || c.expected() == HostileCorpus.Expect.TOO_LARGE) {
                outcomes.merge(c.family() + " -> " + (ok ? "analysed" : code), 1, Integer::sum);
            }
            if (good) {
                f[1]++;
            } else {
                wrong.add(c.name() + " expected " + c.expected() + (c.minPeople() > 0 ? " with >= " + c.minPeople()
                        + " people" : "") + ", got " + (ok ? "ok, " + l.path("people").size() + " people, covered "
                        + l.path("coverage").path("covered") : code + ": " + l.path("error").path("message").asText()));
            }
        }
        StringBuilder table = new StringBuilder("hostile corpus: " + cases.size() + " cases, " + controls.size()
                + " controls\n");
        families.forEach((k, v) -> table.append(String.format("  %-48s %3d cases, %3d as expected%n", k, v[0], v[1])));
        outcomes.forEach((k, v) -> table.append(String.format("  %-48s %3d%n", k, v)));
        System.out.print(table);
        assertThat(wrong).as(table.toString()).isEmpty();
        assertThat(firstControl.path("people").size()).isEqualTo(2);
    }
}
