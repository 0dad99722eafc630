package io.tokenledger.app.grant;

import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.tokenledger.app.support.CodeFlowTestBase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshRulesTest extends CodeFlowTestBase {

    @Test
    void refreshReuseRevokesTheFamily_RFC9700Section4_14_2() throws InterruptedException {
        Tokens first = tokens(new CodeVerifier());
        Tokens second = success(client.refresh(first.getRefreshToken(), null));
        Tokens third = success(client.refresh(second.getRefreshToken(), null));

        assertThat(error(client.refresh(first.getRefreshToken(), null))).isEqualTo("invalid_grant");

        assertThat(active(third.getAccessToken().getValue())).isFalse();
        assertThat(active(third.getRefreshToken().getValue())).isFalse();
        assertThat(error(client.refresh(third.getRefreshToken(), null))).isEqualTo("invalid_grant");
    }

    @Test
    void scopeMayNarrowButNeverWiden_RFC6749Section6() {
        Tokens first = tokens(new CodeVerifier());

        assertThat(error(client.refresh(first.getRefreshToken(), "read write admin"))).isEqualTo("invalid_scope");
        Tokens narrowed = success(client.refresh(first.getRefreshToken(), "read"));
        assertThat(ledger.introspect(webAppAuth, narrowed.getAccessToken().getValue()).getScope().toStringList())
                .containsExactly("read");
        Tokens wideAgain = success(client.refresh(narrowed.getRefreshToken(), "read write"));
        assertThat(ledger.introspect(webAppAuth, wideAgain.getAccessToken().getValue()).getScope().toStringList())
                .as("up to what the user originally granted").containsExactly("read", "write");
    }

    @Test
    void aClientThatLostTheRefreshResponseRetriesWithinTheWindow() {
        Tokens first = tokens(new CodeVerifier());
        Tokens lost = success(client.refresh(first.getRefreshToken(), null));

        Tokens retried = success(client.refresh(first.getRefreshToken(), null));

        assertThat(active(retried.getAccessToken().getValue())).isTrue();
        assertThat(active(lost.getAccessToken().getValue())).as("the unused successor is superseded").isFalse();
        assertThat(success(client.refresh(retried.getRefreshToken(), null))).isNotNull();
    }

    @Test
    void concurrentRefreshesOfOneRefreshTokenLeaveOneLiveChain() throws Exception {
        Tokens first = tokens(new CodeVerifier());
        List<Callable<TokenResponse>> refreshes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            refreshes.add(() -> client.refresh(first.getRefreshToken(), null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Tokens> issued = new ArrayList<>();
        try {
            for (Future<TokenResponse> response : pool.invokeAll(refreshes)) {
                if (response.get().indicatesSuccess()) {
                    issued.add(success(response.get()));
                }
            }
        } finally {
            pool.shutdown();
        }

        assertThat(issued).isNotEmpty();
        assertThat(issued.stream().filter(t -> active(t.getRefreshToken().getValue())))
                .as("every retry supersedes the one before: exactly one refresh token stays live").hasSize(1);
    }

    @Test
    void anotherClientCannotUseTheRefreshToken() {
        Tokens first = tokens(new CodeVerifier());
        var other = ledger.registerCodeClient(adminToken(), "read write");
        var otherClient = new io.tokenledger.app.support.CodeFlowClient(ledger, other,
                io.tokenledger.app.support.LedgerClient.basic(other));

        assertThat(error(otherClient.refresh(first.getRefreshToken(), null))).isEqualTo("invalid_grant");
        assertThat(active(first.getRefreshToken().getValue())).isTrue();
    }
}
