// SPDX-License-Identifier: Apache-2.0
package dev.vss.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRepositoryTest {
    private static final ModelCatalog CATALOG = ModelCatalog.load();
    private static final CatalogEntry FD = CATALOG.get("face-detection-retail-0004", "FP32");

    @TempDir
    Path tmp;

    /** The shared models, located by the production rule; surefire passes vss.root / VSS_ROOT. */
    private static ModelRepository shared() {
        ModelRepository repo = ModelRepository.fromEnvironment();
        assertThat(repo.dir().resolve("MANIFEST.md")).as("models dir %s (from %s)", repo.dir(), repo.origin())
                .isRegularFile();
        return repo;
    }

    private Path copyOf(CatalogEntry entry, Path to) throws IOException {
        ModelRepository src = shared();
        for (ModelFile f : entry.files()) {
            Path dst = to.resolve(f.path());
            Files.createDirectories(dst.getParent());
            Files.copy(src.dir().resolve(f.path()), dst);
            dst.toFile().setWritable(true);
        }
        return to;
    }

    @Test
    void fromEnvironmentFindsSharedModelsNextToTheCheckout() {
        ModelRepository repo = shared();
        String modelsDirEnv = System.getenv(ModelRepository.ENV_MODELS_DIR);
        if (modelsDirEnv == null || modelsDirEnv.isBlank()) {
            String root = System.getProperty(ModelRepository.PROP_ROOT);
            assertThat(root).as("surefire must pass -Dvss.root").isNotBlank();
            Path checkout = ModelRepository.findCheckout(Path.of(root)).orElseThrow();
            assertThat(repo.dir()).isEqualTo(checkout.resolve("../shared/models").toAbsolutePath().normalize());
            assertThat(repo.origin()).contains("vss checkout found from -Dvss.root=");
        } else {
            assertThat(repo.dir()).isEqualTo(Path.of(modelsDirEnv).toAbsolutePath().normalize());
        }
    }

    @Test
    void everySharedModelVerifies() throws ModelException, IOException {
        ModelRepository repo = shared();
        List<VerifyResult> results = repo.verifyAll();
        assertThat(results).hasSize(CATALOG.entries().size()).hasSize(22);
        for (VerifyResult r : results) {
            assertThat(r.problems()).as(r.summary()).isEmpty();
            assertThat(r.ok()).as(r.summary()).isTrue();
        }
        for (CatalogEntry e : CATALOG.entries()) {
            Path main = repo.resolve(e);
            assertThat(main).isEqualTo(repo.path(e)).isRegularFile().hasFileName(e.mainFile().fileName());
            assertThat(Files.size(main)).isEqualTo(e.mainFile().bytes());
            if (e.format() == Format.IR) {
                assertThat(repo.weights(e)).isRegularFile().hasParent(main.getParent());
            } else {
                assertThat(repo.weights(e)).isNull();
            }
        }
        assertThat(repo.resolve("face-detection-retail-0004", "FP32"))
                .isEqualTo(repo.dir().resolve("intel/face-detection-retail-0004/FP32/face-detection-retail-0004.xml"));
    }

    @Test
    void flippedByteIsCorruptAndNamesTheFile() throws IOException {
        ModelRepository repo = new ModelRepository(copyOf(FD, tmp));
        Path bin = tmp.resolve("intel/face-detection-retail-0004/FP32/face-detection-retail-0004.bin");
        try (RandomAccessFile f = new RandomAccessFile(bin.toFile(), "rw")) {
            f.seek(1_000_000);
            int b = f.read();
            f.seek(1_000_000);
            f.write(b ^ 0x01);
        }
        assertThat(Files.size(bin)).isEqualTo(2352984L);

        VerifyResult r = repo.verify(FD);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).hasSize(1);
        VerifyResult.Problem p = r.problems().get(0);
        assertThat(p.kind()).isEqualTo(VerifyResult.Problem.Kind.SHA256_MISMATCH);
        assertThat(p.file()).isEqualTo(bin);
        assertThat(p.expected()).isEqualTo("89349ce12dd21c5263fb302cd3ffd4b73c35ea12ed98aff863d03a2cf3a32464");
        assertThat(p.actual()).matches("[0-9a-f]{64}").isNotEqualTo(p.expected());

        ModelException e = catchThrowableOfType(ModelException.class, () -> repo.resolve(FD));
        assertThat(e.code()).isEqualTo(ModelErrorCode.MODEL_CORRUPT);
        assertThat(e.file()).contains(bin);
        assertThat(e.getMessage()).startsWith("MODEL_CORRUPT: model face-detection-retail-0004/FP32 is corrupt")
                .contains("sha256 mismatch: " + bin)
                .contains("expected 89349ce12dd21c5263fb302cd3ffd4b73c35ea12ed98aff863d03a2cf3a32464")
                .contains("actual " + p.actual())
                .contains("VSS_MODELS_DIR")
                .contains("https://storage.openvinotoolkit.org/repositories/open_model_zoo/2023.0/models_bin/1/"
                        + "face-detection-retail-0004/FP32/face-detection-retail-0004.bin -> " + bin)
                .doesNotContain(".xml -> ");
    }

    @Test
    void wrongSizeIsCorrupt() throws IOException {
        ModelRepository repo = new ModelRepository(copyOf(FD, tmp));
        Path xml = repo.path(FD);
        Files.write(xml, new byte[] {'<'}, java.nio.file.StandardOpenOption.APPEND);
        ModelException e = catchThrowableOfType(ModelException.class, () -> repo.resolve(FD));
        assertThat(e.code()).isEqualTo(ModelErrorCode.MODEL_CORRUPT);
        assertThat(e.file()).contains(xml);
        assertThat(e.getMessage()).contains("size mismatch: " + xml + ": expected 105340 bytes, actual 105341");
    }

    @Test
    void missingFilesAreReportedWithFullPaths() {
        ModelRepository repo = new ModelRepository(tmp);
        Path xml = tmp.resolve("intel/face-detection-retail-0004/FP32/face-detection-retail-0004.xml");
        Path bin = tmp.resolve("intel/face-detection-retail-0004/FP32/face-detection-retail-0004.bin");
        VerifyResult r = repo.verify(FD);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).extracting(VerifyResult.Problem::kind, VerifyResult.Problem::file).containsExactly(
                org.assertj.core.groups.Tuple.tuple(VerifyResult.Problem.Kind.MISSING, xml),
                org.assertj.core.groups.Tuple.tuple(VerifyResult.Problem.Kind.MISSING, bin));

        ModelException e = catchThrowableOfType(ModelException.class, () -> repo.resolve(FD));
        assertThat(e.code()).isEqualTo(ModelErrorCode.MODEL_MISSING);
        assertThat(e.file()).contains(xml);
        assertThat(e.getMessage()).contains("is missing").contains("missing file: " + xml)
                .contains("missing file: " + bin).contains("VSS_MODELS_DIR").contains("given directory");
    }

    @Test
    void missingWeightsOnlyNamesTheBin() throws IOException {
        copyOf(FD, tmp);
        Path bin = tmp.resolve(FD.weightsFile().orElseThrow().path());
        Files.delete(bin);
        ModelException e = catchThrowableOfType(ModelException.class, () -> new ModelRepository(tmp).resolve(FD));
        assertThat(e.code()).isEqualTo(ModelErrorCode.MODEL_MISSING);
        assertThat(e.file()).contains(bin);
        assertThat(e.getMessage()).contains("missing file: " + bin).doesNotContain("missing file: " + tmp.resolve(
                FD.mainFile().path()));
    }

    @Test
    void unknownModelListsNames() {
        ModelException e = catchThrowableOfType(ModelException.class,
                () -> new ModelRepository(tmp).resolve("face-detection-retail-9999", "FP32"));
        assertThat(e.code()).isEqualTo(ModelErrorCode.UNKNOWN_MODEL);
        assertThat(e.file()).isEmpty();
        assertThat(e.getMessage()).contains("face-detection-retail-9999").contains("valid names:")
                .contains("face-detection-retail-0004").contains("mobilefacenet");
        assertThatThrownBy(() -> new ModelRepository(tmp).resolve("face-detection-retail-0004", "FP64"))
                .isInstanceOf(ModelException.class).hasMessageContaining("valid precisions: FP32, FP16, FP16-INT8");
    }

    @Test
    void successfulVerificationIsCachedUntilTheFileChanges() throws Exception {
        ModelRepository repo = new ModelRepository(copyOf(FD, tmp));
        repo.resolve(FD);
        assertThat(repo.filesHashed()).isEqualTo(2);
        repo.resolve(FD);
        repo.verify(FD);
        assertThat(repo.filesHashed()).as("no re-hash of unchanged files").isEqualTo(2);
        // A second repository over the same files shares the JVM-wide cache.
        ModelRepository again = new ModelRepository(tmp);
        again.resolve(FD);
        assertThat(again.filesHashed()).isZero();

        Path bin = repo.weights(FD);
        Files.setLastModifiedTime(bin, FileTime.fromMillis(Files.getLastModifiedTime(bin).toMillis() + 10_000));
        repo.resolve(FD);
        assertThat(repo.filesHashed()).as("only the touched file is hashed again").isEqualTo(3);
    }

    @Test
    void aRecordOfVerifiedFilesSparesTheNextProcessTheHashUntilAFileIsWritten() throws Exception {
        Path models = copyOf(FD, tmp.resolve("models"));
        Path record = tmp.resolve("cache/verified-models.tsv");
        ModelRepository.forgetVerified();
        ModelRepository first = new ModelRepository(models);
        first.resolve(FD);
        assertThat(first.filesHashed()).isEqualTo(2);
        assertThat(ModelRepository.saveVerified(record)).isTrue();
        assertThat(Files.readAllLines(record)).hasSize(2).allMatch(l -> l.startsWith("v1\t"))
                .anyMatch(l -> l.contains(FD.files().get(1).sha256()) && l.endsWith(".bin"));
        assertThat(ModelRepository.saveVerified(record)).as("nothing new to write").isFalse();

        // a new process that reads the record hashes nothing
        ModelRepository.forgetVerified();
        ModelRepository.loadVerified(record);
        ModelRepository second = new ModelRepository(models);
        assertThat(second.resolve(FD)).isRegularFile();
        assertThat(second.filesHashed()).isZero();

        // a byte flipped with the modification time put back: the change time gives it away
        Path bin = second.weights(FD);
        FileTime mtime = Files.getLastModifiedTime(bin);
        try (RandomAccessFile raf = new RandomAccessFile(bin.toFile(), "rw")) {
            raf.seek(1000);
            int b = raf.read();
            raf.seek(1000);
            raf.write(b ^ 0x01);
        }
        Files.setLastModifiedTime(bin, mtime);
        ModelRepository.forgetVerified();
        ModelRepository.loadVerified(record);
        ModelRepository third = new ModelRepository(models);
        assertThatThrownBy(() -> third.resolve(FD)).isInstanceOf(ModelException.class)
                .hasMessageContaining("is corrupt").hasMessageContaining(bin.getFileName().toString());
        assertThat(third.filesHashed()).isEqualTo(1);
    }

    @Test
    void aMalformedOrMissingRecordOnlyCostsAHash() throws Exception {
        Path models = copyOf(FD, tmp.resolve("models"));
        Path record = tmp.resolve("verified-models.tsv");
        Files.writeString(record, "v1\tnot-a-sha\t1\tx\ty\tz\t/nowhere\n\0\0garbage\nv2\n");
        ModelRepository.forgetVerified();
        ModelRepository.loadVerified(record);
        ModelRepository.loadVerified(tmp.resolve("absent.tsv"));
        ModelRepository repo = new ModelRepository(models);
        repo.resolve(FD);
        assertThat(repo.filesHashed()).isEqualTo(2);
        assertThat(ModelRepository.saveVerified(record)).isTrue();
        assertThat(Files.readAllLines(record)).hasSize(2);
    }

    @Test
    void failedVerificationIsNotCached() throws Exception {
        ModelRepository repo = new ModelRepository(tmp);
        assertThat(repo.verify(FD).ok()).isFalse();
        copyOf(FD, tmp);
        assertThat(repo.resolve(FD)).isRegularFile();
    }

    // --- lookup order of fromEnvironment, with fake environment and properties ---

    private Path checkout() throws IOException {
        Path root = tmp.resolve("work/main");
        Files.createDirectories(root.resolve("models/src"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.writeString(root.resolve("models/pom.xml"), "<project/>");
        return root;
    }

    private static ModelRepository lookup(Map<String, String> env, Map<String, String> props, Path cwd) {
        return ModelRepository.fromEnvironment(env::get, props::get, cwd);
    }

    @Test
    void lookupOrder() throws IOException {
        Path root = checkout();
        Path shared = tmp.resolve("work/shared/models");
        Map<String, String> noEnv = Map.of();
        Map<String, String> noProps = Map.of();
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));

        ModelRepository byEnv = lookup(Map.of("VSS_MODELS_DIR", "/m1", "VSS_ROOT", root.toString()),
                Map.of("vss.models.dir", "/m2"), root);
        assertThat(byEnv.dir()).isEqualTo(Path.of("/m1"));
        assertThat(byEnv.origin()).isEqualTo("VSS_MODELS_DIR=/m1");

        ModelRepository byProp = lookup(Map.of("VSS_MODELS_DIR", " "), Map.of("vss.models.dir", "/m2",
                "vss.root", root.toString()), elsewhere);
        assertThat(byProp.dir()).isEqualTo(Path.of("/m2"));

        assertThat(lookup(noEnv, Map.of("vss.root", root.toString()), elsewhere).dir()).isEqualTo(shared);
        assertThat(lookup(Map.of("VSS_ROOT", root.toString()), noProps, elsewhere).dir()).isEqualTo(shared);
        // A module directory as root (what ${maven.multiModuleProjectDirectory} gives when run inside a module).
        assertThat(lookup(noEnv, Map.of("vss.root", root.resolve("models").toString()), elsewhere).dir())
                .isEqualTo(shared);
        // No hints at all: walk up from the working directory.
        ModelRepository walked = lookup(noEnv, noProps, root.resolve("models/src"));
        assertThat(walked.dir()).isEqualTo(shared);
        assertThat(walked.origin()).contains("vss checkout found from working directory");
        // Nothing found: a guess relative to the working directory, and the origin says so.
        ModelRepository guessed = lookup(noEnv, noProps, elsewhere);
        assertThat(guessed.dir()).isEqualTo(tmp.resolve("shared/models"));
        assertThat(guessed.origin()).startsWith("no vss checkout");
        // The guess shows up in the failure message so a user knows what to set.
        ModelException e = catchThrowableOfType(ModelException.class, () -> guessed.resolve(FD));
        assertThat(e.getMessage()).contains("no vss checkout").contains("VSS_MODELS_DIR");
    }
}
