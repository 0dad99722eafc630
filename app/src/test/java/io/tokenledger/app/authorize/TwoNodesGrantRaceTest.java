package io.tokenledger.app.authorize;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowClient;
import io.tokenledger.app.support.Concurrently;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerNodes;
import io.tokenledger.testdb.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One code, or one refresh token, presented to two nodes at once. Each node serialises the commands of one grant,
 * but across nodes only the event table's unique (aggregate, sequence) decides, so a loser must be answered as if
 * it had come second (invalid_grant, recorded as a replay), never with a conflict, and nothing may be lost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesGrantRaceTest {

    private static final String USER = "grace";
    private static final String PASSWORD = "two nodes one code";

    private TestDatabase db;
    private JdbcTemplate jdbc;
    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private final List<CodeFlowClient> clients = new ArrayList<>();
    private ClientAuthentication webAppAuth;
    private LedgerClient first;

    @BeforeAll
    void startTwoNodes() {
        db = TestDatabase.create();
        jdbc = new JdbcTemplate(db.dataSource());
        nodes.add(LedgerNodes.start(db, "all-1"));
        nodes.add(LedgerNodes.start(db, "all-2"));
        first = LedgerNodes.client(nodes.get(0));
        String admin = LedgerNodes.adminToken(first);
        first.createUser(admin, USER, PASSWORD);
        ClientInformation webApp = first.registerCodeClient(admin, "read write");
        webAppAuth = LedgerClient.basic(webApp);
        for (ConfigurableApplicationContext node : nodes) {
            clients.add(new CodeFlowClient(LedgerNodes.client(node), webApp, webAppAuth));
        }
    }

    @AfterAll
    void stopNodes() {
        nodes.forEach(ConfigurableApplicationContext::close);
    }

    /** RFC 9700 §4.2.4 across nodes: one success, every other redemption a recorded replay. */
    @Test
    void fiftyRedemptionsOfOneCodeOnTwoNodesHaveOneWinnerAndAreAllRecorded_RFC9700Section4_2_4() throws Exception {
        for (int round = 0; round < 3; round++) {
            CodeVerifier verifier = new CodeVerifier();
            AuthorizationCode code = clients.get(0).signIn(new Browser(), USER, PASSWORD, "read", verifier);
            List<TokenResponse> responses = onBothNodes(50, node -> node.exchange(code, verifier));

            assertThat(responses).filteredOn(TokenResponse::indicatesSuccess).hasSize(1);
            assertThat(responses).filteredOn(r -> !r.indicatesSuccess()).allSatisfy(r ->
                    assertThat(r.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant"));
            String grant = newestGrant();
            assertThat(eventCount(grant, "AuthorizationCodeRedeemed")).isEqualTo(1);
            assertThat(eventCount(grant, "AuthorizationCodeReplayed")).isEqualTo(49);
            assertThat(eventCount(grant, "GrantRevoked")).isEqualTo(1);
        }
    }

    /** RFC 9700 §4.14.2 across nodes: whatever the interleaving, one refresh token of the grant stays live. */
    @Test
    void refreshesOfOneRefreshTokenOnTwoNodesLeaveOneLiveChain_RFC9700Section4_14_2() throws Exception {
        for (int round = 0; round < 3; round++) {
            CodeVerifier verifier = new CodeVerifier();
            AuthorizationCode code = clients.get(0).signIn(new Browser(), USER, PASSWORD, "read", verifier);
            Tokens start = ((AccessTokenResponse) clients.get(1).exchange(code, verifier)).getTokens();
            List<TokenResponse> responses = onBothNodes(20, node -> node.refresh(start.getRefreshToken(), null));

            assertThat(responses).filteredOn(r -> !r.indicatesSuccess()).allSatisfy(r ->
                    assertThat(r.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant"));
            List<Tokens> issued = responses.stream().filter(TokenResponse::indicatesSuccess)
                                           .map(r -> ((AccessTokenResponse) r).getTokens()).toList();
            assertThat(issued).isNotEmpty();
            assertThat(issued.stream().filter(t -> first.introspect(webAppAuth, t.getRefreshToken().getValue())
                                                        .isActive())).hasSize(1);
        }
    }

    private interface Call {
        TokenResponse on(CodeFlowClient node);
    }

    private List<TokenResponse> onBothNodes(int requests, Call call) throws Exception {
        List<Callable<TokenResponse>> calls = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            CodeFlowClient node = clients.get(i % 2);
            calls.add(() -> call.on(node));
        }
        return Concurrently.all(calls);
    }

    /** The rounds run one after another, so the newest code is this round's. */
    private String newestGrant() {
        return jdbc.queryForObject("SELECT aggregate_identifier FROM domain_event_entry "
                + "WHERE payload_type LIKE '%.AuthorizationCodeIssued' ORDER BY global_index DESC LIMIT 1", String.class);
    }

    private int eventCount(String grant, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE ?", Integer.class, grant, "%." + type);
    }
}
