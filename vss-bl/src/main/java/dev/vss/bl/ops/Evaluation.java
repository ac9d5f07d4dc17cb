// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.ops;

import dev.vss.bl.VssSettings;
import dev.vss.dl.CompileOptions;
import dev.vss.dl.Engine;
import dev.vss.dl.image.Image;
import dev.vss.dl.image.Images;
import dev.vss.hla.Box;
import dev.vss.hla.ModelContext;
import dev.vss.hla.eval.LabelledPerson;
import dev.vss.hla.eval.PeopleEval;
import dev.vss.hla.eval.PeopleLabels;
import dev.vss.hla.eval.VtestFrames;
import dev.vss.hla.people.FoundBy;
import dev.vss.hla.people.PeopleFinder;
import dev.vss.hla.people.PeopleMethod;
import dev.vss.hla.people.Person;
import dev.vss.models.ModelRepository;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code vss eval people}: recall and precision of the people stage on hand-labelled frames of vtest.avi, with the
 * settings' engine threads, precision and smallest person (per camera: the size of {@link PeopleOptions#camera()}).
 * Refuses the held-out split unless allowed. Prints nothing; the caller formats the {@link PeopleResult}.
 */
public final class Evaluation {
    private Evaluation() {
    }

    /**
     * What to evaluate.
     *
     * @param method       people method by name (any case)
     * @param labels       labels CSV, or null for the committed vtest labels
     * @param video        the video, or null for {@link VtestFrames#video()}
     * @param framesDir    where extracted frames are kept
     * @param camera       the camera whose smallest person applies, or null for the settings' default size
     * @param allowHeldOut allow frames of the held-out split
     * @param annotate     folder for annotated frames, or null
     */
    public record PeopleOptions(String method, Path labels, Path video, Path framesDir, String camera,
            boolean allowHeldOut, Path annotate) {
    }

    /**
     * One band of person heights: labelled people and how many were found (recall), people predicted and how many
     * were right (precision); recall or precision NaN when there is nothing to divide by.
     */
    public record Band(String name, int labelled, int found, double recall, int predicted, int correct,
            double precision) {
    }

    /**
     * The evaluation: method and models used, frames, labelled people (all, and those counted), each band (the last
     * is "all"), the report as a text table, and which method found how many people.
     */
    public record PeopleResult(String method, String models, int frames, int labelled, int counted, List<Band> bands,
            String table, Map<String, Integer> foundBy) {
    }

    /** The labels' height floor and the IoU a match needs (for the caller's header). */
    public static final float MIN_LABEL_HEIGHT = PeopleEval.MIN_LABEL_HEIGHT;
    public static final float MIN_IOU = PeopleEval.MIN_IOU;

    /** @throws IllegalArgumentException when the labels include the held-out split and it is not allowed */
    public static PeopleResult people(PeopleOptions o, VssSettings settings) throws Exception {
        PeopleMethod method = method(o.method());
        PeopleLabels truth;
        if (o.labels() == null) {
            truth = PeopleLabels.vtest();
        } else {
            try (InputStream in = Files.newInputStream(o.labels())) {
                truth = PeopleLabels.parse(in, o.labels().toString());
            }
        }
        if (!o.allowHeldOut() && truth.frames().stream().anyMatch(VtestFrames::heldOut)) {
            throw new IllegalArgumentException("the labels include frames of the held-out split "
                    + VtestFrames.HELD_OUT_FIRST + "-" + VtestFrames.HELD_OUT_LAST + "; pass --allow-held-out "
                    + "only for the final held-out evaluation");
        }
        Map<Integer, Path> files = VtestFrames.extract(o.video() != null ? o.video() : VtestFrames.video(),
                truth.frames(), o.framesDir(), o.allowHeldOut());
        int minPx = settings.minPersonPx().forCamera(o.camera());
        Map<Integer, List<Box>> predicted = new LinkedHashMap<>();
        Map<FoundBy, Integer> byMethod = new EnumMap<>(FoundBy.class);
        String models;
        try (Engine engine = Engine.newInstance("openvino")) {
            ModelContext ctx = new ModelContext(engine, settings.modelsDir() != null
                    ? new ModelRepository(settings.modelsDir()) : ModelRepository.fromEnvironment(),
                    CompileOptions.builder().optThreads(settings.threads()).build());
            try (PeopleFinder finder = PeopleFinder.builder(ctx).optMethod(method).optPrecision(settings.precision())
                    .build()) {
                models = finder.poseModelId() + (finder.detectorModelId() == null ? "" : ", "
                        + finder.detectorModelId());
                for (var e : files.entrySet()) {
                    Image img = Images.read(e.getValue());
                    List<Person> people = finder.find(img, minPx);
                    List<Box> boxes = new ArrayList<>();
                    for (Person p : people) {
                        boxes.add(p.box());
                        byMethod.merge(p.foundBy(), 1, Integer::sum);
                    }
                    predicted.put(e.getKey(), boxes);
                    if (o.annotate() != null) {
                        annotate(img, truth.people(e.getKey()), people, o.annotate().resolve(
                                e.getValue().getFileName().toString()));
                    }
                }
            }
        }
        Map<String, Integer> found = new LinkedHashMap<>();
        byMethod.forEach((k, v) -> found.put(k.label(), v));
        PeopleEval.Report report = PeopleEval.evaluate(truth, predicted);
        List<Band> bands = report.rows().stream().map(r -> new Band(r.band().name(), r.labelled(), r.found(), r.recall(),
                r.predicted(), r.correct(), r.precision())).toList();
        return new PeopleResult(method.name().toLowerCase(Locale.ROOT), models, report.frames(), truth.size(),
                report.row("all").labelled(), bands, report.table(), found);
    }

    /** A people method by name, any case. */
    static PeopleMethod method(String name) {
        try {
            return PeopleMethod.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("people method '" + name + "' is not one of "
                    + java.util.Arrays.stream(PeopleMethod.values()).map(m -> m.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    private static void annotate(Image img, List<LabelledPerson> truth, List<Person> people, Path file)
            throws Exception {
        Image a = img.copy();
        for (LabelledPerson t : truth) {
            Box b = t.box();
            Images.rectangle(a, Math.round(b.x()), Math.round(b.y()), Math.round(b.w()), Math.round(b.h()),
                    t.occluded() ? Images.rgb(0, 120, 0) : Images.rgb(0, 230, 0), 1);
        }
        for (Person p : people) {
            Box b = p.box();
            Images.rectangle(a, Math.round(b.x()) - 1, Math.round(b.y()) - 1, Math.round(b.w()) + 2,
                    Math.round(b.h()) + 2, Images.rgb(255, 140, 0), 1);
            Images.text(a, p.foundBy().label(), Math.round(b.x()), Math.round(b.y1()) + 11, 0.33,
                    Images.rgb(255, 140, 0), 1);
            for (var k : p.keypoints()) {
                if (k != null) {
                    Images.circle(a, Math.round(k.x()), Math.round(k.y()), 1, Images.rgb(255, 220, 0), -1);
                }
            }
        }
        Files.createDirectories(file.getParent());
        Images.write(a, file);
    }
}
