package dev.vss.hla;

/** The checked exception of vss-hla: a pipeline stage could not run. */
public class HlaException extends Exception {
    private final HlaErrorCode code;

    public HlaException(HlaErrorCode code, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
    }

    public HlaException(HlaErrorCode code, String message) {
        this(code, message, null);
    }

    public HlaErrorCode code() {
        return code;
    }
}
