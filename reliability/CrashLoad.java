import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client side of the crash test (reliability/crash-test), run with the JDK alone: {@code java CrashLoad.java}.
 *
 * <ul>
 *   <li>{@code setup <url> <admin-id> <admin-secret> <out>} registers the load's client, writes "id secret".</li>
 *   <li>{@code load <url> <client-file> <seconds> <out>} issues, introspects and revokes tokens until the time is
 *   up, writing one line per change it asked for: {@code issue|revoke ok|refused|unknown <token>}.</li>
 *   <li>{@code verify <url> <client-file> <records...>} checks every acknowledged change against the server and
 *   prints the counts; exits 1 if anything acknowledged was lost.</li>
 * </ul>
 * An outcome is {@code ok} for a 200; {@code refused} for a 4xx (nothing changed, by the RFCs) or a connection
 * that could not be opened (nothing was sent); and {@code unknown} for anything else: a 5xx, a dropped connection
 * or a timeout, after which the change may or may not have happened.
 */
public final class CrashLoad {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CLIENT_ID = Pattern.compile("\"client_id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CLIENT_SECRET = Pattern.compile("\"client_secret\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ACTIVE = Pattern.compile("\"active\"\\s*:\\s*(true|false)");

    private CrashLoad() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "setup" -> setup(args[1], args[2], args[3], Path.of(args[4]));
            case "load" -> load(args[1], client(Path.of(args[2])), Integer.parseInt(args[3]), Path.of(args[4]));
            case "verify" -> System.exit(verify(args[1], client(Path.of(args[2])),
                    List.of(args).subList(3, args.length)));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void setup(String url, String adminId, String adminSecret, Path out) throws Exception {
        String admin = extract(ACCESS_TOKEN, post(url, "/oauth2/token", "grant_type=client_credentials&scope="
                + encode("ledger:admin"), basic(adminId, adminSecret)).body());
        HttpResponse<String> registered = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/oauth2/register"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"client_name\":\"crash-load\",\"grant_types\":[\"client_credentials\"],\"scope\":\"read\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Files.writeString(out, extract(CLIENT_ID, registered.body()) + " " + extract(CLIENT_SECRET, registered.body()));
    }

    private static void load(String url, String[] client, int seconds, Path out) throws IOException {
        Instant end = Instant.now().plusSeconds(seconds);
        String basic = basic(client[0], client[1]);
        try (PrintWriter records = new PrintWriter(Files.newBufferedWriter(out), true)) {
            while (Instant.now().isBefore(end)) {
                Outcome issued = call(() -> post(url, "/oauth2/token", "grant_type=client_credentials", basic));
                String token = issued.status == 200 ? extract(ACCESS_TOKEN, issued.body) : "-";
                records.println("issue " + issued.name() + " " + token);
                if (issued.status != 200) {
                    pause();
                    continue;
                }
                call(() -> post(url, "/oauth2/introspect", "token=" + encode(token), basic));
                if (ThreadLocalRandom.current().nextInt(3) == 0) {
                    Outcome revoked = call(() -> post(url, "/oauth2/revoke", "token=" + encode(token), basic));
                    records.println("revoke " + revoked.name() + " " + token);
                }
            }
        }
    }

    /** Replays the records: the last word on each token decides what introspection must say now. */
    private static int verify(String url, String[] client, List<String> files) throws Exception {
        Map<String, String> expected = new HashMap<>();
        long requests = 0;
        long acknowledged = 0;
        long unknown = 0;
        for (String file : files) {
            for (String line : Files.readAllLines(Path.of(file))) {
                String[] record = line.split(" ");
                requests++;
                unknown += record[1].equals("unknown") ? 1 : 0;
                if (record[1].equals("ok")) {
                    acknowledged++;
                    expected.put(record[2], record[0].equals("issue") ? "active" : "inactive");
                } else if (record[0].equals("revoke") && record[1].equals("unknown")) {
                    expected.put(record[2], "either");
                }
            }
        }
        String basic = basic(client[0], client[1]);
        long verified = 0;
        List<String> lost = new ArrayList<>();
        for (Map.Entry<String, String> token : expected.entrySet()) {
            HttpResponse<String> answer = post(url, "/oauth2/introspect", "token=" + encode(token.getKey()), basic);
            String state = Boolean.parseBoolean(extract(ACTIVE, answer.body())) ? "active" : "inactive";
            if (token.getValue().equals("either") || token.getValue().equals(state)) {
                verified++;
            } else {
                lost.add("a token acknowledged as " + token.getValue() + " introspects " + state);
            }
        }
        lost.stream().limit(10).forEach(System.out::println);
        System.out.printf("requests=%d acknowledged=%d unknown=%d tokens-checked=%d verified=%d lost=%d%n",
                requests, acknowledged, unknown, expected.size(), verified, lost.size());
        return lost.isEmpty() ? 0 : 1;
    }

    private record Outcome(int status, String body) {
        static final int NOT_SENT = 0;
        static final int LOST = -1;

        String name() {
            return status == 200 ? "ok" : status == NOT_SENT || status >= 400 && status < 500 ? "refused" : "unknown";
        }
    }

    private interface Call {
        HttpResponse<String> send() throws IOException, InterruptedException;
    }

    private static Outcome call(Call call) {
        try {
            HttpResponse<String> response = call.send();
            return new Outcome(response.statusCode(), response.body());
        } catch (ConnectException e) {
            return new Outcome(Outcome.NOT_SENT, "");
        } catch (IOException e) {
            return new Outcome(Outcome.LOST, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(Outcome.LOST, "");
        }
    }

    private static HttpResponse<String> post(String url, String path, String form, String authorization)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(5))
                                    .header("Authorization", authorization)
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String[] client(Path file) throws IOException {
        return Files.readString(file).trim().split(" ");
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (encode(id) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String extract(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("unexpected answer: " + body);
        }
        return matcher.group(1);
    }
}
