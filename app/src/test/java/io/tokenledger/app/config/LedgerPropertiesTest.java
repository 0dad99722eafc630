package io.tokenledger.app.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings a server must refuse to start with, rather than serve against the RFCs. */
class LedgerPropertiesTest {

    /** RFC 6749 §4.1.2: "A maximum authorization code lifetime of 10 minutes is RECOMMENDED". */
    @Test
    void aCodeLifetimeAboveTenMinutesIsRefused() {
        assertThatThrownBy(() -> withCodeTtl(Duration.ofMinutes(10).plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ledger.code-ttl must be at most 10 minutes");
        assertThat(withCodeTtl(Duration.ofMinutes(10)).codeTtl()).isEqualTo(Duration.ofMinutes(10));
    }

    /** Issue 18, item 6: an operator-chosen admin secret has a least strength. */
    @Test
    void anAdminSecretShorterThanTwelveCharactersIsRefused_OWASPASVSV2_1_1() {
        assertThatThrownBy(() -> new LedgerProperties(null, null, "ops", "s3cret", null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ledger.admin-client-secret must be at least 12 characters");
        assertThat(new LedgerProperties(null, null, "ops", "twelve-chars", null, null, null, null, null, null)
                .adminClientSecret()).isEqualTo("twelve-chars");
    }

    private static LedgerProperties withCodeTtl(Duration codeTtl) {
        return new LedgerProperties(null, null, null, null, null, codeTtl, null, null, null, null);
    }
}
