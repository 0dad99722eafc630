package io.tokenledger.events.logout;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Record one delivery attempt: the logout token signed by {@code keyId}, issued at {@code attemptedAt}, and what the
 * client answered. Answers whether anything was recorded ({@code false}: the logout was delivered or abandoned).
 *
 * @param status    the HTTP status the client answered, or null when it answered nothing (see {@code error})
 * @param error     why the attempt failed without a status (timeout, refused connection), or null
 * @param retryAt   when to try again if this attempt failed; null to give up (not read when it was delivered)
 */
public record RecordBackchannelLogoutAttempt(@TargetAggregateIdentifier String logoutId, String keyId,
                                             Integer status, String error, Instant attemptedAt, Instant retryAt) {

    public boolean delivered() {
        return status != null && status >= 200 && status < 300;
    }
}
