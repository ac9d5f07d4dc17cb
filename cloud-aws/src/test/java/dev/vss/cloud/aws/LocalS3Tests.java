// SPDX-License-Identifier: Apache-2.0
package dev.vss.cloud.aws;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class over one {@link LocalS3} (s3proxy on 127.0.0.1), started before its tests and stopped after them. */
abstract class LocalS3Tests {
    static LocalS3 s3;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = new LocalS3();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }
}
