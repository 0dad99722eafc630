package io.tokenledger.projections.ledger;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The result of recomputing the seals and the chain.
 *
 * @param status          {@code OK}, or what was found first: {@code ALTERED}, {@code DELETED}, {@code INSERTED}
 *                        (an event that did not come through the ledger) or {@code CHAIN_BROKEN}
 * @param position        the ledger position of the first problem, or null when OK
 * @param chainLength     how many events the chain holds
 * @param headPosition    the ledger position of the last chained event
 * @param headDigest      the chain's head digest (hex): export and sign it to prove this history later
 * @param pending         sealed events not chained yet (the chain processor is behind)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Verification(String status, Long position, String detail, long chainLength, Long headPosition,
                           String headDigest, long pending) {

    public boolean ok() {
        return "OK".equals(status);
    }
}
