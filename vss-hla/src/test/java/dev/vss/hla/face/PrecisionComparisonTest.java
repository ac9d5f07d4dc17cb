package dev.vss.hla.face;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vss.dl.image.Image;
import dev.vss.hla.HlaTestData;
import dev.vss.hla.ModelContext;
import dev.vss.hla.gallery.Gallery;
import dev.vss.models.ModelCatalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * FP32 / FP16 / FP16-INT8 of the landmark and re-id models on the shared face images: landmark displacement,
 * embedding cosine between precisions, identity decisions. Figures go to docs/accuracy.md (printed here).
 */
class PrecisionComparisonTest {
    static final List<String> IMAGES = List.of("faces/obama.jpg", "faces/obama2.jpg", "faces/biden.jpg",
            "faces/two_people.jpg", "faces/grace_hopper.bmp", "faces/group_face.jpg", "people/squat.bmp");

    record Run(List<Box> boxes, List<Landmarks> lms, List<Embedding> es, List<String> ids) {
    }

    record Box(dev.vss.hla.Box b) {
    }

    static Run run(ModelContext ctx, String lmPrecision, String reidPrecision) throws Exception {
        ModelCatalog c = ctx.repository().catalog();
        // one detector for every run, so only the stage under test changes
        try (FaceDetector det = new FaceDetector(ctx, c.get("face-detection-retail-0004", "FP32"), FaceDetector.DEFAULT_MIN_SCORE);
             LandmarksDetector lm = new LandmarksDetector(ctx, c.get("landmarks-regression-retail-0009", lmPrecision));
             FaceEmbedder emb = new FaceEmbedder(ctx, c.get("face-reidentification-retail-0095", reidPrecision))) {
            FacePipeline p = new FacePipeline(det, lm, emb, FaceQuality.DEFAULT);
            Gallery g = Gallery.empty(emb.modelId(), Gallery.DEFAULT_THRESHOLD)
                    .enrol("obama", List.of(largest(p, "faces/obama.jpg").embedding()))
                    .enrol("biden", List.of(largest(p, "faces/biden.jpg").embedding()));
            List<Box> boxes = new ArrayList<>();
            List<Landmarks> lms = new ArrayList<>();
            List<Embedding> es = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (String im : IMAGES) {
                for (Face f : p.analyze(HlaTestData.image(im))) {
                    if (f.embedding() == null) {
                        continue;
                    }
                    boxes.add(new Box(f.box()));
                    lms.add(f.landmarks());
                    es.add(f.embedding());
                    ids.add(im + ":" + g.match(f.embedding()).identity());
                }
            }
            return new Run(boxes, lms, es, ids);
        }
    }

    static Face largest(FacePipeline p, String im) throws Exception {
        Image img = HlaTestData.image(im);
        return p.analyze(img).stream().filter(f -> f.embedding() != null)
                .max(Comparator.comparingDouble(f -> f.box().area())).orElseThrow();
    }

    @Test
    void precisionsAgree() throws Exception {
        ModelContext ctx = HlaTestData.context();
        Run ref = run(ctx, "FP32", "FP16");
        assertThat(ref.ids()).hasSizeGreaterThanOrEqualTo(9);
        for (String[] v : new String[][] {{"FP16", "FP16"}, {"FP16-INT8", "FP16"}, {"FP32", "FP16-INT8"}, {"FP16-INT8", "FP16-INT8"}}) {
            Run o = run(ctx, v[0], v[1]);
            assertThat(o.ids()).as("identity decisions, landmarks " + v[0] + " re-id " + v[1]).isEqualTo(ref.ids());
            double maxDisp = 0;
            double sumDisp = 0;
            int n = 0;
            for (int i = 0; i < ref.lms().size(); i++) {
                float eye = ref.lms().get(i).eyeDistance();
                for (int k = 0; k < 5; k++) {
                    double d = ref.lms().get(i).points().get(k).distance(o.lms().get(i).points().get(k)) / eye;
                    maxDisp = Math.max(maxDisp, d);
                    sumDisp += d;
                    n++;
                }
            }
            double minCos = 1;
            double sumCos = 0;
            for (int i = 0; i < ref.es().size(); i++) {
                // re-embed comparison only makes sense across models via raw vectors
                float[] a = ref.es().get(i).vector();
                float[] b = o.es().get(i).vector();
                double c = Embedding.dot(a, b);
                minCos = Math.min(minCos, c);
                sumCos += c;
            }
            System.out.printf("PRECISION landmarks %s vs FP32: mean %.4f max %.4f of eye distance | re-id %s vs FP16: "
                    + "cosine mean %.4f min %.4f | faces %d | identities equal%n", v[0], sumDisp / n, maxDisp, v[1],
                    sumCos / ref.es().size(), minCos, ref.es().size());
            assertThat(maxDisp).as("landmark displacement / eye distance").isLessThan(0.1);
            assertThat(minCos).as("embedding cosine between precisions").isGreaterThan(0.95);
        }
    }
}
