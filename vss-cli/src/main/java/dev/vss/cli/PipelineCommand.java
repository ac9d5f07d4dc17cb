// SPDX-License-Identifier: Apache-2.0
package dev.vss.cli;

import picocli.CommandLine.Mixin;

/** A command that runs the pipeline: the shared runtime options too. */
abstract class PipelineCommand extends BaseCommand {
    @Mixin
    RuntimeOptions runtime;
}
