package io.tokenledger.app.cli;

import io.tokenledger.app.config.EmbeddedDatabaseConfig;
import io.tokenledger.app.config.LedgerProperties;
import io.tokenledger.app.config.SchemaCheck;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * The context of a command that needs only the database: the configured one (or the embedded default), migrated or
 * checked as the server would do it, a {@code JdbcTemplate} and the JSON settings; no Axon, no processors, no seals.
 * It starts in about a second where the server's takes five. Not a {@code @Configuration}: the server's component
 * scan must not find it.
 */
@ImportAutoConfiguration({DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
        FlywayAutoConfiguration.class, JacksonAutoConfiguration.class})
@Import({EmbeddedDatabaseConfig.class, SchemaCheck.class})
@EnableConfigurationProperties(LedgerProperties.class)
class DatabaseOnly {
}
