// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.opencv;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes tiny ONNX models (protobuf wire format, by hand) for tests that need a known network: element-wise ops whose
 * outputs can be computed exactly in the test, with static or dynamic ("?") input dims.
 */
final class OnnxModels {
    private OnnxModels() {
    }

    /** y = Relu(x), x and y f32 of {@code dims} (a null entry is a dynamic dim). */
    static byte[] relu(Long... dims) {
        byte[] graph = cat(
                node("Relu", "relu0", new String[] {"x"}, new String[] {"y"}),
                field(2, str("g")),
                field(11, valueInfo("x", dims)),
                field(12, valueInfo("y", dims)));
        return model(graph);
    }

    /** Two inputs a, b and two outputs in this order: "sum" = a + b, "diff" = a - b; all f32 [1, n]. */
    static byte[] sumAndDiff(long n) {
        byte[] graph = cat(
                node("Add", "add0", new String[] {"a", "b"}, new String[] {"sum"}),
                node("Sub", "sub0", new String[] {"a", "b"}, new String[] {"diff"}),
                field(2, str("g")),
                field(11, valueInfo("a", 1L, n)),
                field(11, valueInfo("b", 1L, n)),
                field(12, valueInfo("sum", 1L, n)),
                field(12, valueInfo("diff", 1L, n)));
        return model(graph);
    }

    private static byte[] model(byte[] graph) {
        byte[] opset = cat(field(1, str("")), varintField(2, 13));
        return cat(varintField(1, 7), field(8, opset), field(7, graph));
    }

    private static byte[] node(String op, String name, String[] inputs, String[] outputs) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String i : inputs) {
            b.writeBytes(field(1, str(i)));
        }
        for (String o : outputs) {
            b.writeBytes(field(2, str(o)));
        }
        b.writeBytes(field(3, str(name)));
        b.writeBytes(field(4, str(op)));
        return field(1, b.toByteArray());
    }

    private static byte[] valueInfo(String name, Long... dims) {
        ByteArrayOutputStream shape = new ByteArrayOutputStream();
        int k = 0;
        for (Long d : dims) {
            byte[] dim = d == null ? field(2, str("d" + k)) : varintField(1, d);
            shape.writeBytes(field(1, dim));
            k++;
        }
        byte[] tensor = cat(varintField(1, 1), field(2, shape.toByteArray())); // elem_type FLOAT
        return cat(field(1, str(name)), field(2, field(1, tensor)));
    }

    private static byte[] str(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] field(int number, byte[] payload) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        varint(b, (long) number << 3 | 2);
        varint(b, payload.length);
        b.writeBytes(payload);
        return b.toByteArray();
    }

    private static byte[] varintField(int number, long value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        varint(b, (long) number << 3);
        varint(b, value);
        return b.toByteArray();
    }

    private static void varint(ByteArrayOutputStream b, long v) {
        while ((v & ~0x7FL) != 0) {
            b.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        b.write((int) v);
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }
}
