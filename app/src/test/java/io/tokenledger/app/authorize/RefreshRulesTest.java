package io.tokenledger.app.authorize;

import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowClient;
import io.tokenledger.app.support.CodeFlowTestBase;
import io.tokenledger.app.support.Concurrently;
import io.tokenledger.app.support.LedgerClient;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
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

    /** RFC 7009 §2.2: a token already invalid is answered 200 and changes nothing; the grant's live chain goes on. */
    @Test
    void revokingASupersededTokenLeavesItsGrantLive_RFC7009Section2_2() {
        Tokens first = tokens(new CodeVerifier());
        Tokens lost = success(client.refresh(first.getRefreshToken(), null));
        Tokens retried = success(client.refresh(first.getRefreshToken(), null));

        ledger.revoke(webAppAuth, lost.getAccessToken().getValue());

        assertThat(active(retried.getAccessToken().getValue())).isTrue();
        ledger.revoke(webAppAuth, retried.getAccessToken().getValue());
        assertThat(active(retried.getAccessToken().getValue())).as("a live token of it ends the grant").isFalse();
        assertThat(error(client.refresh(retried.getRefreshToken(), null))).isEqualTo("invalid_grant");
    }

    @Test
    void fiftyConcurrentRefreshesOfOneRefreshTokenLeaveOneLiveChain_RFC9700Section4_14_2() throws Exception {
        for (int round = 0; round < 3; round++) {
            Tokens first = tokens(new CodeVerifier());
            List<Callable<TokenResponse>> refreshes = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                refreshes.add(() -> client.refresh(first.getRefreshToken(), null));
            }
            List<TokenResponse> responses = Concurrently.all(refreshes);

            assertThat(responses).filteredOn(r -> !r.indicatesSuccess())
                                 .allSatisfy(r -> assertThat(error(r)).isEqualTo("invalid_grant"));
            List<Tokens> issued = responses.stream().filter(TokenResponse::indicatesSuccess)
                                           .map(RefreshRulesTest::success).toList();
            assertThat(issued).isNotEmpty();
            assertThat(issued.stream().filter(t -> active(t.getRefreshToken().getValue())))
                    .as("every retry supersedes the one before: exactly one refresh token stays live").hasSize(1);
        }
    }

    /** RFC 7009 §2.1: whichever lands first, once the revocation is answered nothing of the grant works. */
    @Test
    void aRevocationRacingARefreshLeavesNothingOfTheGrantAlive() throws Exception {
        for (int round = 0; round < 10; round++) {
            Tokens first = tokens(new CodeVerifier());
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<TokenResponse> refresh = pool.submit(() -> {
                    together.await();
                    return client.refresh(first.getRefreshToken(), null);
                });
                Future<Integer> revoke = pool.submit(() -> {
                    together.await();
                    return ledger.revoke(webAppAuth, first.getRefreshToken().getValue()).getStatusCode();
                });
                assertThat(revoke.get()).isEqualTo(200);
                TokenResponse refreshed = refresh.get();
                if (refreshed.indicatesSuccess()) {
                    assertThat(active(success(refreshed).getAccessToken().getValue())).isFalse();
                    assertThat(active(success(refreshed).getRefreshToken().getValue())).isFalse();
                } else {
                    assertThat(error(refreshed)).isEqualTo("invalid_grant");
                }
                assertThat(active(first.getAccessToken().getValue())).isFalse();
            } finally {
                pool.shutdown();
            }
        }
    }

    /** RFC 7592 §2.3: a retired client's grants end with it, access and refresh tokens alike. */
    @Test
    void aRetiredClientsCodeFlowTokensStopWorking() {
        String admin = adminToken();
        ClientInformation doomed = ledger.registerCodeClient(admin, "read");
        CodeFlowClient doomedApp = new CodeFlowClient(ledger, doomed, LedgerClient.basic(doomed));
        CodeVerifier verifier = new CodeVerifier();
        Tokens issued = success(doomedApp.exchange(doomedApp.signIn(new Browser(), USER, PASSWORD, "read", verifier),
                verifier));

        assertThat(ledger.retire(admin, doomed)).isEqualTo(204);

        assertThat(active(issued.getAccessToken().getValue())).isFalse();
        assertThat(active(issued.getRefreshToken().getValue())).isFalse();
        assertThat(error(doomedApp.refresh(issued.getRefreshToken(), null))).isEqualTo("invalid_client");
    }

    @Test
    void anotherClientCannotUseTheRefreshToken() {
        Tokens first = tokens(new CodeVerifier());
        var other = ledger.registerCodeClient(adminToken(), "read write");
        var otherClient = new CodeFlowClient(ledger, other, LedgerClient.basic(other));

        assertThat(error(otherClient.refresh(first.getRefreshToken(), null))).isEqualTo("invalid_grant");
        assertThat(active(first.getRefreshToken().getValue())).isTrue();
    }
}
