package io.tokenledger.app.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowClient;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.OpenIdTestBase;
import io.tokenledger.app.support.RelyingParty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consent page (OpenID Connect Core §3.1.2.4) for third-party clients, its answers as ConsentGranted and
 * ConsentRevoked events, and the administrator's view and revocation of a user's consents. Each test has a client of
 * its own, so what one allows is not another's.
 */
class ConsentTest extends OpenIdTestBase {

    private final ObjectMapper json = new ObjectMapper();

    @Override
    protected String clientScope() {
        return "openid profile email";
    }

    @Test
    void oidcCore_3_1_2_4_aThirdPartyClientGetsItsCodeOnlyOnceTheUserAllowsIt() {
        ClientInformation client = thirdParty();
        Browser browser = new Browser();
        HttpResponse<String> consent = signInThroughTheForm(client, browser, "openid profile", null);

        assertThat(Browser.consentPage(consent)).isTrue();
        assertThat(Browser.html(consent).select("li.scopes, ul.scopes li").eachText())
                .containsExactly("openid", "profile");
        assertThat(consentEvents(client)).isEmpty();

        HttpResponse<String> redirect = browser.decide(consent, "allow");

        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(CodeFlowClient.parse(redirect).indicatesSuccess()).isTrue();
        assertThat(consentEvents(client)).containsExactly("ConsentGranted:openid profile");
        assertThat(jdbc.queryForObject("SELECT scope FROM consents WHERE user_id = ? AND client_id = ?", String.class,
                userId(), id(client))).isEqualTo("openid profile");
    }

    @Test
    void oidcCore_3_1_2_6_denyingSendsAccessDeniedAndRecordsNoConsent() {
        ClientInformation client = thirdParty();
        Browser browser = new Browser();
        State state = new State();
        HttpResponse<String> consent = browser.signIn(browser.get(request(client, "openid", state, null)), USER,
                PASSWORD);
        // Browser.signIn allows; this one is asked afresh with prompt=consent, and says no.
        HttpResponse<String> asked = browser.get(request(client, "openid", state, "consent"));

        AuthorizationErrorResponse error = CodeFlowClient.parse(browser.decide(asked, "deny")).toErrorResponse();

        assertThat(consent.statusCode()).isEqualTo(302);
        assertThat(error.getErrorObject().getCode()).isEqualTo("access_denied");
        assertThat(error.getState()).isEqualTo(state);
        assertThat(consentEvents(client)).containsExactly("ConsentGranted:openid");
    }

    @Test
    void whatWasAllowedIsNotAskedAgainAndAWiderRequestAsksForWhatIsNew() {
        ClientInformation client = thirdParty();
        Browser browser = new Browser();
        browser.signIn(browser.get(request(client, "openid", new State(), null)), USER, PASSWORD);

        HttpResponse<String> again = browser.get(request(client, "openid", new State(), null));
        HttpResponse<String> wider = browser.get(request(client, "openid email", new State(), null));

        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(Browser.consentPage(wider)).isTrue();
        assertThat(browser.decide(wider, "allow").statusCode()).isEqualTo(302);
        assertThat(consentEvents(client)).containsExactly("ConsentGranted:openid", "ConsentGranted:email openid");
        assertThat(jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'added' FROM domain_event_entry
                WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1""", String.class,
                userId() + "/" + id(client))).isEqualTo("[\"email\"]");
    }

    @Test
    void aFirstPartyClientNeverShowsTheConsentPage() {
        ClientInformation client = ledger.registerCodeClient(adminToken(), clientScope(), true);
        Browser browser = new Browser();

        HttpResponse<String> redirect = signInThroughTheForm(client, browser, "openid email", "consent");

        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(consentEvents(client)).isEmpty();
    }

    @Test
    void oidcCore_3_1_2_6_promptNoneWithoutConsentAnswersConsentRequired() {
        ClientInformation signedInTo = ledger.registerCodeClient(adminToken(), clientScope(), true);
        ClientInformation client = thirdParty();
        Browser browser = new Browser();
        signInThroughTheForm(signedInTo, browser, "openid", null);

        HttpResponse<String> redirect = browser.get(request(client, "openid", new State(), "none"));

        assertThat(CodeFlowClient.parse(redirect).toErrorResponse().getErrorObject().getCode())
                .isEqualTo("consent_required");
    }

    @Test
    void aConsentPostedWithoutTheFormsCsrfCookieChangesNothing() {
        ClientInformation client = thirdParty();
        Browser victim = new Browser();
        HttpResponse<String> consent = signInThroughTheForm(client, victim, "openid", null);
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        Browser.html(consent).select("form input[name]").forEach(input -> fields.put(input.attr("name"), input.val()));
        fields.put("decision", "allow");
        fields.remove("_csrf");

        HttpResponse<String> forged = victim.post(ledger.uri("/oauth2/authorize/consent"), fields);

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(consentEvents(client)).isEmpty();
    }

    @Test
    void anAnswerFromABrowserWithoutASessionGoesBackToTheForm() {
        ClientInformation client = thirdParty();
        HttpResponse<String> consent = signInThroughTheForm(client, new Browser(), "openid", null);
        Browser another = new Browser();
        // The other browser has the form's CSRF cookie of its own, but no session.
        HttpResponse<String> loginPage = another.get(request(client, "openid", new State(), null));
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        Browser.html(consent).select("form input[name]").forEach(input -> fields.put(input.attr("name"), input.val()));
        fields.put("_csrf", Browser.html(loginPage).selectFirst("input[name=_csrf]").val());
        fields.put("decision", "allow");

        HttpResponse<String> answer = another.post(ledger.uri("/oauth2/authorize/consent"), fields);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(Browser.html(answer).select("input[name=password]")).hasSize(1);
        assertThat(consentEvents(client)).isEmpty();
    }

    @Test
    void anAdministratorListsAndRevokesAConsentWhichEndsTheGrantsItCovered() throws Exception {
        ClientInformation client = thirdParty();
        RelyingParty party = new RelyingParty(ledger, client, LedgerClient.basic(client));
        OIDCTokens tokens = party.signIn(USER, PASSWORD, "openid profile", new Nonce());

        JsonNode listed = json.readTree(admin("GET", "/admin/users/" + userId() + "/consents").body());
        assertThat(listed.at("/consents").findValuesAsText("client_id")).contains(id(client));
        HttpResponse<String> revoked = admin("DELETE", "/admin/users/" + userId() + "/consents/" + id(client));
        HttpResponse<String> again = admin("DELETE", "/admin/users/" + userId() + "/consents/" + id(client));

        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(json.readTree(revoked.body()).at("/consent_revoked").asBoolean()).isTrue();
        assertThat(json.readTree(revoked.body()).at("/grants_revoked").asLong()).isOne();
        assertThat(json.readTree(again.body()).at("/consent_revoked").asBoolean()).isFalse();
        assertThat(json.readTree(admin("GET", "/admin/users/" + userId() + "/consents").body())
                .at("/consents").findValuesAsText("client_id")).doesNotContain(id(client));
        assertThat(consentEvents(client)).containsExactly("ConsentGranted:openid profile", "ConsentRevoked:");
        TokenResponse refresh = party.refresh(tokens.getRefreshToken(), null);
        assertThat(refresh.indicatesSuccess()).isFalse();
        assertThat(jdbc.queryForObject("SELECT revocation_reason FROM tokens WHERE client_id = ?", String.class,
                id(client))).isEqualTo("CONSENT_REVOKED");
        assertThat(Browser.consentPage(signInThroughTheForm(client, new Browser(), "openid", null)))
                .as("the user is asked again").isTrue();
    }

    @Test
    void consentsOfAnUnknownUserAre404() {
        assertThat(admin("GET", "/admin/users/no-such-user/consents").statusCode()).isEqualTo(404);
        assertThat(admin("DELETE", "/admin/users/no-such-user/consents/x").statusCode()).isEqualTo(404);
    }

    @Test
    void aClientManagingItselfCannotMakeItselfFirstParty() throws Exception {
        HttpResponse<String> registered = ledger.registerJson(adminToken(), """
                {"client_name":"shop","grant_types":["authorization_code"],"redirect_uris":["%s"],"scope":"openid"}"""
                .formatted(CodeFlowClient.REDIRECT_URI));
        JsonNode client = json.readTree(registered.body());
        String update = """
                {"client_id":"%s","client_name":"shop","grant_types":["authorization_code"],
                 "redirect_uris":["%s"],"scope":"openid","first_party":true}"""
                .formatted(client.at("/client_id").asText(), CodeFlowClient.REDIRECT_URI);

        HttpResponse<String> refused = ledger.manage(client.at("/registration_access_token").asText(), "PUT",
                "/oauth2/register/" + client.at("/client_id").asText(), update);

        assertThat(client.at("/first_party").asBoolean(true)).isFalse();
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json.readTree(refused.body()).at("/error").asText()).isEqualTo("invalid_client_metadata");
        assertThat(jdbc.queryForObject("SELECT first_party FROM clients WHERE client_id = ?", Boolean.class,
                client.at("/client_id").asText())).isFalse();
    }

    private ClientInformation thirdParty() {
        return ledger.registerCodeClient(adminToken(), clientScope());
    }

    private HttpResponse<String> signInThroughTheForm(ClientInformation client, Browser browser, String scope,
                                                      String prompt) {
        HttpResponse<String> login = browser.get(request(client, scope, new State(), prompt));
        return browser.submit(login, Map.of("username", USER, "password", PASSWORD));
    }

    private URI request(ClientInformation client, String scope, State state, String prompt) {
        URI base = new RelyingParty(ledger, client, null).authenticationRequest(scope, new CodeVerifier(), state,
                new Nonce());
        return prompt == null ? base : URI.create(base + "&prompt=" + prompt);
    }

    /** The consent stream's events, each as type:scopes allowed after it. */
    private List<String> consentEvents(ClientInformation client) {
        return jdbc.queryForList("""
                SELECT substring(payload_type from '[^.]+$') || ':' ||
                       coalesce(array_to_string(ARRAY(SELECT jsonb_array_elements_text(
                           convert_from(payload, 'UTF8')::jsonb -> 'scopes')), ' '), '')
                FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""", String.class,
                userId() + "/" + id(client));
    }

    private HttpResponse<String> admin(String method, String path) {
        return ledger.manage(adminToken(), method, path, null);
    }

    private static String id(ClientInformation client) {
        return client.getID().getValue();
    }
}
