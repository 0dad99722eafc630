package io.tokenledger.app.authorize;

import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowClient;
import io.tokenledger.app.support.CodeFlowTestBase;
import io.tokenledger.app.support.LedgerClient;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 9126 §5: a server that requires pushed requests of every client says so, and refuses any other. */
@TestPropertySource(properties = "ledger.require-pushed-authorization-requests=true")
class PushedAuthorizationRequiredTest extends CodeFlowTestBase {

    @Test
    void everyClientMustPushItsRequestsAndTheMetadataSaysSo_RFC9126Section5() throws Exception {
        HttpResponse<String> direct = new Browser().get(client.authorizationRequest("read", new CodeVerifier(),
                new State()));
        HttpResponse<String> pushed = ledger.form("/oauth2/par", "response_type=code&redirect_uri="
                + CodeFlowClient.REDIRECT_URI + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                + "&code_challenge_method=S256&scope=read", "Authorization", LedgerClient.basicHeader(webApp));

        assertThat(CodeFlowClient.parse(direct).toErrorResponse().getErrorObject().getCode())
                .isEqualTo("invalid_request");
        assertThat(pushed.statusCode()).isEqualTo(201);
        assertThat(AuthorizationServerMetadata.resolve(new Issuer(client.issuer()))
                                              .requiresPushedAuthorizationRequests()).isTrue();
    }
}
