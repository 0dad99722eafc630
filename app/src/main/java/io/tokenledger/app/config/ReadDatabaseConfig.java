package io.tokenledger.app.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.tokenledger.query.ReadDatabase;
import io.tokenledger.query.token.TokenLookup;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * What the query surfaces read ({@link ReadDatabase}): the streaming replica of {@code LEDGER_READ_DATASOURCE_URL}, or
 * the primary. Everything else stays on the primary, the auto-configured and only default {@link DataSource}: command
 * handling and its reads, the event store, the processors' claims and writes, the chain, the cache's {@code LISTEN}.
 * The beans here are not default candidates, so nothing gets them without asking by name.
 */
@Configuration(proxyBeanMethods = false)
public class ReadDatabaseConfig {

    @Bean(destroyMethod = "close")
    public ReadReplica readReplica(ReadDatasourceProperties settings, LedgerProperties ledger, DataSource primary,
                                   MeterRegistry meters) throws SQLException {
        return ReadReplica.of(settings, ledger.role(), primary, meters);
    }

    @Bean(defaultCandidate = false)
    @ReadDatabase
    public JdbcTemplate readJdbcTemplate(JdbcTemplate primary, ReadReplica replica) {
        return replica.dataSource().map(JdbcTemplate::new).orElse(primary);
    }

    /** Introspection's lookups, and the ledger API's of a token by its value. */
    @Bean(defaultCandidate = false)
    @ReadDatabase
    public TokenLookup readTokenLookup(TokenLookup primary, @ReadDatabase JdbcTemplate reads, ReadReplica replica,
                                       ReadDatasourceProperties settings) {
        boolean fromReplica = replica.dataSource().isPresent()
                && settings.introspection() == ReadDatasourceProperties.Reads.REPLICA;
        return fromReplica ? TokenLookup.replicaFirst(reads, primary) : primary;
    }
}
