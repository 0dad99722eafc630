package io.tokenledger.events.projection;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Someone had a read table rebuilt from the events: an administrator through the admin API or the console, or an
 * operator at the command line. Recorded before the rebuild starts, so the ledger says who replaced a table's rows.
 *
 * @param projection the read table's projection, as {@code GET /admin/projections} names it
 */
@Revision("1")
public record ProjectionRebuildRequested(String projection, Instant requestedAt, Actor actor) {
}
