package io.tokenledger.app.user;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.events.Actor;
import io.tokenledger.events.user.ChangeUserRoles;
import io.tokenledger.events.user.UserRole;
import io.tokenledger.query.user.UserAccount;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Gives users the roles that let their tokens open the ledger's own APIs ({@link UserRole}). */
@Component
public class UserRoles {

    private final CommandGateway commands;
    private final Clock clock;

    public UserRoles(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    /** Sets exactly these roles, named as the API and the CLI name them ({@code auditor}, {@code admin}). */
    public Roles set(UserAccount user, Collection<String> names, Actor actor) {
        Set<UserRole> roles = parse(names);
        if (user.disabled() && !user.roles().containsAll(roles)) {
            throw OAuth2Exception.invalidRequest("a disabled account gains no roles");
        }
        boolean changed = commands.sendAndWait(new ChangeUserRoles(user.userId(), roles, clock.instant(), actor));
        return new Roles(user.userId(), names(roles), changed);
    }

    /** A role as the API names it. */
    public static String name(UserRole role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    public static List<String> names(Collection<UserRole> roles) {
        return roles.stream().sorted().map(UserRoles::name).toList();
    }

    private static Set<UserRole> parse(Collection<String> names) {
        if (names == null) {
            throw OAuth2Exception.invalidRequest("roles is required: a list of auditor and admin, or empty for none");
        }
        Set<UserRole> roles = EnumSet.noneOf(UserRole.class);
        for (String name : names) {
            roles.add(parse(name));
        }
        return roles;
    }

    private static UserRole parse(String name) {
        for (UserRole role : UserRole.values()) {
            if (name(role).equals(name)) {
                return role;
            }
        }
        throw OAuth2Exception.invalidRequest("unknown role; the roles are auditor and admin");
    }

    /** @param changed false when the user already held exactly these roles: nothing was recorded */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Roles(String userId, List<String> roles, boolean changed) {
    }
}
