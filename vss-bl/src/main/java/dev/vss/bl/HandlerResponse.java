// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl;

import dev.vss.bl.events.EventFormat;
import dev.vss.bl.image.ErrorCode;
import dev.vss.bl.image.ImageResult;
import dev.vss.bl.image.ResultJson;
import dev.vss.bl.runtime.InitPhases;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one {@link VssHandler} call did: the results in event order (with where each was written), every failure
 * under the id of the record that announced it, the records skipped on purpose, and whether this was the
 * instance's cold start or a keep-warm ping. Adapters encode it: e.g. {@link #failedRecordIds()} is an SQS partial
 * batch response.
 *
 * @param format    the event's format (null for a direct call)
 * @param results   one per image, in event order
 * @param locations where each result was written (parallel to {@code results}; null entries when not written)
 * @param failures  failed records and images: unreadable records, failed images, failed result writes
 * @param ignored   records skipped on purpose (test events, deletions)
 * @param init      init paid inside this call (LAZY/LOCAL), else null
 */
public record HandlerResponse(EventFormat format, List<ImageResult> results, List<String> locations,
        List<Failure> failures, int ignored, boolean coldStart, boolean ping, InitPhases init, double handlerMs) {

    /** One failure: the record id (SQS messageId, Event Grid id, CloudEvent id; null if the event has none). */
    public record Failure(String recordId, String image, ErrorCode code, String message) {
        public Failure {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    public HandlerResponse {
        results = List.copyOf(results);
        locations = java.util.Collections.unmodifiableList(new ArrayList<>(locations));
        failures = List.copyOf(failures);
        if (locations.size() != results.size()) {
            throw new IllegalArgumentException("locations: " + locations.size() + " for " + results.size() + " results");
        }
    }

    /** Whether everything the event announced was analysed and stored. */
    public boolean ok() {
        return failures.isEmpty();
    }

    /** The distinct ids of the records with a failure, in event order (what SQS must redeliver). */
    public List<String> failedRecordIds() {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        failures.stream().map(Failure::recordId).filter(Objects::nonNull).forEach(ids::add);
        return List.copyOf(ids);
    }

    /** Whether some failure has no record id (an SQS adapter must then fail the whole batch). */
    public boolean hasUnattributedFailure() {
        return failures.stream().anyMatch(f -> f.recordId() == null);
    }

    /** The response as JSON: {@code format, cold_start, ping, ignored, results[], locations[], failures[]}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", format == null ? null : format.name());
        m.put("cold_start", coldStart);
        m.put("ping", ping);
        m.put("images", results.size());
        m.put("ignored", ignored);
        List<Object> rs = new ArrayList<>();
        results.forEach(r -> rs.add(ResultJson.toMap(r)));
        m.put("results", rs);
        m.put("locations", locations);
        List<Object> fs = new ArrayList<>();
        for (Failure f : failures) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("record_id", f.recordId());
            fm.put("image", f.image());
            fm.put("code", f.code().name());
            fm.put("message", f.message());
            fs.add(fm);
        }
        m.put("failures", fs);
        return m;
    }

    /** {@link #toMap()} as one line of JSON. */
    public String toJson() {
        try {
            return ResultJson.mapper().writeValueAsString(toMap());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
    }
}
