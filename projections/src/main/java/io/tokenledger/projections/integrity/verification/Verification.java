package io.tokenledger.projections.integrity.verification;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tokenledger.projections.integrity.sealing.Anchor;

/**
 * The result of recomputing the seals and the chain.
 *
 * @param status       {@code OK}, or what was found first: {@code ALTERED}, {@code DELETED}, {@code INSERTED} (a row
 *                     that did not come through the ledger), {@code CHAIN_BROKEN}, {@code TRUNCATED} (the chain no
 *                     longer reaches the newest anchor), {@code SEQUENCE_GAP} (a stream's sequence is not 0, 1, 2 ...),
 *                     {@code PROCESSOR_AHEAD} (a processor stands past the event table's head) or {@code STALLED}
 *                     (events have waited for the chain longer than it may take)
 * @param position     the ledger position of the first problem, or null when OK
 * @param chainLength  how many event rows the chain links
 * @param headPosition the last position the chain accounts for
 * @param headDigest   the keyed digest of the chain's last link (hex)
 * @param publicDigest the public digest after the chain's last link (hex): what an anchor carries
 * @param pending      event rows not linked yet
 * @param anchor       the newest anchor verification compared the chain with, or null when there is none
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Verification(String status, Long position, String detail, long chainLength, Long headPosition,
                           String headDigest, String publicDigest, long pending, Anchor anchor) {

    public boolean ok() {
        return "OK".equals(status);
    }
}
