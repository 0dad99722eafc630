package io.tokenledger.app.support;

import io.tokenledger.app.TokenLedgerApplication;
import io.tokenledger.testdb.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.stream.Stream;

/** Whole server nodes in this JVM over one database, as separate machines would run them. */
public final class LedgerNodes {

    public static final String ADMIN_ID = "ops";
    public static final String ADMIN_SECRET = "ops-secret-0123";

    private LedgerNodes() {
    }

    /** @param node its role and a number, such as {@code command-1}, or {@code all-1} for a node of every role */
    public static ConfigurableApplicationContext start(TestDatabase db, String node, String... settings) {
        return start(db.jdbcUrl(), node, settings);
    }

    /** A node over the database at {@code jdbcUrl} (user included), which it migrates. */
    public static ConfigurableApplicationContext start(String jdbcUrl, String node, String... settings) {
        Stream<String> common = Stream.of("--spring.datasource.url=" + jdbcUrl, "--server.port=0",
                "--spring.datasource.hikari.maximum-pool-size=5", "--ledger.admin-client-id=" + ADMIN_ID,
                "--ledger.admin-client-secret=" + ADMIN_SECRET, "--ledger.role=" + node.substring(0, node.indexOf('-')),
                "--ledger.node-id=" + node);
        return new SpringApplicationBuilder(TokenLedgerApplication.class)
                .run(Stream.concat(common, Stream.of(settings)).toArray(String[]::new));
    }

    public static LedgerClient client(ConfigurableApplicationContext node) {
        return LedgerClient.of(node);
    }

    public static String adminToken(LedgerClient node) {
        return node.accessToken(LedgerClient.basic(ADMIN_ID, ADMIN_SECRET), "ledger:admin");
    }
}
