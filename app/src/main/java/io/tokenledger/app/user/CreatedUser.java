package io.tokenledger.app.user;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** The answer to {@code POST /admin/users}: never the password, nor its hash. */
public record CreatedUser(@JsonProperty("user_id") String userId, String username, String email,
                          @JsonProperty("created_at") Instant createdAt) {
}
