package io.tokenledger.app.key;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.tokenledger.app.support.LedgerIntegrationTest;
import io.tokenledger.events.key.ActivateSigningKey;
import io.tokenledger.events.key.GenerateSigningKey;
import io.tokenledger.events.key.RetireSigningKey;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The keys that will sign ID tokens: their public halves in the ledger and in /oauth2/jwks, over real HTTP. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SigningKeysTest extends LedgerIntegrationTest {

    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    private SigningKeyStore store;

    @Autowired
    private CommandGateway commands;

    @Test
    @Order(1)
    void theFirstStartMakesOneKeyWhosePrivateHalfNeverReachesTheDatabase(@Autowired SigningKeyBootstrap bootstrap)
            throws Exception {
        bootstrap.run(null);   // a second start finds the active key and makes none

        String kid = jdbc.queryForObject("SELECT kid FROM signing_keys", String.class);
        JWKSet published = JWKSet.parse(jwks());
        assertThat(published.getKeys()).singleElement().satisfies(key -> {
            assertThat(key.getKeyID()).isEqualTo(kid);
            assertThat(key.getAlgorithm().getName()).isEqualTo("RS256");
            assertThat(key.isPrivate()).isFalse();
        });
        Path file = store.directory().resolve(kid + ".jwk");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        JWK stored = store.privateKey(kid).orElseThrow();
        assertThat(stored.isPrivate()).isTrue();
        assertThat(stored.toPublicJWK()).isEqualTo(published.getKeys().get(0));
        assertThat(jdbc.queryForList("""
                SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                String.class, kid)).containsExactly("io.tokenledger.events.key.SigningKeyGenerated",
                "io.tokenledger.events.key.SigningKeyActivated");
        String privateExponent = stored.toJSONObject().get("d").toString();
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE convert_from(payload, 'UTF8') LIKE ?""", Long.class,
                "%" + privateExponent + "%")).as("the private key in no event").isZero();
        assertThat(jdbc.queryForObject("SELECT public_jwk::text FROM signing_keys", String.class))
                .doesNotContain(privateExponent);
    }

    @Test
    @Order(2)
    void metadataNamesTheJwksUri() throws Exception {
        JsonNode metadata = json.readTree(ledger.raw(HttpRequest.newBuilder(
                ledger.uri("/.well-known/oauth-authorization-server"))).body());
        assertThat(metadata.get("jwks_uri").asText()).isEqualTo(metadata.get("issuer").asText() + "/oauth2/jwks");
    }

    /** A relying party's cache must still find a retired key while what it signed may be in use, and not after. */
    @Test
    @Order(3)
    void aRetiredKeyStaysPublishedForTheOverlapAndNotAfter() throws Exception {
        String first = jdbc.queryForObject("SELECT kid FROM signing_keys", String.class);
        String second = newActiveKey("ES256");
        String third = newActiveKey("ES256");
        Instant now = Instant.now();
        commands.sendAndWait(new RetireSigningKey(first, now, SigningKeyBootstrap.ACTOR));
        commands.sendAndWait(new RetireSigningKey(third, now.minus(Duration.ofDays(2)), SigningKeyBootstrap.ACTOR));

        List<String> kids = JWKSet.parse(jwks()).getKeys().stream().map(JWK::getKeyID).toList();

        assertThat(kids).containsExactlyInAnyOrder(first, second);
        assertThat(jdbc.queryForObject("""
                SELECT kid FROM signing_keys WHERE activated_at IS NOT NULL AND retired_at IS NULL""", String.class))
                .isEqualTo(second);
    }

    /** Rotation by the admin API: a new key signs, the old one is retired and still published for the overlap. */
    @Test
    @Order(4)
    void anAdministratorRotatesTheKeysAndTheOldOneStaysPublished() throws Exception {
        List<String> before = jdbc.queryForList("""
                SELECT kid FROM signing_keys WHERE activated_at IS NOT NULL AND retired_at IS NULL""", String.class);

        var rotated = ledger.manage(adminToken(), "POST", "/admin/keys/rotate", null);

        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        JsonNode body = json.readTree(rotated.body());
        String kid = body.get("kid").asText();
        assertThat(json.convertValue(body.get("retired"), List.class)).containsExactlyInAnyOrderElementsOf(before);
        assertThat(jdbc.queryForList("""
                SELECT kid FROM signing_keys WHERE activated_at IS NOT NULL AND retired_at IS NULL""", String.class))
                .containsExactly(kid);
        assertThat(JWKSet.parse(jwks()).getKeys().stream().map(JWK::getKeyID).toList()).contains(kid)
                                                                                   .containsAll(before);
        assertThat(store.privateKey(kid)).isPresent();
        JsonNode listed = json.readTree(ledger.manage(adminToken(), "GET", "/admin/keys", null).body());
        assertThat(listed.get(0).get("kid").asText()).as("newest first").isEqualTo(kid);
        assertThat(listed.findValuesAsText("kid")).containsAll(before);
        assertThat(listed.get(1).get("retired_at").isNull()).isFalse();
        assertThat(listed.toString()).doesNotContain("\"d\"").doesNotContain("public_jwk");
        String actor = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'actor' FROM domain_event_entry
                WHERE payload_type LIKE '%SigningKeyRetired' AND aggregate_identifier = ?""", String.class,
                before.get(0));
        assertThat(json.readTree(actor).get("kind").asText()).isEqualTo("admin");
    }

    private String newActiveKey(String algorithm) {
        JWK key = store.generate(algorithm);
        Instant now = Instant.now();
        commands.sendAndWait(new GenerateSigningKey(key.getKeyID(), algorithm,
                KeyRotation.publicMembers(key), now, SigningKeyBootstrap.ACTOR));
        commands.sendAndWait(new ActivateSigningKey(key.getKeyID(), now, SigningKeyBootstrap.ACTOR));
        return key.getKeyID();
    }

    private String jwks() {
        var response = ledger.raw(HttpRequest.newBuilder(ledger.uri("/oauth2/jwks")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(
                value -> assertThat(value).contains("max-age=300"));
        return response.body();
    }
}
