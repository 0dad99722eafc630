package io.tokenledger.projections.oidc;

import io.tokenledger.events.grant.IdTokenIssued;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.UUID;

import static io.tokenledger.projections.Sql.timestamp;

/** Keeps {@code id_tokens}: each ID token by its jti, and the key that signed it, for auditors and analysts. */
@Component
@ProcessingGroup(IdTokenProjection.NAME)
public class IdTokenProjection {

    public static final String NAME = "id_tokens";

    private final JdbcTemplate jdbc;

    public IdTokenProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(IdTokenIssued e) {
        String sessionId = e.authentication().sessionId();
        jdbc.update("""
                INSERT INTO id_tokens (id_token_id, grant_id, token_id, client_id, user_id, key_id, session_id,
                                       issued_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id_token_id) DO NOTHING""",
                UUID.fromString(e.idTokenId()), UUID.fromString(e.grantId()), UUID.fromString(e.tokenId()),
                e.clientId(), e.userId(), e.keyId(), sessionId == null ? null : UUID.fromString(sessionId),
                timestamp(e.issuedAt()), timestamp(e.expiresAt()));
    }
}
