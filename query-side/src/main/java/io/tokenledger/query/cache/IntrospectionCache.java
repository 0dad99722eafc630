package io.tokenledger.query.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.tokenledger.query.ReadDatabase;
import io.tokenledger.query.client.ClientRegistration;
import io.tokenledger.query.token.TokenLookup;
import io.tokenledger.query.token.TokenLookup.CallerAndToken;
import io.tokenledger.query.token.TokenState;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The callers' registrations and the token rows introspection read lately, so that introspecting a token again needs
 * no round trip to the database (docs/architecture.md, "The introspection cache (opt-in)"). Off unless given a size:
 * another node may answer from it for a few milliseconds after a revocation, where without it every node is
 * read-your-writes.
 * <p>
 * Which token a hash names changes only if the row is repaired or deleted, after which everything is forgotten; a
 * row's state is kept only until a change to it is heard: at once on the node whose command changed it, and by
 * {@link CacheInvalidationListener} from every other. It serves only while that listener is connected, since a change
 * made while it was not would go unheard. A read that began before a change may return the row as it was, so a
 * read's result is kept only if nothing was heard since it began.
 */
@Component
public class IntrospectionCache {

    /** A bound on a row kept while some change to it went unheard, which nothing known causes. */
    private static final Duration LONGEST_KEPT = Duration.ofSeconds(60);

    private final Cache<String, TokenRef> refs;
    private final Cache<String, TokenState> states;
    private final Cache<String, ClientRegistration> callers;
    private final ChangesHeard changes = new ChangesHeard();
    private final TokenLookup lookup;
    private final boolean enabled;
    private volatile boolean serving;

    /** The token a hash names, and whether it was the token's refresh token. */
    private record TokenRef(String tokenId, boolean refresh) {
    }

    /**
     * @param lookup introspection's reads: the primary, or a streaming replica first ({@link ReadDatabase}). The
     *               cache refuses a replica: it hears a change on the primary, perhaps before the replica applied
     *               it, and would then keep the row as it was, for up to {@link #LONGEST_KEPT}.
     */
    public IntrospectionCache(@ReadDatabase TokenLookup lookup, @Value("${ledger.introspection-cache-size:0}") int size,
                              MeterRegistry meters) {
        if (size < 0) {
            throw new IllegalArgumentException("ledger.introspection-cache-size must be 0 (off) or more, was " + size);
        }
        if (size > 0 && lookup.readsReplica()) {
            throw new IllegalArgumentException("ledger.introspection-cache-size and introspection from a streaming "
                    + "replica (ledger.read-datasource.url) cannot go together: the cache hears changes on the "
                    + "primary, perhaps before the replica applies them, and would keep a revoked token active. Turn "
                    + "the cache off, or set ledger.read-datasource.introspection=primary");
        }
        this.lookup = lookup;
        this.enabled = size > 0;
        refs = bounded(size);
        states = CaffeineCacheMetrics.monitor(meters, bounded(size), "introspection.tokens");
        callers = CaffeineCacheMetrics.monitor(meters, bounded(size), "introspection.callers");
        Gauge.builder("ledger.introspection.cache.serving", this, cache -> cache.serving ? 1 : 0)
             .description("1 while the introspection cache serves, 0 while it cannot hear changes")
             .register(meters);
    }

    private static <V> Cache<String, V> bounded(int size) {
        return Caffeine.newBuilder().maximumSize(size).expireAfterWrite(LONGEST_KEPT).recordStats().build();
    }

    /** The caller's registration and the token a hash names ({@link TokenLookup#withCaller}), kept or read. */
    public CallerAndToken read(String callerId, String hash) {
        return read(callerId, hash, lookup::withCaller);
    }

    /** The same, reading the database through {@code database} on a miss (tests interleave a change with it). */
    public CallerAndToken read(String callerId, String hash, BiFunction<String, String, CallerAndToken> database) {
        return find(callerId, hash).orElseGet(() -> {
            long readAt = changes.now();
            CallerAndToken found = database.apply(callerId, hash);
            keep(readAt, callerId, hash, found);
            return found;
        });
    }

    /**
     * A client's registration, kept or read by {@code database}: what every client-authenticated endpoint reads, not
     * only introspection's caller check. Kept and dropped as those are; read every time while the cache is off.
     */
    public Optional<ClientRegistration> client(String clientId, Function<String, Optional<ClientRegistration>> database) {
        ClientRegistration kept = serving ? callers.getIfPresent(clientId) : null;
        if (kept != null) {
            return Optional.of(kept);
        }
        long readAt = changes.now();
        Optional<ClientRegistration> found = database.apply(clientId);
        found.ifPresent(client -> keepUnlessChanged(callers, clientId, client, readAt));
        return found;
    }

    private Optional<CallerAndToken> find(String callerId, String hash) {
        if (!serving || hash == null) {
            return Optional.empty();
        }
        ClientRegistration caller = callers.getIfPresent(callerId);
        TokenRef ref = caller == null ? null : refs.getIfPresent(hash);
        TokenState state = ref == null ? null : states.getIfPresent(ref.tokenId());
        return state == null ? Optional.empty()
                : Optional.of(new CallerAndToken(Optional.of(caller), Optional.of(state), ref.refresh()));
    }

    /** Keeps what a read that began at {@code readAt} found, unless a change was heard since. */
    private void keep(long readAt, String callerId, String hash, CallerAndToken found) {
        if (hash == null || found.caller().isEmpty() || found.token().isEmpty()) {
            return;
        }
        TokenState state = found.token().get();
        keepUnlessChanged(refs, hash, new TokenRef(state.tokenId(), found.refresh()), readAt);
        keepUnlessChanged(callers, callerId, found.caller().get(), readAt);
        keepUnlessChanged(states, state.tokenId(), state, readAt);
    }

    /** Nothing is kept while not serving; {@link #stopServing} counts as a change, so a put beside it is undone. */
    private <V> void keepUnlessChanged(Cache<String, V> cache, String key, V value, long readAt) {
        if (serving) {
            changes.keepUnlessChanged(cache, key, value, readAt);
        }
    }

    void tokensChanged(Collection<String> tokenIds) {
        changes.heard();
        states.invalidateAll(tokenIds);
    }

    /** Every kept token row holds whether its client is retired, so all of them go. */
    void clientChanged(String clientId) {
        changes.heard();
        callers.invalidate(clientId);
        states.invalidateAll();
    }

    /** From now on every change is heard: serve, starting empty. */
    void serve() {
        forgetAll();
        serving = true;
    }

    /** A size of 0, the default, turns the cache off: the listener does not start, so it never serves. */
    boolean enabled() {
        return enabled;
    }

    /** Changes may go unheard from now on: stop serving and forget everything. */
    void stopServing() {
        serving = false;
        forgetAll();
    }

    /** Rows were deleted, or a hash may name another token now: nothing kept can be trusted, not even the names. */
    void forgetAll() {
        changes.heard();
        refs.invalidateAll();
        states.invalidateAll();
        callers.invalidateAll();
    }
}
