package io.tokenledger.query.grant;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Finds the grant an authorization code belongs to, by the code's hash. */
@Component
public class CodeLookup {

    private final JdbcTemplate jdbc;

    public CodeLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> grantIdForCode(String codeHash) {
        return jdbc.queryForList("SELECT grant_id::text FROM authorization_codes WHERE code = ?", String.class, codeHash)
                   .stream().findFirst();
    }
}
