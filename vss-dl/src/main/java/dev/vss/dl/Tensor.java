package dev.vss.dl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A dense tensor over Java-owned memory: a direct {@link ByteBuffer} in native byte order. Backends read it in
 * place where they can (OpenVINO wraps the buffer's address, no copy), so keep a tensor unchanged while a request
 * that was given it runs. Tensors hold no native handle and need no closing.
 *
 * <p>Not thread-safe for writes; immutable shape and type.
 */
public final class Tensor {
    private static final int ALIGN = 64;
    private final ElementType type;
    private final Shape shape;
    private final ByteBuffer data;

    private Tensor(ElementType type, Shape shape, ByteBuffer data) {
        this.type = type;
        this.shape = shape;
        this.data = data;
    }

    /** A zero-filled tensor. */
    public static Tensor allocate(ElementType type, Shape shape) {
        Objects.requireNonNull(type, "type");
        long bytes = byteSize(type, shape);
        // 64-byte aligned, as OpenVINO allocates its own tensors: an unaligned host pointer can cost an extra copy.
        // alignedSlice rounds both ends to the unit, hence the two units of slack.
        ByteBuffer b = ByteBuffer.allocateDirect((int) bytes + 2 * ALIGN).alignedSlice(ALIGN);
        return new Tensor(type, shape, b.limit((int) bytes).slice().order(ByteOrder.nativeOrder()));
    }

    /**
     * Wraps a direct buffer without copying. Its remaining bytes must equal the shape's byte size.
     *
     * @throws IllegalArgumentException if the buffer is not direct or its size does not match the shape
     */
    public static Tensor wrap(ElementType type, Shape shape, ByteBuffer direct) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(direct, "direct");
        if (!direct.isDirect()) {
            throw new IllegalArgumentException("direct: buffer is a heap buffer; use Tensor.of(...) to copy it");
        }
        long bytes = byteSize(type, shape);
        if (direct.remaining() != bytes) {
            throw new IllegalArgumentException("direct: " + direct.remaining() + " bytes remaining, shape " + shape
                    + " of " + type + " needs " + bytes);
        }
        return new Tensor(type, shape, direct.slice().order(ByteOrder.nativeOrder()));
    }

    /** A tensor of {@code dims} for {@code count} values, its buffer filled by {@code fill} (the factories below). */
    private static Tensor filled(ElementType type, int count, long[] dims, Consumer<ByteBuffer> fill) {
        Shape shape = Shape.of(dims);
        checkCount(count, shape);
        Tensor t = allocate(type, shape);
        fill.accept(t.data);
        return t;
    }

    /** An f32 tensor holding a copy of {@code values}. */
    public static Tensor of(float[] values, long... dims) {
        return filled(ElementType.F32, values.length, dims, b -> b.asFloatBuffer().put(values));
    }

    /** A u8 tensor holding a copy of {@code values}. */
    public static Tensor ofU8(byte[] values, long... dims) {
        return filled(ElementType.U8, values.length, dims, b -> b.duplicate().put(values));
    }

    /** An i32 tensor holding a copy of {@code values}. */
    public static Tensor ofI32(int[] values, long... dims) {
        return filled(ElementType.I32, values.length, dims, b -> b.asIntBuffer().put(values));
    }

    /** An i64 tensor holding a copy of {@code values}. */
    public static Tensor ofI64(long[] values, long... dims) {
        return filled(ElementType.I64, values.length, dims, b -> b.asLongBuffer().put(values));
    }

    /** An f16 tensor holding {@code values} rounded to half precision. */
    public static Tensor ofF16(float[] values, long... dims) {
        return filled(ElementType.F16, values.length, dims, b -> {
            var sb = b.asShortBuffer();
            for (float v : values) {
                sb.put(Half.fromFloat(v));
            }
        });
    }

    private static void checkCount(int count, Shape shape) {
        if (count != shape.elementCount()) {
            throw new IllegalArgumentException("values: " + count + " elements, shape " + shape + " holds "
                    + shape.elementCount());
        }
    }

    private static long byteSize(ElementType type, Shape shape) {
        Objects.requireNonNull(shape, "shape");
        if (shape.isDynamic()) {
            throw new IllegalArgumentException("shape: " + shape + " is dynamic; a tensor needs concrete dims");
        }
        long bytes = Math.multiplyExact(shape.elementCount(), type.byteSize());
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape: " + shape + " needs " + bytes + " bytes, over 2 GiB");
        }
        return bytes;
    }

    public ElementType type() {
        return type;
    }

    public Shape shape() {
        return shape;
    }

    public long elementCount() {
        return shape.elementCount();
    }

    /** The tensor's memory (a view: position 0, limit = byte size, native order). Writes change the tensor. */
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.nativeOrder());
    }

    /** A float view; only for F32 tensors. */
    public FloatBuffer asFloatBuffer() {
        if (type != ElementType.F32) {
            throw new IllegalStateException("asFloatBuffer: tensor is " + type + ", not F32; use toFloatArray()");
        }
        return data().asFloatBuffer();
    }

    /** The values converted to float (from F32, F16, U8, I8, I32, I64, BOOLEAN). */
    public float[] toFloatArray() {
        int n = (int) elementCount();
        float[] out = new float[n];
        ByteBuffer b = data();
        switch (type) {
            case F32 -> b.asFloatBuffer().get(out);
            case F16 -> {
                var s = b.asShortBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = Half.toFloat(s.get(i));
                }
            }
            case U8, BOOLEAN -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i) & 0xff;
                }
            }
            case I8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i);
                }
            }
            case I32 -> {
                var s = b.asIntBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = s.get(i);
                }
            }
            case I64 -> {
                var s = b.asLongBuffer();
                for (int i = 0; i < n; i++) {
                    out[i] = s.get(i);
                }
            }
        }
        return out;
    }

    /** A deep copy in fresh Java-owned memory. */
    public Tensor copy() {
        Tensor t = allocate(type, shape);
        t.data.duplicate().put(data());
        return t;
    }

    @Override
    public String toString() {
        return "Tensor{" + type + shape + "}";
    }
}
