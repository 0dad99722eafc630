package io.tokenledger.app.registration;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import io.tokenledger.app.oauth2.OAuth2Exception;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registration rules alone, without a server: what RFC 7591 §2 lets a client ask for here. */
class ClientMetadataPolicyTest {

    @Test
    void anEmptyRegistrationGetsTheRfc7591Defaults_RFC7591Section2() {
        ClientMetadata metadata = new ClientMetadata();
        metadata.setRedirectionURI(URI.create("https://app.example/cb"));

        ClientMetadataPolicy.ValidMetadata valid = ClientMetadataPolicy.validate(metadata, "c-1");

        assertThat(valid.grantTypes()).containsExactly("authorization_code");
        assertThat(valid.tokenEndpointAuthMethod()).isEqualTo("client_secret_basic");
        assertThat(valid.name()).as("the client id when no name is given").isEqualTo("c-1");
        assertThat(valid.scopes()).isEmpty();
    }

    @Test
    void scopesAreKeptOnceAndInOrder() {
        ClientMetadata metadata = serviceClient();
        metadata.setScope(Scope.parse("write read write"));

        assertThat(ClientMetadataPolicy.validate(metadata, "c-1").scopes()).containsExactly("read", "write");
    }

    @Test
    void aScopeOutsideTheRfc6749AlphabetIsRefused_RFC6749Section3_3() {
        ClientMetadata metadata = serviceClient();
        metadata.setScope(new Scope("read\"quoted"));

        assertRefused(metadata, "invalid_client_metadata");
    }

    @Test
    void anUnsupportedGrantTypeIsRefused() {
        ClientMetadata metadata = serviceClient();
        metadata.setGrantTypes(Set.of(GrantType.PASSWORD));

        assertRefused(metadata, "invalid_client_metadata");
    }

    @Test
    void theCodeFlowNeedsARedirectUri() {
        ClientMetadata metadata = new ClientMetadata();
        metadata.setGrantTypes(Set.of(GrantType.AUTHORIZATION_CODE));

        assertRefused(metadata, "invalid_redirect_uri");
    }

    @Test
    void refreshTokensComeOnlyWithTheCodeFlow() {
        ClientMetadata metadata = serviceClient();
        metadata.setGrantTypes(Set.of(GrantType.CLIENT_CREDENTIALS, GrantType.REFRESH_TOKEN));

        assertRefused(metadata, "invalid_client_metadata");
    }

    @Test
    void aPublicClientMayNotUseClientCredentials_RFC6749Section2_1() {
        ClientMetadata metadata = serviceClient();
        metadata.setTokenEndpointAuthMethod(ClientAuthenticationMethod.NONE);

        assertRefused(metadata, "invalid_client_metadata");
    }

    @Test
    void responseTypesOtherThanCodeAreRefused_RFC7591Section2_1() {
        ClientMetadata metadata = codeClient("https://app.example/cb");
        metadata.setResponseTypes(Set.of(ResponseType.TOKEN));

        assertRefused(metadata, "invalid_client_metadata");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://app.example/cb", "/relative",
            "http://localhost/cb", "https://user@app.example/cb", "https://*.example/cb"})
    void redirectUrisMustBeAbsoluteHttpsWithAHostAndNoUser_RFC9700Section2_6(String uri) {
        assertRefused(codeClient(uri), "invalid_redirect_uri");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/cb", "http://[::1]/cb", "https://app.example:8443/cb"})
    void loopbackHttpAndHttpsRedirectUrisAreAccepted_RFC8252Section7_3(String uri) {
        assertThat(ClientMetadataPolicy.validate(codeClient(uri), "c-1").redirectUris()).containsExactly(uri);
    }

    @Test
    void redirectUriTextOutsideRfc3986IsRefusedBeforeNimbusParsesIt() {
        assertThatThrownBy(() -> ClientMetadataPolicy.checkRedirectUriText(
                Map.of("redirect_uris", List.of("https://app.example/a b"))))
                .isInstanceOfSatisfying(OAuth2Exception.class,
                        e -> assertThat(e.error().getCode()).isEqualTo("invalid_redirect_uri"));
    }

    @Test
    void aValidRegistrationReadsBackAsTheMetadataItWasGiven() {
        ClientMetadataPolicy.ValidMetadata valid = ClientMetadataPolicy.validate(codeClient("https://app.example/cb"),
                "c-1");

        ClientMetadata back = valid.toClientMetadata();

        assertThat(back.getResponseTypes()).containsExactly(ResponseType.CODE);
        assertThat(ClientMetadataPolicy.validate(back, "c-1")).isEqualTo(valid);
    }

    private static ClientMetadata serviceClient() {
        ClientMetadata metadata = new ClientMetadata();
        metadata.setGrantTypes(Set.of(GrantType.CLIENT_CREDENTIALS));
        return metadata;
    }

    private static ClientMetadata codeClient(String redirectUri) {
        ClientMetadata metadata = new ClientMetadata();
        metadata.setGrantTypes(Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN));
        metadata.setRedirectionURI(URI.create(redirectUri));
        metadata.setName("App");
        return metadata;
    }

    private static void assertRefused(ClientMetadata metadata, String error) {
        assertThatThrownBy(() -> ClientMetadataPolicy.validate(metadata, "c-1"))
                .isInstanceOfSatisfying(OAuth2Exception.class, e -> assertThat(e.error().getCode()).isEqualTo(error));
    }
}
