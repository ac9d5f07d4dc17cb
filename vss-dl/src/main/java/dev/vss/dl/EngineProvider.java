package dev.vss.dl;

/**
 * Service-provider interface of an inference backend, registered in
 * {@code META-INF/services/dev.vss.dl.EngineProvider}. Implementations must be cheap to construct: natives load
 * only in {@link #newEngine()}.
 */
public interface EngineProvider {
    /** Lower-case name users select the engine by, e.g. "openvino". */
    String name();

    /** Higher wins when no engine is named. */
    int rank();

    /** Creates an engine, loading the backend's natives on first use. */
    Engine newEngine() throws DlException;
}
