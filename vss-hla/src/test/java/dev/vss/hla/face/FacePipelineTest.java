package dev.vss.hla.face;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vss.dl.image.Image;
import dev.vss.hla.HlaTestData;
import dev.vss.hla.gallery.Gallery;
import dev.vss.hla.gallery.Match;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real models on real images: who is who after enrolling Obama and Biden. */
class FacePipelineTest {
    static FacePipeline faces;
    static Gallery gallery;

    @BeforeAll
    static void setUp() throws Exception {
        faces = FacePipeline.create(HlaTestData.context(), null);
        gallery = Gallery.empty(faces.embedderId(), Gallery.DEFAULT_THRESHOLD)
                .enrol("obama", List.of(largest("faces/obama.jpg").embedding()))
                .enrol("biden", List.of(largest("faces/biden.jpg").embedding()));
    }

    @AfterAll
    static void tearDown() {
        faces.close();
    }

    static Face largest(String image) throws Exception {
        return faces.analyze(HlaTestData.image(image)).stream().filter(f -> f.embedding() != null)
                .max(Comparator.comparingDouble(f -> f.box().area())).orElseThrow();
    }

    static List<Match> matches(String image) throws Exception {
        List<Face> fs = faces.analyze(HlaTestData.image(image)).stream().filter(f -> f.embedding() != null)
                .sorted(Comparator.comparingDouble(f -> f.box().cx())).toList();
        List<Match> out = new java.util.ArrayList<>();
        for (Face f : fs) {
            out.add(gallery.match(f.embedding()));
        }
        return out;
    }

    @Test
    void obama2IsObama() throws Exception {
        List<Match> m = matches("faces/obama2.jpg");
        assertThat(m).hasSize(1);
        assertThat(m.get(0).identity()).isEqualTo("obama");
        assertThat(m.get(0).similarity()).isGreaterThan(0.55f);
    }

    @Test
    void twoPeopleAreObamaLeftAndBidenRight() throws Exception {
        assertThat(matches("faces/two_people.jpg")).extracting(Match::identity).containsExactly("obama", "biden");
    }

    @Test
    void strangersAreUnknown() throws Exception {
        assertThat(matches("faces/grace_hopper.bmp")).hasSize(1).allMatch(m -> m.identity() == null);
        List<Match> group = matches("faces/group_face.jpg");
        assertThat(group).hasSizeGreaterThanOrEqualTo(2).allMatch(m -> m.identity() == null);
        assertThat(group).allMatch(m -> m.similarity() < 0.35f);
    }

    @Test
    void everyDetectedFaceIsAnalysedOrRejectedWithAReason() throws Exception {
        Image img = HlaTestData.image("faces/group_face.jpg");
        List<Face> all = faces.analyze(img);
        assertThat(all).hasSize(4); // 2 large, 2 background faces (MANIFEST)
        assertThat(all).filteredOn(f -> f.rejected() != null).allMatch(f -> f.embedding() == null)
                .allMatch(f -> f.rejected().equals("TOO_BLURRED") || f.rejected().equals("TOO_SMALL"));
        assertThat(all).filteredOn(f -> f.embedding() != null).allSatisfy(f -> {
            assertThat(f.landmarks().points()).allMatch(p -> p.x() >= f.box().x() - 2 && p.x() <= f.box().x1() + 2);
            assertThat(f.sharpness()).isGreaterThan(FaceQuality.DEFAULT.minSharpness());
        });
        // small faces are refused before any model runs on them
        Face small = faces.analyze(HlaTestData.image("people/messi5.jpg")).get(0);
        assertThat(small.rejected()).isEqualTo("TOO_SMALL");
    }

    /** Labelled faces of the shared images: same-person pairs must clear the threshold, others stay below. */
    @Test
    void thresholdSeparatesSamePersonFromDifferentPeople() throws Exception {
        List<String> labels = new java.util.ArrayList<>();
        List<Embedding> es = new java.util.ArrayList<>();
        String[][] sources = {{"faces/obama.jpg", "obama"}, {"faces/obama2.jpg", "obama"}, {"faces/biden.jpg", "biden"},
            {"faces/two_people.jpg", "obama,biden"}, {"faces/grace_hopper.bmp", "hopper"},
            {"faces/group_face.jpg", "g1,g2,g3"}, {"people/squat.bmp", "squat"}};
        for (String[] s : sources) {
            List<Face> fs = faces.analyze(HlaTestData.image(s[0])).stream().filter(f -> f.embedding() != null)
                    .sorted(Comparator.comparingDouble(f -> f.box().cx())).toList();
            String[] names = s[1].split(",");
            assertThat(fs).as(s[0]).hasSize(names.length);
            for (int i = 0; i < names.length; i++) {
                labels.add(names[i]);
                es.add(fs.get(i).embedding());
            }
        }
        float minSame = 1;
        float maxDiff = -1;
        List<Float> same = new java.util.ArrayList<>();
        List<Float> diff = new java.util.ArrayList<>();
        for (int i = 0; i < es.size(); i++) {
            for (int j = i + 1; j < es.size(); j++) {
                float c = es.get(i).cosine(es.get(j));
                if (labels.get(i).equals(labels.get(j))) {
                    same.add(c);
                    minSame = Math.min(minSame, c);
                } else {
                    diff.add(c);
                    maxDiff = Math.max(maxDiff, c);
                }
            }
        }
        java.util.Collections.sort(same);
        java.util.Collections.sort(diff);
        System.out.println("CALIBRATION same-person " + same + "\nCALIBRATION different " + diff);
        assertThat(same).hasSize(4); // obama x3 -> 3 pairs, biden x2 -> 1 pair
        assertThat(minSame).isGreaterThan(Gallery.DEFAULT_THRESHOLD + 0.1f);
        assertThat(maxDiff).isLessThan(Gallery.DEFAULT_THRESHOLD - 0.1f);
    }

    @Test
    void aNoPeopleImageHasNoFaces() throws Exception {
        for (String img : List.of("no_people/fruits.jpg", "no_people/building.jpg", "no_people/cat_720p.jpg", "no_people/home.jpg")) {
            assertThat(faces.analyze(HlaTestData.image(img))).as(img).isEmpty();
        }
    }
}
