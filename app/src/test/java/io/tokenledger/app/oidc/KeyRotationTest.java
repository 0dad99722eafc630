package io.tokenledger.app.oidc;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.tokenledger.app.key.KeyRotation;
import io.tokenledger.app.support.Concurrently;
import io.tokenledger.app.support.OpenIdTestBase;
import io.tokenledger.events.Actor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Signing-key rotation seen by a relying party that validates ID tokens against {@code /oauth2/jwks}: what a retired
 * key signed validates during the overlap and not after it, while the ledger still says which key signed it.
 */
class KeyRotationTest extends OpenIdTestBase {

    private static final Actor SCHEDULE = Actor.system("signing-keys");

    @Autowired
    private KeyRotation rotation;

    @Test
    void anIdTokenSignedBeforeARotationValidatesDuringTheOverlapAndNotAfter() throws Exception {
        OIDCTokens before = relyingParty.signIn(USER, PASSWORD, "openid", null);
        String oldKid = ((SignedJWT) before.getIDToken()).getHeader().getKeyID();

        assertThat(ledger.manage(adminToken(), "POST", "/admin/keys/rotate", null).statusCode()).isEqualTo(200);
        OIDCTokens after = relyingParty.signIn(USER, PASSWORD, "openid", null);

        assertThat(((SignedJWT) after.getIDToken()).getHeader().getKeyID()).isNotEqualTo(oldKid);
        assertThat(relyingParty.validate(after.getIDToken(), null)).isNotNull();
        assertThat(relyingParty.validate(before.getIDToken(), null)).as("during the overlap").isNotNull();

        // The overlap is over: the key retired longer ago than LEDGER_SIGNING_KEYS_PUBLISHED_AFTER_RETIREMENT.
        jdbc.update("UPDATE signing_keys SET retired_at = retired_at - interval '2 days' WHERE kid = ?", oldKid);

        assertThatThrownBy(() -> relyingParty.validate(before.getIDToken(), null))
                .isInstanceOf(BadJOSEException.class);
        JWK recorded = JWK.parse(jdbc.queryForObject("SELECT public_jwk::text FROM signing_keys WHERE kid = ?",
                String.class, oldKid));
        assertThat(((SignedJWT) before.getIDToken()).verify(new RSASSAVerifier(recorded.toRSAKey())))
                .as("the ledger still holds the public half of the key that signed it").isTrue();
    }

    @Test
    void aKeyIsReplacedOnceItHasSignedForTheRotationIntervalAndOnlyThen() {
        assertThat(rotation.rotateIfDue(SCHEDULE)).as("a key that has signed for a moment").isEmpty();
        String old = activeKid();
        jdbc.update("UPDATE signing_keys SET activated_at = activated_at - interval '91 days' WHERE kid = ?", old);

        Optional<KeyRotation.Rotated> rotated = rotation.rotateIfDue(SCHEDULE);

        assertThat(rotated).hasValueSatisfying(r -> assertThat(r.retired()).containsExactly(old));
        assertThat(activeKid()).isEqualTo(rotated.get().kid());
        assertThat(jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb -> 'actor' ->> 'id' FROM domain_event_entry
                WHERE payload_type = 'io.tokenledger.events.key.SigningKeyRetired' AND aggregate_identifier = ?""",
                String.class, old)).isEqualTo("signing-keys");
        assertThat(rotation.rotateIfDue(SCHEDULE)).isEmpty();
    }

    /** Two nodes finding the key due at once take turns on an advisory lock: one new key, not two. */
    @Test
    void nodesThatFindTheKeyDueAtOnceMakeOneNewKey() throws Exception {
        jdbc.update("UPDATE signing_keys SET activated_at = activated_at - interval '91 days' "
                + "WHERE retired_at IS NULL");
        Callable<Optional<KeyRotation.Rotated>> check = () -> rotation.rotateIfDue(SCHEDULE);

        List<Optional<KeyRotation.Rotated>> results = Concurrently.all(List.of(check, check, check));

        assertThat(results.stream().filter(Optional::isPresent).count()).isOne();
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM signing_keys WHERE activated_at IS NOT NULL AND retired_at IS NULL""",
                Long.class)).isOne();
    }

    private String activeKid() {
        return jdbc.queryForObject("SELECT kid FROM signing_keys WHERE retired_at IS NULL", String.class);
    }
}
