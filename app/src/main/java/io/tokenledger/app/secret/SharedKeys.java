package io.tokenledger.app.secret;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HMAC keys every node shares, one per purpose, kept in {@code ledger_settings}: made by the first node that needs
 * one, read by the others. For values that must be recognisable on any node yet not guessable from what the ledger
 * or the read tables hold (DPoP nonces, the hashes of short user codes).
 */
@Component
public class SharedKeys {

    private final JdbcTemplate jdbc;
    private final Map<String, SecretKeySpec> keys = new ConcurrentHashMap<>();

    public SharedKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** HMAC-SHA256 of {@code message} under the key named {@code setting}. */
    public byte[] hmac(String setting, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keys.computeIfAbsent(setting, this::load));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private SecretKeySpec load(String setting) {
        jdbc.update("INSERT INTO ledger_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                setting, Secrets.generate());
        String stored = jdbc.queryForObject("SELECT value FROM ledger_settings WHERE name = ?", String.class, setting);
        return new SecretKeySpec(stored.getBytes(StandardCharsets.US_ASCII), "HmacSHA256");
    }
}
