// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vss.lab.plan.Profile.Phase;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Durations under a vCPU share from measured phases, against figures worked out by hand. */
class DerivationTest {
    static Profile profile(int threads, Phase request1, Phase request10) {
        Map<String, Phase> init = new LinkedHashMap<>();
        init.put("natives", new Phase(400, 300));
        init.put("read_compile", new Phase(1000 / threads, 1000 + 100 * (threads - 1)));
        TreeMap<Integer, Phase> req = new TreeMap<>();
        req.put(1, request1);
        req.put(10, request10);
        return new Profile("FP32", threads, new Phase(500, 400), init, req, new Phase(20, 20), new Phase(900, 800),
                new Phase(700, 600), 300);
    }

    static final Profile ONE = profile(1, new Phase(110, 100), new Phase(1050, 1000));
    static final Profile TWO = profile(2, new Phase(60, 110), new Phase(560, 1100));
    static final Derivation D = new Derivation(ONE, TWO, 2);

    @Test
    void belowOneVcpuTheCpuTimeIsSpreadOverTheShare() {
        // 100 ms of CPU at 0.4 vCPU: 250 ms; the wall time (110 ms, capped at the CPU time: 100) is shorter
        assertThat(D.requestMs(0.4, 1)).isEqualTo(250, within(1e-9));
        assertThat(D.requestMs(1.0, 1)).isEqualTo(100, within(1e-9));
        // init: JVM 400/0.4 + natives 300/0.4 + compile 1000/0.4 = 1000 + 750 + 2500
        assertThat(D.initMs(0.4)).isEqualTo(4250, within(1e-9));
        assertThat(D.localInitMs(0.5)).isEqualTo(1200, within(1e-9));
        assertThat(D.extrapolated(2.0)).isFalse();
    }

    @Test
    void aboveOneVcpuTheTwoThreadProfileBoundsIt() {
        // 1.5 vCPU -> 2 threads: max(min(60, 110), 110 / 1.5 = 73.3) = 73.3
        assertThat(D.requestMs(1.5, 1)).isEqualTo(110 / 1.5, within(1e-9));
        // 2 vCPU: max(60, 55) = 60, the measured 2-thread wall
        assertThat(D.requestMs(2.0, 1)).isEqualTo(60, within(1e-9));
        assertThat(Derivation.threads(1.0)).isEqualTo(1);
        assertThat(Derivation.threads(1.01)).isEqualTo(2);
        assertThat(Derivation.threads(5.79)).isEqualTo(6);
    }

    @Test
    void beyondTheMachineAmdahlExtrapolates() {
        // batch 10: wall 1050 at 1 thread, 560 at 2 -> serial fraction s = (560/1050 - 0.5) / 0.5 = 0.0667;
        // 6 threads: 1050 x (s + (1 - s) / 6) = 233.3; CPU 1100 + 100 x 4 = 1500 at 5.79 vCPU = 259.1 -> 259.1
        double v = 10240 / 1769.0;
        double s = (560.0 / 1050 - 0.5) / 0.5;
        double wall = 1050 * (s + (1 - s) / 6);
        double cpu = 1500 / v;
        assertThat(D.extrapolated(v)).isTrue();
        assertThat(D.requestMs(v, 10)).isEqualTo(Math.max(Math.min(wall, 1500), cpu), within(1e-9));
        assertThat(D.requestMs(v, 10)).isEqualTo(1500 / v, within(1e-9));
    }

    @Test
    void anUnmeasuredBatchScalesPerImage() {
        // batch 5 from the batch-1 figures x 5: 100 x 5 CPU at 1 vCPU
        assertThat(D.requestMs(1.0, 5)).isEqualTo(500, within(1e-9));
    }

    @Test
    void waitingForACoreOnABusyMachineDoesNotCount() {
        // a phase measured at 900 ms wall for 300 ms CPU (the measuring machine was busy): 300 ms at 1 vCPU
        assertThat(new Phase(900, 300).at(1.0)).isEqualTo(300);
        assertThat(new Phase(900, 300).at(0.5)).isEqualTo(600);
    }
}
