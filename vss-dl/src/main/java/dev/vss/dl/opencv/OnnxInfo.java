// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.opencv;

import dev.vss.dl.ElementType;
import dev.vss.dl.Shape;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Names, element types and shapes of an ONNX model's graph inputs and outputs, read straight from the protobuf
 * bytes, because OpenCV's Java API does not report them. Reads only {@code ModelProto.graph} →
 * {@code GraphProto.input/output/initializer} → {@code ValueInfoProto} → {@code TypeProto.Tensor}; everything else
 * (weights included) is skipped by length. Bounds-checked: malformed bytes give null, never an exception. Not API.
 */
final class OnnxInfo {
    /** A graph input or output; {@code shape} is null when the file gives no shape. */
    record Port(String name, ElementType type, Shape shape) {
    }

    final List<Port> inputs;
    final List<Port> outputs;

    private OnnxInfo(List<Port> inputs, List<Port> outputs) {
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
    }

    /** The ports of an ONNX model, or null if the bytes are not a model this reader understands. */
    static OnnxInfo parse(byte[] model) {
        try {
            Reader r = new Reader(model, 0, model.length);
            while (r.more()) {
                int key = r.key();
                if (key >>> 3 == 7 && (key & 7) == 2) { // ModelProto.graph
                    return graph(r.sub());
                }
                r.skip(key & 7);
            }
            return null;
        } catch (Malformed e) {
            return null;
        }
    }

    private static OnnxInfo graph(Reader g) throws Malformed {
        List<Port> in = new ArrayList<>();
        List<Port> out = new ArrayList<>();
        Set<String> initializers = new HashSet<>();
        while (g.more()) {
            int key = g.key();
            int field = key >>> 3;
            if ((key & 7) == 2 && (field == 11 || field == 12)) {
                Port p = valueInfo(g.sub());
                (field == 11 ? in : out).add(p);
            } else if ((key & 7) == 2 && field == 5) {
                String n = tensorName(g.sub());
                if (n != null) {
                    initializers.add(n);
                }
            } else {
                g.skip(key & 7);
            }
        }
        // Models of IR version < 4 list their weights as graph inputs too: those are not inputs to feed.
        in.removeIf(p -> initializers.contains(p.name()));
        return new OnnxInfo(in, out);
    }

    private static String tensorName(Reader t) throws Malformed {
        while (t.more()) {
            int key = t.key();
            if (key >>> 3 == 8 && (key & 7) == 2) {
                return t.string();
            }
            t.skip(key & 7);
        }
        return null;
    }

    private static Port valueInfo(Reader v) throws Malformed {
        String name = "";
        ElementType type = ElementType.F32;
        Shape shape = null;
        while (v.more()) {
            int key = v.key();
            if (key >>> 3 == 1 && (key & 7) == 2) {
                name = v.string();
            } else if (key >>> 3 == 2 && (key & 7) == 2) { // TypeProto
                Reader t = v.sub();
                while (t.more()) {
                    int k = t.key();
                    if (k >>> 3 == 1 && (k & 7) == 2) { // TypeProto.tensor_type
                        Reader tt = t.sub();
                        while (tt.more()) {
                            int kk = tt.key();
                            if (kk >>> 3 == 1 && (kk & 7) == 0) {
                                type = elementType((int) tt.varint());
                            } else if (kk >>> 3 == 2 && (kk & 7) == 2) {
                                shape = shape(tt.sub());
                            } else {
                                tt.skip(kk & 7);
                            }
                        }
                    } else {
                        t.skip(k & 7);
                    }
                }
            } else {
                v.skip(key & 7);
            }
        }
        return new Port(name, type, shape);
    }

    private static Shape shape(Reader s) throws Malformed {
        List<Long> dims = new ArrayList<>();
        while (s.more()) {
            int key = s.key();
            if (key >>> 3 == 1 && (key & 7) == 2) { // TensorShapeProto.dim
                Reader d = s.sub();
                long dim = -1; // dim_param (a symbolic name) or nothing: dynamic
                while (d.more()) {
                    int k = d.key();
                    if (k >>> 3 == 1 && (k & 7) == 0) {
                        long value = d.varint();
                        dim = value > 0 ? value : -1;
                    } else {
                        d.skip(k & 7);
                    }
                }
                dims.add(dim);
            } else {
                s.skip(key & 7);
            }
        }
        return Shape.of(dims.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * The element type OpenCV takes for an ONNX data type: it computes in f32, and has no 64-bit integer Mat
     * (int64 inputs are fed as int32).
     */
    private static ElementType elementType(int onnx) {
        return switch (onnx) {
            case 2, 9 -> ElementType.U8; // UINT8, BOOL
            case 3 -> ElementType.I8;
            case 6, 7 -> ElementType.I32; // INT32, INT64
            default -> ElementType.F32; // FLOAT, FLOAT16, DOUBLE and the rest
        };
    }

    private static final class Malformed extends Exception {
        Malformed() {
            super(null, null, false, false);
        }
    }

    /** A protobuf wire-format reader over b[pos, end). */
    private static final class Reader {
        private final byte[] b;
        private int pos;
        private final int end;

        Reader(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        int key() throws Malformed {
            long k = varint();
            if (k <= 0 || k > Integer.MAX_VALUE) {
                throw new Malformed();
            }
            return (int) k;
        }

        long varint() throws Malformed {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new Malformed();
                }
                int x = b[pos++] & 0xff;
                v |= (long) (x & 0x7f) << shift;
                if (x < 0x80) {
                    return v;
                }
            }
            throw new Malformed();
        }

        Reader sub() throws Malformed {
            long len = varint();
            if (len < 0 || len > end - pos) {
                throw new Malformed();
            }
            Reader r = new Reader(b, pos, pos + (int) len);
            pos += (int) len;
            return r;
        }

        String string() throws Malformed {
            Reader r = sub();
            return new String(b, r.pos, r.end - r.pos, StandardCharsets.UTF_8);
        }

        void skip(int wireType) throws Malformed {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> advance(8);
                case 2 -> sub();
                case 5 -> advance(4);
                default -> throw new Malformed(); // groups (3, 4) are not used by ONNX
            }
        }

        private void advance(int n) throws Malformed {
            if (n > end - pos) {
                throw new Malformed();
            }
            pos += n;
        }
    }
}
