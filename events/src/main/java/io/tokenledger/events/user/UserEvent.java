package io.tokenledger.events.user;

/** What can happen to a user account. */
public sealed interface UserEvent permits UserRegistered, UserDisabled, UserProfileUpdated, UserRolesChanged,
        UserPasswordReset, UserErased {

    String userId();
}
