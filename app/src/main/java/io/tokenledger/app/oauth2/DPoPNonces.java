package io.tokenledger.app.oauth2;

import io.tokenledger.app.secret.SharedKeys;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
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
    private final SharedKeys keys;
    private final Clock clock;

    public DPoPNonces(@Value("${ledger.dpop-nonce-required:false}") boolean required, SharedKeys keys, Clock clock) {
        this.required = required;
        this.keys = keys;
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
        byte[] tag = keys.hmac(SETTING, "dpop-nonce:" + window);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(tag, NONCE_BYTES));
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
