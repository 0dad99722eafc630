package io.tokenledger.query.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tokenledger.query.client.ClientLookup;
import io.tokenledger.query.key.SigningKeyLookup;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the public metadata document reads from the database, the scopes active clients hold and the published
 * signing keys' algorithms, kept for {@link #KEPT}: anyone may ask for the document, and each answer cost two queries.
 * This node forgets them once it has changed a client or a signing key ({@link LocalCacheInvalidation}), so its own
 * changes show at once; another node's show within {@link #KEPT}, as a key retired that long ago stops being listed.
 */
@Component
public class MetadataLookups {

    public static final Duration KEPT = Duration.ofSeconds(5);
    private static final String SCOPES = "scopes";

    private final Cache<String, List<String>> kept = Caffeine.newBuilder().expireAfterWrite(KEPT).build();
    private final ChangesHeard changes = new ChangesHeard();
    private final ClientLookup clients;
    private final SigningKeyLookup keys;

    public MetadataLookups(ClientLookup clients, SigningKeyLookup keys) {
        this.clients = clients;
        this.keys = keys;
    }

    /** {@link ClientLookup#scopesInUse}, kept. */
    public List<String> scopesInUse() {
        return kept(SCOPES, clients::scopesInUse);
    }

    /** {@link SigningKeyLookup#publishedAlgorithms}, kept. */
    public List<String> publishedAlgorithms(Duration afterRetirement) {
        return kept("algorithms " + afterRetirement, () -> keys.publishedAlgorithms(afterRetirement));
    }

    void forget() {
        changes.heard();
        kept.invalidateAll();
    }

    private List<String> kept(String key, Supplier<List<String>> database) {
        List<String> found = kept.getIfPresent(key);
        if (found == null) {
            long readAt = changes.now();
            found = List.copyOf(database.get());
            changes.keepUnlessChanged(kept, key, found, readAt);
        }
        return found;
    }
}
