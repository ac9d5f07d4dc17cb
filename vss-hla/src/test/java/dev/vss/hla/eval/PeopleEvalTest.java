// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vss.hla.Box;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Matching rules, bands and label parsing on synthetic boxes (no natives); the held-out guard. */
class PeopleEvalTest {
    static PeopleLabels labels(String csv) throws Exception {
        return PeopleLabels.parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "test.csv");
    }

    @Test
    void recallAndPrecisionByBand() throws Exception {
        PeopleLabels l = labels("""
                # comment
                frame,x,y,w,h,note
                1,10,10,20,60,
                1,100,10,40,120,
                1,200,10,20,60,occluded
                1,300,10,10,30,
                2,10,10,30,80,
                """);
        assertThat(l.frames()).containsExactly(1, 2);
        assertThat(l.size()).isEqualTo(5);
        Map<Integer, List<Box>> pred = Map.of(
                1, List.of(new Box(11, 11, 20, 60), // hit, 50-75
                        new Box(100, 12, 40, 118), // hit, >= 100
                        new Box(200, 10, 20, 60), // on an occluded person: ignored
                        new Box(300, 10, 10, 30), // on a person under 40 px: ignored
                        new Box(500, 10, 20, 60), // false alarm, 50-75
                        new Box(11, 11, 20, 60)), // a duplicate: the person is taken, so a false alarm
                2, List.of(new Box(10, 40, 30, 80))); // IoU 0.45 < 0.5: a miss and a false alarm
        PeopleEval.Report r = PeopleEval.evaluate(l, pred);
        assertThat(r.frames()).isEqualTo(2);
        PeopleEval.Row small = r.row("50-75 px");
        assertThat(small.labelled()).isEqualTo(1);
        assertThat(small.found()).isEqualTo(1);
        assertThat(small.predicted()).isEqualTo(3);
        assertThat(small.correct()).isEqualTo(1);
        PeopleEval.Row target = r.row(">= 50 px");
        assertThat(target.labelled()).isEqualTo(3);
        assertThat(target.found()).isEqualTo(2);
        assertThat(target.recall()).isEqualTo(2 / 3.0);
        assertThat(target.predicted()).isEqualTo(5);
        assertThat(target.precision()).isEqualTo(2 / 5.0);
        assertThat(r.row("40-50 px").recall()).isNaN();
        assertThat(r.table()).contains("| >= 50 px | 3 | 2 | 66.7 % | 5 | 2 | 40.0 % |");
        assertThatThrownBy(() -> r.row("tiny")).hasMessageContaining("50-75 px");
    }

    @Test
    void aPredictionPrefersAPersonThatCountsOverAnIgnoredOne() throws Exception {
        PeopleLabels l = labels("1,10,10,20,60,occluded\n1,12,10,20,60,\n");
        PeopleEval.Report r = PeopleEval.evaluate(l, Map.of(1, List.of(new Box(10, 10, 20, 60))));
        assertThat(r.row("all").found()).isEqualTo(1);
        assertThat(r.row("all").precision()).isEqualTo(1.0);
    }

    @Test
    void malformedLabelsNameTheLine() {
        assertThatThrownBy(() -> labels("1,2,3\n")).hasMessageContaining("test.csv:1").hasMessageContaining("frame,x,y,w,h");
        assertThatThrownBy(() -> labels("# c\n1,2,3,4,5,hidden\n")).hasMessageContaining("test.csv:2")
                .hasMessageContaining("hidden");
        assertThatThrownBy(() -> labels("-1,2,3,4,5,\n")).hasMessageContaining("negative");
        assertThatThrownBy(() -> labels("1,2,3,0,5,\n")).hasMessageContaining("empty");
    }

    /** The committed labels: at least 20 frames spread over the video, none in the held-out split. */
    @Test
    void committedLabelsStayOutOfTheHeldOutSplit() {
        PeopleLabels v = PeopleLabels.vtest();
        assertThat(v.frames()).hasSizeGreaterThanOrEqualTo(20).noneMatch(VtestFrames::heldOut);
        assertThat(v.frames().stream().filter(f -> f < VtestFrames.HELD_OUT_FIRST)).hasSizeGreaterThanOrEqualTo(5);
        assertThat(v.frames().stream().filter(f -> f > VtestFrames.HELD_OUT_LAST)).hasSizeGreaterThanOrEqualTo(10);
        assertThat(v.frames().last()).isLessThan(VtestFrames.FRAME_COUNT);
        assertThat(v.size()).isGreaterThan(100);
    }

    @Test
    void extractionRefusesTheHeldOutSplit(@TempDir Path tmp) {
        assertThatThrownBy(() -> VtestFrames.extract(tmp.resolve("none.avi"), List.of(0, 250), tmp, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("held-out");
        assertThatThrownBy(() -> VtestFrames.extract(tmp.resolve("none.avi"), List.of(200), tmp, false))
                .hasMessageContaining("held-out");
        assertThatThrownBy(() -> VtestFrames.extract(tmp.resolve("none.avi"), List.of(399), tmp, false))
                .hasMessageContaining("held-out");
        assertThatThrownBy(() -> VtestFrames.extract(tmp.resolve("none.avi"), List.of(795), tmp, false))
                .hasMessageContaining("outside");
        assertThatThrownBy(() -> VtestFrames.extract(tmp.resolve("none.avi"), List.of(199, 400), tmp, false))
                .hasMessageContaining("scripts/install/eval-data.sh");
        assertThat(VtestFrames.heldOut(199)).isFalse();
        assertThat(VtestFrames.heldOut(400)).isFalse();
    }
}
