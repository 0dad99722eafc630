package io.tokenledger.app.reliability;

import io.tokenledger.app.support.LedgerIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18, item 5: a body sent chunked, with no Content-Length to refuse it by, is cut off at the same limit
 * (LEDGER_MAX_REQUEST_BODY, 64 KB) as one that declares its length: 413, and nothing of it parsed or appended. The
 * bodies are 1.5 MB, under Tomcat's swallow limit (2 MB): past it Tomcat closes the connection on a client still
 * sending, which may then lose the answer (RFC 9112 §9.6); how far a body is read does not depend on its size.
 */
class ChunkedBodyLimitTest extends LedgerIntegrationTest {

    private static final int CHUNKS_OF_64_KB = 24;

    @ParameterizedTest
    @ValueSource(strings = {"/admin/users", "/oauth2/register", "/oauth2/token", "/oauth2/introspect"})
    void aChunkedBodyOverTheLimitIsRefusedWith413(String path) {
        String admin = adminToken();
        long events = eventCount();
        boolean json = path.startsWith("/admin") || path.equals("/oauth2/register");

        HttpResponse<String> response = ledger.raw(HttpRequest.newBuilder(ledger.uri(path))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", json ? "application/json" : "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> huge(json))));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.body()).contains("\"error\":\"invalid_request\"");
        assertThat(eventCount()).isEqualTo(events);
    }

    /**
     * The sign-in form is read by Spring Security's CSRF check before anything else: Tomcat stops at the limit and
     * leaves the parameters out, so the token is missing and the answer is 403; nothing is parsed past the limit.
     */
    @org.junit.jupiter.api.Test
    void aChunkedSignInFormOverTheLimitIsRefusedUnread() {
        long events = allEvents();

        HttpResponse<String> response = ledger.raw(HttpRequest.newBuilder(ledger.uri("/oauth2/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> huge(false))));

        // Its parameters are not read past the limit, so it carries no credentials: an authorization request sent by
        // POST (OpenID Connect Core 3.1.2.1), without a client_id, which the error page refuses.
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(allEvents()).isEqualTo(events);
    }

    /** A body of 1.5 MB that parses: one JSON string field, or one form parameter. */
    private static InputStream huge(boolean json) {
        byte[] chunk = "a".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        InputStream filler = new SequenceInputStream(Collections.enumeration(
                Collections.nCopies(CHUNKS_OF_64_KB, chunk).stream().map(ByteArrayInputStream::new).toList()));
        String open = json ? "{\"username\":\"x\",\"email\":\"x@example.com\",\"client_name\":\"" : "grant_type=x&token=";
        String close = json ? "\"}" : "";
        return new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(open.getBytes(StandardCharsets.US_ASCII)), filler,
                new ByteArrayInputStream(close.getBytes(StandardCharsets.US_ASCII)))));
    }
}
