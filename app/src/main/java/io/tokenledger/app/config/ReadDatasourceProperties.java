package io.tokenledger.app.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code ledger.read-datasource.*} settings ({@code LEDGER_READ_DATASOURCE_*}): a PostgreSQL streaming replica the
 * query surfaces read from (docs/operations.md, "A query node on a streaming replica").
 *
 * @param url           a JDBC URL of a hot standby of the primary; unset, everything reads the primary
 * @param username      its user; the primary's when not set
 * @param password      its password; the primary's when not set
 * @param introspection where introspection and the ledger API's lookup of a token by its value read: the
 *                      {@code replica} (the default), or the {@code primary}, which sees a revocation the moment it
 *                      is acknowledged and leaves the replica the ledger API's histories, states and audit log
 */
@ConfigurationProperties("ledger.read-datasource")
public record ReadDatasourceProperties(String url, String username, String password, Reads introspection) {

    public enum Reads {
        REPLICA,
        PRIMARY
    }

    public ReadDatasourceProperties {
        url = url == null || url.isBlank() ? null : url.strip();
        if (url != null && !url.startsWith("jdbc:postgresql:")) {
            // Said without the URL, whose parameters may hold a password.
            throw new IllegalArgumentException("ledger.read-datasource.url must be a jdbc:postgresql: URL of a hot "
                    + "standby of the primary");
        }
        introspection = introspection == null ? Reads.REPLICA : introspection;
    }

    public boolean configured() {
        return url != null;
    }
}
