package io.tokenledger.app.ledger;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tokenledger.app.id.TimeOrderedIds;
import io.tokenledger.projections.integrity.verification.LedgerVerifier;
import io.tokenledger.projections.integrity.verification.Verification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Verifications run in the background, so that a long one (a minute at 10M events) can be followed: how far it has
 * walked and, at the end, its result. Kept an hour on the node that runs them; one at a time per node, so that no
 * caller can queue up more than one walk of the ledger.
 */
@Component
public class Verifications {

    private static final Logger log = LoggerFactory.getLogger(Verifications.class);

    private final LedgerVerifier verifier;
    private final Clock clock;
    private final Counter failures;
    private final Cache<String, Job> jobs = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1))
                                                    .maximumSize(100).build();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "ledger-verification");
        thread.setDaemon(true);
        return thread;
    });

    public Verifications(LedgerVerifier verifier, Clock clock, MeterRegistry registry) {
        this.verifier = verifier;
        this.clock = clock;
        this.failures = LedgerEndpoint.verifyFailures(registry);
    }

    private Job current;

    /**
     * Starts one, or answers the one running: a verification walks the whole ledger, so a node runs one at a time
     * and a caller asking again follows the same.
     */
    public synchronized Progress start() {
        if (current != null && "running".equals(current.state)) {
            return current.progress();
        }
        Job job = new Job(TimeOrderedIds.next(), verifier.head(), clock.instant());
        jobs.put(job.id, job);
        current = job;
        background.submit(() -> run(job));
        return job.progress();
    }

    public Optional<Progress> get(String id) {
        return Optional.ofNullable(jobs.getIfPresent(id)).map(Job::progress);
    }

    private void run(Job job) {
        try {
            job.finish(verifier.verify(null, null, job.walked::set), clock.instant());
            if (!job.result.ok()) {
                failures.increment();
            }
        } catch (RuntimeException e) {
            log.warn("Verification {} failed: {}", job.id, e.toString());
            job.fail(clock.instant());
        }
    }

    private static final class Job {

        private final String id;
        private final long total;
        private final Instant startedAt;
        private final AtomicLong walked = new AtomicLong();
        private volatile String state = "running";
        private volatile Instant finishedAt;
        private volatile Verification result;

        Job(String id, long total, Instant startedAt) {
            this.id = id;
            this.total = total;
            this.startedAt = startedAt;
        }

        void finish(Verification verification, Instant at) {
            result = verification;
            walked.set(Math.max(walked.get(), total));
            finishedAt = at;
            state = "done";
        }

        void fail(Instant at) {
            finishedAt = at;
            state = "failed";
        }

        Progress progress() {
            return new Progress(id, state, Math.min(walked.get(), total), total, startedAt, finishedAt, result);
        }
    }

    /**
     * @param eventsDone  the last position walked (positions are the events' order, so also how many were walked)
     * @param eventsTotal the event table's head when it started
     * @param result      the verification's result once {@code done}, else null
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Progress(String id, String state, long eventsDone, long eventsTotal, Instant startedAt,
                           Instant finishedAt, Verification result) {
    }
}
