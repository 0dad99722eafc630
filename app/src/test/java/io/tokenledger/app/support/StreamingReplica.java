package io.tokenledger.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL primary of its own and a hot standby of it, made with {@code initdb} and {@code pg_basebackup -R} from
 * this machine's server binaries and started with {@code pg_ctl} on free ports, in a temporary directory. The primary
 * is not the tests' shared server: naming a synchronous standby on it, or stopping the standby, can hold up no other
 * test's commits. As root (CI runs as root, and PostgreSQL refuses to) the commands run as {@code postgres} through
 * {@code runuser}.
 */
public final class StreamingReplica implements AutoCloseable {

    /** The standby's {@code application_name} on the primary, as {@code synchronous_standby_names} names it. */
    public static final String STANDBY_NAME = "ledger_standby";
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    private final Path bin;
    private final Path dir;
    private final boolean asPostgres;
    private final int primaryPort;
    private final int standbyPort;
    private final String version;

    private StreamingReplica(Path bin, Path dir, boolean asPostgres, int primaryPort, int standbyPort,
                             String version) {
        this.bin = bin;
        this.dir = dir;
        this.asPostgres = asPostgres;
        this.primaryPort = primaryPort;
        this.standbyPort = standbyPort;
        this.version = version;
    }

    /** Why no pair can be made here, if so: no server binaries, or root without {@code runuser} and {@code postgres}. */
    public static Optional<String> unavailable() {
        if (binaries().isEmpty()) {
            return Optional.of("no PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) in LEDGER_TEST_PG_BIN "
                    + "or /usr/lib/postgresql/*/bin");
        }
        if (root() && (runuser().isEmpty() || !postgresUserExists())) {
            return Optional.of("running as root, and PostgreSQL refuses root: needs runuser and a postgres user");
        }
        return Optional.empty();
    }

    /** Makes and starts both; the standby is streaming from the primary when this returns. */
    public static StreamingReplica start() throws IOException, InterruptedException, SQLException {
        Path bin = binaries().orElseThrow();
        boolean asPostgres = root();
        Path dir = Files.createTempDirectory("ledger-replica");
        if (asPostgres) {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        StreamingReplica pair = new StreamingReplica(bin, dir, asPostgres, freePort(), freePort(),
                output(List.of(bin.resolve("postgres").toString(), "--version")).strip());
        try {
            pair.makeAndStart();
        } catch (IOException | InterruptedException | SQLException | RuntimeException e) {
            pair.close();
            throw e;
        }
        return pair;
    }

    private void makeAndStart() throws IOException, InterruptedException, SQLException {
        run("initdb", "-D", dir.resolve("primary").toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                "--locale=C", "--no-sync");
        pgCtl("primary", primaryPort, "start");
        run("pg_basebackup", "-h", "127.0.0.1", "-p", Integer.toString(primaryPort), "-U", "postgres",
                "-D", dir.resolve("standby").toString(), "-R", "-X", "stream", "-c", "fast", "--no-sync");
        // -R wrote standby.signal and primary_conninfo; the later line names the standby for synchronous_standby_names.
        Files.writeString(dir.resolve("standby/postgresql.auto.conf"), "primary_conninfo = 'host=127.0.0.1 port="
                + primaryPort + " user=postgres application_name=" + STANDBY_NAME + "'\n", StandardOpenOption.APPEND);
        pgCtl("standby", standbyPort, "start");
        awaitTrue(primaryUrl("postgres"), "SELECT EXISTS (SELECT 1 FROM pg_stat_replication WHERE application_name = '"
                + STANDBY_NAME + "' AND state = 'streaming')", Duration.ofSeconds(60));
    }

    public String primaryUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + primaryPort + "/" + database + "?user=postgres";
    }

    public String standbyUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + standbyPort + "/" + database + "?user=postgres";
    }

    public String describe() {
        return version + ", primary 127.0.0.1:" + primaryPort + ", standby 127.0.0.1:" + standbyPort + " (" + dir + ")";
    }

    /** A database made on the primary, and replayed on the standby before this returns. */
    public void createDatabase(String name) throws SQLException, InterruptedException {
        execute(primaryUrl("postgres"), "CREATE DATABASE " + name);
        awaitTrue(standbyUrl("postgres"), "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = '" + name + "')",
                Duration.ofSeconds(30));
    }

    /**
     * Names the standby in the primary's {@code synchronous_standby_names} (or, with false, names none), and waits
     * until the primary says so.
     */
    public void synchronous(boolean on) throws SQLException, InterruptedException {
        execute(primaryUrl("postgres"), on ? "ALTER SYSTEM SET synchronous_standby_names = '" + STANDBY_NAME + "'"
                : "ALTER SYSTEM RESET synchronous_standby_names");
        execute(primaryUrl("postgres"), "SELECT pg_reload_conf()");
        awaitTrue(primaryUrl("postgres"), "SELECT EXISTS (SELECT 1 FROM pg_stat_replication WHERE application_name = '"
                + STANDBY_NAME + "' AND sync_state " + (on ? "= 'sync'" : "<> 'sync'") + ")", Duration.ofSeconds(30));
    }

    /**
     * Makes the standby apply each commit {@code delay} after the primary made it ({@code recovery_min_apply_delay}):
     * a replay lag of a known length. Zero takes it away.
     */
    public void applyDelay(Duration delay) throws IOException, InterruptedException, SQLException {
        Files.writeString(dir.resolve("standby/postgresql.auto.conf"),
                "recovery_min_apply_delay = '" + delay.toMillis() + "ms'\n", StandardOpenOption.APPEND);
        run("pg_ctl", "-D", dir.resolve("standby").toString(), "reload");
        awaitTrue(standbyUrl("postgres"), "SELECT setting::bigint = " + delay.toMillis()
                + " FROM pg_settings WHERE name = 'recovery_min_apply_delay'", Duration.ofSeconds(30));
    }

    /** Waits until {@code sql}, a boolean query, answers true on the database at {@code url}. */
    public static void awaitTrue(String url, String sql, Duration within) throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            try (Connection c = DriverManager.getConnection(url); var rs = c.createStatement().executeQuery(sql)) {
                if (rs.next() && rs.getBoolean(1)) {
                    return;
                }
            } catch (SQLException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("not true within " + within + ": " + sql);
            }
            Thread.sleep(50);
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute(sql);
        }
    }

    private void pgCtl(String cluster, int port, String action) throws IOException, InterruptedException {
        run("pg_ctl", "-D", dir.resolve(cluster).toString(), "-l", dir.resolve(cluster + ".log").toString(), "-w",
                "-t", "60", "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dir
                        + " -c max_connections=60 -c cluster_name=" + cluster, action);
    }

    /** Both stopped at once (nothing in them is kept), the primary first, and their directory removed. */
    @Override
    public void close() {
        for (String cluster : List.of("primary", "standby")) {
            if (Files.exists(dir.resolve(cluster).resolve("postmaster.pid"))) {
                try {
                    run("pg_ctl", "-D", dir.resolve(cluster).toString(), "-m", "immediate", "-w", "stop");
                } catch (IOException | InterruptedException | RuntimeException e) {
                    System.err.println("could not stop the " + cluster + " in " + dir + ": " + e);
                }
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(String program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asPostgres) {
            command.addAll(List.of(runuser().orElseThrow().toString(), "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        output(command);
    }

    private static String output(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(Path.of("/tmp").toFile())
                                                     .start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(command + " exited with " + process.exitValue() + ":\n" + text);
        }
        return text;
    }

    private static Optional<Path> binaries() {
        Stream<Path> candidates = Stream.empty();
        String configured = System.getenv("LEDGER_TEST_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            candidates = Stream.of(Path.of(configured));
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                candidates = Stream.concat(candidates, versions.sorted(Comparator.comparing(
                        (Path v) -> v.getFileName().toString().matches("\\d+") ? Integer.parseInt(v.getFileName()
                                .toString()) : 0).reversed()).map(v -> v.resolve("bin")).toList().stream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return candidates.filter(b -> Stream.of("initdb", "pg_ctl", "pg_basebackup", "postgres")
                                            .allMatch(p -> Files.isExecutable(b.resolve(p))))
                         .findFirst();
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Optional<Path> runuser() {
        return Stream.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser").map(Path::of)
                     .filter(Files::isExecutable).findFirst();
    }

    private static boolean postgresUserExists() {
        try {
            Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
