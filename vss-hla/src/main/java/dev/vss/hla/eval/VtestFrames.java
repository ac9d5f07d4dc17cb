// SPDX-License-Identifier: Apache-2.0
package dev.vss.hla.eval;

import dev.vss.models.BaseSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Frames of OpenCV's sample street-camera video {@code vtest.avi} (768x576, 795 frames, 10 fps, DivX 3), extracted
 * as PNG on demand by ffmpeg. The OpenCV bundled with vss has no FFMPEG video backend and cannot open this video, so
 * {@code scripts/install/eval-data.sh} installs the video (Debian {@code opencv-doc}) and a static ffmpeg (PyPI
 * {@code imageio-ffmpeg}). Frames are never committed.
 *
 * <p>Frames {@value #HELD_OUT_FIRST}-{@value #HELD_OUT_LAST} are a held-out split: {@link #extract} refuses them
 * unless explicitly allowed, so that nobody looks at, labels or tunes on them by accident.
 *
 * <p>Stateless; thread-safe as long as two callers do not extract into the same folder at once.
 */
public final class VtestFrames {
    public static final int HELD_OUT_FIRST = 200;
    public static final int HELD_OUT_LAST = 399;
    /** Frames in vtest.avi. */
    public static final int FRAME_COUNT = 795;
    /** Where Debian's opencv-doc puts the video. */
    public static final Path DEBIAN_VIDEO = Path.of("/usr/share/doc/opencv-doc/examples/data/vtest.avi");

    private VtestFrames() {
    }

    /** Whether {@code frame} is in the held-out split. */
    public static boolean heldOut(int frame) {
        return frame >= HELD_OUT_FIRST && frame <= HELD_OUT_LAST;
    }

    /** The video: {@link BaseSettings#vtestVideo()} ({@code VSS_VTEST_VIDEO}), else opencv-doc's path. */
    public static Path video() {
        Path v = BaseSettings.current().vtestVideo();
        return v == null ? DEBIAN_VIDEO : v;
    }

    /**
     * The ffmpeg executable: {@link BaseSettings#ffmpeg()} ({@code VSS_FFMPEG}); else the one
     * {@code scripts/install/eval-data.sh} put under {@code <root>/.vss/ffmpeg}; else {@code ffmpeg} on the PATH.
     */
    public static String ffmpeg() {
        BaseSettings set = BaseSettings.current();
        if (set.ffmpeg() != null) {
            return set.ffmpeg();
        }
        Path dir = (set.root() == null ? Path.of(".") : set.root()).resolve(".vss/ffmpeg/imageio_ffmpeg/binaries");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                var bin = s.filter(p -> p.getFileName().toString().startsWith("ffmpeg-") && Files.isExecutable(p))
                        .sorted().findFirst();
                if (bin.isPresent()) {
                    return bin.get().toString();
                }
            } catch (IOException e) {
                // fall through to the PATH
            }
        }
        return "ffmpeg";
    }

    /** The file {@link #extract} writes for {@code frame}. */
    public static Path file(Path dir, int frame) {
        return dir.resolve(String.format("vtest_%04d.png", frame));
    }

    /**
     * Extracts the given frames of the video into {@code dir} as {@code vtest_NNNN.png} (frames already there are
     * kept) and returns frame → file in ascending order.
     *
     * @param allowHeldOut must be true to extract any frame of {@value #HELD_OUT_FIRST}-{@value #HELD_OUT_LAST}
     * @throws IllegalArgumentException for a frame outside the video, or a held-out frame not allowed
     * @throws IOException              when the video or ffmpeg is missing (naming the script that installs them),
     *                                  or ffmpeg fails
     */
    public static Map<Integer, Path> extract(Path video, Collection<Integer> frames, Path dir, boolean allowHeldOut)
            throws IOException {
        Objects.requireNonNull(video, "video");
        Objects.requireNonNull(frames, "frames");
        Objects.requireNonNull(dir, "dir");
        TreeSet<Integer> wanted = new TreeSet<>(frames);
        for (int f : wanted) {
            if (f < 0 || f >= FRAME_COUNT) {
                throw new IllegalArgumentException("frames: " + f + " is outside 0-" + (FRAME_COUNT - 1));
            }
            if (heldOut(f) && !allowHeldOut) {
                throw new IllegalArgumentException("frames: " + f + " is in the held-out split " + HELD_OUT_FIRST
                        + "-" + HELD_OUT_LAST + " (never label, view or tune on it; pass allowHeldOut only for the "
                        + "final held-out evaluation)");
            }
        }
        Files.createDirectories(dir);
        List<Integer> missing = wanted.stream().filter(f -> !Files.isRegularFile(file(dir, f))).toList();
        if (!missing.isEmpty()) {
            if (!Files.isRegularFile(video)) {
                throw new IOException("video " + video + " not found: run scripts/install/eval-data.sh (installs "
                        + "Debian's opencv-doc) or set VSS_VTEST_VIDEO");
            }
            decode(video, missing, dir);
        }
        Map<Integer, Path> out = new LinkedHashMap<>();
        for (int f : wanted) {
            out.put(f, file(dir, f));
        }
        return out;
    }

    /** One ffmpeg run: a select filter keeps exactly the wanted frames, written in order, then renamed. */
    private static void decode(Path video, List<Integer> frames, Path dir) throws IOException {
        Path tmp = Files.createTempDirectory(dir, ".extract");
        try {
            StringBuilder select = new StringBuilder();
            for (int f : frames) {
                select.append(select.length() == 0 ? "" : "+").append("eq(n\\,").append(f).append(')');
            }
            List<String> cmd = List.of(ffmpeg(), "-nostdin", "-hide_banner", "-loglevel", "error", "-i",
                    video.toString(), "-vf", "select='" + select + "'", "-fps_mode", "passthrough", "-f", "image2",
                    tmp.resolve("f_%05d.png").toString());
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new IOException("cannot run ffmpeg (" + cmd.get(0) + "): run scripts/install/eval-data.sh or "
                        + "set VSS_FFMPEG: " + e.getMessage(), e);
            }
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (!p.waitFor(300, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException("ffmpeg did not finish in 300 s");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while extracting frames", e);
            }
            if (p.exitValue() != 0) {
                throw new IOException("ffmpeg failed (exit " + p.exitValue() + "): " + log.strip());
            }
            List<Path> written;
            try (Stream<Path> s = Files.list(tmp)) {
                written = new ArrayList<>(s.sorted().toList());
            }
            if (written.size() != frames.size()) {
                throw new IOException("ffmpeg wrote " + written.size() + " frames, expected " + frames.size()
                        + " (is " + video + " the 795-frame vtest.avi?)");
            }
            for (int i = 0; i < frames.size(); i++) {
                Files.move(written.get(i), file(dir, frames.get(i)),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            try (Stream<Path> s = Files.list(tmp)) {
                for (Path q : s.toList()) {
                    Files.deleteIfExists(q);
                }
            }
            Files.deleteIfExists(tmp);
        }
    }
}
