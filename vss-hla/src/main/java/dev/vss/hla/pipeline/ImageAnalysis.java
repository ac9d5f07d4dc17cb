package dev.vss.hla.pipeline;

import dev.vss.hla.coverage.CoverageReport;
import dev.vss.hla.people.Person;
import java.util.List;
import java.util.Map;

/**
 * Everything the pipelines found in one image. {@code coverage} is null when the stage did not run; when the
 * camera is covered, {@code people} and {@code faces} are empty unless the options asked otherwise.
 *
 * @param people    every person found, by descending score, each with the method that found it
 * @param timingsMs per-stage wall time in ms ("coverage", "pose" (the people stage), "faces", "total")
 * @param models    stage → "model/precision" that ran
 */
public record ImageAnalysis(int width, int height, CoverageReport coverage, List<Person> people, List<FaceResult> faces,
        Map<String, Double> timingsMs, Map<String, String> models) {
    public ImageAnalysis {
        people = List.copyOf(people);
        faces = List.copyOf(faces);
        // insertion order is stage order, which the JSON keeps
        timingsMs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timingsMs));
        models = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(models));
    }
}
