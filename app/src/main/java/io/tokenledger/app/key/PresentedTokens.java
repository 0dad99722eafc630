package io.tokenledger.app.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.events.token.AccessTokenKey;
import org.springframework.stereotype.Component;

import java.text.ParseException;

/**
 * What a presented token is looked up by ({@link AccessTokenKey}): the SHA-256 of its value, or, for a JWT access
 * token (RFC 9068) signed by a key this server publishes, its {@code jti}. A JWT that is not one of ours (another key,
 * a bad signature, another {@code typ}, an ID token) is looked up by its hash, which finds nothing. Its {@code exp} is
 * not checked here: the ledger's row says whether the token is active, as for an opaque token.
 */
@Component
public class PresentedTokens {

    /** RFC 9068 §2.1: the {@code typ} that tells an access token from an ID token. */
    public static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");
    private static final DefaultJOSEObjectTypeVerifier<SecurityContext> ACCESS_TOKEN =
            new DefaultJOSEObjectTypeVerifier<>(AT_JWT);

    private final PublishedKeys keys;

    public PresentedTokens(PublishedKeys keys) {
        this.keys = keys;
    }

    public String key(String presented) {
        if (presented == null) {
            return null;
        }
        if (jwtShaped(presented)) {
            try {
                JWTClaimsSet claims = keys.verify(presented, ACCESS_TOKEN, (set, context) -> {
                    if (set.getJWTID() == null) {
                        throw new BadJWTException("no jti");
                    }
                });
                return AccessTokenKey.ofJwt(claims.getJWTID());
            } catch (ParseException | BadJOSEException | JOSEException e) {
                return Secrets.sha256(presented);
            }
        }
        return Secrets.sha256(presented);
    }

    /** JWS compact serialisation has two dots; this server's opaque values (base64url) have none. */
    private static boolean jwtShaped(String value) {
        int first = value.indexOf('.');
        return first > 0 && value.indexOf('.', first + 1) > first + 1;
    }
}
