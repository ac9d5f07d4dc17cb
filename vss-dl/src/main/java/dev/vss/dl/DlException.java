package dev.vss.dl;

/**
 * The checked exception of vss-dl. Carries an error code and, for native failures, the backend's status code and
 * message (for OpenVINO: {@code ov_status_e} and {@code ov_get_last_err_msg()}).
 */
public class DlException extends Exception {
    private final DlErrorCode code;
    private final int nativeStatus;

    public DlException(DlErrorCode code, String message) {
        this(code, message, 0, null);
    }

    public DlException(DlErrorCode code, String message, Throwable cause) {
        this(code, message, 0, cause);
    }

    public DlException(DlErrorCode code, String message, int nativeStatus, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
        this.nativeStatus = nativeStatus;
    }

    public DlErrorCode code() {
        return code;
    }

    /** The backend's status code, 0 when the error did not come from native code. */
    public int nativeStatus() {
        return nativeStatus;
    }
}
