package dev.vss.bl.runtime;

import dev.vss.bl.image.AnalyzeRequest;
import dev.vss.bl.image.BatchResult;
import dev.vss.bl.image.ErrorCode;
import dev.vss.bl.image.ImageReadException;
import dev.vss.bl.image.ImageRef;
import dev.vss.bl.image.ImageResult;
import dev.vss.bl.store.ImageSource;
import dev.vss.dl.DlErrorCode;
import dev.vss.dl.DlException;
import dev.vss.dl.image.Image;
import dev.vss.dl.image.Images;
import dev.vss.hla.HlaException;
import dev.vss.hla.gallery.Gallery;
import dev.vss.hla.pipeline.Analyzer;
import dev.vss.hla.pipeline.ImageAnalysis;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one cloud-neutral entry point: a request of 1..N image references in, one result per image out. The CLI and
 * every adapter call this. Each image is processed on its own: a failure becomes that item's error and the
 * others still run. The first call on an instance reports {@code cold_start: true}. Thread-safe.
 *
 * <pre>{@code
 * VssFunction fn = new VssFunction(analyzer, ImageSource.localFiles(), () -> gallery);
 * BatchResult r = fn.apply(AnalyzeRequest.of(List.of(ImageRef.of("cam1/0001.jpg"))));
 * }</pre>
 */
public final class VssFunction implements Function<AnalyzeRequest, BatchResult> {
    /**
     * Sees each successfully analysed image with its result (e.g. to draw it) without a second read and decode. It
     * handles its own failures: the analysis stands whatever it does.
     */
    @FunctionalInterface
    public interface ImageObserver {
        void accept(ImageRef ref, Image image, ImageResult result);
    }

    private final Analyzer analyzer;
    private final ImageSource source;
    private final Supplier<Gallery> gallery;
    private final long maxPixels;
    private final ImageObserver observer;
    private final java.util.function.ToIntFunction<ImageRef> minPersonPx;
    private final AtomicBoolean first = new AtomicBoolean(true);

    /** @param gallery supplies the current gallery (may return null: faces are then not matched) */
    public VssFunction(Analyzer analyzer, ImageSource source, Supplier<Gallery> gallery) {
        this(analyzer, source, gallery, Images.maxPixels(), null);
    }

    /**
     * @param maxPixels largest image decoded (from its header, before decoding)
     * @param observer  sees each analysed image, or null
     */
    public VssFunction(Analyzer analyzer, ImageSource source, Supplier<Gallery> gallery, long maxPixels,
            ImageObserver observer) {
        this(analyzer, source, gallery, maxPixels, observer, null);
    }

    /** @param minPersonPx each image's smallest person to find (by its camera), or null for the analyzer's option */
    public VssFunction(Analyzer analyzer, ImageSource source, Supplier<Gallery> gallery, long maxPixels,
            ImageObserver observer, java.util.function.ToIntFunction<ImageRef> minPersonPx) {
        this.minPersonPx = minPersonPx;
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
        this.source = Objects.requireNonNull(source, "source");
        this.gallery = Objects.requireNonNull(gallery, "gallery");
        this.maxPixels = maxPixels;
        this.observer = observer;
    }

    @Override
    public BatchResult apply(AnalyzeRequest request) {
        return apply(request, first.getAndSet(false));
    }

    /** As {@link #apply(AnalyzeRequest)} with the instance's cold-start flag given by the caller. */
    public BatchResult apply(AnalyzeRequest request, boolean cold) {
        if (request.ping()) {
            return new BatchResult(List.of(), cold, true); // keep-warm: no inference
        }
        Gallery g;
        try {
            g = gallery.get();
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            // a gallery that cannot be read is never replaced by an empty one: every image fails, saying why
            Throwable c = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
            String why = "gallery unavailable: " + c.getMessage();
            return new BatchResult(request.images().stream()
                    .map(ref -> ImageResult.failed(ref, ErrorCode.GALLERY_UNAVAILABLE, why, cold)).toList(), cold, false);
        }
        List<ImageResult> out = new ArrayList<>(request.images().size());
        for (ImageRef ref : request.images()) {
            ImageResult r;
            try {
                r = one(ref, g, cold);
            } catch (Error e) {
                // e.g. OutOfMemoryError on one huge item: that item fails, the batch goes on
                r = ImageResult.failed(ref, ErrorCode.INTERNAL, e.getClass().getSimpleName() + " while analysing", cold);
            }
            out.add(r);
        }
        return new BatchResult(out, cold, false);
    }

    private ImageResult one(ImageRef ref, Gallery g, boolean cold) {
        byte[] bytes;
        try {
            bytes = source.read(ref);
        } catch (ImageReadException e) {
            return ImageResult.failed(ref, e.code(), e.getMessage(), cold);
        } catch (NoSuchFileException e) {
            return ImageResult.failed(ref, ErrorCode.NOT_FOUND, "no such image: " + e.getMessage(), cold);
        } catch (IOException | RuntimeException e) {
            return ImageResult.failed(ref, ErrorCode.READ_FAILED, e.toString(), cold);
        }
        long t0 = System.nanoTime();
        Image img;
        try {
            img = Images.decode(bytes, ref.uri(), maxPixels);
        } catch (DlException e) {
            return ImageResult.failed(ref, e.code() == DlErrorCode.IMAGE_DECODE_FAILED ? ErrorCode.DECODE_FAILED
                    : ErrorCode.INTERNAL, e.getMessage(), cold);
        } catch (RuntimeException e) {
            return ImageResult.failed(ref, ErrorCode.DECODE_FAILED, e.toString(), cold);
        }
        double decodeMs = (System.nanoTime() - t0) / 1e6;
        ImageResult result;
        try {
            ImageAnalysis a = minPersonPx == null ? analyzer.analyze(img, g)
                    : analyzer.analyze(img, g, minPersonPx.applyAsInt(ref));
            result = new ImageResult(ref, a, null, null, cold, decodeMs);
        } catch (HlaException e) {
            ErrorCode code = switch (e.code()) {
                case BAD_IMAGE -> ErrorCode.BAD_IMAGE;
                case INFERENCE_FAILED, MODEL_UNAVAILABLE -> ErrorCode.INFERENCE_FAILED;
                default -> ErrorCode.INTERNAL;
            };
            return ImageResult.failed(ref, code, e.getMessage(), cold);
        } catch (RuntimeException e) {
            return ImageResult.failed(ref, ErrorCode.INTERNAL, e.toString(), cold);
        }
        if (observer != null) {
            observer.accept(ref, img, result);
        }
        return result;
    }
}
