// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.image;

import java.io.IOException;
import java.util.Objects;

/** An image that must not or cannot be read, with the result contract's error code for it. */
public final class ImageReadException extends IOException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public ImageReadException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
