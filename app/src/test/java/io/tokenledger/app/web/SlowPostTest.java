package io.tokenledger.app.web;

import com.nimbusds.oauth2.sdk.client.ClientInformation;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow POST (CWE-400, uncontrolled resource consumption): clients that send headers and then a body a byte at a time must not hold
 * every request thread. Eight threads here, four requests in progress per address; the attacker opens twelve.
 */
@TestPropertySource(properties = {"server.tomcat.threads.max=8", "ledger.max-requests-per-address=4",
        "server.tomcat.connection-timeout=60s"})
class SlowPostTest extends LedgerIntegrationTest {

    private static final int SLOW_CLIENTS = 12;

    @Test
    void slowBodiesFromOneAddressCannotStarveOtherClients() throws Exception {
        ClientInformation client = ledger.register(adminToken(), "read");
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                slow.add(startSlowPost());
            }
            Thread.sleep(500);

            HttpResponse<String> normal = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                    HttpRequest.newBuilder(URI.create("http://[::1]:" + port + "/oauth2/token"))
                               .timeout(Duration.ofSeconds(5))
                               .header("Authorization", LedgerClient.basicHeader(client))
                               .header("Content-Type", "application/x-www-form-urlencoded")
                               .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(normal.statusCode()).as("a client from another address is served").isEqualTo(200);
            List<String> answers = slow.stream().map(SlowPostTest::statusLine).toList();
            long refused = answers.stream().filter(s -> s.contains(" 429 ")).count();
            assertThat(refused).as("the attacker's requests past the bound are refused at once")
                               .isEqualTo(SLOW_CLIENTS - 4);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    private Socket startSlowPost() throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(1000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /oauth2/token HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ng")
                          .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** The first line of whatever the server answered, or "" if it answered nothing yet. */
    private static String statusLine(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString();
        } catch (SocketTimeoutException e) {
            return "";
        } catch (IOException e) {
            return "closed: " + e.getMessage();
        }
    }
}
