package io.tokenledger.command.grant;

import java.time.Duration;

/**
 * Server settings the grant aggregate decides with, injected into its command handlers.
 *
 * @param refreshRetryWindow how long after a rotation the retired refresh token may be presented again, by a
 *                           client that lost the response, before that counts as reuse
 */
public record GrantPolicy(Duration refreshRetryWindow) {
}
