package io.tokenledger.migrations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The seed document's example queries, verbatim, kept in {@code seed-queries/*.sql}: the read tables must answer
 * them unchanged, so tests and the {@code stats} command run these very texts.
 */
public final class SeedQueries {

    public static final String CHECK_ACTIVE_CLIENTS = "check-active-clients";
    public static final String CHECK_ACTIVE_TOKENS = "check-active-tokens";
    public static final String TOKEN_STATISTICS = "token-statistics";
    public static final String RECENT_AUTHORIZATION_CODES = "recent-authorization-codes";
    public static final String USER_REGISTRATION_STATS = "user-registration-stats";

    private SeedQueries() {
    }

    public static String sql(String name) {
        try (InputStream in = SeedQueries.class.getResourceAsStream("/seed-queries/" + name + ".sql")) {
            if (in == null) {
                throw new IllegalArgumentException("no seed query named " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
