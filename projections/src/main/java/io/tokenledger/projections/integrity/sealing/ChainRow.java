package io.tokenledger.projections.integrity.sealing;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.io.ByteArrayOutputStream;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One row of {@code ledger_chain} (V17): the links of positions {@code first..last} in order, one kind byte and one
 * 8-byte tag each, the end of each empty range, the whole keyed digest of the last link and the public one after it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChainRow(long firstPosition, long lastPosition, byte[] kinds, long[] emptyEnds, byte[] tags,
                       byte[] digest, byte[] publicDigest, String keyId) {

    public static final String COLUMNS =
            "first_position, last_position, kinds, empty_ends, tags, digest, public_digest, key_id";

    public static ChainRow of(ResultSet rs) throws SQLException {
        Array ends = rs.getArray("empty_ends");
        long[] emptyEnds = Arrays.stream((Long[]) ends.getArray()).mapToLong(Long::longValue).toArray();
        return new ChainRow(rs.getLong("first_position"), rs.getLong("last_position"), rs.getBytes("kinds"),
                emptyEnds, rs.getBytes("tags"), rs.getBytes("digest"), rs.getBytes("public_digest"),
                rs.getString("key_id"));
    }

    /** The row's links in order: each one's kind, the positions it covers and its stored tag. */
    public List<Span> spans() {
        List<Span> spans = new ArrayList<>(kinds.length);
        long from = firstPosition;
        int empties = 0;
        for (int i = 0; i < kinds.length; i++) {
            ChainLink.Kind kind = ChainLink.Kind.of(kinds[i]);
            long to = kind == ChainLink.Kind.EMPTY ? emptyEnds[empties++] : from;
            spans.add(new Span(kind, from, to, Arrays.copyOfRange(tags, i * 8, i * 8 + 8)));
            from = to + 1;
        }
        return spans;
    }

    /** How many links of this row are events or unsealed rows: what the chain holds of the event table. */
    public long rowLinks() {
        long rows = 0;
        for (byte kind : kinds) {
            rows += kind == ChainLink.Kind.EMPTY.code ? 0 : 1;
        }
        return rows;
    }

    public record Span(ChainLink.Kind kind, long from, long to, byte[] tag) {
    }

    /** Collects one row's links as the chain makes them. */
    public static final class Builder {

        private final String keyId;
        private final ByteArrayOutputStream kinds = new ByteArrayOutputStream();
        private final ByteArrayOutputStream tags = new ByteArrayOutputStream();
        private final List<Long> emptyEnds = new ArrayList<>();
        private long first = -1;
        private long last;
        private byte[] digest;
        private byte[] publicDigest;

        public Builder(String keyId) {
            this.keyId = keyId;
        }

        public void add(ChainLink link, byte[] keyed, byte[] open) {
            if (first < 0) {
                first = link.from();
            }
            kinds.write(link.kind().code);
            tags.writeBytes(Seals.tag(keyed));
            if (link.kind() == ChainLink.Kind.EMPTY) {
                emptyEnds.add(link.to());
            }
            last = link.to();
            digest = keyed;
            publicDigest = open;
        }

        public boolean isEmpty() {
            return first < 0;
        }

        public ChainRow build() {
            return new ChainRow(first, last, kinds.toByteArray(),
                    emptyEnds.stream().mapToLong(Long::longValue).toArray(), tags.toByteArray(), digest, publicDigest,
                    keyId);
        }
    }
}
