package io.tokenledger.app.oidc;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The OpenID Connect settings.
 *
 * @param idTokenTtl how long an ID token is valid ({@code LEDGER_ID_TOKEN_TTL}): the relying party reads it at
 *                   sign-in, so it need not live as long as the access token
 */
@ConfigurationProperties("ledger")
public record OidcProperties(Duration idTokenTtl) {
}
