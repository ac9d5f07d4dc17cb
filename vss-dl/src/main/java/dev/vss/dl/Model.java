package dev.vss.dl;

import java.util.List;

/**
 * A model read but not compiled. Its inputs can be reshaped and given image pre-processing before compiling.
 * Owns one native model; not thread-safe (configure it from one thread, then compile).
 */
public interface Model extends AutoCloseable {
    List<PortInfo> inputs() throws DlException;

    List<PortInfo> outputs() throws DlException;

    /** Sets a static or dynamic (-1) shape on input {@code index}. */
    void reshape(int index, Shape shape) throws DlException;

    /** Puts image pre-processing in front of an input (see {@link ImagePreprocessing}). */
    void addImagePreprocessing(ImagePreprocessing pre) throws DlException;

    /** Compiles for the options' device. The model stays usable; compile it again with other options if needed. */
    CompiledModel compile(CompileOptions options) throws DlException;

    /** Idempotent; later calls throw IllegalStateException. */
    @Override
    void close();
}
