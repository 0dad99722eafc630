package io.tokenledger.projections.key;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenledger.events.key.SigningKeyActivated;
import io.tokenledger.events.key.SigningKeyGenerated;
import io.tokenledger.events.key.SigningKeyRetired;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;

import static io.tokenledger.projections.Sql.timestamp;

/** Keeps {@code signing_keys} in step with the ledger, in the command's transaction: what signs is what it says. */
@Component
@ProcessingGroup(SigningKeyProjection.NAME)
public class SigningKeyProjection {

    public static final String NAME = "signing_keys";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    public SigningKeyProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(SigningKeyGenerated e) {
        jdbc.update("""
                INSERT INTO signing_keys (kid, algorithm, public_jwk, generated_at) VALUES (?, ?, ?::jsonb, ?)
                ON CONFLICT (kid) DO NOTHING""", e.kid(), e.algorithm(), json(e), timestamp(e.generatedAt()));
    }

    @EventHandler
    public void on(SigningKeyActivated e) {
        jdbc.update("UPDATE signing_keys SET activated_at = ? WHERE kid = ?", timestamp(e.activatedAt()), e.kid());
    }

    @EventHandler
    public void on(SigningKeyRetired e) {
        jdbc.update("UPDATE signing_keys SET retired_at = ? WHERE kid = ?", timestamp(e.retiredAt()), e.kid());
    }

    private static String json(SigningKeyGenerated e) {
        try {
            return JSON.writeValueAsString(e.publicJwk());
        } catch (JsonProcessingException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
