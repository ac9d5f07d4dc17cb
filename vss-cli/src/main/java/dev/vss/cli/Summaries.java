// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import dev.vss.bl.ops.GalleryAdmin;

/** One-line summaries that more than one command prints. */
final class Summaries {
    private Summaries() {
    }

    /** An enrolment, without embedding values. */
    static String enrolled(String gallery, GalleryAdmin.Enrolled e) {
        return "enrolled " + e.id() + " with " + e.faces() + " face(s); gallery " + gallery + " version " + e.version()
                + ", " + e.people() + " people, model " + e.model();
    }
}
