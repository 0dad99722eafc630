package io.tokenledger.app.authorize;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Exact matching, with a loopback IP redirect's port left free (RFC 8252 §7.3) and nothing else. */
class RedirectUriMatchTest {

    @ParameterizedTest(name = "{0} against {1}: {2}")
    @CsvSource({
            "https://app.example/cb,        https://app.example/cb,          true",
            "https://app.example/cb,        https://app.example:8443/cb,     false",
            "https://app.example/cb,        https://app.example/cb/,         false",
            "http://127.0.0.1:9876/cb,      http://127.0.0.1:51234/cb,       true",
            "http://127.0.0.1/cb,           http://127.0.0.1:51234/cb,       true",
            "http://[::1]:9876/cb,          http://[::1]:40000/cb,           true",
            "http://127.0.0.1:9876/cb,      http://127.0.0.1:51234/other,    false",
            "http://127.0.0.1:9876/cb?a=1,  http://127.0.0.1:51234/cb?a=2,   false",
            "http://127.0.0.1:9876/cb,      http://127.0.0.2:9876/cb,        false",
            "http://127.0.0.1:9876/cb,      http://[::1]:9876/cb,            false",
            "http://127.0.0.1:9876/cb,      http://u@127.0.0.1:9876/cb,      false",
            "http://localhost:9876/cb,      http://localhost:51234/cb,       false",
            "http://localhost:9876/cb,      http://localhost:9876/cb,        true"})
    void matchesExactlyButALoopbackIpsPort_RFC8252Section7_3(String registered, String presented, boolean matches) {
        assertThat(RedirectUriMatch.registered(List.of(registered), presented)).isEqualTo(matches);
    }
}
