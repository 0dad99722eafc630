package io.tokenledger.app.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tokenledger.projections.integrity.sealing.Seals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The keys personal data in events is encrypted under (issue 25): one per person ({@code user:<id>}) and one per UTC
 * day of requests no person is known for ({@code anonymous:<date>}). Each is a random AES-256 key, stored in
 * {@code personal_data_keys} wrapped (AES-GCM) under a key derived from the seal key, never in an event. Destroying
 * one leaves its row as a tombstone without the key: what it encrypted is erased, and no new key is ever made under
 * its id, while the events, their seals and the chain stay as they were.
 */
@Component
public class PersonalDataKeys {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataKeys.class);
    /** How long a node keeps a key it read: a key destroyed elsewhere is gone from every node within this. */
    static final Duration CACHED_FOR = Duration.ofMinutes(1);
    private static final String WRAP_LABEL = "token-ledger personal data key wrap";

    private final JdbcTemplate jdbc;
    private final Seals seals;
    private final Cache<String, Optional<SecretKey>> cache = Caffeine.newBuilder().maximumSize(10_000)
                                                                     .expireAfterWrite(CACHED_FOR).build();

    public PersonalDataKeys(JdbcTemplate jdbc, Seals seals) {
        this.jdbc = jdbc;
        this.seals = seals;
    }

    /**
     * The key of this id, made now if there is none; empty when it was destroyed. Made in the caller's transaction,
     * which holds the events it encrypts: if that transaction rolls back, key and ciphertext go together, and the key
     * is cached only once it has committed.
     */
    public Optional<SecretKey> keyFor(String keyId, Instant destroyAfter) {
        Optional<SecretKey> cached = cache.getIfPresent(keyId);
        if (cached != null) {
            return cached;
        }
        String wrapKeyId = seals.keyId();
        jdbc.update("INSERT INTO personal_data_keys (key_id, wrapped_key, wrap_key_id, destroy_after) "
                        + "VALUES (?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING", keyId,
                KeyWrap.wrap(wrapKey(wrapKeyId), keyId, Aead.newKey()), wrapKeyId,
                destroyAfter == null ? null : Timestamp.from(destroyAfter));
        Optional<SecretKey> key = row(keyId).orElseThrow(() -> new IllegalStateException(
                "personal data key " + keyId + " was neither made nor found"));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    cache.put(keyId, key);
                }
            });
        } else {
            cache.put(keyId, key);
        }
        return key;
    }

    /** The key of this id; empty when there is none or it was destroyed. Only a row that exists is cached. */
    public Optional<SecretKey> find(String keyId) {
        Optional<SecretKey> cached = cache.getIfPresent(keyId);
        if (cached != null) {
            return cached;
        }
        Optional<Optional<SecretKey>> row = row(keyId);
        row.ifPresent(key -> cache.put(keyId, key));
        return row.flatMap(key -> key);
    }

    /** Destroys it; false when there was none to destroy. */
    public boolean destroy(String keyId) {
        int destroyed = jdbc.update("UPDATE personal_data_keys SET wrapped_key = NULL, destroyed_at = now() "
                + "WHERE key_id = ? AND wrapped_key IS NOT NULL", keyId);
        cache.invalidate(keyId);
        return destroyed > 0;
    }

    /** Destroys every key whose time has come; their ids. */
    public List<String> destroyExpired(Instant now) {
        List<String> destroyed = jdbc.queryForList("UPDATE personal_data_keys SET wrapped_key = NULL, "
                + "destroyed_at = now() WHERE destroy_after <= ? AND wrapped_key IS NOT NULL RETURNING key_id",
                String.class, Timestamp.from(now));
        cache.invalidateAll(destroyed);
        return destroyed;
    }

    /** Empty when there is no row; a row whose key was destroyed is an empty key. */
    private Optional<Optional<SecretKey>> row(String keyId) {
        return jdbc.query("SELECT wrapped_key, wrap_key_id FROM personal_data_keys WHERE key_id = ?",
                (rs, n) -> opened(keyId, rs.getString("wrap_key_id"), rs.getBytes("wrapped_key")), keyId)
                   .stream().findFirst();
    }

    /** Empty for a destroyed key, or one that does not open. */
    private Optional<SecretKey> opened(String keyId, String wrapKeyId, byte[] wrapped) {
        if (wrapped == null) {
            return Optional.empty();
        }
        Optional<SecretKey> key = KeyWrap.unwrap(wrapKey(wrapKeyId), keyId, wrapped);
        if (key.isEmpty()) {
            log.warn("personal data key {} does not open under its wrapping key: altered in the database; what it "
                     + "encrypted reads as erased", keyId);
        }
        return key;
    }

    private SecretKey wrapKey(String sealKeyId) {
        return new SecretKeySpec(seals.derivedKey(sealKeyId, WRAP_LABEL).orElseThrow(() -> new IllegalStateException(
                "a personal data key is wrapped under seal key " + sealKeyId + ", which LEDGER_SEAL_KEY no longer "
                        + "holds")), "AES");
    }
}
