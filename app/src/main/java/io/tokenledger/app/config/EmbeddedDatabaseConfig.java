package io.tokenledger.app.config;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * With no {@code SPRING_DATASOURCE_URL}, the server runs on an embedded PostgreSQL (real PostgreSQL binaries
 * from Maven Central) whose data survives restarts in {@code ledger.data-dir}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedDatabaseConfig {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfig.class);

    @Bean(destroyMethod = "close")
    public EmbeddedPostgres embeddedPostgres(LedgerProperties ledger) throws IOException {
        Path dataDir = ledger.dataDir().toAbsolutePath().normalize();
        Files.createDirectories(dataDir);
        log.warn("No database configured (SPRING_DATASOURCE_URL is not set): starting the embedded PostgreSQL "
                + "with its data in {}. Set SPRING_DATASOURCE_URL for production.", dataDir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                                                    .setDataDirectory(dataDir.resolve("pgdata"))
                                                    .setCleanDataDirectory(false)
                                                    // The embedded defaults turn both off, for tests; a ledger
                                                    // acknowledges nothing before it is on disk.
                                                    .setServerConfig("synchronous_commit", "on")
                                                    .setServerConfig("fsync", "on")
                                                    // Its own JVM shutdown hook ran beside Spring's and stopped
                                                    // the database under the processors still writing; the
                                                    // context closes it last, after them.
                                                    .setRegisterShutdownHook(false)
                                                    .start();
        log.info("Embedded PostgreSQL is listening on {}", postgres.getJdbcUrl("postgres", "postgres"));
        return postgres;
    }

    /** Pool settings come from {@code spring.datasource.hikari.*}, as for a configured database. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    public HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        return dataSource;
    }
}
