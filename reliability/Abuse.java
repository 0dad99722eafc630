import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays three attacks of issue 18 against a server on this machine, and prints what each cost it: the events it
 * appended and the latency of a well-behaved client meanwhile. Loopback only: the attacks come from 127.0.0.1, the
 * well-behaved client from [::1], which the server counts as another address.
 *
 * <pre>java reliability/Abuse.java http://127.0.0.1:PORT ADMIN_ID ADMIN_SECRET</pre>
 *
 * 1. a flood of token requests naming unknown public clients (no secret), 10 s from one address;
 * 4. slow POST: 210 connections that send their headers, then one byte of a body every 5 s, for 15 s;
 * 5. a 19 MB JSON body sent chunked to /oauth2/register.
 */
public class Abuse {

    private static final Pattern JSON_STRING = Pattern.compile("\"%s\"\\s*:\\s*\"([^\"]*)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI base;
    private final URI other;
    private final int port;
    private String normalClient;

    Abuse(URI base) {
        this.base = base;
        this.port = base.getPort();
        this.other = URI.create("http://[::1]:" + port);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java reliability/Abuse.java http://127.0.0.1:PORT ADMIN_ID ADMIN_SECRET");
            System.exit(2);
        }
        URI base = URI.create(args[0]);
        if (!"127.0.0.1".equals(base.getHost())) {
            System.err.println("the attacks run against 127.0.0.1 only, so that they reach no one else");
            System.exit(2);
        }
        new Abuse(base).run(args[1], args[2]);
    }

    private void run(String adminId, String adminSecret) throws Exception {
        String admin = field(post(base, "/oauth2/token", basic(adminId, adminSecret),
                "grant_type=client_credentials&scope=" + encode("ledger:admin ledger:audit")).body(), "access_token");
        String registered = send(base, HttpRequest.newBuilder(base.resolve("/oauth2/register"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"client_name\":\"abuse check\",\"grant_types\":[\"client_credentials\"],\"scope\":\"read\"}")))
                .body();
        normalClient = basic(field(registered, "client_id"), field(registered, "client_secret"));
        report("before any attack", latencies(20), Map.of());

        Instant start = Instant.now();
        Map<Integer, Integer> flood = new TreeMap<>();
        List<Long> during = whileRunning(() -> floodUnknownClients(Duration.ofSeconds(10), flood));
        report("1. 10 s of unknown public clients from one address " + flood, during,
                eventsSince(admin, start));

        start = Instant.now();
        Map<Integer, Integer> slow = new TreeMap<>();
        during = whileRunning(() -> slowPost(210, Duration.ofSeconds(15), slow));
        report("4. 210 slow POSTs from one address, 15 s (answers: " + slow + ", 0 = still held)", during,
                eventsSince(admin, start));

        start = Instant.now();
        long began = System.nanoTime();
        int status = chunkedBody(admin, 19 * 1024 * 1024);
        report("5. a 19 MB chunked body: " + status + " after " + (System.nanoTime() - began) / 1_000_000 + " ms",
                latencies(20), eventsSince(admin, start));
    }

    /** Requests of the well-behaved client, from the other address, while the attack runs on its own thread. */
    private List<Long> whileRunning(Runnable attack) throws Exception {
        ExecutorService attacker = Executors.newSingleThreadExecutor();
        var running = attacker.submit(attack);
        Thread.sleep(1000);
        List<Long> latencies = new ArrayList<>();
        while (!running.isDone()) {
            latencies.addAll(latencies(1));
            Thread.sleep(250);
        }
        running.get();
        attacker.shutdown();
        return latencies;
    }

    private List<Long> latencies(int count) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long began = System.nanoTime();
            HttpResponse<String> answer = post(other, "/oauth2/token", normalClient, "grant_type=client_credentials");
            long elapsed = (System.nanoTime() - began) / 1_000_000;
            millis.add(answer.statusCode() == 200 ? elapsed : -answer.statusCode());
        }
        return millis;
    }

    private void floodUnknownClients(Duration length, Map<Integer, Integer> statuses) {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        Map<Integer, AtomicInteger> counts = new ConcurrentHashMap<>();
        long end = System.nanoTime() + length.toNanos();
        AtomicInteger n = new AtomicInteger();
        for (int t = 0; t < 4; t++) {
            threads.submit(() -> {
                while (System.nanoTime() < end) {
                    int status = post(base, "/oauth2/token", null,
                            "grant_type=client_credentials&client_id=unknown-" + n.incrementAndGet()).statusCode();
                    counts.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                }
            });
        }
        threads.shutdown();
        await(threads, length.plusSeconds(10));
        counts.forEach((status, count) -> statuses.put(status, count.get()));
    }

    private void slowPost(int connections, Duration length, Map<Integer, Integer> statuses) {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                Socket socket = new Socket(base.getHost(), port);
                socket.setSoTimeout(200);
                socket.getOutputStream().write(("POST /oauth2/token HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000\r\n\r\ng")
                                                       .getBytes(StandardCharsets.US_ASCII));
                sockets.add(socket);
            }
            long end = System.nanoTime() + length.toNanos();
            while (System.nanoTime() < end) {
                Thread.sleep(5000);
                for (Socket socket : sockets) {
                    trickle(socket);
                }
            }
            for (Socket socket : sockets) {
                statuses.merge(status(socket), 1, Integer::sum);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not open the slow connections", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sockets.forEach(Abuse::close);
        }
    }

    private static void trickle(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write('r');
            out.flush();
        } catch (IOException e) {
            // The server closed it, as it should for a refused one.
        }
    }

    /** The status the server answered, 0 if it is still waiting for the body. */
    private static int status(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            byte[] line = in.readNBytes(12);
            return line.length == 12 ? Integer.parseInt(new String(line, 9, 3, StandardCharsets.US_ASCII)) : -1;
        } catch (java.net.SocketTimeoutException e) {
            return 0;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private int chunkedBody(String admin, int bytes) {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        chunk[0] = '[';
        List<byte[]> chunks = Collections.nCopies(bytes / chunk.length, chunk);
        return send(base, HttpRequest.newBuilder(base.resolve("/oauth2/register"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArrays(chunks))).statusCode();
    }

    /** The events appended since an instant, by type, as the audit log shows them once it has caught up. */
    private Map<String, Integer> eventsSince(String admin, Instant from) throws InterruptedException {
        Thread.sleep(2000);
        String rows = send(base, HttpRequest.newBuilder(base.resolve("/ledger/audit?from=" + from))
                .header("Authorization", "Bearer " + admin).header("Accept", "application/x-ndjson").GET()).body();
        Map<String, Integer> types = new TreeMap<>();
        Matcher type = Pattern.compile("\"event_type\"\\s*:\\s*\"([^\"]+)\"").matcher(rows);
        while (type.find()) {
            types.merge(type.group(1), 1, Integer::sum);
        }
        return types;
    }

    private static void report(String attack, List<Long> millis, Map<String, Integer> events) {
        List<Long> served = millis.stream().filter(m -> m >= 0).sorted().toList();
        long refused = millis.size() - served.size();
        String latency = served.isEmpty() ? "none served" : "p50 %d ms, max %d ms".formatted(
                served.get(served.size() / 2), served.get(served.size() - 1));
        Map<String, Integer> byAttack = new TreeMap<>(events);
        Integer normal = byAttack.remove("TokenIssued");
        System.out.printf("%s%n    a normal client meanwhile: %d requests, %s%s%n"
                        + "    events the attack appended: %d %s%s%n", attack, millis.size(), latency,
                refused == 0 ? "" : ", " + refused + " refused",
                byAttack.values().stream().mapToInt(Integer::intValue).sum(), byAttack,
                normal == null ? "" : " (and the normal client's " + normal + " TokenIssued)");
    }

    private HttpResponse<String> post(URI target, String path, String authorization, String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(path))
                                                 .header("Content-Type", "application/x-www-form-urlencoded")
                                                 .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(target, request);
    }

    private HttpResponse<String> send(URI target, HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("no answer from " + target + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (encode(id) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8));
    }

    private static String field(String json, String name) {
        Matcher value = Pattern.compile(JSON_STRING.pattern().formatted(name)).matcher(json);
        if (!value.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return value.group(1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void await(ExecutorService threads, Duration within) {
        try {
            threads.awaitTermination(within.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
