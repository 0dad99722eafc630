package io.tokenledger.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A component of an event that a person could be recognised by (a username, an email, a name). The ledger stores it
 * encrypted under the key of the person the event names in its {@code userId}, and destroys that key when the person
 * is erased (issue 25): the stored value is then {@code enc:v1:user:<id>:…}, readable only while the key lives, and
 * reads as {@link PersonalFields#ERASED} after. Its JSON shape is unchanged: a string.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Personal {
}
