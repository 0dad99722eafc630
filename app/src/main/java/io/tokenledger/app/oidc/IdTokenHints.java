package io.tokenledger.app.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import io.tokenledger.app.key.PublishedKeys;
import io.tokenledger.app.oauth2.IssuerResolver;
import org.springframework.stereotype.Component;

import java.text.ParseException;
import java.util.Optional;

/**
 * An {@code id_token_hint} (OpenID Connect Core §3.1.2.1, RP-Initiated Logout 1.0 §2): an ID token this server
 * signed, with one of the keys {@code /oauth2/jwks} publishes, for this issuer. An expired one still names its user
 * and session, as both specifications allow, so {@code exp} is not checked.
 */
@Component
public class IdTokenHints {

    /** ID tokens are signed as plain JWTs; an access token ({@code at+jwt}) is no hint. */
    private static final DefaultJOSEObjectTypeVerifier<SecurityContext> ID_TOKEN =
            new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null);

    private final PublishedKeys keys;
    private final IssuerResolver issuer;

    public IdTokenHints(PublishedKeys keys, IssuerResolver issuer) {
        this.keys = keys;
        this.issuer = issuer;
    }

    /** The hint's claims; empty when it is not an ID token this server issued. */
    public Optional<JWTClaimsSet> verify(String hint) {
        String expected = issuer.issuer();
        try {
            return Optional.of(keys.verify(hint, ID_TOKEN, (claims, context) -> {
                if (!expected.equals(claims.getIssuer()) || claims.getAudience().isEmpty()
                        || claims.getSubject() == null) {
                    throw new BadJWTException("not an ID token of this issuer");
                }
            }));
        } catch (ParseException | BadJOSEException | JOSEException e) {
            return Optional.empty();
        }
    }
}
