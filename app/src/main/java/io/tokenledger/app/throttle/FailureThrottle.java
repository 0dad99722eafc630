package io.tokenledger.app.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * Slows down guessing: each failure takes a token from the bucket of every key it concerns (an account, an
 * address, …); while one of them is empty, further attempts are refused until it refills. Per node and in memory
 * (bounded by Caffeine), so N nodes allow N times the rate: enough to make online guessing impractical.
 */
@Component
public class FailureThrottle {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    /** What a failure counts against: {@code capacity} failures at once, refilled over {@code refill}. */
    public record Key(String kind, String value, int capacity, Duration refill) {

        public Key(String kind, String value, int capacity) {
            this(kind, value, capacity, MINUTE);
        }

        /** A bound per address, which counts an IPv6 address's whole /64 ({@link Addresses#block}). */
        public static Key perAddress(String kind, String address, int capacity) {
            return new Key(kind, Addresses.block(address), capacity);
        }

        String name() {
            return kind + ":" + value;
        }
    }

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
                                                          .maximumSize(100_000)
                                                          .expireAfterAccess(Duration.ofHours(1))
                                                          .build();

    /** How long the caller must wait before another attempt, if at all. */
    public Optional<Duration> waitFor(Key... keys) {
        long nanos = 0;
        for (Key key : keys) {
            var probe = bucket(key).estimateAbilityToConsume(1);
            nanos = Math.max(nanos, probe.canBeConsumed() ? 0 : probe.getNanosToWaitForRefill());
        }
        return nanos == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }

    /**
     * Counts a failure against every key; empty when it was counted. Otherwise a bucket was already empty (a
     * concurrent failure took its last token after {@link #waitFor} looked), and the answer is how long to wait:
     * this failure must be refused and not recorded, as if it had come later, which keeps what is recorded within
     * the buckets' bounds.
     */
    public Optional<Duration> failed(Key... keys) {
        boolean all = true;
        for (Key key : keys) {
            all &= bucket(key).tryConsume(1);
        }
        // A bucket refilled since it was found empty still asks for a moment's wait: the attempt was over the bound.
        return all ? Optional.empty() : Optional.of(waitFor(keys).orElse(Duration.ofSeconds(1)));
    }

    public void forget(Key key) {
        buckets.invalidate(key.name());
    }

    private Bucket bucket(Key key) {
        return buckets.get(key.name(), name -> Bucket.builder()
                .addLimit(limit -> limit.capacity(key.capacity()).refillGreedy(key.capacity(), key.refill()))
                .build());
    }
}
