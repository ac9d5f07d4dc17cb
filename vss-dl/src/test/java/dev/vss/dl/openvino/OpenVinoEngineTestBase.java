// SPDX-License-Identifier: Apache-2.0
package dev.vss.dl.openvino;

import dev.vss.dl.DlException;
import dev.vss.dl.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One OpenVINO engine per test class, opened before its tests and closed after them. */
abstract class OpenVinoEngineTestBase {
    static Engine engine;

    @BeforeAll
    static void open() throws DlException {
        engine = Engine.newInstance("openvino");
    }

    @AfterAll
    static void close() {
        engine.close();
    }
}
