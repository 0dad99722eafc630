package io.tokenledger.app.oauth2;

import io.tokenledger.app.secret.Secrets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

/**
 * Server-provided DPoP nonces (RFC 9449 §8), when {@code LEDGER_DPOP_NONCE_REQUIRED} asks for them: a proof must then
 * carry a nonce this server gave, which bounds how long before its use a proof can have been made (a proof made in
 * advance by a thief of the key, say). Nothing is stored per nonce: a nonce is an HMAC of the current minute under a
 * key every node reads from {@code ledger_settings}, and the previous minute's is still accepted, so a client that
 * got one just before the minute turned is not refused.
 */
@Component
public class DPoPNonces {

    public static final String HEADER = "DPoP-Nonce";
    static final Duration PERIOD = Duration.ofMinutes(1);
    private static final String SETTING = "dpop_nonce_key";
    private static final int NONCE_BYTES = 16;
    private final boolean required;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile SecretKeySpec key;

    public DPoPNonces(@Value("${ledger.dpop-nonce-required:false}") boolean required, JdbcTemplate jdbc, Clock clock) {
        this.required = required;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public boolean required() {
        return required;
    }

    /** The nonce a client should put in its next proof. */
    public String current() {
        return nonce(window());
    }

    /** Whether a proof's nonce is this minute's or the last one's. */
    boolean accepts(String nonce) {
        long window = window();
        return nonce != null && (same(nonce, nonce(window)) || same(nonce, nonce(window - 1)));
    }

    private long window() {
        return clock.instant().getEpochSecond() / PERIOD.toSeconds();
    }

    private String nonce(long window) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            byte[] tag = mac.doFinal(("dpop-nonce:" + window).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(tag, NONCE_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Made by the first node that needs it; every node reads the same one. */
    private SecretKeySpec key() {
        SecretKeySpec known = key;
        if (known == null) {
            jdbc.update("INSERT INTO ledger_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                    SETTING, Secrets.generate());
            String stored = jdbc.queryForObject("SELECT value FROM ledger_settings WHERE name = ?", String.class,
                    SETTING);
            known = new SecretKeySpec(stored.getBytes(StandardCharsets.US_ASCII), "HmacSHA256");
            key = known;
        }
        return known;
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
