package io.tokenledger.projections.integrity.sealing;

import java.util.List;
import java.util.Optional;

/**
 * Where signed anchors are kept, outside the database: a directory by default; an object store with retention
 * locks or a transparency log can implement it too. Appending must be atomic: an anchor is whole or absent.
 */
public interface AnchorStore {

    void append(Anchor anchor);

    Optional<Anchor> newest();

    /** Every anchor, oldest first. */
    List<Anchor> all();
}
