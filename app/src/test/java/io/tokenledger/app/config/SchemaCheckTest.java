package io.tokenledger.app.config;

import io.tokenledger.app.TokenLedgerApplication;
import io.tokenledger.testdb.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With the migrations run as a job of their own, a node refuses a schema that does not fit it, in one line. */
@ExtendWith(OutputCaptureExtension.class)
class SchemaCheckTest {

    @Test
    void anUnmigratedDatabaseIsRefusedInOneLine(CapturedOutput output) {
        TestDatabase empty = TestDatabase.createEmpty();

        assertThatThrownBy(() -> start(empty)).hasRootCauseInstanceOf(SchemaCheck.SchemaMismatch.class);

        assertThat(output).contains("APPLICATION FAILED TO START")
                          .containsPattern("the database schema is empty and this server needs version [0-9]+\n")
                          .contains("Run the migrations")
                          .doesNotContain("relation \"");
    }

    @Test
    void aSchemaANewerServerMigratedIsRefusedInOneLine(CapturedOutput output) {
        TestDatabase newer = TestDatabase.create();
        new JdbcTemplate(newer.dataSource()).update("""
                INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
                                                   installed_by, execution_time, success)
                VALUES (999, '999', 'from the future', 'SQL', 'V999__from_the_future.sql', 0, 'test', 0, true)""");

        assertThatThrownBy(() -> start(newer)).hasRootCauseInstanceOf(SchemaCheck.SchemaMismatch.class);

        assertThat(output).containsPattern("the database schema is at version 999, newer than this server knows "
                                           + "\\(version [0-9]+\\)\n");
    }

    @Test
    void aMigratedDatabaseStarts() {
        try (ConfigurableApplicationContext started = start(TestDatabase.create())) {
            assertThat(started.isRunning()).isTrue();
        }
    }

    private ConfigurableApplicationContext start(TestDatabase db, String... settings) {
        String[] args = Stream.concat(Stream.of("--spring.datasource.url=" + db.jdbcUrl(), "--server.port=0",
                "--spring.flyway.enabled=false", "--spring.datasource.hikari.maximum-pool-size=4",
                "--ledger.admin-client-id=ops", "--ledger.admin-client-secret=ops-secret-0123",
                "--ledger.seal-key-in-database=true"), Arrays.stream(settings)).toArray(String[]::new);
        return new SpringApplicationBuilder(TokenLedgerApplication.class).run(args);
    }
}
