package io.tokenledger.query;

import org.springframework.beans.factory.annotation.Qualifier;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The database the query surfaces read (introspection, the ledger API): a PostgreSQL streaming replica when
 * {@code LEDGER_READ_DATASOURCE_URL} names one, else the primary. What is read here may be behind the primary by the
 * replica's replay lag (docs/operations.md, "A query node on a streaming replica"), so what decides a command, or
 * must see a change the moment it is acknowledged, reads the primary: the unqualified beans.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface ReadDatabase {
}
