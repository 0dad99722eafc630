package io.tokenledger.projections.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tokenledger.events.grant.AuthorizationCodeIssued;
import io.tokenledger.events.grant.AuthorizationCodeRedeemed;
import io.tokenledger.events.grant.DeviceCodeRedeemed;
import io.tokenledger.events.grant.AuthorizationCodeReplayed;
import io.tokenledger.events.grant.GrantRevoked;
import io.tokenledger.events.grant.RefreshTokenReused;
import io.tokenledger.events.grant.RefreshTokenRotated;
import io.tokenledger.events.security.ClientAuthenticationFailed;
import io.tokenledger.events.security.UserSignInFailed;
import io.tokenledger.events.token.RevocationReason;
import io.tokenledger.events.token.TokenIssued;
import io.tokenledger.events.token.TokenRevoked;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;

/**
 * Business counters, counted from the events on the node that appended them, and only once their transaction
 * committed: a rolled-back change is not counted. Prometheus sums the nodes. Every counter of a known kind exists
 * from start-up at 0, so that {@code rate()} and {@code increase()} see the first attack, not only the second.
 */
@Component
@ProcessingGroup(LedgerMetrics.NAME)
public class LedgerMetrics {

    public static final String NAME = "metrics";
    /** The reasons ClientAuthenticator records, one counter each from start-up. */
    private static final List<String> CLIENT_AUTHENTICATION_FAILURES = List.of("unknown_client", "wrong_secret",
            "retired_client", "wrong_method", "not_a_public_client");
    private static final List<String> GRANT_TYPES = List.of("client_credentials", "authorization_code",
            "refresh_token");

    private final MeterRegistry registry;
    private final Counter codesIssued;
    private final Counter codesRedeemed;
    private final Counter codesReplayed;
    private final Counter refreshReuse;

    public LedgerMetrics(MeterRegistry registry) {
        this.registry = registry;
        codesIssued = counter("ledger.codes.issued", "authorization codes issued");
        codesRedeemed = counter("ledger.codes.redeemed", "authorization codes redeemed");
        codesReplayed = counter("ledger.codes.replayed",
                "authorization codes presented again after redemption; each revokes its grant");
        refreshReuse = counter("ledger.refresh.reuse.detected",
                "retired refresh tokens presented again; each revokes its grant");
        GRANT_TYPES.forEach(this::issuedCounter);
        Arrays.stream(RevocationReason.values()).forEach(this::revokedCounter);
        CLIENT_AUTHENTICATION_FAILURES.forEach(this::clientAuthenticationFailures);
        List.of(false, true).forEach(throttled -> signInFailures(registry, throttled));
    }

    @EventHandler
    void on(TokenIssued e) {
        count(issuedCounter(e.grantType()), 1);
    }

    @EventHandler
    void on(AuthorizationCodeRedeemed e) {
        count(issuedCounter("authorization_code"), 1);
        count(codesRedeemed, 1);
    }

    @EventHandler
    void on(DeviceCodeRedeemed e) {
        count(issuedCounter(DeviceCodeRedeemed.GRANT_TYPE), 1);
    }

    @EventHandler
    void on(RefreshTokenRotated e) {
        count(issuedCounter("refresh_token"), 1);
        if (e.supersededTokenId() != null) {
            count(revokedCounter(RevocationReason.SUPERSEDED), 1);
        }
    }

    @EventHandler
    void on(TokenRevoked e) {
        count(revokedCounter(e.reason()), 1);
    }

    /** Counts the tokens the grant's end revoked. */
    @EventHandler
    void on(GrantRevoked e) {
        count(revokedCounter(e.reason()), e.tokenIds().size());
    }

    @EventHandler
    void on(AuthorizationCodeIssued e) {
        count(codesIssued, 1);
    }

    @EventHandler
    void on(AuthorizationCodeReplayed e) {
        count(codesReplayed, 1);
    }

    @EventHandler
    void on(RefreshTokenReused e) {
        count(refreshReuse, 1);
    }

    @EventHandler
    void on(ClientAuthenticationFailed e) {
        count(clientAuthenticationFailures(e.reason()), 1);
    }

    @EventHandler
    void on(UserSignInFailed e) {
        count(signInFailures(registry, e.throttled()), 1);
    }

    private Counter issuedCounter(String grantType) {
        return Counter.builder("ledger.tokens.issued").description("tokens issued, by grant type")
                      .tag("grant_type", grantType).register(registry);
    }

    private Counter revokedCounter(RevocationReason reason) {
        return Counter.builder("ledger.tokens.revoked").description("tokens revoked, by reason")
                      .tag("reason", reason.name()).register(registry);
    }

    private Counter clientAuthenticationFailures(String reason) {
        return Counter.builder("ledger.client.authentication.failures")
                      .description("failed client authentications recorded in the ledger, by reason")
                      .tag("reason", reason).register(registry);
    }

    /** The throttled ones are counted where they are refused, since the ledger does not record them. */
    public static Counter signInFailures(MeterRegistry registry, boolean throttled) {
        return Counter.builder("ledger.user.signin.failures")
                      .description("failed sign-ins; throttled: refused while slowed down, not recorded")
                      .tag("throttled", String.valueOf(throttled)).register(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    private static void count(Counter counter, int amount) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> counter.increment(amount));
        } else {
            counter.increment(amount);
        }
    }
}
