package io.tokenledger.projections.integrity.verification;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.Map;

/**
 * What an export says of the ledger beside its events and links ({@code ledger.json}): its id, the highest position
 * it had handed out, where each streaming processor stood, and how much was exported.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ExportManifest(String ledgerId, long positionBound, Map<String, Long> processors, String exportedAt,
                             long events, long chainRows, String anchorKey) {
}
