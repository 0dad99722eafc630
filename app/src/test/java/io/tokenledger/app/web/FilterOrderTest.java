package io.tokenledger.app.web;

import io.tokenledger.app.support.LedgerIntegrationTest;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The servlet filters run in the order {@link FilterOrder} gives, and what that order promises holds. */
@TestPropertySource(properties = "ledger.access-log=true")
class FilterOrderTest extends LedgerIntegrationTest {

    @Autowired
    private List<Filter> filters;

    @Test
    void theLedgersFiltersRunInTheOrderFilterOrderGives() {
        List<Filter> sorted = new ArrayList<>(filters);
        sorted.sort(AnnotationAwareOrderComparator.INSTANCE);

        assertThat(sorted.stream().map(filter -> filter.getClass().getSimpleName())
                         .filter(name -> List.of("RequestIdFilter", "AccessLogFilter", "RequestSizeLimitFilter",
                                 "RoleFilter", "DatabaseUnavailableFilter", "WildcardContentTypeFilter",
                                 "ProtocolEndpointFilter").contains(name)))
                .containsExactly("RequestIdFilter", "AccessLogFilter", "RequestSizeLimitFilter", "RoleFilter",
                        "DatabaseUnavailableFilter", "WildcardContentTypeFilter", "ProtocolEndpointFilter");
    }

    @Test
    void aBodyRefusedForItsSizeStillCarriesTheRequestId() {
        HttpResponse<String> refused = ledger.form("/oauth2/token", "grant_type=client_credentials&pad="
                + "x".repeat(70_000));

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("X-Request-Id")).isPresent();
    }
}
