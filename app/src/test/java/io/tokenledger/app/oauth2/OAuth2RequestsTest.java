package io.tokenledger.app.oauth2;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import io.tokenledger.app.config.LedgerProperties;
import org.apache.catalina.Globals;
import org.apache.tomcat.util.http.Parameters;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checks every OAuth2 form endpoint shares, on servlet requests built in memory. */
class OAuth2RequestsTest {

    private final OAuth2Requests requests = new OAuth2Requests(new LedgerProperties(null, null, null, null, null,
            null, null, null, null, DataSize.ofBytes(64)));

    @Test
    void aFormBecomesANimbusRequestWithItsParameters() throws ParseException {
        HTTPRequest http = requests.form(form("grant_type=client_credentials&scope=read"));

        assertThat(http.getMethod()).isEqualTo(HTTPRequest.Method.POST);
        assertThat(http.getBodyAsFormParameters()).containsEntry("scope", List.of("read"));
    }

    @Test
    void parametersInTheUrlAreRefused_RFC6749Section2_3_1() {
        MockHttpServletRequest request = form("grant_type=client_credentials");
        request.setQueryString("client_secret=leaked");

        assertRefused(() -> requests.form(request), 400, "parameters must be sent in the form-encoded request body");
    }

    @Test
    void aRepeatedParameterIsRefusedAndNamed_RFC6749Section3_2() {
        assertRefused(() -> requests.form(form("scope=read&scope=write")), 400,
                "parameter included more than once: scope");
    }

    @Test
    void aRepeatedParameterWithAnUnprintableNameIsNotEchoed() {
        assertRefused(() -> requests.form(form("%3Cscript%3E=1&%3Cscript%3E=2")), 400,
                "parameter included more than once: (unprintable)");
    }

    @Test
    void resourceMayRepeat_RFC8707Section2() throws ParseException {
        HTTPRequest http = requests.form(form("resource=https%3A%2F%2Fa.example&resource=https%3A%2F%2Fb.example"));

        assertThat(http.getBodyAsFormParameters().get("resource")).hasSize(2);
    }

    /** Tomcat stops reading a form at its limit and leaves the parameters out; that must not read as no parameters. */
    @Test
    void aFormTomcatStoppedReadingAtItsLimitIsRefusedWith413() {
        MockHttpServletRequest request = form("scope=read");
        request.setAttribute(Globals.PARAMETER_PARSE_FAILED_REASON_ATTR, Parameters.FailReason.POST_TOO_LARGE);

        assertRefused(() -> requests.form(request), 413, "request body larger than 64 bytes");
    }

    @Test
    void aNimbusRefusalKeepsTheErrorItNames() {
        assertRefused(() -> OAuth2Requests.parse(() -> {
            throw new ParseException("unsupported", OAuth2Error.UNSUPPORTED_GRANT_TYPE);
        }), 400, null, "unsupported_grant_type");
    }

    @Test
    void aNimbusRefusalWithoutAnErrorIsAMalformedRequest() {
        assertRefused(() -> OAuth2Requests.parse(() -> {
            throw new ParseException("could not parse " + "the request, quoted");
        }), 400, "malformed request");
        assertRefused(() -> OAuth2Requests.parse(() -> {
            throw new IllegalArgumentException("quotes the request");
        }), 400, "malformed request");
    }

    private static MockHttpServletRequest form(String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
        request.setContentType("application/x-www-form-urlencoded");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        for (String pair : body.split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            request.addParameter(decode(nameAndValue[0]), decode(nameAndValue[1]));
        }
        return request;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static void assertRefused(Runnable call, int status, String description) {
        assertRefused(call, status, description, "invalid_request");
    }

    private static void assertRefused(Runnable call, int status, String description, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(OAuth2Exception.class, e -> {
            assertThat(e.error().getCode()).isEqualTo(code);
            assertThat(e.error().getHTTPStatusCode()).isEqualTo(status);
            if (description != null) {
                assertThat(e.error().getDescription()).isEqualTo(description);
            }
        });
    }
}
