import java.io.IOException;
import java.math.BigInteger;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The parts of the benchmark wrk cannot do, with the JDK alone ({@code java bench/BenchClient.java}):
 * <ul>
 *   <li>{@code setup <url> <admin-id> <admin-secret> <dir>}: registers the load's clients and user;</li>
 *   <li>{@code codes <url> <dir> <n> [openid]}: signs in n times through the login form, keeping each code and
 *   verifier; with {@code openid}, as the client registered for {@code openid} and asking {@code scope=openid read}
 *   (with a nonce), so that each code's grant holds {@code openid};</li>
 *   <li>{@code redeem <url> <dir> <connections> [<alg>]}: redeems them all at that concurrency, printing a RESULT
 *   line like the wrk script's; with an algorithm ({@code RS256}, {@code ES256}), the {@code openid} codes, and an
 *   answer counts as an error unless it carries an {@code id_token} signed with that algorithm (its header's
 *   {@code alg}) holding the nonce its sign-in sent;</li>
 *   <li>{@code issue <url> <dir> <connections> <n> [dpop]}: issues n client_credentials tokens at that concurrency,
 *   printing a RESULT line; with {@code dpop}, each request carries a fresh DPoP proof (RFC 9449) of one ES256 key,
 *   for the metadata's {@code token_endpoint}, and an answer counts as an error unless its {@code token_type} is
 *   {@code DPoP} (without, {@code Bearer}). The pair prices a proof's check per token;</li>
 *   <li>{@code poll <url> <dir> <connections> <devices> <n>}: starts that many device authorizations (RFC 8628) no
 *   user will approve and polls the token endpoint n times, round robin over them, printing a RESULT line; every
 *   answer must be 400 {@code authorization_pending} or {@code slow_down} (a device polling within its interval),
 *   the answers a waiting device gets, and neither records anything;</li>
 *   <li>{@code verify <url> <dir> <in-flight>}: checks that every token the load received is in the ledger and
 *   introspects as expected (revoked ones inactive, the others active); exits 1 otherwise. The last
 *   {@code in-flight} revocations of each wrk thread may have been cut off when the load stopped: either
 *   answer is right for those.</li>
 * </ul>
 */
public final class BenchClient {

    static final String REDIRECT_URI = "http://127.0.0.1:9/callback";
    /** Browsers getting codes at once: enough to keep the server busy while each waits for its answer. */
    private static final int BROWSERS = 16;
    private static final String USER = "bench-user";
    private static final String PASSWORD = "bench password 0123";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BenchClient() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java bench/BenchClient.java setup|codes|redeem|verify … (see bench/run)");
            System.exit(2);
        }
        switch (args[0]) {
            case "setup" -> setup(args[1], args[2], args[3], Path.of(args[4]));
            case "codes" -> codes(args[1], Path.of(args[2]), Integer.parseInt(args[3]),
                    args.length > 4 && args[4].equals("openid"));
            case "redeem" -> redeem(args[1], Path.of(args[2]), Integer.parseInt(args[3]),
                    args.length > 4 ? args[4] : null);
            case "issue" -> issue(args[1], Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    args.length > 5 && args[5].equals("dpop"));
            case "poll" -> poll(args[1], Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]));
            case "verify" -> System.exit(verify(args[1], Path.of(args[2]), Integer.parseInt(args[3])));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void setup(String url, String adminId, String adminSecret, Path dir) throws Exception {
        String admin = field("access_token", post(url + "/oauth2/token", basic(adminId, adminSecret),
                "grant_type=client_credentials&scope=" + encode("ledger:admin")).body());
        // The service introspects the web client's tokens too, as a resource server: it needs the permission.
        String service = json(url + "/oauth2/register", admin, "{\"client_name\":\"bench\",\"grant_types\":"
                + "[\"client_credentials\"],\"scope\":\"read write ledger:introspect\"}");
        Files.writeString(dir.resolve("basic"), basic(field("client_id", service), field("client_secret", service)));
        // The same service with RFC 9068 JWT access tokens, for the scenarios that weigh signing against opaque values.
        String jwt = json(url + "/oauth2/register", admin, "{\"client_name\":\"bench jwt\",\"grant_types\":"
                + "[\"client_credentials\"],\"scope\":\"read write\",\"access_token_format\":\"jwt\"}");
        Files.writeString(dir.resolve("basic-jwt"), basic(field("client_id", jwt), field("client_secret", jwt)));
        // First-party web clients: the scenarios measure redemption, and the consent page is not in their path.
        String web = json(url + "/oauth2/register", admin, "{\"client_name\":\"bench web\",\"grant_types\":"
                + "[\"authorization_code\",\"refresh_token\"],\"redirect_uris\":[\"" + REDIRECT_URI + "\"],"
                + "\"scope\":\"read\",\"first_party\":true}");
        Files.writeString(dir.resolve("web"), field("client_id", web) + " " + field("client_secret", web));
        Files.writeString(dir.resolve("basic-web"), basic(field("client_id", web), field("client_secret", web)));
        // A client of its own for the ID-token scenarios, so that the plain one's codes stay exactly as they were.
        String openid = json(url + "/oauth2/register", admin, "{\"client_name\":\"bench web openid\",\"grant_types\":"
                + "[\"authorization_code\",\"refresh_token\"],\"redirect_uris\":[\"" + REDIRECT_URI + "\"],"
                + "\"scope\":\"openid read\",\"first_party\":true}");
        Files.writeString(dir.resolve("web-openid"), field("client_id", openid) + " " + field("client_secret", openid));
        registerDeviceClient(url, admin, dir);
        json(url + "/admin/users", admin, "{\"username\":\"" + USER + "\",\"email\":\"bench@example.com\","
                + "\"password\":\"" + PASSWORD + "\"}");
    }

    /**
     * A confidential device client (RFC 8628), so the public clients' per-address bound does not pace the polling
     * scenario's setup. A build from before the device grant refuses it; bench/ab, comparing against one, goes on.
     */
    private static void registerDeviceClient(String url, String admin, Path dir) throws Exception {
        try {
            String device = json(url + "/oauth2/register", admin, "{\"client_name\":\"bench device\",\"grant_types\":"
                    + "[\"urn:ietf:params:oauth:grant-type:device_code\",\"refresh_token\"],\"scope\":\"read\"}");
            Files.writeString(dir.resolve("basic-device"), basic(field("client_id", device),
                    field("client_secret", device)));
        } catch (IllegalStateException e) {
            System.err.println("no device client: " + e.getMessage());
        }
    }

    /**
     * Gets codes as {@link #BROWSERS} browsers would: each signs in through the HTML form once (its hidden fields, its CSRF cookie)
     * and then, while its session lasts, is answered a code at once by the authorization endpoint.
     */
    private static void codes(String url, Path dir, int count, boolean openid) throws Exception {
        String clientId = Files.readString(dir.resolve(openid ? "web-openid" : "web")).split(" ")[0];
        ConcurrentLinkedQueue<String> codes = new ConcurrentLinkedQueue<>();
        AtomicInteger left = new AtomicInteger(count);
        ExecutorService pool = Executors.newFixedThreadPool(BROWSERS);
        List<Future<?>> browsers = new ArrayList<>();
        for (int i = 0; i < BROWSERS; i++) {
            browsers.add(pool.submit(() -> {
                HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
                while (left.getAndDecrement() > 0) {
                    codes.add(authorize(browser, url, clientId, openid));
                }
                return null;
            }));
        }
        pool.shutdown();
        for (Future<?> browser : browsers) {
            browser.get(10, TimeUnit.MINUTES);
        }
        Files.write(dir.resolve(openid ? "codes-openid" : "codes"), codes);
    }

    /** A code, its verifier and, for an openid request, the nonce it sent: "code verifier [nonce]". */
    private static String authorize(HttpClient browser, String url, String clientId, boolean openid) throws Exception {
        String verifier = random();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String nonce = openid ? random() : null;
        String query = "response_type=code&client_id=" + encode(clientId) + "&redirect_uri=" + encode(REDIRECT_URI)
                + (openid ? "&scope=" + encode("openid read") + "&nonce=" + nonce : "&scope=read")
                + "&state=s&code_challenge=" + challenge + "&code_challenge_method=S256";
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(
                URI.create(url + "/oauth2/authorize?" + query)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> redirected = answer.statusCode() == 200 ? signIn(browser, url, answer.body()) : answer;
        String location = redirected.headers().firstValue("Location").orElseThrow(
                () -> new IllegalStateException("the authorization endpoint answered " + redirected.statusCode()));
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        if (!code.find()) {
            throw new IllegalStateException("no code in " + location);
        }
        return code.group(1) + " " + verifier + (nonce == null ? "" : " " + nonce);
    }

    /** Submits the sign-in form of this page with the load's user. */
    private static HttpResponse<String> signIn(HttpClient browser, String url, String page) throws Exception {
        StringBuilder form = new StringBuilder("username=" + encode(USER) + "&password=" + encode(PASSWORD));
        Matcher hidden = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\"\\s+value=\"([^\"]*)\"").matcher(page);
        while (hidden.find()) {
            form.append('&').append(encode(hidden.group(1))).append('=').append(encode(unescape(hidden.group(2))));
        }
        return browser.send(HttpRequest.newBuilder(URI.create(url + "/oauth2/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Redeems every code once, {@code connections} at a time, and reports like the wrk script does. With an
     * algorithm, the openid codes, each answer to carry an ID token signed with it.
     */
    private static void redeem(String url, Path dir, int connections, String algorithm) throws Exception {
        boolean openid = algorithm != null;
        String[] web = Files.readString(dir.resolve(openid ? "web-openid" : "web")).trim().split(" ");
        List<String> codes = Files.readAllLines(dir.resolve(openid ? "codes-openid" : "codes"));
        ConcurrentLinkedQueue<String> issued = new ConcurrentLinkedQueue<>();
        once(url + "/oauth2/token", basic(web[0], web[1]), codes, connections,
                line -> "grant_type=authorization_code&code=" + line.split(" ")[0] + "&redirect_uri="
                        + encode(REDIRECT_URI) + "&code_verifier=" + line.split(" ")[1],
                (line, body) -> {
                    issued.add(field("access_token", body));
                    return openid ? idTokenProblem(body, algorithm, line.split(" ")[2]) : null;
                });
        Files.write(dir.resolve(openid ? "issued.redeemed-" + algorithm : "issued.redeemed"), issued);
    }

    /** Why this token response's ID token is not the one expected, or null when it is. */
    private static String idTokenProblem(String body, String algorithm, String nonce) {
        Matcher idToken = Pattern.compile("\"id_token\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        if (!idToken.find()) {
            return "no id_token in " + body;
        }
        String[] parts = idToken.group(1).split("\\.");
        if (parts.length != 3) {
            return "an id_token that is no signed JWT: " + idToken.group(1);
        }
        Base64.Decoder base64url = Base64.getUrlDecoder();
        String header = new String(base64url.decode(parts[0]), StandardCharsets.UTF_8);
        String claims = new String(base64url.decode(parts[1]), StandardCharsets.UTF_8);
        if (!algorithm.equals(fieldOrNull("alg", header))) {
            return "an id_token signed " + fieldOrNull("alg", header) + ", not " + algorithm + ": " + header;
        }
        if (!nonce.equals(fieldOrNull("nonce", claims))) {
            return "an id_token without the sign-in's nonce: " + claims;
        }
        return null;
    }

    /**
     * Client-credentials issuance by the load's client, each request's proof made as it is sent. The proof names the
     * token endpoint the metadata gives, as a client finds it, since the server checks {@code htu} against its
     * issuer's URL, not the host this load happens to use.
     */
    private static void issue(String url, Path dir, int connections, int count, boolean dpop) throws Exception {
        String endpoint = field("token_endpoint", HTTP.send(HttpRequest.newBuilder(
                URI.create(url + "/.well-known/oauth-authorization-server")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).replace("\\/", "/");
        ProofKey key = dpop ? new ProofKey() : null;
        String type = "\"token_type\":\"" + (dpop ? "DPoP" : "Bearer") + "\"";
        List<String> items = Collections.nCopies(count, "grant_type=client_credentials");
        once(url + "/oauth2/token", Files.readString(dir.resolve("basic")).trim(), items, connections,
                Function.identity(), (item, body) -> body.contains(type) ? null : "not " + type + ": " + body,
                item -> key == null ? null : key.proof("POST", endpoint), 200);
    }

    /** Device-flow polling: what a waiting device costs the server per poll. */
    private static void poll(String url, Path dir, int connections, int devices, int count) throws Exception {
        String authorization = Files.readString(dir.resolve("basic-device")).trim();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            codes.add(field("device_code", post(url + "/oauth2/device_authorization", authorization, "scope=read")
                    .body()));
        }
        List<String> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(codes.get(i % devices));
        }
        once(url + "/oauth2/token", authorization, items, connections,
                code -> "grant_type=" + encode("urn:ietf:params:oauth:grant-type:device_code") + "&device_code="
                        + encode(code),
                (code, body) -> body.contains("authorization_pending") || body.contains("slow_down") ? null
                        : "not pending: " + body, code -> null, 400);
    }

    /** An ES256 key of a DPoP client (RFC 9449 §4.2), with the JDK alone. */
    private static final class ProofKey {

        private final KeyPair pair;
        private final String header;

        ProofKey() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            pair = generator.generateKeyPair();
            ECPoint point = ((ECPublicKey) pair.getPublic()).getW();
            header = base64Url(("{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":{\"kty\":\"EC\",\"crv\":\"P-256\","
                    + "\"x\":\"" + base64Url(coordinate(point.getAffineX())) + "\",\"y\":\""
                    + base64Url(coordinate(point.getAffineY())) + "\"}}").getBytes(StandardCharsets.UTF_8));
        }

        String proof(String method, String uri) {
            String claims = base64Url(("{\"jti\":\"" + UUID.randomUUID() + "\",\"htm\":\"" + method + "\",\"htu\":\""
                    + uri + "\",\"iat\":" + Instant.now().getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
            try {
                Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
                signature.initSign(pair.getPrivate());
                signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
                return header + "." + claims + "." + base64Url(signature.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A P-256 coordinate as the 32 big-endian bytes a JWK holds (RFC 7518 §6.2.1.2). */
        private static byte[] coordinate(BigInteger value) {
            byte[] bytes = value.toByteArray();
            byte[] fixed = new byte[32];
            int length = Math.min(bytes.length, 32);
            System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
            return fixed;
        }

        private static String base64Url(byte[] bytes) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
    }

    /** What to make of a 200 answer to an item: null when it is as expected, else what is wrong with it. */
    @FunctionalInterface
    private interface Check {
        String problem(String item, String body);
    }

    /**
     * Sends one request per item, {@code connections} at a time, and prints a RESULT line. An answer other than 200,
     * one the check finds wrong, or a request that fails is an error; the first is described on standard error.
     */
    private static void once(String url, String authorization, List<String> items, int connections,
                             Function<String, String> form, Check check) throws Exception {
        once(url, authorization, items, connections, form, check, item -> null, 200);
    }

    /**
     * The same, with a DPoP header made for each item as it is sent ({@code proof} answers null for none), and the
     * status every answer must have.
     */
    private static void once(String url, String authorization, List<String> items, int connections,
                             Function<String, String> form, Check check, Function<String, String> proof, int status)
            throws Exception {
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(items);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        AtomicBoolean described = new AtomicBoolean();
        Consumer<String> error = problem -> {
            errors.incrementAndGet();
            if (described.compareAndSet(false, true)) {
                System.err.println(url + ": " + problem);
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long start = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            pool.submit(() -> {
                for (String item = queue.poll(); item != null; item = queue.poll()) {
                    long sent = System.nanoTime();
                    HttpResponse<String> response;
                    try {
                        response = post(url, authorization, form.apply(item), proof.apply(item));
                    } catch (IOException | RuntimeException e) {
                        error.accept("the request failed: " + e);
                        continue;
                    } finally {
                        latencies.add(System.nanoTime() - sent);
                    }
                    if (response.statusCode() != status) {
                        error.accept("answered " + response.statusCode() + ": " + response.body());
                        continue;
                    }
                    try {
                        String problem = check.problem(item, response.body());
                        if (problem != null) {
                            error.accept(problem);
                        }
                    } catch (RuntimeException e) {
                        error.accept(e.getMessage());
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        long elapsed = System.nanoTime() - start;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("RESULT requests=%d duration_us=%d errors=%d p50_us=%d p99_us=%d unexpected=0%n",
                sorted.size(), elapsed / 1000, errors.get(), percentile(sorted, 50) / 1000,
                percentile(sorted, 99) / 1000);
    }

    private static int verify(String url, Path dir, int inFlight) throws Exception {
        Set<String> revoked = new HashSet<>();
        Set<String> uncertain = new HashSet<>();
        for (Path file : files(dir, "revoked.")) {
            List<String> sent = Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
            revoked.addAll(sent);
            uncertain.addAll(sent.subList(Math.max(0, sent.size() - inFlight), sent.size()));
        }
        List<String> issued = new ArrayList<>();
        for (Path file : files(dir, "issued.")) {
            Files.readAllLines(file).stream().filter(line -> !line.isBlank()).forEach(issued::add);
        }
        String authorization = Files.readString(dir.resolve("basic")).trim();
        AtomicLong wrong = new AtomicLong();
        AtomicLong checked = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (String token : issued) {
            pool.submit(() -> {
                String body = post(url + "/oauth2/introspect", authorization, "token=" + encode(token)).body();
                boolean active = body.contains("\"active\":true");
                if (active == revoked.contains(token) && !uncertain.contains(token)) {
                    wrong.incrementAndGet();
                    System.err.println(active ? "revoked, yet active: token_id " + field("jti", body)
                            : "received, yet inactive: a token the load was given");
                }
                checked.incrementAndGet();
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        System.out.printf("tokens received=%d revoked=%d checked=%d wrong=%d%n", issued.size(), revoked.size(),
                checked.get(), wrong.get());
        return wrong.get() == 0 && checked.get() == issued.size() ? 0 : 1;
    }

    private static List<Path> files(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

    private static String json(String url, String bearer, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static HttpResponse<String> post(String url, String authorization, String form) throws Exception {
        return post(url, authorization, form, null);
    }

    private static HttpResponse<String> post(String url, String authorization, String form, String dpop)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                                                 .header("Authorization", authorization)
                                                 .header("Content-Type", "application/x-www-form-urlencoded")
                                                 .POST(HttpRequest.BodyPublishers.ofString(form));
        if (dpop != null) {
            request.header("DPoP", dpop);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String name, String json) {
        String value = fieldOrNull(name, json);
        if (value == null) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return value;
    }

    private static String fieldOrNull(String name, String json) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (encode(id) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                   .replace("&amp;", "&");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
