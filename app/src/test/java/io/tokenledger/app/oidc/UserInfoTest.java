package io.tokenledger.app.oidc;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowClient;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.OpenIdTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * UserInfo (OpenID Connect Core §5.3) asked by Nimbus's client, and the admin API that sets the claims it states.
 * Names starting {@code oidcc_} are the OpenID Foundation's basic OP test plan modules they stand for.
 */
class UserInfoTest extends OpenIdTestBase {

    private String userId;

    @Override
    protected String clientScope() {
        return "openid profile email read";
    }

    @BeforeAll
    void setTheProfile() {
        userId = userId();
        assertThat(setProfile(adminToken(), """
                {"name":"Grace Hopper","email_verified":true}""").statusCode()).isEqualTo(200);
    }

    @Test
    void oidcc_userinfo_get_statesTheProfileAndEmailClaimsOfTheUser() throws Exception {
        OIDCTokens tokens = relyingParty.signIn(USER, PASSWORD, "openid profile email", new Nonce());

        UserInfo info = userInfo(tokens.getBearerAccessToken(), HTTPRequest.Method.GET);

        assertThat(info.getSubject().getValue()).isEqualTo(userId)
                                                .isEqualTo(tokens.getIDToken().getJWTClaimsSet().getSubject());
        assertThat(info.getName()).isEqualTo("Grace Hopper");
        assertThat(info.getPreferredUsername()).isEqualTo(USER);
        assertThat(info.getEmailAddress()).isEqualTo(USER + "@example.com");
        assertThat(info.getEmailVerified()).isTrue();
        assertThat(info.getUpdatedTime()).isNotNull();
    }

    /** Nimbus's POST sends the token in the form body (RFC 6750 §2.2). */
    @Test
    void oidcc_userinfo_post_body() {
        OIDCTokens tokens = relyingParty.signIn(USER, PASSWORD, "openid profile", new Nonce());

        assertThat(userInfo(tokens.getBearerAccessToken(), HTTPRequest.Method.POST).getName())
                .isEqualTo("Grace Hopper");
    }

    @Test
    void oidcc_userinfo_post_header() {
        OIDCTokens tokens = relyingParty.signIn(USER, PASSWORD, "openid profile", new Nonce());

        HttpResponse<String> response = ledger.raw(HttpRequest.newBuilder(ledger.uri("/oauth2/userinfo"))
                .header("Authorization", tokens.getBearerAccessToken().toAuthorizationHeader())
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Grace Hopper");
    }

    /** §5.4: profile gives the profile claims and not the email; email the reverse. */
    @Test
    void oidcc_scope_profile_and_oidcc_scope_email_stateOnlyTheirClaims() {
        UserInfo profile = userInfo(relyingParty.signIn(USER, PASSWORD, "openid profile", null)
                                                .getBearerAccessToken(), HTTPRequest.Method.GET);
        UserInfo email = userInfo(relyingParty.signIn(USER, PASSWORD, "openid email", null)
                                              .getBearerAccessToken(), HTTPRequest.Method.GET);
        UserInfo openid = userInfo(relyingParty.signIn(USER, PASSWORD, "openid", null)
                                               .getBearerAccessToken(), HTTPRequest.Method.GET);

        assertThat(profile.getName()).isNotNull();
        assertThat(profile.getEmailAddress()).isNull();
        assertThat(email.getEmailAddress()).isNotNull();
        assertThat(email.getName()).isNull();
        assertThat(openid.toJSONObject()).containsOnlyKeys("sub");
    }

    /** RFC 6750 §3.1: no token is 401 with a Bearer challenge; a token without openid is 403 insufficient_scope. */
    @Test
    void aTokenWithoutOpenidOrNoTokenIsRefusedAsRFC6750Section3_1Says() {
        CodeVerifier verifier = new CodeVerifier();
        CodeFlowClient plain = new CodeFlowClient(ledger, webApp, LedgerClient.basic(webApp));
        String withoutOpenid = ((AccessTokenResponse) plain.exchange(plain.signIn(new Browser(), USER, PASSWORD,
                "read", verifier), verifier)).getTokens().getAccessToken().getValue();

        HttpResponse<String> none = ledger.raw(HttpRequest.newBuilder(ledger.uri("/oauth2/userinfo")).GET());
        HttpResponse<String> narrow = ledger.raw(HttpRequest.newBuilder(ledger.uri("/oauth2/userinfo"))
                                                            .header("Authorization", "Bearer " + withoutOpenid).GET());
        HttpResponse<String> unknown = ledger.raw(HttpRequest.newBuilder(ledger.uri("/oauth2/userinfo"))
                                                             .header("Authorization", "Bearer not-a-token").GET());

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Bearer"));
        assertThat(narrow.statusCode()).isEqualTo(403);
        assertThat(narrow.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("insufficient_scope");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
    }

    /** RFC 6750 §2.2's body: a token twice is invalid_request; a content type that does not parse carries none. */
    @Test
    void hostileBodiesAreRefusedWithBearerErrors() {
        String token = relyingParty.signIn(USER, PASSWORD, "openid", null).getAccessToken().getValue();

        HttpResponse<String> twice = ledger.raw(HttpRequest.newBuilder(ledger.uri("/oauth2/userinfo"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("access_token=" + token + "&access_token=" + token)));
        HttpResponse<String> garbled = ledger.raw(HttpRequest.newBuilder(ledger.uri("/oauth2/userinfo"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=\"")
                .POST(HttpRequest.BodyPublishers.ofString("access_token=" + token)));

        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(twice.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_request");
        assertThat(garbled.statusCode()).isIn(400, 401);
    }

    /** A client_credentials token that holds openid speaks for no user: there is nothing to state. */
    @Test
    void aClientsOwnTokenGetsInvalidToken() {
        ClientInformation machine = ledger.register(adminToken(), "openid");
        String token = ledger.accessToken(LedgerClient.basic(machine), "openid");

        HttpResponse<String> response = ledger.raw(HttpRequest.newBuilder(ledger.uri("/oauth2/userinfo"))
                                                              .header("Authorization", "Bearer " + token).GET());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
    }

    /** The profile is the admin's to set, recorded with the admin as actor; setting it again records nothing. */
    @Test
    void settingTheProfileIsRecordedOnceAndBadValuesAreRefused() {
        String admin = adminToken();
        long events = eventCount();

        HttpResponse<String> again = setProfile(admin, """
                {"name":"Grace Hopper","email_verified":true}""");
        HttpResponse<String> control = setProfile(admin, """
                {"name":"Grace\\u0007Hopper"}""");
        HttpResponse<String> notJson = setProfile(admin, "name=Grace");
        HttpResponse<String> unknown = ledger.manage(admin, "PUT",
                "/admin/users/01890000-0000-7000-8000-000000000000/profile", "{}");

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"changed\":false");
        assertThat(control.statusCode()).isEqualTo(400);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(eventCount()).isEqualTo(events);
        assertThat(jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb -> 'actor' ->> 'kind' FROM domain_event_entry
                WHERE payload_type = 'io.tokenledger.events.user.UserProfileUpdated' AND aggregate_identifier = ?""",
                String.class, userId)).isEqualTo("admin");
    }

    private HttpResponse<String> setProfile(String admin, String json) {
        return ledger.manage(admin, "PUT", "/admin/users/" + userId + "/profile", json);
    }

    private UserInfo userInfo(BearerAccessToken token, HTTPRequest.Method method) {
        try {
            HTTPResponse response = new UserInfoRequest(ledger.uri("/oauth2/userinfo"), method, token)
                    .toHTTPRequest().send();
            assertThat(response.getCacheControl()).contains("no-store");
            return UserInfoResponse.parse(response).toSuccessResponse().getUserInfo();
        } catch (IOException | ParseException e) {
            throw new AssertionError(e);
        }
    }
}
