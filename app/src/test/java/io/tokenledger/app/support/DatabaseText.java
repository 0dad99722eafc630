package io.tokenledger.app.support;

import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What a {@code pg_dump} would show: every row of every table of the ledger's schema, bytea included, rendered as
 * text. For tests that prove a value is stored nowhere in plaintext.
 */
public final class DatabaseText {

    private DatabaseText() {
    }

    /** The tables of the public schema that hold this text anywhere in a row. */
    public static List<String> tablesHolding(JdbcTemplate jdbc, String text) {
        return jdbc.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
                String.class).stream().filter(table -> occurrences(jdbc, table, text) > 0).toList();
    }

    /** Searches the row as text (bytea shows as hex there), and the raw bytes of every bytea column. */
    public static long occurrences(JdbcTemplate jdbc, String table, String text) {
        String hex = HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
        List<String> conditions = new ArrayList<>(List.of("t::text LIKE '%' || ? || '%'",
                "t::text LIKE '%' || ? || '%'"));
        List<Object> args = new ArrayList<>(List.of(text, hex));
        for (String column : jdbc.queryForList("""
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name = ? AND data_type = 'bytea'""", String.class, table)) {
            conditions.add("position(convert_to(?, 'UTF8') IN t." + column + ") > 0");
            args.add(text);
        }
        return jdbc.queryForObject("SELECT count(*) FROM " + table + " t WHERE " + String.join(" OR ", conditions),
                Long.class, args.toArray());
    }
}
