package io.tokenledger.app.projection;

import io.tokenledger.projections.rebuild.RebuildProgress;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A projection as operators see it.
 *
 * @param position the last ledger position it has processed
 * @param mode     {@code subscribing} (written in the command's transaction, never behind), {@code streaming}, or
 *                 {@code chain} (the hash chain, which accounts for every position)
 * @param lag      how many positions it is behind the event store's head; negative when it stands past it
 * @param rebuild  the latest rebuild on this node, if any
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProjectionStatus(String name, String mode, boolean rebuildable, long position, long head, long lag,
                               String state, RebuildProgress rebuild) {
}
