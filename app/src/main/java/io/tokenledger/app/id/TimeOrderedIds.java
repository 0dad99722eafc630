package io.tokenledger.app.id;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import org.axonframework.common.IdentifierFactory;

/**
 * Identifiers that sort by creation time: UUID version 7 (RFC 9562), 48 bits of milliseconds then 74 random bits.
 * They are index keys (token, client, user and grant ids, which are aggregate ids, and, registered with Axon through
 * {@code META-INF/services}, every event's id): a random key lands on any page of a B-tree and splits it half empty,
 * a time-ordered one lands on the last page, which fills before it splits. None of them is a secret: token values
 * are separate 256-bit random strings, and a token's issue time is in its introspection anyway.
 */
public final class TimeOrderedIds extends IdentifierFactory {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    public static String next() {
        return GENERATOR.generate().toString();
    }

    @Override
    public String generateIdentifier() {
        return next();
    }
}
