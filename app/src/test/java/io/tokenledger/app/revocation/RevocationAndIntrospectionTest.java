package io.tokenledger.app.revocation;

import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class RevocationAndIntrospectionTest extends LedgerIntegrationTest {

    @Test
    void aClientCannotRevokeAnotherClientsToken_RFC7009Section2_1() {
        ClientAuthentication owner = LedgerClient.basic(ledger.register(adminToken(), "read"));
        ClientAuthentication other = LedgerClient.basic(ledger.register(adminToken(), "read"));
        String token = ledger.accessToken(owner, "read");
        long events = eventCount();

        var refused = ledger.revoke(other, token);

        assertThat(refused.getStatusCode()).isEqualTo(400);
        assertThat(refused.getBody()).contains("unauthorized_client");
        assertThat(ledger.introspect(owner, token).isActive()).isTrue();
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void revokingAnUnknownTokenAnswers200AndRecordsNothing_RFC7009Section2_2() {
        ClientAuthentication client = LedgerClient.basic(ledger.register(adminToken(), "read"));
        long events = eventCount();

        assertThat(ledger.revoke(client, "no-such-token").getStatusCode()).isEqualTo(200);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void revokingTwiceRecordsOneRevocation() {
        ClientAuthentication client = LedgerClient.basic(ledger.register(adminToken(), "read"));
        String token = ledger.accessToken(client, "read");
        String tokenId = ledger.introspect(client, token).getJWTID().getValue();

        ledger.revoke(client, token);
        ledger.revoke(client, token);

        assertThat(revocations(tokenId)).isEqualTo(1);
    }

    @Test
    void concurrentRevocationsOfOneTokenRecordExactlyOneEvent() throws Exception {
        ClientAuthentication client = LedgerClient.basic(ledger.register(adminToken(), "read"));
        for (int round = 0; round < 5; round++) {
            String token = ledger.accessToken(client, "read");
            String tokenId = ledger.introspect(client, token).getJWTID().getValue();
            List<Callable<Integer>> revocations = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                revocations.add(() -> ledger.revoke(client, token).getStatusCode());
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                for (Future<Integer> answer : pool.invokeAll(revocations)) {
                    assertThat(answer.get()).isEqualTo(200);
                }
            } finally {
                pool.shutdown();
            }
            assertThat(revocations(tokenId)).isEqualTo(1);
            assertThat(ledger.introspect(client, token).isActive()).isFalse();
        }
    }

    @Test
    void introspectionRequiresAnAuthenticatedClient_RFC7662Section2_1() {
        ClientInformation client = ledger.register(adminToken(), "read");
        String token = ledger.accessToken(LedgerClient.basic(client), "read");

        var anonymous = ledger.form("/oauth2/introspect", "token=" + token);
        var wrongSecret = ledger.form("/oauth2/introspect", "token=" + token,
                "Authorization", LedgerClient.basicHeader(client).substring(0, 20) + "AAAA");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("invalid_client").doesNotContain("active");
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
    }

    @Test
    void anInactiveAnswerSaysNothingMoreThanInactive_RFC7662Section2_2() {
        ClientInformation client = ledger.register(adminToken(), "read");

        var answer = ledger.form("/oauth2/introspect", "token=unknown-token",
                "Authorization", LedgerClient.basicHeader(client));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"active\":false}");
    }

    @Test
    void aResourceServerWithTheIntrospectionPermissionSeesTokensIssuedToOthers_RFC7662Section4() {
        ClientAuthentication issuer = LedgerClient.basic(ledger.register(adminToken(), "read"));
        ClientAuthentication resourceServer = LedgerClient.basic(ledger.register(adminToken(), "ledger:introspect"));
        String token = ledger.accessToken(issuer, "read");

        assertThat(ledger.introspect(resourceServer, token).isActive()).isTrue();
        assertThat(ledger.introspect(LedgerClient.basic(ADMIN_ID, ADMIN_SECRET), token).isActive())
                .as("the bootstrap admin has the permission").isTrue();
    }

    @Test
    void anyOtherClientLearnsNothingOfAnotherClientsToken_RFC7662Section4() {
        ClientAuthentication issuer = LedgerClient.basic(ledger.register(adminToken(), "read"));
        ClientInformation curious = ledger.register(adminToken(), "read");
        String token = ledger.accessToken(issuer, "read");

        var answer = ledger.form("/oauth2/introspect", "token=" + token, "Authorization",
                LedgerClient.basicHeader(curious));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"active\":false}");
        assertThat(ledger.introspect(issuer, token).isActive()).as("its own client still sees it").isTrue();
    }

    private long revocations(String tokenId) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%TokenRevoked'""", Long.class, tokenId);
    }
}
