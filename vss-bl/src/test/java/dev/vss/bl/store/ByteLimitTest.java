// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vss.bl.HandlerResponse;
import dev.vss.bl.VssHandler;
import dev.vss.bl.VssSettings;
import dev.vss.bl.image.AnalyzeRequest;
import dev.vss.bl.image.BatchResult;
import dev.vss.bl.image.ErrorCode;
import dev.vss.bl.image.ImageReadException;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.image.ImageResult;
import dev.vss.bl.runtime.FunctionInstance;
import dev.vss.bl.runtime.VssRuntime;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte limit before reading, and an Error on one item, in a batch on the real pipeline: the oversized or failing
 * item gets its own error, the items after it are still analysed.
 */
class ByteLimitTest {
    @Test
    void aThreeGigabyteFileIsRefusedFromItsSizeAndTheBatchGoesOn(@TempDir Path dir) throws Exception {
        Path good = Files.copy(dev.vss.models.Workspace.imagesDir().resolve("faces/two_people.jpg"), dir.resolve("a.jpg"));
        Path huge = dir.resolve("huge.jpg");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(3L << 30); // sparse: costs no disk, and this test's heap could never hold it
        }
        Path after = Files.copy(dev.vss.models.Workspace.imagesDir().resolve("no_people/fruits.jpg"), dir.resolve("z.jpg"));
        VssSettings s = VssSettings.builder().optThreads(2).build();
        assertThat(s.maxImageBytes()).as("default limit").isEqualTo(20L << 20);
        try (VssHandler h = VssHandler.builder(s).build()) {
            HandlerResponse r = h.analyze(List.of(ImageRef.of(good.toString()), ImageRef.of(huge.toUri().toString()),
                    ImageRef.of(after.toString())));
            assertThat(r.results()).hasSize(3);
            assertThat(r.results().get(0).errorCode()).isNull();
            assertThat(r.results().get(0).analysis().people()).hasSize(2);
            ImageResult big = r.results().get(1);
            assertThat(big.errorCode()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE);
            assertThat(big.errorMessage()).contains("3221225472 bytes").contains("20971520").contains("not read");
            assertThat(r.results().get(2).errorCode()).as("the item after it is analysed").isNull();
        }
    }

    @Test
    void theLimitIsCheckedFromTheSizeBeforeAnyRead(@TempDir Path dir) throws Exception {
        Path f = Files.write(dir.resolve("x.jpg"), new byte[5000]);
        StorageImageSource src = new StorageImageSource();
        assertThat(src.read(ImageRef.of(f.toString()), 5000)).hasSize(5000);
        ObjectTooLargeException e = org.assertj.core.api.Assertions.catchThrowableOfType(ObjectTooLargeException.class,
                () -> src.read(ImageRef.of(f.toUri().toString()), 4999));
        assertThat(e.size()).as("from the file's size").isEqualTo(5000);
        InputGuard guard = new InputGuard(src, List.of(), 4999);
        ImageReadException g = org.assertj.core.api.Assertions.catchThrowableOfType(ImageReadException.class,
                () -> guard.read(ImageRef.of(f.toString())));
        assertThat(g.code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE);
    }

    @Test
    void anErrorOnOneItemFailsOnlyThatItem(@TempDir Path dir) throws Exception {
        Path good = Files.copy(dev.vss.models.Workspace.imagesDir().resolve("no_people/fruits.jpg"), dir.resolve("a.jpg"));
        ImageSource local = ImageSource.localFiles();
        ImageSource source = ref -> {
            if (ref.uri().endsWith("boom.jpg")) {
                throw new OutOfMemoryError("Java heap space"); // as a huge allocation would
            }
            return local.read(ref);
        };
        try (VssRuntime rt = VssRuntime.open("openvino", 2, null, dev.vss.hla.pipeline.AnalyzerOptions.defaults())) {
            FunctionInstance fn = FunctionInstance.over(rt);
            BatchResult b = fn.invoke(AnalyzeRequest.of(List.of(ImageRef.of(good.toString()),
                    ImageRef.of(dir.resolve("boom.jpg").toString()), ImageRef.of(good.toString()))), source).result();
            assertThat(b.results()).hasSize(3);
            assertThat(b.results().get(0).errorCode()).isNull();
            assertThat(b.results().get(1).errorCode()).isEqualTo(ErrorCode.INTERNAL);
            assertThat(b.results().get(1).errorMessage()).contains("OutOfMemoryError");
            assertThat(b.results().get(2).errorCode()).isNull();
        }
    }
}
