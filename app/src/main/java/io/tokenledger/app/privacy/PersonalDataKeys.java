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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The keys personal data in events is encrypted under (issue 25): one per person ({@code user:<id>}) and one per UTC
 * day of requests no person is known for ({@code anonymous:<date>}). Each is a random AES-256 key, stored in
 * {@code personal_data_keys} wrapped (AES-GCM, bound to its id) under a key derived from the seal key, never in an
 * event. A destroyed key leaves its row as a tombstone without the key: what it encrypted reads as erased, and no new
 * key is ever made under its id, while the events, their seals and the chain stay as they were.
 */
@Component
public class PersonalDataKeys {

    /** How long a node keeps a key it read: a key destroyed elsewhere is gone from every node within this. */
    static final Duration CACHED_FOR = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(PersonalDataKeys.class);
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
     * The keys of these ids (each with when it is to be destroyed, or null), made where missing; an empty key for one
     * destroyed. Made in the caller's transaction, which holds the events they encrypt: if it rolls back, keys and
     * ciphertext go together, and a key is cached only once it has committed. Made in id order, so two transactions
     * making the same keys wait on each other in one order, never in a cycle.
     */
    public Map<String, Optional<SecretKey>> keysFor(SortedMap<String, Instant> destroyAfter) {
        Map<String, Optional<SecretKey>> keys = new HashMap<>();
        List<String> missing = new ArrayList<>();
        destroyAfter.keySet().forEach(id -> {
            Optional<SecretKey> cached = cache.getIfPresent(id);
            if (cached == null) {
                missing.add(id);
            } else {
                keys.put(id, cached);
            }
        });
        if (missing.isEmpty()) {
            return keys;
        }
        Map<String, Optional<SecretKey>> stored = rows(missing);
        for (String id : missing) {
            if (!stored.containsKey(id)) {
                make(id, destroyAfter.get(id));
                stored.putAll(rows(List.of(id)));
            }
        }
        cacheOnceCommitted(stored);
        keys.putAll(stored);
        return keys;
    }

    /** The key of this id; empty when there is none, it was destroyed, or it does not open. */
    public Optional<SecretKey> find(String keyId) {
        Optional<SecretKey> cached = cache.getIfPresent(keyId);
        if (cached != null) {
            return cached;
        }
        Map<String, Optional<SecretKey>> row = rows(List.of(keyId));
        row.forEach(this::remember);
        return row.getOrDefault(keyId, Optional.empty());
    }

    /**
     * Destroys this key now, in the caller's transaction, leaving its tombstone (made if the key never was, so that
     * none is made under its id after). Once the transaction commits this node knows it destroyed, and no read that
     * raced with it can cache it again; other nodes forget it within {@link #CACHED_FOR}.
     */
    public void destroy(String keyId) {
        jdbc.update("""
                INSERT INTO personal_data_keys (key_id, wrapped_key, wrap_key_id, destroyed_at)
                VALUES (?, NULL, ?, now())
                ON CONFLICT (key_id) DO UPDATE SET wrapped_key = NULL,
                    destroyed_at = COALESCE(personal_data_keys.destroyed_at, now())""", keyId, seals.keyId());
        cache.invalidate(keyId);
        afterCommit(() -> cache.put(keyId, Optional.empty()));
    }

    /** Destroys every key whose time has come; their ids. */
    public List<String> destroyExpired(Instant now) {
        List<String> destroyed = jdbc.queryForList("UPDATE personal_data_keys SET wrapped_key = NULL, "
                + "destroyed_at = now() WHERE destroy_after <= ? AND wrapped_key IS NOT NULL RETURNING key_id",
                String.class, Timestamp.from(now));
        destroyed.forEach(keyId -> cache.put(keyId, Optional.empty()));
        return destroyed;
    }

    private void make(String keyId, Instant destroyAfter) {
        String wrapKeyId = seals.keyId();
        byte[] wrapped = KeyWrap.wrap(wrapKey(wrapKeyId).orElseThrow(), keyId, Aead.newKey());
        jdbc.update("INSERT INTO personal_data_keys (key_id, wrapped_key, wrap_key_id, destroy_after) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING", keyId, wrapped, wrapKeyId,
                destroyAfter == null ? null : Timestamp.from(destroyAfter));
    }

    private void cacheOnceCommitted(Map<String, Optional<SecretKey>> keys) {
        afterCommit(() -> keys.forEach(this::remember));
    }

    /** Caches a key read, unless this node already knows it destroyed: a destroyed key never comes back. */
    private void remember(String keyId, Optional<SecretKey> key) {
        cache.asMap().merge(keyId, key, (known, read) -> known.isEmpty() ? known : read);
    }

    /** After the caller's transaction commits, in the order asked; at once outside one. */
    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    /** The rows of these ids that exist: a key, or an empty one for a tombstone. */
    private Map<String, Optional<SecretKey>> rows(List<String> keyIds) {
        Map<String, Optional<SecretKey>> rows = new HashMap<>();
        jdbc.query("SELECT key_id, wrapped_key, wrap_key_id FROM personal_data_keys WHERE key_id = ANY (?)",
                (ResultSet rs) -> {
                    rows.put(rs.getString("key_id"), opened(rs));
                }, (Object) keyIds.toArray(String[]::new));
        return rows;
    }

    private Optional<SecretKey> opened(ResultSet row) throws SQLException {
        byte[] wrapped = row.getBytes("wrapped_key");
        if (wrapped == null) {
            return Optional.empty();
        }
        String keyId = row.getString("key_id");
        Optional<SecretKey> key = wrapKey(row.getString("wrap_key_id"))
                .flatMap(wrapping -> KeyWrap.unwrap(wrapping, keyId, wrapped));
        if (key.isEmpty()) {
            log.warn("personal data key {} does not open: altered in the database, or wrapped under seal key {}, "
                     + "which LEDGER_SEAL_KEY no longer holds; what it encrypted reads as erased", keyId,
                    row.getString("wrap_key_id"));
        }
        return key;
    }

    private Optional<SecretKey> wrapKey(String sealKeyId) {
        return seals.derivedKey(sealKeyId, WRAP_LABEL).map(key -> new SecretKeySpec(key, "AES"));
    }
}
