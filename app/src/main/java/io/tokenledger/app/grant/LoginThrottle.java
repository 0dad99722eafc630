package io.tokenledger.app.grant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Slows down password guessing: each failed login takes a token from the account's bucket and from the
 * address's bucket; an empty bucket refuses further attempts until it refills. Per node and in memory (bounded
 * by Caffeine), so N nodes allow N times the rate: enough to make online guessing impractical.
 */
@Component
public class LoginThrottle {

    private static final int PER_ACCOUNT = 5;
    private static final int PER_ADDRESS = 20;
    private static final Duration REFILL = Duration.ofMinutes(1);

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
                                                          .maximumSize(100_000)
                                                          .expireAfterAccess(Duration.ofMinutes(15))
                                                          .build();

    /** How long the caller must wait before another attempt, if at all. */
    public Optional<Duration> waitFor(String username, String address) {
        long nanos = Math.max(wait(account(username), PER_ACCOUNT), wait("address:" + address, PER_ADDRESS));
        return nanos == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }

    public void failed(String username, String address) {
        bucket(account(username), PER_ACCOUNT).tryConsume(1);
        bucket("address:" + address, PER_ADDRESS).tryConsume(1);
    }

    public void succeeded(String username) {
        buckets.invalidate(account(username));
    }

    private long wait(String key, int capacity) {
        var probe = bucket(key, capacity).estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? 0 : probe.getNanosToWaitForRefill();
    }

    private Bucket bucket(String key, int capacity) {
        return buckets.get(key, k -> Bucket.builder()
                                           .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, REFILL))
                                           .build());
    }

    private static String account(String username) {
        return "account:" + (username == null ? "" : username.toLowerCase(Locale.ROOT));
    }
}
