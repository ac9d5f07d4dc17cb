// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vss.dl.image.Image;
import dev.vss.dl.image.Images;
import dev.vss.hla.HlaTestData;
import dev.vss.hla.Keypoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The people stage (default hybrid method) on the shared real images, with the real models. */
class PeopleFinderTest {
    static PeopleFinder finder;

    @BeforeAll
    static void open() throws Exception {
        finder = PeopleFinder.builder(HlaTestData.context()).build();
    }

    @AfterAll
    static void close() {
        if (finder != null) {
            finder.close();
        }
    }

    static String describe(List<Person> people) {
        StringBuilder sb = new StringBuilder();
        for (Person p : people) {
            sb.append(String.format(Locale.ROOT, " [%.2f %s %dkp %.0f,%.0f %.0fx%.0f]", p.score(), p.foundBy().label(),
                    p.keypointCount(), p.box().x(), p.box().y(), p.box().w(), p.box().h()));
        }
        return sb.toString();
    }

    static void assertSane(List<Person> people, Image img) {
        for (Person p : people) {
            assertThat(p.box().x()).isBetween(0f, (float) img.width());
            assertThat(p.box().y()).isBetween(0f, (float) img.height());
            assertThat(p.box().x1()).isLessThanOrEqualTo(img.width() + 0.01f);
            assertThat(p.box().y1()).isLessThanOrEqualTo(img.height() + 0.01f);
            for (Keypoint k : p.keypoints()) {
                if (k != null) {
                    assertThat(k.x()).isBetween(0f, img.width() - 1f);
                    assertThat(k.y()).isBetween(0f, img.height() - 1f);
                }
            }
            // a person with keypoints is labelled with the method that gave them
            assertThat(p.foundBy() == FoundBy.DETECTOR).isEqualTo(p.keypointCount() < 3);
        }
        for (int i = 1; i < people.size(); i++) {
            assertThat(people.get(i).score()).isLessThanOrEqualTo(people.get(i - 1).score());
        }
    }

    /** The counts the pose stage had before the people stage, unchanged (messi5's blurred crowd stays out). */
    @ParameterizedTest
    @CsvSource({"people/squat.bmp, 1", "people/messi5.jpg, 1", "people/basketball1.png, 2",
        "people/basketball2.png, 2", "faces/two_people.jpg, 2", "faces/grace_hopper.bmp, 1"})
    void countsPeopleOfTheSharedImages(String rel, int expected) throws Exception {
        Image img = HlaTestData.image(rel);
        List<Person> people = finder.find(img, 0);
        System.out.printf(Locale.ROOT, "people %-24s: %d%s%n", rel, people.size(), describe(people));
        assertThat(people).as(rel).hasSize(expected);
        assertSane(people, img);
        assertThat(people).allSatisfy(p -> assertThat(p.keypointCount()).isGreaterThanOrEqualTo(8));
    }

    @Test
    void noPeopleImagesHaveNobody() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(HlaTestData.imagesDir().resolve("no_people"))) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).hasSize(7);
        for (Path f : files) {
            List<Person> people = finder.find(Images.read(f), 0);
            System.out.printf(Locale.ROOT, "people no_people/%-16s: %d%s%n", f.getFileName(), people.size(),
                    describe(people));
            assertThat(people).as(f.getFileName().toString()).isEmpty();
        }
    }

    /**
     * The fixed street camera: frame 0 has 3 people (76-87 px tall; the whole-frame pose alone found 1), frame 600
     * has 6 (69-146 px; it found 5, and so does the hybrid: the 69 px man at the far left is missed by both the
     * detector and the pose network). Each found box is a standing person's, taller than wide, and carries keypoints
     * from the pose network.
     */
    @Test
    void streetCameraPedestrians() throws Exception {
        Image f0 = HlaTestData.image("people/vtest_frame0000.png");
        List<Person> p0 = finder.find(f0, 0);
        System.out.println("people vtest_frame0000:" + describe(p0));
        assertThat(p0).hasSize(3);
        assertSane(p0, f0);
        Image f600 = HlaTestData.image("people/vtest_frame0600.png");
        List<Person> p600 = finder.find(f600, 0);
        System.out.println("people vtest_frame0600:" + describe(p600));
        assertThat(p600).hasSizeBetween(5, 6);
        assertSane(p600, f600);
        for (Person p : Stream.concat(p0.stream(), p600.stream()).toList()) {
            assertThat(p.box().h()).isBetween(60f, 160f).isGreaterThan(1.5f * p.box().w());
            assertThat(p.foundBy()).isIn(FoundBy.DETECTOR_POSE, FoundBy.POSE);
            assertThat(p.keypointCount()).isGreaterThanOrEqualTo(6);
        }
        // the paper's method on the same frame: 1 of 3
        try (PeopleFinder pose = PeopleFinder.builder(HlaTestData.context()).optMethod(PeopleMethod.POSE).build()) {
            List<Person> old = pose.find(f0, 0);
            assertThat(old).hasSize(1);
            assertThat(old).allSatisfy(p -> assertThat(p.foundBy()).isEqualTo(FoundBy.POSE));
        }
    }

    @Test
    void theSmallestPersonSettingDropsSmallerPeople() throws Exception {
        Image f600 = HlaTestData.image("people/vtest_frame0600.png");
        List<Person> all = finder.find(f600, 0);
        List<Person> big = finder.find(f600, 100);
        System.out.println("people vtest_frame0600 >= 100 px:" + describe(big));
        assertThat(big).hasSizeBetween(2, 3).hasSizeLessThan(all.size());
        assertThat(big).allSatisfy(p -> assertThat(p.box().h()).isGreaterThanOrEqualTo(100f));
        assertThat(PeopleFinder.defaultMinPersonPx(768, 576)).isEqualTo(36);
        assertThat(PeopleFinder.defaultMinPersonPx(1920, 1080)).isEqualTo(68);
        assertThat(PeopleFinder.defaultMinPersonPx(320, 240)).isEqualTo(24);
        assertThatThrownBy(() -> PeopleFinder.defaultMinPersonPx(0, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closedFinderRefusesWork() throws Exception {
        PeopleFinder f = PeopleFinder.builder(HlaTestData.context()).optMethod(PeopleMethod.POSE).build();
        f.close();
        f.close(); // idempotent
        assertThatThrownBy(() -> f.find(HlaTestData.image("people/squat.bmp"), 0))
                .isInstanceOf(IllegalStateException.class);
    }
}
