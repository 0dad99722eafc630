package io.tokenledger.projections.rebuild;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.stream.Collectors;

/** Makes a live table equal to its rebuilt shadow by touching only the rows that differ. */
final class TableDiff {

    private TableDiff() {
    }

    /** Answers {changed, removed, added}. */
    static long[] apply(JdbcTemplate jdbc, String table, String key) {
        List<String> columns = jdbc.queryForList("""
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name = ? ORDER BY ordinal_position""", String.class, table);
        String live = "public." + table;
        String rebuilt = "ledger_rebuild." + table;
        String list = String.join(", ", columns);
        String fromShadow = columns.stream().map(c -> "r." + c).collect(Collectors.joining(", "));
        long changed = jdbc.update("UPDATE " + live + " p SET (" + list + ") = ROW(" + fromShadow + ") FROM " + rebuilt
                + " r WHERE p." + key + " = r." + key + " AND ROW(p.*) IS DISTINCT FROM ROW(r.*)");
        long removed = jdbc.update("DELETE FROM " + live + " p WHERE NOT EXISTS (SELECT 1 FROM " + rebuilt
                + " r WHERE r." + key + " = p." + key + ")");
        long added = jdbc.update("INSERT INTO " + live + " (" + list + ") SELECT " + fromShadow + " FROM " + rebuilt
                + " r WHERE NOT EXISTS (SELECT 1 FROM " + live + " p WHERE p." + key + " = r." + key + ")");
        return new long[]{changed, removed, added};
    }
}
