// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vss.bl.image.ResultJson;
import java.io.IOException;
import java.util.List;

/** What the adapters' cold-start benches read from a function's init log, once for all of them. */
public final class InitLogs {
    private InitLogs() {
    }

    /** The pipeline's own init time from the function's log ({@code "event":"init","phase":"total"}), ms; -1 if absent. */
    public static double pipelineInitMs(List<String> initLines) throws IOException {
        for (String l : initLines) {
            JsonNode j = ResultJson.mapper().readTree(l);
            if (j.path("phase").asText().equals("total")) {
                return j.path("ms").asDouble();
            }
        }
        return -1;
    }

    /** Nanoseconds as milliseconds with two decimals. */
    public static double ms(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }
}
