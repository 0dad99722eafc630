package io.tokenledger.app.oauth2;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.openid.connect.sdk.Nonce;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9449 §8, server-provided nonces, as {@code LEDGER_DPOP_NONCE_REQUIRED} turns them on: a proof without the
 * server's nonce is answered {@code use_dpop_nonce} with one to retry with, and nothing is recorded; the retry gets its
 * token and the next nonce.
 */
@TestPropertySource(properties = "ledger.dpop-nonce-required=true")
class DPoPNonceTest extends LedgerIntegrationTest {

    @Test
    void aProofWithoutTheServersNonceIsAnsweredWithOne_RFC9449Section8() throws Exception {
        ClientInformation service = ledger.register(adminToken(), "read");
        DefaultDPoPProofFactory proofs = new DefaultDPoPProofFactory(new ECKeyGenerator(Curve.P_256).generate(),
                JWSAlgorithm.ES256);
        long events = eventCount();

        HTTPResponse first = send(service, proofs.createDPoPJWT("POST", ledger.uri("/oauth2/token")));
        String nonce = first.getHeaderValue("DPoP-Nonce");
        HTTPResponse madeUp = send(service, proofs.createDPoPJWT("POST", ledger.uri("/oauth2/token"),
                new Nonce("made-up")));
        assertThat(eventCount()).isEqualTo(events);
        HTTPResponse retried = send(service, proofs.createDPoPJWT("POST", ledger.uri("/oauth2/token"),
                new Nonce(nonce)));

        assertThat(first.getStatusCode()).isEqualTo(400);
        assertThat(first.getBody()).contains("\"error\":\"use_dpop_nonce\"");
        assertThat(nonce).isNotBlank();
        assertThat(madeUp.getStatusCode()).isEqualTo(400);
        assertThat(madeUp.getBody()).contains("use_dpop_nonce");
        assertThat(retried.getStatusCode()).as(retried.getBody()).isEqualTo(200);
        assertThat(retried.getBody()).contains("\"token_type\":\"DPoP\"");
        assertThat(retried.getHeaderValue("DPoP-Nonce")).isNotBlank();
    }

    private HTTPResponse send(ClientInformation client, SignedJWT proof) throws IOException {
        HTTPRequest request = new TokenRequest.Builder(ledger.uri("/oauth2/token"), LedgerClient.basic(client),
                new ClientCredentialsGrant()).build().toHTTPRequest();
        request.setDPoP(proof);
        return request.send();
    }
}
