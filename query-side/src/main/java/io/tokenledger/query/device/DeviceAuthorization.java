package io.tokenledger.query.device;

import java.time.Instant;
import java.util.List;

/**
 * A device's request (RFC 8628) as {@code device_authorizations} knows it.
 *
 * @param userId       who decided on it; null while pending
 * @param userDisabled whether that user has since been disabled
 */
public record DeviceAuthorization(String grantId, String clientId, String clientName, List<String> scopes,
                                  Status status, Instant expiresAt, String userId, boolean userDisabled) {

    public enum Status { PENDING, APPROVED, DENIED, EXPIRED, REDEEMED }

    public boolean pendingAt(Instant now) {
        return status == Status.PENDING && now.isBefore(expiresAt);
    }
}
