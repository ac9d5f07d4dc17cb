// SPDX-License-Identifier: Apache-2.0
package dev.vss.bl.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Writers released together on their own threads: the race the gallery's conditional writes must win. */
public final class Concurrently {
    private Concurrently() {
    }

    /** One writer's work; {@code w} is its number, 0 to n - 1. */
    public interface Writer {
        void run(int w) throws Exception;
    }

    /** Runs the writers at once (released together) and returns their failures. */
    public static List<String> run(int n, Writer writer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> fs = new ArrayList<>();
        for (int w = 0; w < n; w++) {
            int id = w;
            fs.add(pool.submit(() -> {
                go.await();
                writer.run(id);
                return null;
            }));
        }
        go.countDown();
        List<String> failures = new ArrayList<>();
        for (Future<?> f : fs) {
            try {
                f.get();
            } catch (ExecutionException e) {
                failures.add(String.valueOf(e.getCause()));
            }
        }
        pool.shutdown();
        return failures;
    }
}
