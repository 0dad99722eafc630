package io.tokenledger.app.audit;

import io.tokenledger.app.support.CodeFlowTestBase;
import io.tokenledger.app.support.LedgerClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analysts' counting views count the events, so retention pruning {@code tokens} leaves their numbers as they
 * were; and those numbers are what the same counts over {@code tokens} gave before it was pruned.
 */
class CountingViewsTest extends CodeFlowTestBase {

    /** V6's definitions, over the read table. */
    private static final String ISSUED_FROM_TOKENS = """
            SELECT client_id, DATE(created_at) AS day, grant_type, COUNT(*) AS issued FROM tokens
            GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""";
    private static final String REVOKED_FROM_TOKENS = """
            SELECT revocation_reason AS reason, DATE(revoked_at) AS day, COUNT(*) AS revoked FROM tokens
            WHERE revoked_at IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2""";
    private static final String ISSUED = "SELECT * FROM tokens_per_client_per_day ORDER BY 1, 2, 3";
    private static final String REVOKED = "SELECT * FROM revocations_by_reason ORDER BY 1, 2";

    /** Every way a token is issued and revoked: each grant type, a retry superseding, a replay, a revoked grant. */
    @BeforeAll
    void everyKindOfIssueAndRevocation() {
        var billing = LedgerClient.basic(ledger.register(adminToken(), "read"));
        ledger.revoke(billing, ledger.accessToken(billing, "read"));
        ledger.accessToken(billing, "read");

        everyWayOfTheCodeFlow();
        awaitAuditLogCaughtUp();
    }

    @Test
    void theCountsComeFromTheEventsAndOutliveRetention() {
        List<Map<String, Object>> issued = jdbc.queryForList(ISSUED);
        List<Map<String, Object>> revoked = jdbc.queryForList(REVOKED);
        assertThat(issued).as("issued, as tokens counted them").isEqualTo(jdbc.queryForList(ISSUED_FROM_TOKENS));
        assertThat(revoked).as("revoked, as tokens counted them").isEqualTo(jdbc.queryForList(REVOKED_FROM_TOKENS));
        assertThat(revoked).extracting(row -> row.get("reason")).contains("REVOKED_BY_CLIENT",
                "GRANT_REVOKED_BY_CLIENT", "SUPERSEDED", "CODE_REPLAYED");

        jdbc.update("DELETE FROM tokens");

        assertThat(jdbc.queryForList(ISSUED)).isEqualTo(issued);
        assertThat(jdbc.queryForList(REVOKED)).isEqualTo(revoked);
    }
}
