package dev.vss.dl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Tensor and Shape without natives. */
class TensorTest {
    @Test
    void halfPrecisionRoundsLikeIeee() {
        float[] v = {0f, 1f, -2.5f, 65504f, 6.1035156e-5f, 5.9604645e-8f, 0.1f, 1e6f};
        float[] back = Tensor.ofF16(v, v.length).toFloatArray();
        assertThat(back[0]).isZero();
        assertThat(back[1]).isEqualTo(1f);
        assertThat(back[2]).isEqualTo(-2.5f);
        assertThat(back[3]).isEqualTo(65504f);
        assertThat(back[4]).isEqualTo(6.1035156e-5f); // smallest normal
        assertThat(back[5]).isEqualTo(5.9604645e-8f); // smallest subnormal
        assertThat(back[6]).isEqualTo(0.099975586f); // nearest half to 0.1
        assertThat(back[7]).isInfinite();
    }

    @Test
    void wrapSharesMemoryAndChecksSize() {
        ByteBuffer b = ByteBuffer.allocateDirect(12);
        Tensor t = Tensor.wrap(ElementType.F32, Shape.of(3), b);
        t.data().putFloat(4, 7f);
        assertThat(t.toFloatArray()).containsExactly(0f, 7f, 0f);
        assertThatThrownBy(() -> Tensor.wrap(ElementType.F32, Shape.of(4), ByteBuffer.allocateDirect(12)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16");
        assertThatThrownBy(() -> Tensor.wrap(ElementType.U8, Shape.of(3), ByteBuffer.allocate(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("heap");
        assertThatThrownBy(() -> Tensor.of(new float[5], 2, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 elements");
        assertThatThrownBy(() -> Tensor.allocate(ElementType.F32, Shape.of(1, -1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dynamic");
    }

    @Test
    void allocatedMemoryIsAlignedForEverySize() {
        for (int n = 0; n < 200; n++) {
            Tensor t = Tensor.allocate(ElementType.U8, Shape.of(n));
            assertThat(t.data().capacity()).isEqualTo(n);
            assertThat(t.data().alignmentOffset(0, 64)).isZero();
        }
    }

    @Test
    void shapesAcceptConcreteShapes() {
        assertThat(Shape.of(1, -1, -1, 3).accepts(Shape.of(1, 480, 640, 3))).isTrue();
        assertThat(Shape.of(1, -1, -1, 3).accepts(Shape.of(1, 480, 640, 4))).isFalse();
        assertThat(Shape.of(1, 3).accepts(Shape.of(1, 3, 1))).isFalse();
        assertThat(Shape.of(2, 3, 4).elementCount()).isEqualTo(24);
        assertThat(Shape.of(1, -1)).hasToString("[1,?]");
        assertThatThrownBy(() -> Shape.of(-2)).isInstanceOf(IllegalArgumentException.class);
    }
}
