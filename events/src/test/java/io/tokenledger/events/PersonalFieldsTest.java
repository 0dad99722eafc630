package io.tokenledger.events;

import io.tokenledger.events.token.TokenIssued;
import io.tokenledger.events.user.UserErased;
import io.tokenledger.events.user.UserProfileUpdated;
import io.tokenledger.events.user.UserRegistered;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalFieldsTest {

    @Test
    void theComponentsAPersonCouldBeRecognisedByArePersonal() {
        assertThat(PersonalFields.of(UserRegistered.class)).containsExactly("username", "email");
        assertThat(PersonalFields.of(UserProfileUpdated.class.getName())).containsExactly("name");
    }

    /** The user id stays readable: it is what keeps an erased person's activity countable. */
    @Test
    void idsAndTheErasuresOwnRecordAreNot() {
        assertThat(PersonalFields.of(TokenIssued.class)).isEmpty();
        assertThat(PersonalFields.of(UserErased.class)).isEmpty();
        assertThat(PersonalFields.of("io.tokenledger.events.NoSuchEvent")).isEmpty();
        assertThat(PersonalFields.of((String) null)).isEmpty();
    }

    /** Personal data is encrypted under the key of the person the event names: an event must name one. */
    @Test
    void personalDataInAnEventThatNamesNoPersonIsRefused() {
        assertThatThrownBy(() -> PersonalFields.of(Anonymous.class)).isInstanceOf(IllegalStateException.class)
                                                                      .hasMessageContaining("names no userId");
    }

    record Anonymous(String clientId, @Personal String note) {
    }
}
