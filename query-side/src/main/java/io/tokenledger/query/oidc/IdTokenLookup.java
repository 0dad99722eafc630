package io.tokenledger.query.oidc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenledger.query.ReadDatabase;
import io.tokenledger.query.ledger.EventLedger;
import io.tokenledger.query.ledger.LedgerEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.tokenledger.query.Rows.instant;
import static io.tokenledger.query.Rows.uuid;

/**
 * Which key signed an ID token and what it said: the {@code IdTokenIssued} event of its jti, found through
 * {@code id_tokens}, and the key as the ledger recorded it, public half included, whether or not it is still
 * published.
 */
@Component
public class IdTokenLookup {

    private final JdbcTemplate jdbc;
    private final EventLedger ledger;
    private final ObjectMapper json;

    public IdTokenLookup(@ReadDatabase JdbcTemplate jdbc, EventLedger ledger, ObjectMapper json) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.json = json;
    }

    public Optional<SignedIdToken> byId(String idTokenId) {
        return uuid(idTokenId).flatMap(id -> jdbc.query("""
                SELECT t.grant_id::text, t.key_id, k.algorithm, k.public_jwk::text, k.activated_at, k.retired_at
                FROM id_tokens t LEFT JOIN signing_keys k ON k.kid = t.key_id WHERE t.id_token_id = ?""",
                (rs, row) -> signed(idTokenId, rs), id).stream().findFirst());
    }

    private SignedIdToken signed(String idTokenId, ResultSet rs) throws SQLException {
        LedgerEvent issued = ledger.streams(List.of(rs.getString(1))).stream()
                                   .filter(event -> idTokenId.equals(event.payload().path("idTokenId").asText()))
                                   .findFirst().orElseThrow(() -> new IllegalStateException(
                                           "id_tokens names an ID token its grant's events do not hold: " + idTokenId));
        return new SignedIdToken(issued, new SigningKey(rs.getString(2), rs.getString(3), jwk(rs.getString(4)),
                instant(rs, "activated_at"), instant(rs, "retired_at")));
    }

    private JsonNode jwk(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("signing_keys holds a public JWK that is no JSON", e);
        }
    }

    /**
     * @param issued the {@code IdTokenIssued} event: every claim it carried, and where it stands in the ledger
     * @param key    the key that signed it, as the ledger recorded it
     */
    public record SignedIdToken(LedgerEvent issued, SigningKey key) {
    }

    /** @param publicJwk its public half (RFC 7517), null if the key's row is missing */
    public record SigningKey(String kid, String algorithm, JsonNode publicJwk, Instant activatedAt,
                             Instant retiredAt) {
    }
}
