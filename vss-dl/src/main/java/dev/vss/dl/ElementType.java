package dev.vss.dl;

/** Element types of tensors that vss reads and writes. */
public enum ElementType {
    F32(4), F16(2), U8(1), I8(1), I32(4), I64(8), BOOLEAN(1);

    private final int byteSize;

    ElementType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }
}
