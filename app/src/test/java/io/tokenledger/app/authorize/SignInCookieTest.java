package io.tokenledger.app.authorize;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.tokenledger.app.privacy.PersonalData;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowTestBase;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in form's CSRF cookie, over plain HTTP and behind a TLS-terminating proxy, and which proxies' forwarded
 * headers are believed.
 */
class SignInCookieTest {

    private static final String[] FROM_A_TLS_PROXY = {"X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.9"};

    @Nested
    class WithNoTrustedProxy extends CodeFlowTestBase {

        @Test
        void theCookieIsHttpOnlyAndSameSiteLax_RFC6265bisSection8_8() {
            String cookie = csrfCookie(get(client.authorizationRequest("read", new CodeVerifier(), new State())));

            assertThat(cookie).startsWith("XSRF-TOKEN=").contains("HttpOnly").contains("SameSite=Lax")
                              .contains("Path=/");
            assertThat(cookie).as("a forwarded header from an address nobody trusts changes nothing")
                              .doesNotContain("Secure");
        }
    }

    @Nested
    @TestPropertySource(properties = "ledger.trusted-proxies=127\\\\.0\\\\.0\\\\.1")
    class BehindATrustedTlsProxy extends CodeFlowTestBase {

        @Autowired
        private PersonalData personalData;

        @Test
        void theCookieIsHostPrefixedAndSecure_OwaspAsvs3_4_1() throws Exception {
            HttpResponse<String> page = get(client.authorizationRequest("read", new CodeVerifier(), new State()));
            String cookie = csrfCookie(page);

            assertThat(cookie).startsWith("__Host-XSRF-TOKEN=").contains("Secure").contains("Path=/")
                              .contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Domain");

            HttpResponse<String> signedIn = submit(page, cookie.substring(0, cookie.indexOf(';')));
            assertThat(Browser.consentPage(signedIn)).as("the form works with the prefixed cookie: the third-party "
                                                         + "client's consent page follows").isTrue();
            assertThat(jdbc.queryForList("""
                    SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'remoteAddress' FROM domain_event_entry
                    WHERE convert_from(meta_data, 'UTF8')::jsonb ->> 'remoteAddress' IS NOT NULL""", String.class)
                           .stream().map(personalData::reveal))
                    .as("the proxy's X-Forwarded-For is the client's address (stored encrypted)")
                    .contains("203.0.113.9");
        }

        private HttpResponse<String> submit(HttpResponse<String> page, String cookie) throws Exception {
            Element form = Jsoup.parse(page.body(), page.uri().toString()).selectFirst("form");
            Map<String, String> fields = new LinkedHashMap<>();
            form.select("input[name]").forEach(input -> fields.put(input.attr("name"), input.val()));
            fields.put("username", USER);
            fields.put("password", PASSWORD);
            String body = fields.entrySet().stream().map(f -> encode(f.getKey()) + "=" + encode(f.getValue()))
                                .collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(URI.create(form.absUrl("action"))).headers(FROM_A_TLS_PROXY).header("Cookie", cookie)
                                   .header("Content-Type", "application/x-www-form-urlencoded")
                                   .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }
    }

    private static HttpResponse<String> get(URI authorizationRequest) {
        return send(HttpRequest.newBuilder(authorizationRequest).headers(FROM_A_TLS_PROXY).GET().build());
    }

    private static String csrfCookie(HttpResponse<String> page) {
        assertThat(page.statusCode()).isEqualTo(200);
        return page.headers().allValues("Set-Cookie").stream().filter(c -> c.contains("XSRF-TOKEN="))
                   .findFirst().orElseThrow(() -> new AssertionError("no CSRF cookie: " + page.headers()));
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
