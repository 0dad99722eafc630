package io.tokenledger.query.key;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.tokenledger.query.Rows.instant;

/** Reads {@code signing_keys}, which commits with the keys' events. */
@Component
public class SigningKeyLookup {

    private final JdbcTemplate jdbc;

    public SigningKeyLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest active key's kid: the one that signs. */
    public Optional<String> signingKid() {
        return jdbc.queryForList("""
                SELECT kid FROM signing_keys WHERE activated_at IS NOT NULL AND retired_at IS NULL
                ORDER BY activated_at DESC, kid DESC LIMIT 1""", String.class).stream().findFirst();
    }

    /** When the key that signs now became active; empty when none is. */
    public Optional<Instant> signingSince() {
        return Optional.ofNullable(jdbc.queryForObject("""
                SELECT max(activated_at) FROM signing_keys WHERE activated_at IS NOT NULL AND retired_at IS NULL""",
                Instant.class));
    }

    /** Every key the ledger holds, newest first: its kid, algorithm and times, never a private half. */
    public List<SigningKey> all() {
        return jdbc.query("SELECT kid, algorithm, generated_at, activated_at, retired_at FROM signing_keys "
                + "ORDER BY generated_at DESC, kid DESC", (rs, n) -> new SigningKey(rs.getString("kid"),
                rs.getString("algorithm"), instant(rs, "generated_at"), instant(rs, "activated_at"),
                instant(rs, "retired_at")));
    }

    /** A signing key as the table knows it; it signs while activated and not retired. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SigningKey(String kid, String algorithm, Instant generatedAt, Instant activatedAt,
                             Instant retiredAt) {
    }

    /** Every key that signs now: one, but for the moment of a rotation or two nodes' simultaneous first start. */
    public List<String> activeKids() {
        return jdbc.queryForList("""
                SELECT kid FROM signing_keys WHERE activated_at IS NOT NULL AND retired_at IS NULL""", String.class);
    }

    /**
     * The JWK Set (RFC 7517 §5) a relying party may need, as JSON: the public JWK of every active key, and of every
     * key retired less than this long ago, newest first.
     */
    public String publishedJwkSet(Duration afterRetirement) {
        return "{\"keys\":[" + String.join(",", jdbc.queryForList("""
                SELECT public_jwk::text FROM signing_keys
                WHERE activated_at IS NOT NULL
                  AND (retired_at IS NULL OR retired_at > NOW() - make_interval(secs => ?))
                ORDER BY activated_at DESC, kid DESC""", String.class, afterRetirement.toSeconds())) + "]}";
    }

    /** The algorithms of those keys: what a relying party may find in the header of what this ledger signed. */
    public List<String> publishedAlgorithms(Duration afterRetirement) {
        return jdbc.queryForList("""
                SELECT DISTINCT algorithm FROM signing_keys
                WHERE activated_at IS NOT NULL
                  AND (retired_at IS NULL OR retired_at > NOW() - make_interval(secs => ?))
                ORDER BY algorithm""", String.class, afterRetirement.toSeconds());
    }
}
