// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that runs: picocli's spec of it (its output and error streams). */
abstract class BaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
}
