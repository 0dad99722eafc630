package io.tokenledger.query.cache;

import com.github.benmanes.caffeine.cache.Cache;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A count of the changes a cache has heard of. A read that began before a change may return the row as it was, so
 * what a read found is kept only if nothing was heard since it began.
 */
final class ChangesHeard {

    private final AtomicLong count = new AtomicLong();

    /** Taken before a read: what {@link #keepUnlessChanged} compares with. */
    long now() {
        return count.get();
    }

    void heard() {
        count.incrementAndGet();
    }

    /** Checked again after the put: a change heard between the check and the put may have dropped nothing yet. */
    <V> void keepUnlessChanged(Cache<String, V> cache, String key, V value, long readAt) {
        if (count.get() == readAt) {
            cache.put(key, value);
            if (count.get() != readAt) {
                cache.asMap().remove(key, value);
            }
        }
    }
}
