package io.tokenledger.app.registration;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.app.oauth2.ResourceIndicators;
import io.tokenledger.events.client.TokenExchangePolicy;

import java.util.List;

/**
 * A client's token exchange metadata (RFC 8693; the fields are this server's, RFC 7591 §2 allows extensions):
 * {@code token_exchange_audiences}, the absolute URIs it may exchange a token for, and
 * {@code token_exchange_revoked_with_subject}, whether what it obtains dies with the token it came from.
 */
final class TokenExchangeMetadata {

    static final String AUDIENCES = "token_exchange_audiences";
    static final String REVOKED_WITH_SUBJECT = "token_exchange_revoked_with_subject";

    private TokenExchangeMetadata() {
    }

    static TokenExchangePolicy policy(ClientMetadata metadata, List<String> grants) {
        TokenExchangePolicy policy = new TokenExchangePolicy(audiences(metadata.getCustomField(AUDIENCES)),
                revokedWithSubject(metadata.getCustomField(REVOKED_WITH_SUBJECT)));
        if (!policy.unset() && !grants.contains(GrantType.TOKEN_EXCHANGE.getValue())) {
            throw ClientMetadataPolicy.invalid(AUDIENCES + " and " + REVOKED_WITH_SUBJECT + " need the grant type "
                    + GrantType.TOKEN_EXCHANGE.getValue());
        }
        return policy;
    }

    static void describe(TokenExchangePolicy policy, ClientMetadata metadata) {
        if (!policy.unset()) {
            metadata.setCustomField(AUDIENCES, policy.audiences());
            metadata.setCustomField(REVOKED_WITH_SUBJECT, policy.revokedWithSubject());
        }
    }

    /** The same rule as a token request's {@code resource} (RFC 8707 §2), which they are compared with. */
    private static List<String> audiences(Object field) {
        if (field == null) {
            return List.of();
        }
        if (!(field instanceof List<?> values) || !values.stream().allMatch(String.class::isInstance)) {
            throw ClientMetadataPolicy.invalid(AUDIENCES + " must be a list of absolute URIs");
        }
        try {
            return ResourceIndicators.of(values.toArray(String[]::new));
        } catch (OAuth2Exception e) {
            throw ClientMetadataPolicy.invalid(AUDIENCES + ": " + e.error().getDescription());
        }
    }

    private static boolean revokedWithSubject(Object field) {
        if (field != null && !(field instanceof Boolean)) {
            throw ClientMetadataPolicy.invalid(REVOKED_WITH_SUBJECT + " must be true or false");
        }
        return Boolean.TRUE.equals(field);
    }
}
