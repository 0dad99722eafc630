package io.tokenledger.app.config;

import io.tokenledger.testdb.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 6: the server warns loudly when the database would not keep what it acknowledges. */
@ExtendWith(OutputCaptureExtension.class)
class DurabilityCheckTest {

    @Test
    void fsyncOffIsNamedWithWhatToDo() {
        assertThat(DurabilityCheck.warnings(Map.of("fsync", "off", "synchronous_commit", "on",
                "full_page_writes", "on")))
                .containsExactly("the database runs with fsync=off: a change acknowledged to a client can be lost "
                        + "in a crash. Set fsync=on for production.");
        assertThat(DurabilityCheck.warnings(Map.of("fsync", "on", "synchronous_commit", "on",
                "full_page_writes", "on"))).isEmpty();
    }

    @Test
    void asynchronousCommitOnTheRealDatabaseIsWarnedAboutAtStartUp(CapturedOutput output) {
        JdbcTemplate jdbc = freshConnections("synchronous_commit = off");

        new DurabilityCheck(jdbc).check();

        assertThat(output.getOut()).contains("DURABILITY AT RISK: the database runs with synchronous_commit=off");
    }

    @Test
    void aCommitDeadlineTooCloseToTheGapTimeoutStopsTheServer() {
        JdbcTemplate jdbc = freshConnections("ledger.event_commit_deadline = '30 s'");

        assertThatThrownBy(() -> new DurabilityCheck(jdbc).check()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ledger.event_commit_deadline is PT30S; it must stay at most PT20S");
    }

    /** Database-level settings apply to connections opened after them, so these are new ones. */
    private static JdbcTemplate freshConnections(String setting) {
        TestDatabase db = TestDatabase.create();
        new JdbcTemplate(db.dataSource()).execute("ALTER DATABASE \"" + db.name() + "\" SET " + setting);
        return new JdbcTemplate(new DriverManagerDataSource(db.jdbcUrl()));
    }
}
