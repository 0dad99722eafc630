package io.tokenledger.app.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs requests at once, as many clients would, and returns their outcomes in the order given. */
public final class Concurrently {

    private static final int THREADS = 16;

    private Concurrently() {
    }

    public static <T> List<T> all(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<T> outcomes = new ArrayList<>();
            for (Future<T> outcome : pool.invokeAll(calls)) {
                outcomes.add(outcome.get());
            }
            return outcomes;
        } finally {
            pool.shutdown();
        }
    }
}
