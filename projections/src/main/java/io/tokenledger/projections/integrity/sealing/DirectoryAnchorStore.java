package io.tokenledger.projections.integrity.sealing;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Anchors as files in a directory, one per anchor, named by the position it anchors so that names sort in order.
 * Each is written whole to a temporary file, forced to disk, then renamed into place and the directory forced: a
 * crash leaves an anchor whole or absent, never torn. A file is never rewritten; an anchor of a position anchored
 * already is not written again.
 */
public final class DirectoryAnchorStore implements AnchorStore {

    private static final String PREFIX = "anchor-";
    private static final String SUFFIX = ".json";

    private final Path directory;
    private final ObjectMapper json = new ObjectMapper();

    public DirectoryAnchorStore(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the anchor directory " + directory, e);
        }
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void append(Anchor anchor) {
        Path target = directory.resolve(name(anchor.position()));
        Path partial = directory.resolve("." + target.getFileName() + ".partial");
        try {
            Files.write(partial, json.writeValueAsBytes(anchor));
            force(partial);
            Files.move(partial, target);
            force(directory);
        } catch (FileAlreadyExistsException e) {
            deleteQuietly(partial);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException("cannot write an anchor to " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Anchor> newest() {
        return names().reduce((a, b) -> b).map(this::read);
    }

    @Override
    public List<Anchor> all() {
        return names().map(this::read).toList();
    }

    private Stream<Path> names() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith(PREFIX)
                                     && f.getFileName().toString().endsWith(SUFFIX)).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the anchor directory " + directory, e);
        }
    }

    private Anchor read(Path file) {
        try {
            return json.readValue(file.toFile(), Anchor.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the anchor " + file + ": " + e.getMessage(), e);
        }
    }

    private static String name(long position) {
        return PREFIX + String.format("%019d", position) + SUFFIX;
    }

    private static void force(Path path) throws IOException {
        StandardOpenOption mode = Files.isDirectory(path) ? StandardOpenOption.READ : StandardOpenOption.WRITE;
        try (FileChannel channel = FileChannel.open(path, mode)) {
            channel.force(true);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A stray partial file is never read: it does not match an anchor's name.
        }
    }
}
