package dev.vss.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars on stderr, so stdout stays clean JSON. */
final class Progress {
    private Progress() {
    }

    /** A bar on stderr; for fewer than two steps a silent one (no terminal probing: it costs a cold start ~0.1 s). */
    static ProgressBar bar(String task, long max) {
        ProgressBarConsumer consumer = max < 2 ? new ProgressBarConsumer() {
            @Override
            public int getMaxRenderedLength() {
                return 80;
            }

            @Override
            public void accept(String rendered) {
                // nothing to show for a single item
            }

            @Override
            public void close() {
                // nothing was shown
            }
        } : new ConsoleProgressBarConsumer(System.err);
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(consumer).build();
    }
}
