// SPDX-License-Identifier: Apache-2.0
package dev.vss.lab.faas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vss.bl.VssSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The local FaaS keeps an instance alive across a bad event, as a provider does. */
class LocalFaasTest {
    @Test
    void aBadEventFailsItsInvocationNotTheInstance() throws Exception {
        String image = dev.vss.models.Workspace.imagesDir().resolve("faces/obama.jpg").toAbsolutePath().toString();
        FunctionSize size = new FunctionSize(1024, 1.0, 1, FunctionSize.machineCores());
        LocalFaas faas = new LocalFaas(size, VssSettings.fromEnvironment(), 1, Duration.ofMinutes(2),
                Duration.ofMinutes(3), null, "emulated for this test");
        int[] steps = {0};
        LocalFaas.Run run = faas.run(List.of(new LocalFaas.Event("{\"not\": \"an event\"}", 1),
                new LocalFaas.Event("{\"images\": [\"" + image + "\"]}", 1)), () -> steps[0]++);
        assertThat(steps[0]).isEqualTo(2);
        assertThat(run.limits()).isEqualTo(LocalFaas.Limits.EMULATED);
        assertThat(run.starts()).hasSize(1); // one instance served both events
        assertThat(run.calls().get(0).ok()).isFalse();
        assertThat(run.calls().get(0).failure()).startsWith("invocation failed: IllegalArgumentException");
        LocalFaas.Call good = run.calls().get(1);
        assertThat(good.ok()).as(good.failure()).isTrue();
        assertThat(good.cold()).isFalse();
        assertThat(good.result().path("images").get(0).path("ok").asBoolean()).isTrue();
        // emulated billing: at least the CPU time spread over the 1 vCPU share
        assertThat(good.billedMs()).isGreaterThanOrEqualTo(good.cpuMs() / 1.0);
    }
}
