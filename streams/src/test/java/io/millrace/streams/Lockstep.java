package io.millrace.streams;

import io.millrace.protocol.error.ApiException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;

/**
 * Races several threads (one per gateway) through a {@link SharedMemoryMetadata}: before each compare-and-set, every
 * racing thread waits until the others reach theirs too (or have finished), so each computes its change on the same
 * view as the others. That is the interleaving a check against a gateway's own view followed by a write loses, made
 * certain instead of likely; a correct decision holds under it.
 *
 * <p>Thread safety: {@link #run} is called from one test thread.
 */
public final class Lockstep {
    private static final long BOUND_SECONDS = 30;

    /** One gateway's calls, in order. */
    public interface Calls {
        void run(Outcomes outcomes);
    }

    /** What a racing thread's calls came to: "ok" or the message of the refusal, per call. */
    public static final class Outcomes {
        private final List<String> results = new ArrayList<>();

        /** Runs {@code call}, recording "ok" or its error's wire message. */
        public void record(Runnable call) {
            try {
                call.run();
                results.add("ok");
            } catch (ApiException e) {
                results.add(e.wireMessage());
            }
        }
    }

    private final Phaser phaser = new Phaser();
    private final Set<Thread> racing = ConcurrentHashMap.newKeySet();

    public Lockstep(SharedMemoryMetadata metadata) {
        metadata.beforeCompareAndSet(key -> {
            if (racing.contains(Thread.currentThread())) {
                phaser.arriveAndAwaitAdvance();
            }
        });
    }

    /** Runs every gateway's calls on a thread of its own, in lockstep, and returns all outcomes together. */
    public List<String> run(List<Calls> gateways) throws Exception {
        phaser.bulkRegister(gateways.size());
        List<CompletableFuture<Outcomes>> done = new ArrayList<>();
        for (Calls calls : gateways) {
            CompletableFuture<Outcomes> outcome = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                racing.add(Thread.currentThread());
                Outcomes outcomes = new Outcomes();
                try {
                    calls.run(outcomes);
                    outcome.complete(outcomes);
                } catch (Throwable t) {
                    outcome.completeExceptionally(t);
                } finally {
                    racing.remove(Thread.currentThread());
                    phaser.arriveAndDeregister();
                }
            }, "lockstep-" + done.size());
            thread.setDaemon(true);
            thread.start();
            done.add(outcome);
        }
        List<String> all = new ArrayList<>();
        for (CompletableFuture<Outcomes> outcome : done) {
            all.addAll(outcome.get(BOUND_SECONDS, TimeUnit.SECONDS).results);
        }
        return all;
    }
}
