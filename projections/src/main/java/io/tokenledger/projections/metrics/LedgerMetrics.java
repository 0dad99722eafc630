package io.tokenledger.projections.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tokenledger.events.grant.AuthorizationCodeIssued;
import io.tokenledger.events.grant.AuthorizationCodeRedeemed;
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

/**
 * Business counters, counted from the events on the node that appended them, and only once their transaction
 * committed: a rolled-back change is not counted. Prometheus sums the nodes.
 */
@Component
@ProcessingGroup(LedgerMetrics.NAME)
public class LedgerMetrics {

    public static final String NAME = "metrics";

    private final MeterRegistry registry;

    public LedgerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @EventHandler
    void on(TokenIssued e) {
        issued(e.grantType());
    }

    @EventHandler
    void on(AuthorizationCodeRedeemed e) {
        issued("authorization_code");
        count(registry.counter("ledger.codes.redeemed"), 1);
    }

    @EventHandler
    void on(RefreshTokenRotated e) {
        issued("refresh_token");
        if (e.supersededTokenId() != null) {
            revoked(RevocationReason.SUPERSEDED, 1);
        }
    }

    @EventHandler
    void on(TokenRevoked e) {
        revoked(e.reason(), 1);
    }

    /** Counts the tokens the grant's end revoked. */
    @EventHandler
    void on(GrantRevoked e) {
        revoked(e.reason(), e.tokenIds().size());
    }

    @EventHandler
    void on(AuthorizationCodeIssued e) {
        count(registry.counter("ledger.codes.issued"), 1);
    }

    @EventHandler
    void on(AuthorizationCodeReplayed e) {
        count(registry.counter("ledger.codes.replayed"), 1);
    }

    @EventHandler
    void on(RefreshTokenReused e) {
        count(registry.counter("ledger.refresh.reuse.detected"), 1);
    }

    @EventHandler
    void on(ClientAuthenticationFailed e) {
        count(registry.counter("ledger.client.authentication.failures", "reason", e.reason()), 1);
    }

    @EventHandler
    void on(UserSignInFailed e) {
        count(registry.counter("ledger.user.signin.failures", "throttled", String.valueOf(e.throttled())), 1);
    }

    private void issued(String grantType) {
        count(registry.counter("ledger.tokens.issued", "grant_type", grantType), 1);
    }

    private void revoked(RevocationReason reason, int tokens) {
        count(registry.counter("ledger.tokens.revoked", "reason", reason.name()), tokens);
    }

    private static void count(Counter counter, int amount) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> counter.increment(amount));
        } else {
            counter.increment(amount);
        }
    }
}
