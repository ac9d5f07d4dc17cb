// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.image;

import dev.vss.dl.ElementType;
import dev.vss.dl.Shape;
import dev.vss.dl.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * An 8-bit image in Java-owned memory: BGR interleaved (3 channels) or gray (1 channel), rows top to bottom, no row
 * padding (HWC), in a direct native-order {@link ByteBuffer}. The same layout as an OpenCV {@code CV_8UC3} /
 * {@code CV_8UC1} Mat and as the u8 NHWC tensors that {@link dev.vss.dl.ImagePreprocessing} takes, so an image goes to
 * a backend or to OpenCV without a copy ({@link #toTensor()}).
 *
 * <p>Width, height and channels never change; the pixels may (the drawing helpers of {@link Images} draw in place).
 * An image holds no native handle and needs no closing. Views ({@link #data()}, {@link #toTensor()},
 * {@link #of(Tensor)}) share the memory. Not thread-safe for writes: do not draw on an image another thread reads.
 */
public final class Image {
    private final int width;
    private final int height;
    private final int channels;
    private final ByteBuffer data; // direct, native order, position 0, capacity = width * height * channels

    private Image(int width, int height, int channels, ByteBuffer data) {
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.data = data;
    }

    /** A black image. {@code channels} is 3 (BGR) or 1 (gray). */
    public static Image allocate(int width, int height, int channels) {
        int bytes = byteSize(width, height, channels);
        return new Image(width, height, channels, ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder()));
    }

    /**
     * An image over {@code direct}'s remaining bytes, without copying: writes through either object show in both.
     *
     * @throws IllegalArgumentException if the buffer is not direct or its size does not match
     */
    public static Image wrap(ByteBuffer direct, int width, int height, int channels) {
        Objects.requireNonNull(direct, "direct");
        int bytes = byteSize(width, height, channels);
        if (!direct.isDirect()) {
            throw new IllegalArgumentException("direct: a heap buffer; use Images.fromBgr(...) to copy one");
        }
        if (direct.remaining() != bytes) {
            throw new IllegalArgumentException("direct: " + direct.remaining() + " bytes remaining, a " + width + "x"
                    + height + "x" + channels + " image needs " + bytes);
        }
        return new Image(width, height, channels, direct.slice().order(ByteOrder.nativeOrder()));
    }

    /**
     * A view of a u8 tensor of shape [1,h,w,c] or [h,w,c] with c = 1 or 3 (no copy), e.g. a tensor made by
     * {@link #toTensor()} or one given to an inference request.
     *
     * @throws IllegalArgumentException if the tensor is not u8 or has another shape
     */
    public static Image of(Tensor tensor) {
        Objects.requireNonNull(tensor, "tensor");
        Shape s = tensor.shape();
        boolean batched = s.rank() == 4 && s.dim(0) == 1;
        if (tensor.type() != ElementType.U8 || !(batched || s.rank() == 3)) {
            throw new IllegalArgumentException("tensor: " + tensor + " is not a u8 [1,h,w,c] or [h,w,c] image");
        }
        int o = batched ? 1 : 0;
        long h = s.dim(o);
        long w = s.dim(o + 1);
        long c = s.dim(o + 2);
        if (h > Integer.MAX_VALUE || w > Integer.MAX_VALUE || (c != 1 && c != 3)) {
            throw new IllegalArgumentException("tensor: " + tensor + " has " + c + " channels (1 or 3) or is too large");
        }
        return wrap(tensor.data(), (int) w, (int) h, (int) c);
    }

    private static int byteSize(int width, int height, int channels) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size: " + width + "x" + height + " is empty");
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels: " + channels + ", expected 1 (gray) or 3 (BGR)");
        }
        long bytes = (long) width * height * channels;
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("size: " + width + "x" + height + "x" + channels + " is over 2 GiB");
        }
        return (int) bytes;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** 3 (BGR) or 1 (gray). */
    public int channels() {
        return channels;
    }

    /** width × height × channels. */
    public int byteSize() {
        return data.capacity();
    }

    /** The pixels (a view: position 0, native order, row-major HWC). Writes change the image. */
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.nativeOrder());
    }

    /** A u8 tensor [1, height, width, channels] over the same memory (no copy). */
    public Tensor toTensor() {
        return Tensor.wrap(ElementType.U8, Shape.of(1, height, width, channels), data());
    }

    /** The pixel at (x, y) as 0xRRGGBB (a gray value is repeated in all three). */
    public int rgb(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new IllegalArgumentException("(x, y): (" + x + ", " + y + ") is outside the " + width + "x" + height
                    + " image");
        }
        int i = (y * width + x) * channels;
        if (channels == 1) {
            int v = data.get(i) & 0xff;
            return v << 16 | v << 8 | v;
        }
        return (data.get(i + 2) & 0xff) << 16 | (data.get(i + 1) & 0xff) << 8 | (data.get(i) & 0xff);
    }

    /** A deep copy in fresh memory. */
    public Image copy() {
        Image c = allocate(width, height, channels);
        c.data.duplicate().put(data());
        return c;
    }

    @Override
    public String toString() {
        return "Image{" + width + "x" + height + (channels == 3 ? " BGR" : " gray") + "}";
    }
}
