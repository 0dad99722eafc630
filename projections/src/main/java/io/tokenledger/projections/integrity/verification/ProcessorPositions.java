package io.tokenledger.projections.integrity.verification;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.LinkedHashMap;
import java.util.Map;

/** How far each streaming processor has read: the furthest position any of its segments' tokens names. */
public final class ProcessorPositions {

    private ProcessorPositions() {
    }

    public static Map<String, Long> of(JdbcTemplate jdbc) {
        Map<String, Long> positions = new LinkedHashMap<>();
        jdbc.query("""
                SELECT processor_name, max((convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint) AS position
                FROM token_entry WHERE token IS NOT NULL GROUP BY processor_name ORDER BY 1""", rs -> {
            positions.put(rs.getString("processor_name"), rs.getLong("position"));
        });
        return positions;
    }
}
